#pragma once
/// The only door to cmark-gfm. Parses GitHub Flavored Markdown (tables,
/// strikethrough, autolinks, task lists, footnotes; raw HTML filtered by
/// tagfilter and never passed through unsafe), lets the caller replace
/// directive blocks and rewrite text, and renders HTML.
///
/// A backslash escapes visie's syntax as it escapes CommonMark's: `\@`,
/// `\[` and `\{` give the literal character, which never opens a citation,
/// a cross-reference, a term link, a placeholder or an explicit id. The
/// hooks see the character without its backslash and, in prose, where it
/// was escaped (TextSpot::escaped).

#include <algorithm>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace visie::render::markdown {

/// Registers the GFM extensions with cmark-gfm. Call once from main()
/// before any thread starts: the registry is global and not thread-safe.
void init();

/// True when cmark-gfm parses on any number of threads at once: its global
/// table of special characters is filled once for good and no parse changes
/// it (render/markdown/markdown.cpp). False only when the library's build
/// keeps visie from that; the inline parse is then serialised.
bool parses_in_parallel();

/// A fenced block whose info string starts with `visie`.
struct Directive {
  std::string name;       // the word after `visie`
  std::string body;       // the block's content (the options)
  std::size_t line = 0;   // line of the opening fence, 1-based in the input
  std::size_t col = 0;
};

/// The label cmark-gfm gives a footnote's back-link.
inline constexpr std::string_view cmark_footnote_back = "Back to content";

/// The kinds of block that get a stable id and a citable reference.
enum class BlockKind { heading, paragraph, item, table };

/// A citable block of the document (heading, paragraph, list item, table),
/// in document order. Its HTML element carries its source position (the
/// key `sourcepos`) until place_blocks() replaces it.
struct Block {
  BlockKind kind = BlockKind::paragraph;
  int level = 0;              // heading level, or 0
  std::string text;           // plain text, for ids and diffs
  std::string written;        // the same with its placeholders as written (`{{version.label}}`)
  std::string sourcepos;      // the key of its element's source position
  std::string explicit_id;    // from a trailing `{#id}`, or empty
  std::size_t id_line = 0;    // 1-based line of the `{#id}` in the input, or 0
  std::size_t id_column = 0;  // 1-based column (in characters) of its `{`, or 0
  std::size_t line = 0;       // 1-based line in the input
  std::string caption_html;   // a table's caption (see Hooks::caption), or empty
};

/// Where a text node sits: its place in the input and the section (the
/// number of headings before it) it belongs to.
struct TextSpot {
  std::size_t line = 0;     // 1-based line in the input (0 if unknown)
  std::size_t column = 0;   // 1-based byte column of the node's first character
  std::size_t section = 0;  // headings seen before the node
  bool starts_block = false; // the node is the first thing in its paragraph or cell
  bool in_footnote = false;  // the node is part of a footnote
  /// Byte offsets, in ascending order, of the characters of the literal
  /// the author escaped with a backslash (`\@`, `\[`, `\{`): they are
  /// text, never the start of visie's syntax.
  std::vector<std::size_t> escaped;
  bool in_heading = false;  // the node is part of a heading
  bool in_link = false;     // the node is part of a link's text (or an image's)

  /// True when the character at byte `offset` of the literal was escaped.
  [[nodiscard]] bool is_escaped(std::size_t offset) const {
    return std::binary_search(escaped.begin(), escaped.end(), offset);
  }
};

/// A piece of rewritten inline text: plain `text` (escaped by the renderer)
/// between trusted HTML `open` and `close` (either may be empty).
struct Span {
  std::string open;
  std::string text;
  std::string close;
};

/// The caption of a table: a paragraph right after it that starts with
/// `: ` or `Tabel: ` (or `Table: `), with an optional trailing `{#tbl:label}`.
struct Caption {
  std::string text;        // the caption without its prefix and label
  std::string label;       // "perspectieven" for `{#tbl:perspectieven}`, or empty
  std::size_t line = 0;    // 1-based line of the caption paragraph
  std::size_t column = 0;  // 1-based column of the caption's text
};

/// A `{{name}}` placeholder in text (not in code, and not escaped as
/// `\{{name}}`).
struct Placeholder {
  std::string_view name;     // between the braces, without surrounding spaces
  std::string_view written;  // "{{ name }}", as written in the source (escapes included)
  std::size_t line = 0;      // 1-based line in the input (0 if unknown)
};

/// What the caller does with the parts visie adds to Markdown.
struct Hooks {
  /// Returns trusted HTML that replaces the directive block. Called once
  /// per directive, in document order.
  std::function<std::string(const Directive&)> directive;
  /// Returns the value of a placeholder, which replaces it as text, or
  /// nullopt to leave it as written (after reporting why). Called in
  /// document order, before the blocks' texts are taken.
  std::function<std::optional<std::string>(const Placeholder&)> placeholder;
  /// Returns trusted HTML for a table's <caption>, called for captioned
  /// tables in document order, interleaved with `directive` (so both can
  /// share one numbering).
  std::function<std::string(const Caption&)> caption;
  /// Rewrites the text of running prose: every text node outside images,
  /// code and table captions (those in headings and link text are marked
  /// in their TextSpot), in document order, after
  /// `text` and after the blocks' texts were taken (ids do not depend on
  /// what it returns). An empty result leaves the node as it is.
  std::function<std::vector<Span>(std::string_view literal, const TextSpot& where)> inlines;
  /// The label (`aria-label`) of a footnote's link back into the text, in
  /// the document's language (the UI string "footnote_back"). cmark-gfm
  /// writes it in English; to_html() says it in this one.
  std::string footnote_back = std::string(cmark_footnote_back);
};

/// The result of rendering one Markdown document.
struct Rendered {
  std::string html;            // block elements carry their source position (place_blocks())
  std::vector<Block> blocks;   // citable blocks, in document order
};

/// Parses `source` and renders it to HTML, calling `hooks` on the way.
/// Pure: no I/O and no global state beyond the registry set up by init().
/// The control characters U+0080 to U+009F, in `source` or in what a hook
/// returns, become U+FFFD: the module marks text with them on its way
/// through cmark-gfm, and nothing else may.
Rendered to_html(std::string_view source, const Hooks& hooks);

/// What the element of a citable block becomes once the caller knows its
/// id: what goes into its start tag and right after it. A table's may be
/// wrapped: `before` goes before `<table`, `close` after `</table>`.
struct BlockPlacement {
  std::string attributes;  // into the start tag (` id="…"`)
  std::string after_tag;   // right after the start tag (a link, a caption)
  std::string before;      // tables only: before the start tag
  std::string close;       // tables only: after the end tag
};

/// `html` of to_html() with the source position of every block element
/// replaced: the element gets what `place(sourcepos, is_table)` returns
/// for its key, or nothing when it returns nullopt (inline elements, table
/// rows and inner paragraphs carry a position too). The one reader of the
/// positions to_html() writes.
std::string place_blocks(
    const std::string& html,
    const std::function<std::optional<BlockPlacement>(const std::string& sourcepos, bool is_table)>&
        place);

}  // namespace visie::render::markdown
