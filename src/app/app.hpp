#pragma once
/// The commands of the visie CLI, independent of argument parsing.

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <set>
#include <string>

#include "serve/serve.hpp"

namespace visie::app {

/// Exit codes: success, content errors, usage errors.
enum ExitCode : int { ok = 0, content_error = 1, usage_error = 2 };

/// Options shared by the commands.
struct Options {
  std::filesystem::path content = "content";
  std::filesystem::path out = "site";
  std::optional<std::filesystem::path> templates;
  bool quiet = false;
  /// `-v`: per-stage timings (and, in serve, what each rebuild changed).
  bool verbose = false;
  /// Draw a progress line on stderr when a command takes more than a
  /// moment (main sets it when stderr is a terminal and not `-q`).
  bool progress = false;
  /// `check --format json`: the findings as JSON on stdout, for tools.
  bool json = false;
  /// `serve --port`: 0 picks a free port.
  int port = 8000;
  /// `build --pdf`: also render every version's print.html to PDF with
  /// WeasyPrint (when it is on PATH; otherwise a warning).
  bool pdf = false;
  /// `build --docx`: also write every version's print edition as a Word
  /// file with pandoc (its drawings made PNGs with rsvg-convert); an error
  /// when either is not on PATH.
  bool docx = false;
  /// Frozen versions whose regenerated output is accepted (build only).
  std::set<std::string> refreeze;
  /// `build`: the folder of the frozen-version cache (none: no cache). An
  /// entry says that a frozen version, with exactly these inputs, published
  /// files, templates and generator, rendered its locked output without a
  /// diagnostic; the next build then uses its published bytes without
  /// rendering it (they are what it would write anyway).
  std::optional<std::filesystem::path> cache;
  /// `templates` and `out` came from visie.json's `defaults`, not from the
  /// command line: a hint leaves them out, visie.json supplies them again.
  bool templates_from_project = false;
  bool out_from_project = false;
};

/// Which of the options that visie.json's `defaults` may set were given on
/// the command line (they win over visie.json).
struct GivenFlags {
  bool out = false;
  bool pdf = false;
};

/// Fills in `options` from `<options.content>/visie.json`'s `defaults`
/// (templates, out, pdf) where the command line left them unset (`given`,
/// and `options.templates`); folders are relative to the content folder.
void apply_project_defaults(Options& options, const GivenFlags& given);

/// `visie build`: loads, validates, renders and publishes every version and
/// swaps the result into `options.out`. Diagnostics and progress go to
/// `err`. Returns the exit code.
int build(const Options& options, std::ostream& err);

/// `visie check`: everything `build` does except writing, then the linter
/// (lint::rules()) on the working draft. Findings go to `err` as
/// `file:line:col: severity: message`, or to `out` as JSON with
/// `options.json`. Returns 1 when there are errors, else 0 (warnings and
/// notes do not fail).
int check(const Options& options, std::ostream& out, std::ostream& err);

/// `visie serve`: builds in memory and serves the site on a loopback port
/// (`options.port`), rebuilding on every change of the content folder or
/// the template overrides, until SIGINT or SIGTERM. Returns the exit code.
int serve(const Options& options, std::ostream& out, std::ostream& err);

/// The builder `serve` calls on every change: a build in memory with
/// `options` (borrowed, it must outlive the builder), which keeps what it
/// loaded and rendered for the next call and reuses what did not change.
serve::Builder serve_builder(const Options& options);

/// The options of `visie serve --review` and `visie review …`.
struct ReviewOptions {
  /// The version under review (an id in versions.json).
  std::string version;
  /// The SQLite store.
  std::filesystem::path db = "reviews/visie.sqlite";
  /// `invite --role`: the panel role of a reviewer's invitation.
  std::string role;
  /// `import-docx --name`: the reviewer's name for every comment of the
  /// file, instead of the authors Word recorded.
  std::string name;
  /// `invite --team`: an invitation for the team.
  bool team = false;
  /// `invite --base-url`: where the site is served, for the link.
  std::string base_url = "http://127.0.0.1:8000";
};

/// `visie serve --review`: `serve` plus the review API under /api for
/// `review.version` on the store `review.db` (docs/review.md); `/` leads
/// to the version. Returns the exit code.
int serve_review(const Options& options, const ReviewOptions& review, std::ostream& out,
                 std::ostream& err);

/// `visie review invite`: stores a new invitation for `review.version` and
/// `review.role` (or the team) and prints its link on `out`.
int review_invite(const Options& options, const ReviewOptions& review, std::ostream& out,
                  std::ostream& err);

/// `visie review import FILE`: merges a browser export into the store and
/// says how many comments were added and skipped.
int review_import(const Options& options, const ReviewOptions& review,
                  const std::filesystem::path& file, std::ostream& out, std::ostream& err);

/// `visie review import-docx FILE`: stores the comments and tracked changes
/// of a reviewer's Word file of `review.version` (in `review.role`, under
/// `review.name` when given) and says how many were added and skipped.
int review_import_docx(const Options& options, const ReviewOptions& review,
                       const std::filesystem::path& file, std::ostream& out, std::ostream& err);

/// `visie review export`: writes `<content>/reviews/<version>/<chapter>.json`
/// for every chapter of `review.version` with comments.
int review_export(const Options& options, const ReviewOptions& review, std::ostream& out,
                  std::ostream& err);

/// `visie new DIR`: writes a starter project into `dir` (a content folder
/// that builds at once, and a copy of the default templates). Refuses a
/// `dir` that exists and is not empty. Returns the exit code.
int new_project(const std::filesystem::path& dir, const Options& options, std::ostream& err);

/// `visie freeze ID`: publishes the working draft as version `id`: copies
/// its chapters and data into `versions/<id>/` with the output it builds
/// and a lock of both, and marks it frozen in versions.json. Refuses an
/// unknown or already frozen version. Returns the exit code.
int freeze(const Options& options, const std::string& id, std::ostream& err);

/// `visie diff A B`: what changed from version `a` to version `b`, as a
/// terminal report on `out` (coloured when `colour`). Returns the exit code.
int diff(const Options& options, const std::string& a, const std::string& b, bool colour,
         std::ostream& out, std::ostream& err);

}  // namespace visie::app
