// The visie command line: parses arguments and hands over to app::.
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <csignal>
#include <cstdlib>
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
    cmd->add_flag("-v,--verbose", options.verbose, "print how long each stage took");
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
  bool no_cache = false;
  build->add_flag("--no-cache", no_cache,
                  "render every frozen version, without the cache of clean ones "
                  "($XDG_CACHE_HOME/visie, else ~/.cache/visie)");
  std::string freeze_id;
  auto* freeze = cli.add_subcommand("freeze", "publish the working draft as a frozen version");
  add_common(freeze);
  freeze->add_option("ID", freeze_id, "the version to freeze (an id in versions.json)")->required();
  auto* check = cli.add_subcommand(
      "check", "check the content without writing anything: build errors and the linter's "
               "findings (links, images, unused data, missing chapters, ids, headings)");
  add_common(check);
  std::string format = "text";
  check->add_option("--format", format, "text (file:line:col: severity: message) or json")
      ->check(CLI::IsMember({"text", "json"}));

  auto* serve = cli.add_subcommand(
      "serve", "preview: serve the site on 127.0.0.1, rebuild and reload pages on every change");
  add_common(serve);
  serve->add_option("--port", options.port, "port to listen on (default 8000; 0 picks a free one)")
      ->check(CLI::Range(0, 65535));

  std::string new_dir;
  auto* create = cli.add_subcommand("new", "create a new vision project that builds at once");
  create->add_option("DIR", new_dir, "the folder to create (must not exist or be empty)")
      ->required();
  create->add_flag("-q,--quiet", options.quiet, "print only problems");

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
  // Only `build` keeps the cache: `check` writes nothing.
  if (build->parsed() && !no_cache) {
    const char* xdg = std::getenv("XDG_CACHE_HOME");
    const char* home = std::getenv("HOME");
    if (xdg != nullptr && *xdg == '/') {
      options.cache = std::filesystem::path(xdg) / "visie" / "frozen";
    } else if (home != nullptr && *home == '/') {
      options.cache = std::filesystem::path(home) / ".cache" / "visie" / "frozen";
    }
  }
  options.json = format == "json";
  // The progress line redraws itself with \r: only for a person watching.
  options.progress = !options.quiet && isatty(STDERR_FILENO) != 0;

  try {
    if (build->parsed()) return visie::app::build(options, std::cerr);
    if (freeze->parsed()) return visie::app::freeze(options, freeze_id, std::cerr);
    if (diff->parsed()) {
      return visie::app::diff(options, diff_a, diff_b, isatty(STDOUT_FILENO) != 0, std::cout,
                              std::cerr);
    }
    if (serve->parsed()) return visie::app::serve(options, std::cout, std::cerr);
    if (create->parsed()) return visie::app::new_project(new_dir, options, std::cerr);
    return visie::app::check(options, std::cout, std::cerr);
  } catch (const std::exception& e) {
    // User input never throws; reaching this is a bug or the system failing
    // (out of memory), and it still gets a message instead of a crash.
    std::cerr << "visie: internal error: " << e.what() << "\n";
    return ExitCode::content_error;
  }
}
