// `visie new DIR`: a starter project that builds at once.
#include <ostream>

#include "app/detail/command.hpp"
#include "load/embedded.hpp"

namespace visie::app {

int new_project(const std::filesystem::path& dir, const Options& options, std::ostream& err) {
  model::FileMap files;
  for (const auto& file : load::embedded_scaffold()) {
    files[std::string(file.path)] = std::string(file.bytes);
  }
  // The templates are the project's own to restyle; the starter's
  // visie.json points every command at them (`defaults`).
  for (const auto& file : load::embedded_templates()) {
    files["templates/" + std::string(file.path)] = std::string(file.bytes);
  }
  // The schemas the starter's "$schema" keys point at, for editors.
  for (const auto& file : load::embedded_schemas()) {
    files["schemas/" + std::string(file.path)] = std::string(file.bytes);
  }
  core::Diagnostics diags;
  if (!emit::write_project(files, dir, diags)) return finish(diags, err);
  if (!options.quiet) {
    const auto shown = dir.generic_string();
    err << "created " << shown << ": " << files.size() << " files\n"
        << "next:\n"
        << "  cd " << shown << "\n"
        << "  visie serve   # preview while you write\n"
        << "  visie check   # before you publish\n";
  }
  return ok;
}

}  // namespace visie::app
