#include "render/markdown/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>

#include "core/text.hpp"

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
      if (const char* lit = cmark_node_get_literal(cur)) {
        // Line breaks inside a paragraph are text (see soften_breaks()).
        for (const char* c = lit; *c != '\0'; ++c) out += *c == '\n' ? ' ' : *c;
      }
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

bool is_table(cmark_node* node) {
  return node != nullptr && std::string_view(cmark_node_get_type_string(node)) == "table";
}

/// The caption prefixes a paragraph right after a table may start with.
constexpr std::string_view caption_prefixes[] = {": ", "Tabel: ", "Table: "};

/// The caption paragraph following `table`, or null.
cmark_node* caption_after(cmark_node* table) {
  cmark_node* next = cmark_node_next(table);
  if (next == nullptr || cmark_node_get_type(next) != CMARK_NODE_PARAGRAPH) return nullptr;
  cmark_node* first = cmark_node_first_child(next);
  if (first == nullptr || cmark_node_get_type(first) != CMARK_NODE_TEXT) return nullptr;
  const std::string_view lit = cmark_node_get_literal(first);
  for (auto prefix : caption_prefixes) {
    if (lit.starts_with(prefix)) return next;
  }
  return nullptr;
}

/// Reads a caption paragraph: its text without prefix and `{#tbl:label}`.
Caption read_caption(cmark_node* paragraph) {
  Caption c;
  c.text = plain_text(paragraph);
  c.line = static_cast<std::size_t>(cmark_node_get_start_line(paragraph));
  c.column = static_cast<std::size_t>(cmark_node_get_start_column(paragraph));
  for (auto prefix : caption_prefixes) {
    if (c.text.starts_with(prefix)) {
      c.text.erase(0, prefix.size());
      c.column += prefix.size();
      break;
    }
  }
  while (!c.text.empty() && c.text.back() == ' ') c.text.pop_back();
  if (c.text.ends_with('}')) {
    if (const auto open = c.text.rfind("{#tbl:"); open != std::string::npos) {
      c.label = c.text.substr(open + 6, c.text.size() - open - 7);
      c.text.erase(open);
      while (!c.text.empty() && c.text.back() == ' ') c.text.pop_back();
    }
  }
  return c;
}

/// True when text in `node` is running prose that inline rewriting may
/// touch: not in a heading, a link, an image or a table caption.
bool is_prose(cmark_node* node, const std::vector<cmark_node*>& captions) {
  for (cmark_node* p = cmark_node_parent(node); p != nullptr; p = cmark_node_parent(p)) {
    switch (cmark_node_get_type(p)) {
      case CMARK_NODE_HEADING:
      case CMARK_NODE_LINK:
      case CMARK_NODE_IMAGE:
        return false;
      case CMARK_NODE_PARAGRAPH:
        if (std::find(captions.begin(), captions.end(), p) != captions.end()) return false;
        break;
      default:
        break;
    }
  }
  return true;
}

/// Turns every soft line break into a "\n" text node, which renders the
/// same, so that consolidated text runs over whole lines of a paragraph: a
/// citation or a term may be wrapped onto the next line.
void soften_breaks(cmark_node* root) {
  std::vector<cmark_node*> breaks;
  IterPtr iter(cmark_iter_new(root));
  cmark_event_type ev;
  while ((ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_SOFTBREAK) {
      breaks.push_back(node);
    }
  }
  for (cmark_node* node : breaks) {
    cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
    cmark_node_set_literal(text, "\n");
    cmark_node_replace(node, text);
    cmark_node_free(node);
  }
}

// A span with HTML stands in the tree as a text node holding a marker,
// U+E000, its index, U+E001, and is put in after rendering. (A custom
// inline node cannot go everywhere text can: the table extension refuses
// it in cells.) Private-use characters pass the renderer unescaped; one an
// author typed can at worst repeat a span of this document.
constexpr std::string_view marker_open = "\xEE\x80\x80";
constexpr std::string_view marker_close = "\xEE\x80\x81";

/// A text node for `span`: its text, or a marker for its HTML (kept in
/// `html`).
cmark_node* span_node(const Span& span, std::vector<std::string>& html) {
  cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
  if (span.open.empty() && span.close.empty()) {
    cmark_node_set_literal(text, span.text.c_str());
    return text;
  }
  const std::string marker =
      std::string(marker_open) + std::to_string(html.size()) + std::string(marker_close);
  html.push_back(span.open + core::escape_html(span.text) + span.close);
  cmark_node_set_literal(text, marker.c_str());
  return text;
}

/// Replaces the span markers in rendered `out` with their HTML.
std::string put_spans(const std::string& out, const std::vector<std::string>& html) {
  if (html.empty()) return out;
  std::string result;
  result.reserve(out.size());
  std::size_t pos = 0;
  while (true) {
    const auto at = out.find(marker_open, pos);
    if (at == std::string::npos) break;
    const auto digits = at + marker_open.size();
    const auto end = out.find(marker_close, digits);
    std::size_t index = html.size();
    if (end != std::string::npos && end > digits && end - digits < 10 &&
        out.find_first_not_of("0123456789", digits) == end) {
      index = std::stoul(out.substr(digits, end - digits));
    }
    if (index >= html.size()) {
      result.append(out, pos, digits - pos);
      pos = digits;
      continue;
    }
    result.append(out, pos, at - pos);
    result += html[index];
    pos = end + marker_close.size();
  }
  result.append(out, pos, std::string::npos);
  return result;
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
  NodePtr root;
  {
    // cmark-gfm keeps the inline parser's table of special characters in a
    // global: each parse adds its extensions' characters (':' and 'w' for
    // autolinks, '~' for strikethrough) and clears them when it is done,
    // so a parse on another thread could lose them mid-way (an autolink
    // left as text, now and then). Parsing is serialised; rendering and
    // everything around it still runs in parallel.
    static std::mutex parsing;
    const std::lock_guard lock(parsing);
    cmark_parser_feed(parser.get(), source.data(), source.size());
    root.reset(cmark_parser_finish(parser.get()));
  }
  // The parser splits text at every bracket and escape; the hooks see
  // "[@key]" and "[[term]]" in one piece.
  soften_breaks(root.get());
  cmark_consolidate_text_nodes(root.get());

  Rendered out;
  // Nodes are collected first and changed after the walk: replacing a node
  // under a live iterator is not allowed.
  std::vector<cmark_node*> placeholders;
  // Directive blocks and captioned tables, in document order: they share
  // the page's numbering of figures and tables.
  std::vector<cmark_node*> numbered;
  std::vector<cmark_node*> captions;  // the caption paragraph of each captioned table
  std::vector<std::pair<cmark_node*, TextSpot>> prose;
  struct Found {
    cmark_node* node;
    BlockKind kind;
  };
  std::vector<Found> blocks;
  {
    std::size_t section = 0;
    IterPtr iter(cmark_iter_new(root.get()));
    cmark_event_type ev;
    while ((ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
      if (ev != CMARK_EVENT_ENTER) continue;
      cmark_node* node = cmark_iter_get_node(iter.get());
      switch (cmark_node_get_type(node)) {
        case CMARK_NODE_CODE_BLOCK:
          if (directive_name(cmark_node_get_fence_info(node))) numbered.push_back(node);
          break;
        case CMARK_NODE_TEXT: {
          const char* lit = cmark_node_get_literal(node);
          if (lit != nullptr && std::string_view(lit).find("{{") != std::string_view::npos) {
            placeholders.push_back(node);
          }
          if (is_prose(node, captions)) {
            TextSpot spot{static_cast<std::size_t>(cmark_node_get_start_line(node)),
                          static_cast<std::size_t>(cmark_node_get_start_column(node)), section,
                          cmark_node_previous(node) == nullptr,
                          inside(node, CMARK_NODE_FOOTNOTE_DEFINITION)};
            for (cmark_node* p = node; spot.line == 0 && p != nullptr; p = cmark_node_parent(p)) {
              spot.line = static_cast<std::size_t>(cmark_node_get_start_line(p));
              spot.column = static_cast<std::size_t>(cmark_node_get_start_column(p));
            }
            prose.emplace_back(node, spot);
          }
          break;
        }
        case CMARK_NODE_HEADING:
          ++section;
          blocks.push_back({node, BlockKind::heading});
          break;
        case CMARK_NODE_PARAGRAPH: {
          // A paragraph in a list item is cited through its item, one in a
          // footnote through the footnote, and a caption through its table.
          const auto parent = cmark_node_get_type(cmark_node_parent(node));
          const bool caption = std::find(captions.begin(), captions.end(), node) != captions.end();
          if (parent != CMARK_NODE_ITEM && !caption &&
              !inside(node, CMARK_NODE_FOOTNOTE_DEFINITION)) {
            blocks.push_back({node, BlockKind::paragraph});
          }
          break;
        }
        case CMARK_NODE_ITEM:
          blocks.push_back({node, BlockKind::item});
          break;
        default:
          if (is_table(node)) {
            blocks.push_back({node, BlockKind::table});
            if (cmark_node* caption = caption_after(node); caption != nullptr && hooks.caption) {
              numbered.push_back(node);
              captions.push_back(caption);
            }
          }
          break;
      }
    }
  }

  for (cmark_node* node : placeholders) {
    if (!hooks.text) break;
    std::size_t line = static_cast<std::size_t>(cmark_node_get_start_line(node));
    for (cmark_node* p = node; line == 0 && p != nullptr; p = cmark_node_parent(p)) {
      line = static_cast<std::size_t>(cmark_node_get_start_line(p));
    }
    const auto replaced = hooks.text(cmark_node_get_literal(node), line);
    cmark_node_set_literal(node, replaced.c_str());
  }

  std::map<cmark_node*, Caption> table_captions;
  std::map<cmark_node*, std::string> caption_html;
  for (cmark_node* node : numbered) {
    if (is_table(node)) {
      cmark_node* paragraph = caption_after(node);
      auto caption = read_caption(paragraph);
      caption_html[node] = hooks.caption(caption);
      table_captions[node] = std::move(caption);
      cmark_node_unlink(paragraph);
      cmark_node_free(paragraph);
      continue;
    }
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
  // readers see, and before inline rewriting, so their ids depend on what
  // the author wrote ("[@fig:huis]"), not on numbers that shift.
  for (const auto& [node, kind] : blocks) {
    Block b;
    b.kind = kind;
    if (kind == BlockKind::heading || kind == BlockKind::paragraph) {
      b.explicit_id = take_explicit_id(node);
    }
    if (const auto it = table_captions.find(node); it != table_captions.end()) {
      if (!it->second.label.empty()) b.explicit_id = "tbl-" + it->second.label;
      b.caption_html = caption_html[node];
    }
    b.level = kind == BlockKind::heading ? cmark_node_get_heading_level(node) : 0;
    b.text = plain_text(node);
    b.sourcepos = sourcepos_of(node);
    b.line = static_cast<std::size_t>(cmark_node_get_start_line(node));
    out.blocks.push_back(std::move(b));
  }

  std::vector<std::string> span_html;
  for (const auto& [node, spot] : prose) {
    if (!hooks.inlines) break;
    const char* lit = cmark_node_get_literal(node);
    if (lit == nullptr || *lit == '\0') continue;
    const auto spans = hooks.inlines(lit, spot);
    if (spans.empty()) continue;
    for (const auto& span : spans) cmark_node_insert_before(node, span_node(span, span_html));
    cmark_node_unlink(node);
    cmark_node_free(node);
  }

  CharPtr html(cmark_render_html(root.get(), render_options,
                                 cmark_parser_get_syntax_extensions(parser.get())));
  out.html = put_spans(html.get(), span_html);
  return out;
}

}  // namespace visie::render::markdown
