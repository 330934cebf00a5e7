#pragma once
/// The cmark-gfm tree as render/markdown/ works on it: owners for
/// cmark-gfm's handles, the parse and render options, and the functions
/// that read and reshape the tree (src/render/markdown/tree.cpp). Internal
/// to render/markdown/: markdown.cpp's to_html() is their one user.
#ifndef VISIE_STAGE_RENDER
#error "render/detail is private to the render stage"
#endif

#include <cmark-gfm.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "render/markdown/markdown.hpp"

namespace visie::render::markdown::tree {

// RAII owners for cmark-gfm's handles. cmark-gfm allocates with the default
// allocator; whoever receives a pointer from *_new, *_finish or
// cmark_render_* owns it and frees it with the matching function.
struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct IterDeleter {
  void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};
struct CharDeleter {
  void operator()(char* s) const { cmark_get_default_mem_allocator()->free(s); }
};
using ParserPtr = std::unique_ptr<cmark_parser, ParserDeleter>;
using NodePtr = std::unique_ptr<cmark_node, NodeDeleter>;
using IterPtr = std::unique_ptr<cmark_iter, IterDeleter>;
using CharPtr = std::unique_ptr<char, CharDeleter>;

/// Calls `visit` with every node of the tree under `root` (itself
/// included), in document order. `visit` may change a node's literal,
/// target or info string, not the shape of the tree.
template <class Visit>
void each_node(cmark_node* root, Visit visit) {
  IterPtr iter(cmark_iter_new(root));
  cmark_event_type ev;
  while ((ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    if (ev == CMARK_EVENT_ENTER) visit(cmark_iter_get_node(iter.get()));
  }
}

// Raw HTML stays filtered: no CMARK_OPT_UNSAFE, ever. Components enter the
// tree as custom blocks, which the renderer emits as they are.
inline constexpr int parse_options = CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8;
// Source positions mark each block element so that stable ids can be
// attached to exactly the elements the AST pass identified.
inline constexpr int render_options = CMARK_OPT_FOOTNOTES | CMARK_OPT_SOURCEPOS;

inline constexpr const char* extension_names[] = {"table", "strikethrough", "autolink", "tagfilter",
                                           "tasklist"};

/// Puts back what the marks stand for where cmark-gfm takes text as
/// written (code, raw HTML) or has already undone escapes (link targets
/// and titles, info strings).
void restore_escapes(cmark_node* root);

/// Turns the marks left in text into the characters they stand for.
void unprotect_text(cmark_node* root);

std::string plain_text(cmark_node* node);

std::optional<std::string> directive_name(const char* info);

std::string sourcepos_of(cmark_node* node);

/// Removes a trailing `{#id}` from the block's last text node and returns
/// the id (empty when there is none).
std::string take_explicit_id(cmark_node* block);

bool inside(cmark_node* node, cmark_node_type type);

bool is_table(cmark_node* node);

/// The caption paragraph following `table`, or null.
cmark_node* caption_after(cmark_node* table);

/// Reads a caption paragraph: its text without prefix and `{#tbl:label}`.
Caption read_caption(cmark_node* paragraph);

/// True when text in `node` is running prose that inline rewriting may
/// touch: not in an image or a table caption.
bool is_prose(cmark_node* node, const std::vector<cmark_node*>& captions);

/// Turns every soft line break into a "\n" text node, which renders the
/// same, so that consolidated text runs over whole lines of a paragraph: a
/// citation or a term may be wrapped onto the next line.
void soften_breaks(cmark_node* root);

/// A text node for `span`: its text, or a marker for its HTML (kept in
/// `html`).
cmark_node* span_node(const Span& span, std::vector<std::string>& html);

/// "[*zie* @key]": cmark-gfm splits a bracket's text at the emphasis in
/// it. When text `node` ends with '[' and, after emphasis, strong text,
/// code and text without brackets or '@', a text node follows that closes
/// the bracket around an '@' after a space ("* @key]"), the formatting is
/// rendered to HTML now (a span marker in `html` stands for it) and the
/// pieces are joined in `node`, so that the hook sees the bracket whole.
/// The nodes folded in are freed and added to `folded`. True when it
/// folded a bracket (the joined text may end with another '[').
bool fold_bracket(cmark_node* node, cmark_llist* extensions, std::vector<std::string>& html, std::set<cmark_node*>& folded);

/// `literal` (the text of a node at line `line`) with each placeholder
/// replaced by its value from `hook`.
std::string fill_placeholders(std::string_view literal, std::size_t line, const std::function<std::optional<std::string>(const Placeholder&)>& hook);

/// The plain text of `block` with the placeholders in it as written: the
/// text nodes in `filled` hold their text as written while it is read.
/// `text` (the block's plain text) when it had none.
std::string written_text(cmark_node* block, const std::vector<std::pair<cmark_node*, std::string>>& filled, const std::string& text);

/// Byte offsets of the starts of the lines of `source`.
std::vector<std::size_t> line_starts(std::string_view source);

/// Where the `{#id}` of a block on lines `first` to `last` (1-based) of
/// `source` stands: the line and column of its last occurrence, or zeros.
std::pair<std::size_t, std::size_t> find_id(std::string_view source, const std::vector<std::size_t>& starts, std::size_t first, std::size_t last, std::string_view id);

/// cmark-gfm's HTML `html` with the label of every footnote's back-link
/// replaced by `label`. Only cmark-gfm writes this attribute: text and the
/// title of a link reach the HTML with their quotes escaped, raw HTML is
/// filtered, and the spans of the hooks are put in afterwards.
std::string label_footnote_backrefs(std::string html, std::string_view label);

}  // namespace visie::render::markdown::tree
