#pragma once
/// The only door to cmark-gfm. Parses GitHub Flavored Markdown (tables,
/// strikethrough, autolinks, task lists, footnotes; raw HTML filtered by
/// tagfilter and never passed through unsafe), lets the caller replace
/// directive blocks and rewrite text, and renders HTML.

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

/// A fenced block whose info string starts with `visie`.
struct Directive {
  std::string name;       // the word after `visie`
  std::string body;       // the block's content (the options)
  std::size_t line = 0;   // line of the opening fence, 1-based in the input
  std::size_t col = 0;
};

/// The kinds of block that get a stable id and a citable reference.
enum class BlockKind { heading, paragraph, item, table };

/// A citable block of the document (heading, paragraph, list item, table),
/// in document order. Its HTML element carries `data-sourcepos="<key>"`
/// until the caller replaces it (see render/anchors).
struct Block {
  BlockKind kind = BlockKind::paragraph;
  int level = 0;              // heading level, or 0
  std::string text;           // plain text, for ids and diffs
  std::string sourcepos;      // the element's data-sourcepos value
  std::string explicit_id;    // from a trailing `{#id}`, or empty
  std::size_t line = 0;       // 1-based line in the input
};

/// What the caller does with the parts visie adds to Markdown.
struct Hooks {
  /// Returns trusted HTML that replaces the directive block. Called once
  /// per directive, in document order.
  std::function<std::string(const Directive&)> directive;
  /// Returns the replacement for a text node's literal that contains
  /// "{{"; `line` is the node's 1-based line in the input (0 if unknown).
  std::function<std::string(std::string_view literal, std::size_t line)> text;
};

/// The result of rendering one Markdown document.
struct Rendered {
  std::string html;            // with data-sourcepos on block elements
  std::vector<Block> blocks;   // citable blocks, in document order
};

/// Parses `source` and renders it to HTML, calling `hooks` on the way.
/// Pure: no I/O and no global state beyond the registry set up by init().
Rendered to_html(std::string_view source, const Hooks& hooks);

}  // namespace visie::render::markdown
