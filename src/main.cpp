// The visie command line: parses arguments and hands over to app::.
#include <CLI/CLI.hpp>

#include <iostream>

#include "app/app.hpp"
#include "render/markdown/markdown.hpp"

int main(int argc, char** argv) {
  using visie::app::ExitCode;
  // Registers cmark-gfm's extensions before anything else runs.
  visie::render::markdown::init();

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
  auto* check = cli.add_subcommand("check", "check the content without writing anything");
  add_common(check);

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? ExitCode::ok : ExitCode::usage_error;
  }
  if (!templates.empty()) options.templates = templates;

  try {
    if (build->parsed()) return visie::app::build(options, std::cerr);
    return visie::app::check(options, std::cerr);
  } catch (const std::exception& e) {
    // User input never throws; reaching this is a bug or the system failing
    // (out of memory), and it still gets a message instead of a crash.
    std::cerr << "visie: internal error: " << e.what() << "\n";
    return ExitCode::content_error;
  }
}
