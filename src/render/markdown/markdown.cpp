#include "render/markdown/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <dlfcn.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <tuple>

#include "core/text.hpp"
#include "render/detail/cmark_tree.hpp"
#include "render/detail/marks.hpp"

namespace visie::render::markdown {

// The tree's functions and cmark-gfm's owners (render/detail/cmark_tree.hpp).
using namespace tree;

namespace {

// cmark-gfm 0.29.0.gfm.6 keeps the inline parser's table of special
// characters in a global: cmark_parser_finish() calls
// cmark_manage_extensions_special_characters() to add its extensions'
// characters (':' and 'w' for autolinks, '~' for strikethrough) before it
// parses the inlines, and again to clear them after. An inline parse on
// another thread could lose them mid-way (an autolink left as text, now and
// then). The extensions also find their handlers through those lists, so
// they cannot be emptied.
//
// Every parser visie makes has the same extensions, so the characters can
// simply stay: the library's own call goes through its PLT to the
// definition below, which leaves the table alone, and the table is filled
// once, by the library's function, before the first parse. Inline parsing
// then only reads the table, on any number of threads.
std::atomic<bool> finish_calls_visie{false};

ParserPtr new_parser() {
  ParserPtr parser(cmark_parser_new(parse_options));
  for (const char* name : extension_names) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
  }
  return parser;
}

/// Fills the special-character table for good and tells whether
/// cmark_parser_finish() now leaves it alone. False when the library calls
/// its own function directly (a build with -Bsymbolic, say): then the inline
/// parse stays serialised.
bool fill_special_characters() {
  using Manage = void (*)(cmark_parser*, int);
  auto* library = reinterpret_cast<Manage>(
      dlsym(RTLD_NEXT, "cmark_manage_extensions_special_characters"));
  if (library == nullptr) return false;
  const ParserPtr parser = new_parser();
  library(parser.get(), 1);
  finish_calls_visie.store(false);
  cmark_parser_feed(parser.get(), "x", 1);
  const NodePtr probe(cmark_parser_finish(parser.get()));
  return finish_calls_visie.load();
}

}  // namespace

void init() { cmark_gfm_core_extensions_ensure_registered(); }

Rendered to_html(std::string_view source, const Hooks& hooks) {
  const bool lock_free = parses_in_parallel();
  const std::string input = marks::protect(source);
  const ParserPtr parser = new_parser();
  cmark_parser_feed(parser.get(), input.data(), input.size());
  NodePtr root;
  if (lock_free) {
    root.reset(cmark_parser_finish(parser.get()));
  } else {
    static std::mutex inlines;
    const std::lock_guard lock(inlines);
    root.reset(cmark_parser_finish(parser.get()));
  }
  restore_escapes(root.get());
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
                          inside(node, CMARK_NODE_FOOTNOTE_DEFINITION), {},
                          inside(node, CMARK_NODE_HEADING), inside(node, CMARK_NODE_LINK)};
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

  // The text nodes whose placeholders were filled, with their text as written.
  std::vector<std::pair<cmark_node*, std::string>> filled;
  for (cmark_node* node : placeholders) {
    if (!hooks.placeholder) break;
    std::size_t line = static_cast<std::size_t>(cmark_node_get_start_line(node));
    for (cmark_node* p = node; line == 0 && p != nullptr; p = cmark_node_parent(p)) {
      line = static_cast<std::size_t>(cmark_node_get_start_line(p));
    }
    std::string written = cmark_node_get_literal(node);
    const auto replaced = fill_placeholders(written, line, hooks.placeholder);
    if (replaced != written) filled.emplace_back(node, std::move(written));
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
    const std::string html = hooks.directive ? marks::sanitize(hooks.directive(d)) : std::string();
    cmark_node* block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
    cmark_node_set_on_enter(block, html.c_str());
    cmark_node_set_on_exit(block, "");
    cmark_node_replace(node, block);
    cmark_node_free(node);
  }

  std::vector<std::size_t> starts;  // of the source's lines, once an explicit id needs them
  // Blocks are read after the placeholders were filled, so their text shows
  // the values readers see, and before inline rewriting, so their ids depend
  // on what the author wrote ("[@fig:huis]"), not on numbers that shift.
  for (const auto& [node, kind] : blocks) {
    Block b;
    b.kind = kind;
    if (kind == BlockKind::heading || kind == BlockKind::paragraph) {
      b.explicit_id = take_explicit_id(node);
      if (!b.explicit_id.empty()) {
        if (starts.empty()) starts = line_starts(source);
        std::tie(b.id_line, b.id_column) =
            find_id(source, starts, static_cast<std::size_t>(cmark_node_get_start_line(node)),
                    static_cast<std::size_t>(cmark_node_get_end_line(node)), b.explicit_id);
      }
    }
    if (const auto it = table_captions.find(node); it != table_captions.end()) {
      if (!it->second.label.empty()) b.explicit_id = "tbl-" + it->second.label;
      b.caption_html = caption_html[node];
    }
    b.level = kind == BlockKind::heading ? cmark_node_get_heading_level(node) : 0;
    b.text = plain_text(node);
    b.written = written_text(node, filled, b.text);
    if (!b.explicit_id.empty() && b.written != b.text && b.written.ends_with('}')) {
      // take_explicit_id() took the id from the node's text as filled.
      b.written.erase(std::min(b.written.size(), b.written.rfind("{#")));
      while (b.written.ends_with(' ')) b.written.pop_back();
    }
    b.sourcepos = sourcepos_of(node);
    b.line = static_cast<std::size_t>(cmark_node_get_start_line(node));
    out.blocks.push_back(std::move(b));
  }

  std::vector<std::string> span_html;
  std::set<cmark_node*> folded;  // freed by fold_bracket()
  for (const auto& [node, spot] : prose) {
    if (!hooks.inlines) break;
    if (folded.contains(node)) continue;
    while (fold_bracket(node, cmark_parser_get_syntax_extensions(parser.get()), span_html, folded)) {
    }
    const char* lit = cmark_node_get_literal(node);
    if (lit == nullptr || *lit == '\0') continue;
    TextSpot where = spot;
    const auto text = marks::unprotect(lit, false, &where.escaped);
    const auto spans = hooks.inlines(text, where);
    if (spans.empty()) continue;
    for (const auto& span : spans) cmark_node_insert_before(node, span_node(span, span_html));
    cmark_node_unlink(node);
    cmark_node_free(node);
  }

  unprotect_text(root.get());
  CharPtr html(cmark_render_html(root.get(), render_options,
                                 cmark_parser_get_syntax_extensions(parser.get())));
  out.html = marks::put_spans(label_footnote_backrefs(html.get(), hooks.footnote_back), span_html);
  return out;
}

std::string place_blocks(
    const std::string& html,
    const std::function<std::optional<BlockPlacement>(const std::string& sourcepos, bool is_table)>&
        place) {
  // CMARK_OPT_SOURCEPOS writes this attribute on every block element.
  static constexpr std::string_view attr = " data-sourcepos=\"";
  std::string out;
  out.reserve(html.size() + html.size() / 8);
  std::size_t pos = 0;
  std::size_t close_at = std::string::npos;  // where a wrapped table ends
  std::string closing;
  const auto flush_to = [&](std::size_t end) {
    if (close_at != std::string::npos && close_at <= end) {
      out.append(html, pos, close_at - pos);
      out += closing;
      pos = close_at;
      close_at = std::string::npos;
    }
    out.append(html, pos, end - pos);
    pos = end;
  };
  while (true) {
    const auto at = html.find(attr, pos);
    if (at == std::string::npos) break;
    const auto value_start = at + attr.size();
    const auto value_end = html.find('"', value_start);
    const auto tag_end = html.find('>', value_end);
    if (value_end == std::string::npos || tag_end == std::string::npos) break;
    const auto tag_start = html.rfind('<', at);
    const bool is_table = html.compare(tag_start, 6, "<table") == 0;
    const auto placement = place(html.substr(value_start, value_end - value_start), is_table);
    if (placement && is_table) {
      flush_to(tag_start);
      out += placement->before;
      out.append(html, tag_start, at - tag_start);
      const auto table_end = html.find("</table>", tag_end);
      close_at = table_end == std::string::npos ? html.size() : table_end + 8;
      closing = placement->close;
    } else {
      flush_to(at);
    }
    if (placement) out += placement->attributes;
    out.append(html, value_end + 1, tag_end + 1 - (value_end + 1));
    if (placement) out += placement->after_tag;
    pos = tag_end + 1;
  }
  flush_to(html.size());
  return out;
}

bool parses_in_parallel() {
  static const bool lock_free = (init(), fill_special_characters());
  return lock_free;
}

}  // namespace visie::render::markdown

// The interposed definition (see above): called by cmark_parser_finish()
// before and after each inline parse; the table was filled once for good.
extern "C" void cmark_manage_extensions_special_characters(cmark_parser* /*parser*/,
                                                           int /*add*/) {
  visie::render::markdown::finish_calls_visie.store(true, std::memory_order_relaxed);
}
