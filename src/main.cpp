// The visie command line: parses arguments and hands over to app::.
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <csignal>
#include <iostream>

#include "app/app.hpp"
#include "render/markdown/markdown.hpp"

int main(int argc, char** argv) {
  using visie::app::ExitCode;
  // Registers cmark-gfm's extensions before anything else runs.
  visie::render::markdown::init();
  // Past a file size limit (ulimit -f) a write fails with EFBIG instead of
  // killing the process, so emit reports it and removes its staging folder.
  std::signal(SIGXFSZ, SIG_IGN);

  CLI::App cli{"visie: publishes a living, versioned vision document as a static site"};
  cli.require_subcommand(1);
  cli.set_version_flag("--version-info", "visie 0.1.0");

  visie::app::Options options;
  std::string templates;
  const auto add_common = [&](CLI::App* cmd) {
    cmd->add_option("--content", options.content, "content folder (default: content)");
    cmd->add_option("--templates", templates,
                    "folder whose files override the built-in templates");
    cmd->add_flag("-q,--quiet", options.quiet, "print only problems");
  };
  auto* build = cli.add_subcommand("build", "build every version into the output folder");
  add_common(build);
  build->add_option("--out", options.out, "output folder (default: site)");
  build->add_flag("--pdf", options.pdf,
                  "also render every version's print.html to <slug>-<version>.pdf with "
                  "WeasyPrint (when installed)");
  std::vector<std::string> refreeze;
  build->add_option("--refreeze", refreeze,
                    "accept the regenerated output of this frozen version (repeatable)");
  std::string freeze_id;
  auto* freeze = cli.add_subcommand("freeze", "publish the working draft as a frozen version");
  add_common(freeze);
  freeze->add_option("ID", freeze_id, "the version to freeze (an id in versions.json)")->required();
  auto* check = cli.add_subcommand("check", "check the content without writing anything");
  add_common(check);

  std::string diff_a;
  std::string diff_b;
  auto* diff = cli.add_subcommand("diff", "show what changed from version A to version B");
  add_common(diff);
  diff->add_option("A", diff_a, "the older version")->required();
  diff->add_option("B", diff_b, "the newer version")->required();

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? ExitCode::ok : ExitCode::usage_error;
  }
  if (!templates.empty()) options.templates = templates;
  options.refreeze.insert(refreeze.begin(), refreeze.end());

  try {
    if (build->parsed()) return visie::app::build(options, std::cerr);
    if (freeze->parsed()) return visie::app::freeze(options, freeze_id, std::cerr);
    if (diff->parsed()) {
      return visie::app::diff(options, diff_a, diff_b, isatty(STDOUT_FILENO) != 0, std::cout,
                              std::cerr);
    }
    return visie::app::check(options, std::cerr);
  } catch (const std::exception& e) {
    // User input never throws; reaching this is a bug or the system failing
    // (out of memory), and it still gets a message instead of a crash.
    std::cerr << "visie: internal error: " << e.what() << "\n";
    return ExitCode::content_error;
  }
}
