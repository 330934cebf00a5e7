#include <fstream>
#include <sstream>

#include "load/embedded.hpp"
#include "load/json.hpp"
#include "load/load.hpp"

namespace visie::load {

namespace {

/// The texts of UI strings file `file` (`i18n/<language>.json`): a JSON
/// object of texts. Every problem is reported at its line and column.
std::map<std::string, std::string> read_ui_strings(const model::TemplateFile& file,
                                                   core::Diagnostics& diags) {
  std::map<std::string, std::string> out;
  const auto doc = parse_json(file.origin, file.text, diags);
  if (!doc) return out;
  if (!doc->root().is_object()) {
    diags.error(doc->loc(""), "UI strings must be a JSON object of texts");
    return out;
  }
  for (const auto& [key, value] : doc->root().items()) {
    if (value.is_string()) {
      out.emplace(key, value.get<std::string>());
    } else {
      diags.error(doc->loc(child_pointer("", key)),
                  "UI string \"" + key + "\" must be a text (a JSON string)");
    }
  }
  return out;
}

/// Parses every `i18n/<language>.json` of `templates` into its ui_strings.
void parse_ui_strings(model::Templates& templates, core::Diagnostics& diags) {
  for (const auto& [path, file] : templates.files) {
    if (!path.starts_with("i18n/") || !path.ends_with(".json")) continue;
    const auto language = path.substr(5, path.size() - 10);
    templates.ui_strings[language] = read_ui_strings(file, diags);
  }
}

}  // namespace

model::Templates load_templates(const std::optional<std::filesystem::path>& override_dir,
                                core::Diagnostics& diags) {
  namespace fs = std::filesystem;
  model::Templates templates;
  for (const auto& file : embedded_templates()) {
    templates.files[std::string(file.path)] = {std::string(file.bytes),
                                               "embedded:" + std::string(file.path)};
  }
  if (!override_dir) {
    parse_ui_strings(templates, diags);
    return templates;
  }
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
  parse_ui_strings(templates, diags);
  return templates;
}

}  // namespace visie::load
