#include <fstream>
#include <sstream>

#include "load/embedded.hpp"
#include "load/load.hpp"

namespace visie::load {

model::Templates load_templates(const std::optional<std::filesystem::path>& override_dir,
                                core::Diagnostics& diags) {
  namespace fs = std::filesystem;
  model::Templates templates;
  for (const auto& file : embedded_templates()) {
    templates.files[std::string(file.path)] = {std::string(file.bytes),
                                               "embedded:" + std::string(file.path)};
  }
  if (!override_dir) return templates;
  std::error_code ec;
  if (!fs::is_directory(*override_dir, ec)) {
    diags.error({override_dir->generic_string(), 0, 0}, "templates folder not found");
    return templates;
  }
  // Only files that replace a default are read: a template the generator
  // does not know would never be used, which is worth saying.
  for (const auto& entry : fs::recursive_directory_iterator(*override_dir, ec)) {
    if (!entry.is_regular_file()) continue;
    const auto rel = entry.path().lexically_relative(*override_dir).generic_string();
    const auto shown = entry.path().lexically_normal().generic_string();
    if (templates.find(rel) == nullptr) {
      if (!fs::path(rel).filename().string().starts_with('.')) {
        diags.warning({shown, 0, 0}, "not a template visie uses; ignored");
      }
      continue;
    }
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    templates.files[rel] = {std::move(text).str(), shown};
  }
  if (ec) diags.error({override_dir->generic_string(), 0, 0}, "cannot read: " + ec.message());
  return templates;
}

}  // namespace visie::load
