#pragma once
/// Stable ids and citable references for the blocks of a chapter.
///
/// A block's id is what the author wrote (`{#id}`), or is derived from its
/// content: a heading gets a slug of its text, a paragraph, list item or
/// table a short hash of its text. An unchanged paragraph therefore keeps
/// its id when other paragraphs are inserted, removed or edited around it,
/// and a link into concept 1 still finds the paragraph in concept 2. Only
/// identical blocks on one page are told apart by position (`-2`, `-3`).
///
/// A block never takes an id that something else on its page has: the ids
/// of footnotes (cmark-gfm's `fn-…` and `fnref-…`) and those of the page
/// layout (reserved_ids). A derived id that would is renamed (`h-fn-1`,
/// `sidebar-2`); an explicit one is an error at its `{#`.

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "render/markdown/markdown.hpp"

namespace visie::render {

/// The ids the page layout gives its own elements, in templates/layouts
/// and the scripts of templates/assets (and serve's error overlay). The
/// one list: tests/render/anchors_test.cpp checks it against templates/.
/// ("about-heading" is the landing page's, on main since issue 24.)
inline constexpr std::array<std::string_view, 11> reserved_ids = {
    "about-heading",  "main",          "newest-heading", "process-heading", "search-input",
    "search-results", "search-status", "sidebar",        "theme-select",    "version-select",
    "visie-overlay"};

/// The prefixes of the ids cmark-gfm gives footnotes (`fn-<label>`) and
/// the links to them (`fnref-<label>`, `fnref-<label>-2`).
inline constexpr std::array<std::string_view, 2> footnote_id_prefixes = {"fn-", "fnref-"};

/// A block with its id and its reference ("§3.2 ¶4").
struct Anchor {
  markdown::BlockKind kind = markdown::BlockKind::paragraph;
  std::string id;
  std::string ref;
  std::string text;
  bool placed = false;  // its element in the HTML carries the id and the reference link
  std::string written = {};  // the text with its placeholders unfilled (markdown::Block::written)
};

/// Assigns ids and references to `blocks` of chapter number `chapter_no`
/// (1-based) and gives their elements in `html` their `id`s and reference
/// links (markdown::place_blocks()). Invalid, repeated or reserved explicit ids
/// are reported at their place in `file` (`first_line` is the body's first
/// line). Returns the anchors in document order.
std::vector<Anchor> attach_anchors(std::string& html, const std::vector<markdown::Block>& blocks,
                                   int chapter_no, const std::string& file,
                                   std::size_t first_line, core::Diagnostics& diags);

/// A readable id from a heading's text ("Wat we vermoeden: een kloof" →
/// "wat-we-vermoeden-een-kloof"); accents are folded to ASCII.
std::string slugify(std::string_view text);

/// A short, stable content hash ("k3f9a2q") of `text` with its whitespace
/// normalised.
std::string content_hash(std::string_view text);

}  // namespace visie::render
