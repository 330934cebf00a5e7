#pragma once
/// The publish stage: rendered chapters wrapped in layouts, with
/// navigation, version switcher, landing page, the print edition and
/// assets, as an in-memory site tree. Pure: emit writes it.

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/diagnostic.hpp"
#include "model/model.hpp"
#include "model/templates.hpp"

namespace visie::publish {

/// The files of a site: path relative to the output folder → bytes. Sorted,
/// so writing it is deterministic.
using SiteTree = std::map<std::string, std::string>;

/// Choices of one site build that do not come from the content.
struct SiteOptions {
  /// Link every version's pages to its PDF (pdf_file_name()), which emit
  /// renders with WeasyPrint (`visie build --pdf`).
  bool pdf_links = false;
};

/// Builds the whole site for every version of `content`. Problems (in
/// chapters, directives, templates) go to `diags`; the tree is only worth
/// writing when there are no errors.
SiteTree build_site(const model::Content& content, const model::Templates& templates,
                    core::Diagnostics& diags, const SiteOptions& options = {});

/// One chapter of a print edition: its page id, title and rendered HTML.
struct PrintChapter {
  std::string id;
  std::string title;
  std::string html;
};

/// A list printed after the chapters (the literature, the glossary).
struct PrintAppendix {
  std::string id;  // preferred anchor, e.g. "references"
  std::string title;
  std::string html;
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
/// in the text), figures and tables are numbered per chapter. Pure; the
/// returned HTML is owned by the caller.
std::string render_print(const PrintEdition& edition, const model::Templates& templates,
                         const nlohmann::json& strings, core::Diagnostics& diags);

/// File name of a version's PDF, next to its pages: "<slug of the project
/// title>-<version id>.pdf", e.g. "visie-op-zelfmanagement-final.pdf".
std::string pdf_file_name(const model::Project& project, const model::Version& version);

/// The lowercase ASCII slug of `text` for file names: letters (accents
/// dropped) and digits, every other run of characters one '-'.
std::string slug(std::string_view text);

}  // namespace visie::publish
