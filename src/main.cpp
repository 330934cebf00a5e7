// The visie command line: parses arguments and hands over to app::.
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <iostream>

#include "app/app.hpp"
#include "publish/publish.hpp"
#include "review/store.hpp"
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
  // `serve --version ID` names a version; at the top level --version is
  // the program's own.
  cli.set_version_flag("-V,--version", visie::publish::generator_name);

  visie::app::Options options;
  std::string templates;
  const auto add_common = [&](CLI::App* cmd) {
    cmd->add_option("--content", options.content, "content folder (default: content)");
    cmd->add_option("--templates", templates,
                    "folder whose files override the built-in templates (default: "
                    "visie.json's defaults.templates)");
    cmd->add_flag("-q,--quiet", options.quiet, "print only problems");
    cmd->add_flag("-v,--verbose", options.verbose, "print how long each stage took");
  };
  auto* build = cli.add_subcommand("build", "build every version into the output folder");
  add_common(build);
  auto* out_option = build->add_option(
      "--out", options.out, "output folder (default: visie.json's defaults.out, else site)");
  auto* pdf_flag = build->add_flag("--pdf,!--no-pdf", options.pdf,
                                   "also render every version's print.html to "
                                   "<slug>-<version>.pdf with WeasyPrint (when installed); "
                                   "--no-pdf overrides visie.json's defaults.pdf");
  build->add_flag("--docx", options.docx,
                  "also write every version's print edition to <slug>-<version>.docx, beside its "
                  "PDF, with pandoc and rsvg-convert (a Word file whose blocks carry bookmarks, for "
                  "review in Word)");
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
  visie::app::ReviewOptions review_options;
  bool review_mode = false;
  std::string db;
  auto* review_flag = serve->add_flag(
      "--review", review_mode, "serve the review API (docs/review.md) for the version --version");
  auto* serve_version =
      serve->add_option("--version", review_options.version, "the version under review");
  serve->add_option("--db", db, "the review store (default: reviews/visie.sqlite)")
      ->needs(review_flag);
  review_flag->needs(serve_version);
  serve_version->needs(review_flag);

  auto* review = cli.add_subcommand("review", "the review loop: invitations, imports, exports");
  review->require_subcommand(1);
  const auto add_review_common = [&](CLI::App* cmd) {
    cmd->add_option("--content", options.content, "content folder (default: content)");
    cmd->add_option("--db", db, "the review store (default: reviews/visie.sqlite)");
    cmd->add_flag("-q,--quiet", options.quiet, "print only problems");
  };
  auto* invite =
      review->add_subcommand("invite", "print an invitation link for a panel or the team");
  add_review_common(invite);
  invite->add_option("--version", review_options.version, "the version to review")->required();
  auto* role = invite->add_option("--role", review_options.role,
                                  "the panel: expert, client, care-provider, researcher, policy")
                   ->check(CLI::IsMember(visie::review::roles()));
  auto* team = invite->add_flag("--team", review_options.team,
                                "an invitation for the team (reads all, decides)");
  role->excludes(team);
  invite->add_option("--base-url", review_options.base_url,
                     "where the site is served (default: http://127.0.0.1:8000)");
  std::string import_file;
  auto* import = review->add_subcommand("import", "merge a file downloaded from the review page");
  add_review_common(import);
  import->add_option("FILE", import_file, "the downloaded file")->required();
  std::string docx_file;
  auto* import_docx = review->add_subcommand(
      "import-docx", "store the comments and tracked changes of a reviewer's Word file");
  add_review_common(import_docx);
  import_docx->add_option("FILE", docx_file, "the Word file (.docx) the reviewer sent back")
      ->required();
  import_docx->add_option("--version", review_options.version, "the version the file is of")
      ->required();
  import_docx
      ->add_option("--role", review_options.role,
                   "the reviewer's panel: expert, client, care-provider, researcher, policy")
      ->required()
      ->check(CLI::IsMember(visie::review::roles()));
  import_docx->add_option("--name", review_options.name,
                          "the reviewer's name (default: the authors Word recorded)");
  auto* export_ = review->add_subcommand(
      "export", "write the comments of a version to <content>/reviews/<version>/<chapter>.json");
  add_review_common(export_);
  export_->add_option("--version", review_options.version, "the reviewed version")->required();

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
    if (invite->parsed() && !review_options.team && review_options.role.empty()) {
      throw CLI::RequiredError("invite needs --role ROLE or --team");
    }
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? ExitCode::ok : ExitCode::usage_error;
  }
  if (!db.empty()) review_options.db = db;
  if (!templates.empty()) options.templates = templates;
  // visie.json's defaults fill in what the command line left out.
  if (!create->parsed()) {
    visie::app::apply_project_defaults(
        options, {out_option->count() > 0, pdf_flag->count() > 0});
  }
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
    if (serve->parsed() && review_mode) {
      return visie::app::serve_review(options, review_options, std::cout, std::cerr);
    }
    if (serve->parsed()) return visie::app::serve(options, std::cout, std::cerr);
    if (invite->parsed()) {
      return visie::app::review_invite(options, review_options, std::cout, std::cerr);
    }
    if (import->parsed()) {
      return visie::app::review_import(options, review_options, import_file, std::cout, std::cerr);
    }
    if (import_docx->parsed()) {
      return visie::app::review_import_docx(options, review_options, docx_file, std::cout,
                                            std::cerr);
    }
    if (export_->parsed()) {
      return visie::app::review_export(options, review_options, std::cout, std::cerr);
    }
    if (create->parsed()) return visie::app::new_project(new_dir, options, std::cerr);
    return visie::app::check(options, std::cout, std::cerr);
  } catch (const std::exception& e) {
    // User input never throws; reaching this is a bug or the system failing
    // (out of memory), and it still gets a message instead of a crash.
    std::cerr << "visie: internal error: " << e.what() << "\n";
    return ExitCode::content_error;
  }
}
