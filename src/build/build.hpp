#pragma once
/// The build driver: the one place that knows the order of the stages,
/// load → validate → render (per chapter) → link (per version) → publish
/// (page by page) → emit, and all reuse around them: the frozen-version
/// cache of `visie build`, and `visie serve`'s caches of loaded snapshots
/// and rendered chapters. Every command of app runs its stages through here.

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "model/model.hpp"
#include "publish/changes.hpp"
#include "publish/publish.hpp"

namespace visie::emit {
class SiteWriter;
}

namespace visie::build {

/// What a build reads, and what it may do beyond the default.
struct Options {
  std::filesystem::path content = "content";
  /// A folder whose files override the built-in templates.
  std::optional<std::filesystem::path> templates;
  /// Frozen versions whose regenerated output replaces what they published.
  std::set<std::string> refreeze;
  /// Every version has a PDF (publish::pdf_file_name()), which emit renders
  /// with WeasyPrint (`visie build --pdf`); versions.js tells the pages.
  bool pdf_links = false;
  /// Every version has a Word file (publish::docx_file_name()), which emit
  /// has pandoc write (`visie build --docx`); versions.js tells the pages.
  bool docx_links = false;
  /// The folder of the frozen-version cache (`visie build`; none: no
  /// cache). An entry says that a frozen version, with exactly these
  /// inputs, published files, templates and generator, rendered its locked
  /// output without a diagnostic; such a version is then not rendered, and
  /// its published bytes are used (they are what it would write anyway).
  std::optional<std::filesystem::path> frozen_cache;
  /// Versions whose blocks Site::blocks lists (`visie serve --review`: the
  /// reviewed version). Such a version is rendered even when its published
  /// bytes are reused.
  std::set<std::string> blocks_of;
  /// When set, the files of every version that is not frozen with a lock go
  /// to this writer as they are made, and Site::files keeps only their
  /// paths (with empty bytes): a large site is never held whole in memory.
  /// Frozen versions stay in Site::files, since their bytes are compared
  /// with what they published. (write() opens and sets one itself.)
  emit::SiteWriter* writer = nullptr;
  /// The command line of `visie <subcommand>` as this run was given it
  /// (its folders), for advice in messages ("build --refreeze final");
  /// none: "visie <subcommand>".
  std::function<std::string(const std::string& subcommand)> command;
  /// Called as each stage begins ("load", "validate", "render and publish").
  std::function<void(const char* stage)> on_stage;
};

/// The site, and what happened to the frozen versions on the way.
struct Site {
  publish::SiteTree files;
  /// The files that went to Options::writer: their entries in `files` have
  /// empty bytes.
  std::set<std::string> streamed;
  /// Frozen versions whose output the generator now renders differently:
  /// id → the differing paths. Their published bytes were kept unless the
  /// version was named in Options::refreeze.
  std::map<std::string, std::vector<std::string>> drifted;
  /// Version id → term id → how often its chapters use the term.
  std::map<std::string, std::map<std::string, int>> term_uses;
  /// Frozen versions that were published (not reused) and rendered exactly
  /// their locked output without any diagnostic: what the frozen-version
  /// cache may remember.
  std::set<std::string> clean;
  /// For each version of Options::blocks_of: chapter id → the ids of its
  /// citable blocks (those whose element carries an id and a reference
  /// link), in document order: what a comment may be on.
  std::map<std::string, std::map<std::string, std::vector<std::string>>> blocks;
  /// The plain text of each block of `blocks`, in the same order (what
  /// `review import-docx` matches a paragraph without a bookmark against).
  std::map<std::string, std::map<std::string, std::vector<std::string>>> block_texts;
};

/// What a build produced: the content as loaded and the site.
struct Built {
  model::Content content;
  Site site;
};

/// The version `id` of `content`, or null.
const model::VersionContent* find_version(const model::Content& content, const std::string& id);

/// Loads, validates, renders and publishes every version. Every diagnostic
/// is collected, not only the first. Returns nothing when loading or
/// validation failed; otherwise the content and the site, which is only
/// worth writing when `diags` has no errors (render errors leave the site
/// incomplete, which the linter can still look at). A frozen version's
/// files are the bytes it published, unless it is being refrozen; a drift
/// is a warning.
std::optional<Built> run(const Options& options, core::Diagnostics& diags);

/// Where and how `visie build` writes the site.
struct Output {
  /// The output folder, replaced in one step.
  std::filesystem::path dir = "site";
  /// WeasyPrint, when every version's print edition is also to be rendered
  /// to `<slug>-<version>.pdf` (Options::pdf_links should then be set).
  std::optional<std::filesystem::path> weasyprint;
  /// Told how many PDFs are about to be rendered, before they are.
  std::function<void(std::size_t pdfs)> on_pdfs;
  /// pandoc and rsvg-convert, when every version's print edition is also
  /// to be written as `<slug>-<version>.docx` (Options::docx_links should
  /// then be set).
  struct WordTools {
    std::filesystem::path pandoc;
    std::filesystem::path rsvg_convert;
  };
  std::optional<WordTools> word;
  /// Told how many Word files are about to be written, before they are.
  std::function<void(std::size_t files)> on_docx;
};

/// What write() wrote.
struct Written {
  /// Every file of the new site, PDFs and Word files included, when it is
  /// in place.
  std::size_t files = 0;
  /// The frozen versions whose snapshots were rewritten (`--refreeze`),
  /// each with how many published files it has now, in order; a failed
  /// one ends the list.
  std::vector<std::pair<std::string, std::size_t>> refrozen;
  /// The site is in place and every snapshot written.
  bool ok = false;
};

/// run(), with the site written into `output.dir` by emit: the pages of
/// working versions go into emit's staging folder as they are made, then
/// the rest and the PDFs, and the folder is swapped in; then the snapshots
/// of the versions of Options::refreeze are rewritten. A refused output
/// folder is reported after the content's own errors. Before anything is
/// swapped in, the working versions' images are checked as `check`'s
/// "images" rule does: a missing one is an error at its file:line:col.
/// Nothing is written when any stage reported an error. Options::writer is
/// not used.
Written write(const Options& options, const Output& output, core::Diagnostics& diags);

/// What freeze() wrote: the snapshot's input and published files.
struct Frozen {
  std::size_t inputs = 0;
  std::size_t outputs = 0;
};

/// `visie freeze`: builds the content (run()), then publishes the working
/// draft as version `id`: its inputs, the output it builds and their lock
/// into `versions/<id>/`, and versions.json with the version marked
/// frozen. Refuses an unknown or already frozen version. Nothing when any
/// step failed (`diags` says why).
std::optional<Frozen> freeze(const Options& options, const std::string& id,
                             core::Diagnostics& diags);

/// The text of versions.json with version `id` marked frozen (keys keep
/// their order, the rest of the file its bytes). Pure; nullopt when
/// `versions_json` has no such version.
std::optional<std::string> mark_frozen(const std::string& versions_json, const std::string& id);

/// The stages after validation, for content already loaded and validated:
/// renders, links and publishes every version, then the pages at the root.
/// The frozen versions (with a lock) in `reused` are not published again:
/// their published bytes are used as they are, and they are only rendered
/// when the next version's changes need their chapters. What run() does
/// after loading; tests call it with content made in memory.
Site render_site(const model::Content& content, const model::Templates& templates,
                 const Options& options, const std::set<std::string>& reused,
                 core::Diagnostics& diags);

/// Two versions compared, with their labels.
struct Diff {
  publish::VersionDiff diff;
  std::string before_label;
  std::string after_label;
};

/// Loads and validates the content, renders versions `before_id` and
/// `after_id` and compares them (what `visie diff` prints). Unknown ids are
/// reported to `diags`.
std::optional<Diff> diff(const Options& options, const std::string& before_id,
                         const std::string& after_id, core::Diagnostics& diags);

/// `visie serve`'s builds: each one in memory, keeping what it loaded and
/// rendered for the next and reusing what did not change. A frozen version
/// is not published again: its published bytes are used as they are (and
/// no drift is reported); it is only rendered when the next version's
/// changes need its chapters, or its blocks are asked for.
class Session {
 public:
  explicit Session(Options options);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  /// Builds the site from the files as they are now. Nothing when loading
  /// or validation failed.
  std::optional<Site> rebuild(core::Diagnostics& diags);

  /// What a session keeps between its builds (internal to the driver).
  struct Caches;

 private:
  Options options_;
  std::unique_ptr<Caches> caches_;
};

}  // namespace visie::build
