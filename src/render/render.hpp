#pragma once
/// The render stage: chapters of one version to HTML fragments. Pure
/// functions of (model, version, templates): no I/O, no globals, safe to
/// run in parallel.

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/diagnostic.hpp"
#include "model/model.hpp"
#include "model/templates.hpp"
#include "render/anchors.hpp"
#include "render/inline.hpp"
#include "render/markdown/markdown.hpp"

namespace visie::render {

class CitationStyle;

/// What rendering one version needs. Borrows everything; outlives nothing.
struct Context {
  const model::Project& project;
  const model::VersionContent& version;
  const std::vector<model::VersionContent>& all_versions;
  const model::Templates& templates;
  const nlohmann::json& strings;  // UI strings in the project's language
  /// The citation style of `version`, made once for all its chapters (it
  /// groups every reference, so one per chapter would cost chapters ×
  /// references); when null, each chapter makes its own.
  const CitationStyle* citations = nullptr;
};

/// Something numbered a cross-reference can name: a figure, a table.
struct Label {
  std::string name;    // "fig:huis", "tbl:perspectieven"
  std::string number;  // "5.2"
  std::string id;      // the element's id on the chapter's page
  core::SourceLoc loc; // where it was declared
  bool chosen = true;  // written by the author (`label:`, `{#tbl:x}`), not a default
};

/// A part of a chapter from one heading to the next: what search indexes
/// and the outline lists. The part before the first heading is level 1.
struct Section {
  int level = 1;        // 2 or 3 for an <h2> or <h3> with an id; 1 for the chapter's start
  std::string id;       // the heading's id; empty for the chapter's start
  std::string heading;  // the heading's text, whitespace collapsed
  std::string text;     // the part's plain text, whitespace collapsed
};

/// An attribute of an element in a chapter's `html`: its decoded value and
/// where the attribute is written (`id="x"`), so that later stages rewrite
/// it by splicing at a known offset instead of parsing the HTML again.
struct AttributeSpot {
  std::string value;       // decoded
  std::size_t offset = 0;  // first byte of the attribute (its name) in `html`
  std::size_t size = 0;    // bytes of the attribute as written, name to closing quote
};

/// A link or an image in a chapter's `html`.
struct LinkSpot {
  bool image = false;      // <img src>, else <a href>
  AttributeSpot target;    // the href or src
};

/// One chapter rendered to an HTML fragment (the page body).
struct RenderedChapter {
  std::string id;
  std::string title;
  int number = 0;  // 1-based, in its version
  std::string html;
  std::vector<Anchor> anchors;  // every citable block, in order
  std::vector<Label> labels;    // its figures and captioned tables
  /// Cross-references still standing as markers in `html` (resolved by
  /// link_chapters()).
  std::vector<PendingXref> xrefs;
  std::vector<std::string> cited;  // reference ids, in the order first cited (text and components)
  bool cites_in_text = false;      // whether the prose cites with [@key]
  std::map<std::string, int> term_uses;  // term id → occurrences
  // What the final `html` holds, set by link_chapters() (index_fragment()):
  // later stages read these instead of parsing the HTML again.
  std::vector<Section> sections;    // in order; no empty part before a first heading
  std::vector<AttributeSpot> ids;   // every id attribute, in document order
  std::vector<LinkSpot> links;      // every <a href> and <img src>, in document order
};

/// What a rendered fragment holds: its sections, ids and links.
struct FragmentIndex {
  std::vector<Section> sections;
  std::vector<AttributeSpot> ids;
  std::vector<LinkSpot> links;
};

/// Reads `html`, a fragment render produced, once: its sections split at
/// the <h2> and <h3> with an id (reference links, scripts, styles and SVG
/// drawings, whose text is repeated beside them, left out), the offsets of
/// its id attributes and of its links' and images' targets.
FragmentIndex index_fragment(std::string_view html);

/// Renders `chapter` (number `chapter_no`, 1-based, in its version) of
/// `ctx.version`: placeholders, directive blocks (components), Markdown to
/// HTML, and stable ids with references on every block. Problems go to `diags` with the
/// chapter's file, line and column.
RenderedChapter render_chapter(const Context& ctx, const model::Chapter& chapter,
                               int chapter_no, core::Diagnostics& diags);

/// Resolves what one chapter cannot know alone, once every chapter of the
/// version is rendered: cross-references become links with their numbers
/// ("figuur 5.2", "paragraaf 2.1", "hoofdstuk 4"), and reference-list
/// components list the works the version cites. Unknown and ambiguous
/// labels are reported where they were written.
void link_chapters(const Context& ctx, std::vector<RenderedChapter>& chapters,
                   core::Diagnostics& diags);

/// The works version `ctx` lists in its literature: those its chapters
/// cite, or, when they cite none (text written before citations), all of
/// its references, without personal communications (cited in the text
/// only). In the order of the version's citation style (APA: by authors,
/// year and title; Vancouver: by first citation).
std::vector<const model::Reference*> listed_references(const Context& ctx,
                                                       const std::vector<RenderedChapter>& chapters);

/// The ids of the works `chapters` cite, in the order first cited.
std::vector<std::string> cited_order(const std::vector<RenderedChapter>& chapters);

/// The reference list of `refs` (templates/components/references.html).
std::string render_reference_list(const Context& ctx,
                                  const std::vector<const model::Reference*>& refs,
                                  core::Diagnostics& diags);

/// Renders component `name` (a directive that takes no options, such as
/// "references" or "glossary") from `ctx`'s data, as a chapter's directive
/// block would. Problems go to `diags`.
std::string render_component(const Context& ctx, std::string_view name,
                             core::Diagnostics& diags);

/// Renders the Mustache template `name` (a path under templates/) with
/// `data`. A missing or broken template is reported to `diags`.
std::string render_template(const model::Templates& templates, std::string_view name,
                            const nlohmann::json& data, core::Diagnostics& diags);
/// The same, moving the strings of `data` (a print edition's chapters)
/// into the template data instead of copying them.
std::string render_template(const model::Templates& templates, std::string_view name,
                            nlohmann::json&& data, core::Diagnostics& diags);

/// Template data converted once and shared by many renders: what every
/// page of a version has in common (UI strings, project, version). Immutable
/// after construction, so renders on several threads may share one.
class SharedData {
 public:
  explicit SharedData(const nlohmann::json& data);
  ~SharedData();
  SharedData(const SharedData&) = delete;
  SharedData& operator=(const SharedData&) = delete;

 private:
  struct Converted;
  std::unique_ptr<const Converted> converted_;
  friend std::string render_template(const model::Templates&, std::string_view,
                                     const SharedData&, nlohmann::json&&, core::Diagnostics&);
};

/// Renders template `name` with `data` in front of `shared`: a name that
/// `data` lacks is looked up in `shared`, as if `data` had been merged into
/// it (the same output, without converting the shared part for every
/// render). Takes `data` by value so that its strings (a page's content)
/// move instead of being copied.
std::string render_template(const model::Templates& templates, std::string_view name,
                            const SharedData& shared, nlohmann::json&& data,
                            core::Diagnostics& diags);

/// The UI strings for `language` (from i18n/<language>.json, falling back
/// to English for a language visie has no strings for).
nlohmann::json ui_strings(const model::Templates& templates, std::string_view language,
                          core::Diagnostics& diags);

}  // namespace visie::render
