// What the commands of app share: the driver's options, the closing report
// and folder locks.
#include "app/detail/command.hpp"

#include <ostream>

#include "core/text.hpp"
#include "load/load.hpp"

namespace visie::app {

std::string command_hint(const Options& options, const std::string& subcommand) {
  const Options defaults;
  std::string hint = "visie " + subcommand;
  if (options.content != defaults.content) {
    hint += " --content " + core::shell_quoted(options.content.generic_string());
  }
  if (options.templates && !options.templates_from_project) {
    hint += " --templates " + core::shell_quoted(options.templates->generic_string());
  }
  if (subcommand.starts_with("build") && !options.out_from_project && options.out != defaults.out) {
    hint += " --out " + core::shell_quoted(options.out.generic_string());
  }
  return hint;
}

void apply_project_defaults(Options& options, const GivenFlags& given) {
  const auto defaults = load::read_project_defaults(options.content);
  if (!options.templates && !defaults.templates.empty()) {
    options.templates = (options.content / defaults.templates).lexically_normal();
    options.templates_from_project = true;
  }
  if (!given.out && !defaults.out.empty()) {
    options.out = (options.content / defaults.out).lexically_normal();
    options.out_from_project = true;
  }
  if (!given.pdf && defaults.pdf) options.pdf = *defaults.pdf;
}

build::Options driver_options(const Options& options) {
  build::Options driver;
  driver.content = options.content;
  driver.templates = options.templates;
  driver.refreeze = options.refreeze;
  driver.command = [options](const std::string& subcommand) {
    return command_hint(options, subcommand);
  };
  return driver;
}

int finish(const core::Diagnostics& diags, std::ostream& err) {
  diags.print(err);
  if (diags.has_errors()) {
    err << diags.error_count() << (diags.error_count() == 1 ? " error" : " errors")
        << "; nothing was written\n";
    return content_error;
  }
  return ok;
}

std::unique_ptr<emit::FolderLock> lock_folder(const std::filesystem::path& folder,
                                              std::ostream& err, core::Diagnostics& diags) {
  return emit::FolderLock::acquire(
      folder,
      [&] {
        err << "waiting: another visie run is writing " << folder.generic_string() << "\n";
      },
      diags);
}

}  // namespace visie::app
