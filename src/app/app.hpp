#pragma once
/// The commands of the visie CLI, independent of argument parsing.

#include <filesystem>
#include <iosfwd>
#include <optional>

namespace visie::app {

/// Exit codes: success, content errors, usage errors.
enum ExitCode : int { ok = 0, content_error = 1, usage_error = 2 };

/// Options shared by the commands.
struct Options {
  std::filesystem::path content = "content";
  std::filesystem::path out = "site";
  std::optional<std::filesystem::path> templates;
  bool quiet = false;
  /// `build --pdf`: also render every version's print.html to PDF with
  /// WeasyPrint (when it is on PATH; otherwise a warning).
  bool pdf = false;
};

/// `visie build`: loads, validates, renders and publishes every version and
/// swaps the result into `options.out`. Diagnostics and progress go to
/// `err`. Returns the exit code.
int build(const Options& options, std::ostream& err);

/// `visie check`: everything `build` does except writing. Returns the exit
/// code.
int check(const Options& options, std::ostream& err);

}  // namespace visie::app
