#pragma once
/// The publish stage: rendered chapters wrapped in layouts, with
/// navigation, landing page, changes pages and assets, page by page. Pure:
/// it returns pages and writes nothing; the build driver (src/build/) hands
/// them to emit, the only writer.

#include <cstddef>
#include <cstdint>
#include <memory>
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
#include "publish/search.hpp"
#include "render/render.hpp"

namespace visie::publish {

/// The files of a site: path relative to the output folder → bytes. Sorted,
/// so writing it is deterministic.
using SiteTree = std::map<std::string, std::string>;

/// One file of the site, as a page kind makes it: its path relative to the
/// output folder and its bytes. Publish only makes pages; the build driver
/// (src/build/) hands each to emit as it is made.
struct Page {
  std::string path;
  std::string bytes;
};

/// What every page of a site is made from. Borrowed.
struct SiteInput {
  const model::Content& content;
  const model::Templates& templates;
  /// The UI strings of the project's language (render::ui_strings()).
  const nlohmann::json& strings;
};

/// The pages of one version, one page kind at a time (src/publish/pages/):
/// the contents page, a page per chapter, the extra pages (literature,
/// glossary, disposition of comments), the changes page, the print
/// edition, the search index and the version's copy of the assets.
/// Everything a version's pages link to lies inside `<id>/`, except
/// `../versions.js` and `../index.html`, so that a frozen version's files
/// never need to change. What the pages share (the changes since the
/// version before, the extra pages' bodies, the table of contents, the
/// layout data) is made once, by the constructor. The page functions are
/// const and touch nothing shared: the chapter pages may be made on all
/// cores at once.
class VersionPages {
 public:
  /// Version `index` of `site.content`, rendered and linked as `chapters`;
  /// `before` is the version before it as rendered (null for the first).
  /// Borrows all of them.
  VersionPages(const SiteInput& site, std::size_t index,
               const std::vector<render::RenderedChapter>& chapters,
               const std::vector<render::RenderedChapter>* before, core::Diagnostics& diags);
  ~VersionPages();
  VersionPages(const VersionPages&) = delete;
  VersionPages& operator=(const VersionPages&) = delete;

  /// `<id>/index.html`: the contents page.
  [[nodiscard]] Page contents(core::Diagnostics& diags) const;

  /// The page of chapter `i`, and the sections of its text that the
  /// version's search index holds (search_index()).
  struct Chapter {
    Page page;
    std::vector<search::Section> sections;
  };
  [[nodiscard]] std::size_t chapter_count() const;
  [[nodiscard]] Chapter chapter(std::size_t i, core::Diagnostics& diags) const;

  /// The extra pages: literature, glossary, disposition of comments (each
  /// when the version has one).
  [[nodiscard]] std::size_t extra_count() const;
  [[nodiscard]] Page extra(std::size_t i, core::Diagnostics& diags) const;

  /// `<id>/changes.html`, for every version but the first.
  [[nodiscard]] std::optional<Page> changes(core::Diagnostics& diags) const;

  /// `<id>/print.html`: the print edition.
  [[nodiscard]] Page print(core::Diagnostics& diags) const;

  /// The search index of the version (`<id>/search/…`) from the sections
  /// of its chapters, in chapter order, and of its extra pages.
  [[nodiscard]] std::vector<Page> search_index(std::vector<search::Section> sections) const;

  /// The version's own copy of the assets (`<id>/assets/…`).
  [[nodiscard]] std::vector<Page> assets() const;

 private:
  struct Shared;
  std::unique_ptr<Shared> shared_;
};

/// The landing page (`index.html`): the newest published version first,
/// then the whole process with every step linked to its version. Needs at
/// least one version.
Page landing_page(const SiteInput& site, core::Diagnostics& diags);

/// `404.html`, which a static host serves for any missing address, at any
/// depth. Needs at least one version.
Page not_found_page(const SiteInput& site, core::Diagnostics& diags);

/// A rendered PDF as its download link describes it.
struct PdfSize {
  std::size_t pages = 0;  ///< 0 when the PDF could not be counted
  std::uintmax_t bytes = 0;
};

/// The rendered PDFs, by path relative to the output folder
/// ("final/visie-op-zelfmanagement-final.pdf").
using PdfSizes = std::map<std::string, PdfSize>;

/// The files every version offers for download beside its pages.
struct Downloads {
  bool pdf = false;   ///< pdf_file_name(), rendered by WeasyPrint
  bool docx = false;  ///< docx_file_name(), written by pandoc
};

/// `versions.json` for tools and `versions.js` for the pages' switcher
/// (a script rather than a fetch, so that it also works from file://),
/// listing each version of `content` with its pages among the paths of
/// `site_files` (every file of the site; only the paths are read); with
/// `downloads.pdf`, each version's PDF (pdf_file_name()), and its pages and
/// bytes when `pdf_sizes` has them (known only once WeasyPrint ran); with
/// `downloads.docx`, its Word file (docx_file_name()).
std::vector<Page> versions_index(const model::Content& content, const SiteTree& site_files,
                                 const Downloads& downloads, const PdfSizes& pdf_sizes = {});

/// The assets at the root of the site (`assets/…`).
std::vector<Page> site_assets(const model::Templates& templates);

/// `sitemap.xml`, when the project has a base URL: every HTML page among
/// the paths of `site_files` except the print editions and 404.html.
std::optional<Page> sitemap(const SiteInput& site, const SiteTree& site_files);

/// The newest published (frozen) version, or the last one when none is.
std::size_t latest_index(const model::Content& content);

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

/// File name of a version's Word file: the PDF's with ".docx"
/// ("visie-op-zelfmanagement-final.docx").
std::string docx_file_name(const model::Project& project, const model::Version& version);

/// The files of version `id` within `site`, with paths relative to `id/`.
model::FileMap version_files(const SiteTree& site, const std::string& id);

/// The lock of version `id` as JSON text: the SHA-256 of every file in
/// `inputs` (the snapshot) and `outputs` (what it published), by path.
std::string lock_json(const std::string& id, const model::FileMap& inputs,
                      const model::FileMap& outputs);

/// The files of a frozen version's snapshot folder (`versions/<id>/`): its
/// inputs, what it published (`outputs`, under `site/`) and its lock.
model::FileMap snapshot_files(const model::VersionContent& vc, const model::FileMap& outputs);

/// The generator that writes locks ("visie 0.1.0").
inline constexpr const char* generator_name = "visie 0.1.0";

}  // namespace visie::publish
