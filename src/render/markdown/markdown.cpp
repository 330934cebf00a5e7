#include "render/markdown/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <memory>

namespace visie::render::markdown {

namespace {

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

// Raw HTML stays filtered: no CMARK_OPT_UNSAFE, ever. Components enter the
// tree as custom blocks, which the renderer emits as they are.
constexpr int parse_options = CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8;
// Source positions mark each block element so that stable ids can be
// attached to exactly the elements the AST pass identified.
constexpr int render_options = CMARK_OPT_FOOTNOTES | CMARK_OPT_SOURCEPOS;

constexpr const char* extension_names[] = {"table", "strikethrough", "autolink", "tagfilter",
                                           "tasklist"};

std::string plain_text(cmark_node* node) {
  std::string out;
  IterPtr iter(cmark_iter_new(node));
  cmark_event_type ev;
  while ((ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    cmark_node* cur = cmark_iter_get_node(iter.get());
    if (ev != CMARK_EVENT_ENTER) continue;
    const auto type = cmark_node_get_type(cur);
    if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
      if (const char* lit = cmark_node_get_literal(cur)) out += lit;
    } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
      out += ' ';
    }
  }
  return out;
}

std::optional<std::string> directive_name(const char* info) {
  if (info == nullptr) return std::nullopt;
  std::string_view s(info);
  if (!s.starts_with("visie")) return std::nullopt;
  s.remove_prefix(5);
  if (!s.empty() && s[0] != ' ' && s[0] != '\t') return std::nullopt;
  while (!s.empty() && (s[0] == ' ' || s[0] == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

std::string sourcepos_of(cmark_node* node) {
  return std::to_string(cmark_node_get_start_line(node)) + ':' +
         std::to_string(cmark_node_get_start_column(node)) + '-' +
         std::to_string(cmark_node_get_end_line(node)) + ':' +
         std::to_string(cmark_node_get_end_column(node));
}

/// Removes a trailing `{#id}` from the block's last text node and returns
/// the id (empty when there is none).
std::string take_explicit_id(cmark_node* block) {
  cmark_node* last = cmark_node_last_child(block);
  if (last == nullptr || cmark_node_get_type(last) != CMARK_NODE_TEXT) return {};
  const char* lit = cmark_node_get_literal(last);
  if (lit == nullptr) return {};
  std::string text(lit);
  while (!text.empty() && text.back() == ' ') text.pop_back();
  if (!text.ends_with('}')) return {};
  const auto open = text.rfind("{#");
  if (open == std::string::npos) return {};
  std::string id = text.substr(open + 2, text.size() - open - 3);
  text.erase(open);
  while (!text.empty() && text.back() == ' ') text.pop_back();
  cmark_node_set_literal(last, text.c_str());
  return id;
}

bool inside(cmark_node* node, cmark_node_type type) {
  for (cmark_node* p = cmark_node_parent(node); p != nullptr; p = cmark_node_parent(p)) {
    if (cmark_node_get_type(p) == type) return true;
  }
  return false;
}

}  // namespace

void init() { cmark_gfm_core_extensions_ensure_registered(); }

Rendered to_html(std::string_view source, const Hooks& hooks) {
  ParserPtr parser(cmark_parser_new(parse_options));
  for (const char* name : extension_names) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
  }
  cmark_parser_feed(parser.get(), source.data(), source.size());
  NodePtr root(cmark_parser_finish(parser.get()));

  Rendered out;
  // Nodes are collected first and changed after the walk: replacing a node
  // under a live iterator is not allowed.
  std::vector<cmark_node*> directives;
  std::vector<cmark_node*> texts;
  struct Found {
    cmark_node* node;
    BlockKind kind;
  };
  std::vector<Found> blocks;
  {
    IterPtr iter(cmark_iter_new(root.get()));
    cmark_event_type ev;
    while ((ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
      if (ev != CMARK_EVENT_ENTER) continue;
      cmark_node* node = cmark_iter_get_node(iter.get());
      switch (cmark_node_get_type(node)) {
        case CMARK_NODE_CODE_BLOCK:
          if (directive_name(cmark_node_get_fence_info(node))) directives.push_back(node);
          break;
        case CMARK_NODE_TEXT: {
          const char* lit = cmark_node_get_literal(node);
          if (lit != nullptr && std::string_view(lit).find("{{") != std::string_view::npos) {
            texts.push_back(node);
          }
          break;
        }
        case CMARK_NODE_HEADING:
          blocks.push_back({node, BlockKind::heading});
          break;
        case CMARK_NODE_PARAGRAPH: {
          // A paragraph in a list item is cited through its item, and one
          // in a footnote through the footnote.
          const auto parent = cmark_node_get_type(cmark_node_parent(node));
          if (parent != CMARK_NODE_ITEM && !inside(node, CMARK_NODE_FOOTNOTE_DEFINITION)) {
            blocks.push_back({node, BlockKind::paragraph});
          }
          break;
        }
        case CMARK_NODE_ITEM:
          blocks.push_back({node, BlockKind::item});
          break;
        default:
          if (std::string_view(cmark_node_get_type_string(node)) == "table") {
            blocks.push_back({node, BlockKind::table});
          }
          break;
      }
    }
  }

  for (cmark_node* node : texts) {
    if (!hooks.text) break;
    std::size_t line = static_cast<std::size_t>(cmark_node_get_start_line(node));
    for (cmark_node* p = node; line == 0 && p != nullptr; p = cmark_node_parent(p)) {
      line = static_cast<std::size_t>(cmark_node_get_start_line(p));
    }
    const auto replaced = hooks.text(cmark_node_get_literal(node), line);
    cmark_node_set_literal(node, replaced.c_str());
  }

  for (cmark_node* node : directives) {
    Directive d;
    d.name = *directive_name(cmark_node_get_fence_info(node));
    const char* body = cmark_node_get_literal(node);
    d.body = body != nullptr ? body : "";
    d.line = static_cast<std::size_t>(cmark_node_get_start_line(node));
    d.col = static_cast<std::size_t>(cmark_node_get_start_column(node));
    const std::string html = hooks.directive ? hooks.directive(d) : std::string();
    cmark_node* block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
    cmark_node_set_on_enter(block, html.c_str());
    cmark_node_set_on_exit(block, "");
    cmark_node_replace(node, block);
    cmark_node_free(node);
  }

  // Blocks are read after the text hook ran, so their text shows the values
  // readers see.
  for (const auto& [node, kind] : blocks) {
    Block b;
    b.kind = kind;
    if (kind == BlockKind::heading || kind == BlockKind::paragraph) {
      b.explicit_id = take_explicit_id(node);
    }
    b.level = kind == BlockKind::heading ? cmark_node_get_heading_level(node) : 0;
    b.text = plain_text(node);
    b.sourcepos = sourcepos_of(node);
    b.line = static_cast<std::size_t>(cmark_node_get_start_line(node));
    out.blocks.push_back(std::move(b));
  }

  CharPtr html(cmark_render_html(root.get(), render_options,
                                 cmark_parser_get_syntax_extensions(parser.get())));
  out.html = html.get();
  return out;
}

}  // namespace visie::render::markdown
