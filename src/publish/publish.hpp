#pragma once
/// The publish stage: rendered chapters wrapped in layouts, with
/// navigation, landing page, changes pages and assets, as an in-memory
/// site tree. Pure: emit writes it.

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/diagnostic.hpp"
#include "model/model.hpp"
#include "model/templates.hpp"

namespace visie::publish {

/// The files of a site: path relative to the output folder → bytes. Sorted,
/// so writing it is deterministic.
using SiteTree = std::map<std::string, std::string>;

/// Takes the file `path` of a site as soon as it is made (`visie build`:
/// emit::SiteWriter::put). Called from several threads at once, each path
/// once.
using FileSink = std::function<void(const std::string& path, std::string_view bytes)>;
class ChapterCache;

/// What a build may do beyond the default.
struct Options {
  /// Frozen versions whose regenerated output replaces what they published.
  std::set<std::string> refreeze;
  /// Every version has a PDF (pdf_file_name()), which emit renders with
  /// WeasyPrint (`visie build --pdf`); versions.js tells the pages.
  bool pdf_links = false;
  /// `visie serve`: a frozen version is not published again (its published
  /// bytes are used as they are, and no drift is reported); it is only
  /// rendered when the next version's changes need its chapters.
  bool reuse_frozen = false;
  /// Frozen versions known to render exactly what they published (the
  /// frozen-version cache of `visie build`: same inputs, templates and
  /// generator as a clean build before): not rendered, unless refrozen or
  /// needed by the next version's changes page; their published bytes are
  /// used, as they would be anyway.
  std::set<std::string> known_clean;
  /// When set, the files of every version that is not frozen with a lock
  /// go to `stream` as they are made, and Site::files keeps only their
  /// paths (with empty bytes): a large site is never held whole in memory.
  /// Frozen versions stay in Site::files, since their bytes are compared
  /// with what they published.
  FileSink stream = {};
  /// `visie serve`: chapters rendered by the builds before, reused when
  /// nothing they are rendered from changed (publish/chapter_cache.hpp).
  ChapterCache* chapter_cache = nullptr;
  /// Versions whose blocks Site::blocks lists (`visie serve --review`: the
  /// reviewed version). Such a version is rendered even when its published
  /// bytes are reused.
  std::set<std::string> blocks_of;
};

/// The site, and what happened to the frozen versions on the way.
struct Site {
  SiteTree files;
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
  /// The files that went to Options::stream: their entries in `files`
  /// have empty bytes.
  std::set<std::string> streamed;
  /// For each version of Options::blocks_of: chapter id → the ids of its
  /// citable blocks (those whose element carries an id and a reference
  /// link), in document order: what a comment may be on.
  std::map<std::string, std::map<std::string, std::vector<std::string>>> blocks;
};

/// Builds the whole site for every version of `content`. Problems (in
/// chapters, directives, templates) go to `diags`; the tree is only worth
/// writing when there are no errors. A frozen version's files are the bytes
/// it published, unless it is being refrozen.
Site build_site(const model::Content& content, const model::Templates& templates,
                const Options& options, core::Diagnostics& diags);

/// Renders versions `before_id` and `after_id` of `content` and compares
/// them (what `visie diff` prints). Unknown ids are reported to `diags`.
struct VersionDiff;
std::optional<VersionDiff> diff_versions(const model::Content& content,
                                         const model::Templates& templates,
                                         const std::string& before_id,
                                         const std::string& after_id, core::Diagnostics& diags);

/// The template data of a version (id, label, period, date, milestone,
/// inputs, status and its label in `strings`), as every layout uses it.
nlohmann::json version_json(const model::Version& v, const nlohmann::json& strings);

/// One chapter of a print edition: its page id, title and rendered HTML.
struct PrintChapter {
  std::string id;
  std::string title;
  std::string html;
};

/// A part printed after the chapters (literature, glossary, changes).
struct PrintAppendix {
  std::string id;  // preferred anchor, e.g. "references"
  std::string title;
  std::string html;
  std::string page = {};  // the site page it stands for ("literatuur"), so links to it resolve
};

/// What one version's print edition is made of. Borrows project and version.
struct PrintEdition {
  const model::Project& project;
  const model::Version& version;
  std::vector<PrintChapter> chapters;
  std::vector<PrintAppendix> appendices;
};

/// Renders the print edition of a version (`<id>/print.html`) with
/// `layouts/print.html` and `assets/print.css` inlined: one self-contained
/// document for CSS Paged Media. Every id is made unique across the
/// document (prefixed per chapter), links between chapters become
/// `#anchors`, footnotes become page footnotes (`<span class="footnote">`
/// in the text), figures and tables keep the numbers of the site. Pure; the
/// returned HTML is owned by the caller.
std::string render_print(const PrintEdition& edition, const model::Templates& templates,
                         const nlohmann::json& strings, core::Diagnostics& diags);

/// File name of a version's PDF, next to its pages: "<slug of the project
/// title>-<version id>.pdf", e.g. "visie-op-zelfmanagement-final.pdf"
/// ("visie" for a title without a letter or digit).
std::string pdf_file_name(const model::Project& project, const model::Version& version);

/// The files of version `id` within `site`, with paths relative to `id/`.
model::FileMap version_files(const SiteTree& site, const std::string& id);

/// The lock of version `id` as JSON text: the SHA-256 of every file in
/// `inputs` (the snapshot) and `outputs` (what it published), by path.
std::string lock_json(const std::string& id, const model::FileMap& inputs,
                      const model::FileMap& outputs);

/// The generator that writes locks ("visie 0.1.0").
inline constexpr const char* generator_name = "visie 0.1.0";

}  // namespace visie::publish
