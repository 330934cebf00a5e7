// The functions that read and reshape cmark-gfm's tree for to_html()
// (render/detail/cmark_tree.hpp).
#include <cmark-gfm-core-extensions.h>

#include <algorithm>

#include "core/text.hpp"
#include "render/detail/cmark_tree.hpp"
#include "render/detail/marks.hpp"

namespace visie::render::markdown::tree {

/// Puts back what the marks stand for where cmark-gfm takes text as
/// written (code, raw HTML) or has already undone escapes (link targets
/// and titles, info strings).
void restore_escapes(cmark_node* root) {
  each_node(root, [](cmark_node* node) {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_CODE_BLOCK:
        if (const char* info = cmark_node_get_fence_info(node)) {
          cmark_node_set_fence_info(node, marks::unprotect(info).c_str());
        }
        [[fallthrough]];
      case CMARK_NODE_CODE:
      case CMARK_NODE_HTML_BLOCK:
      case CMARK_NODE_HTML_INLINE:
        if (const char* lit = cmark_node_get_literal(node)) {
          cmark_node_set_literal(node, marks::unprotect(lit, true).c_str());
        }
        break;
      case CMARK_NODE_LINK:
      case CMARK_NODE_IMAGE:
        if (const char* url = cmark_node_get_url(node)) cmark_node_set_url(node, marks::unprotect(url).c_str());
        if (const char* title = cmark_node_get_title(node)) {
          cmark_node_set_title(node, marks::unprotect(title).c_str());
        }
        break;
      default:
        break;
    }
  });
}

/// Turns the marks left in text into the characters they stand for.
void unprotect_text(cmark_node* root) {
  each_node(root, [](cmark_node* node) {
    if (cmark_node_get_type(node) != CMARK_NODE_TEXT) return;
    const char* lit = cmark_node_get_literal(node);
    if (lit != nullptr && marks::has_marks(lit)) {
      cmark_node_set_literal(node, marks::unprotect(lit).c_str());
    }
  });
}

// ------------------------------------------------------------ the tree

std::string plain_text(cmark_node* node) {
  std::string out;
  each_node(node, [&](cmark_node* cur) {
    const auto type = cmark_node_get_type(cur);
    if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
      if (const char* lit = cmark_node_get_literal(cur)) {
        // Line breaks inside a paragraph are text (see soften_breaks()).
        for (const char c : marks::unprotect(lit)) out += c == '\n' ? ' ' : c;
      }
    } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
      out += ' ';
    }
  });
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
  std::string id = marks::unprotect(text.substr(open + 2, text.size() - open - 3));
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
/// touch: not in an image or a table caption.
bool is_prose(cmark_node* node, const std::vector<cmark_node*>& captions) {
  for (cmark_node* p = cmark_node_parent(node); p != nullptr; p = cmark_node_parent(p)) {
    switch (cmark_node_get_type(p)) {
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
  each_node(root, [&](cmark_node* node) {
    if (cmark_node_get_type(node) == CMARK_NODE_SOFTBREAK) breaks.push_back(node);
  });
  for (cmark_node* node : breaks) {
    cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
    cmark_node_set_literal(text, "\n");
    cmark_node_replace(node, text);
    cmark_node_free(node);
  }
}

/// A text node for `span`: its text, or a marker for its HTML (kept in
/// `html`).
cmark_node* span_node(const Span& span, std::vector<std::string>& html) {
  cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
  // Text with a span marker of fold_bracket() in it keeps the marker.
  if (span.open.empty() && span.close.empty() && !marks::has_marks(span.text)) {
    cmark_node_set_literal(text, marks::sanitize(span.text).c_str());
    return text;
  }
  cmark_node_set_literal(text, marks::span_marker(html.size()).c_str());
  html.push_back(span.open + core::escape_html(span.text) + span.close);
  return text;
}

/// "[*zie* @key]": cmark-gfm splits a bracket's text at the emphasis in
/// it. When text `node` ends with '[' and, after emphasis, strong text,
/// code and text without brackets or '@', a text node follows that closes
/// the bracket around an '@' after a space ("* @key]"), the formatting is
/// rendered to HTML now (a span marker in `html` stands for it) and the
/// pieces are joined in `node`, so that the hook sees the bracket whole.
/// The nodes folded in are freed and added to `folded`. True when it
/// folded a bracket (the joined text may end with another '[').
bool fold_bracket(cmark_node* node, cmark_llist* extensions, std::vector<std::string>& html,
                  std::set<cmark_node*>& folded) {
  const auto literal_of = [](cmark_node* n) -> std::string_view {
    const char* lit = cmark_node_get_literal(n);
    return lit != nullptr ? lit : "";
  };
  const auto lit = literal_of(node);
  if (lit.empty() || lit.back() != '[') return false;
  std::vector<cmark_node*> between;
  bool formatted = false;
  cmark_node* last = cmark_node_next(node);
  for (; last != nullptr; last = cmark_node_next(last)) {
    const auto type = cmark_node_get_type(last);
    if (type == CMARK_NODE_TEXT) {
      const auto text = literal_of(last);
      if (text.find(']') != std::string_view::npos) break;
      if (text.find_first_of("[@") != std::string_view::npos) return false;
    } else if (type == CMARK_NODE_EMPH || type == CMARK_NODE_STRONG || type == CMARK_NODE_CODE) {
      if (plain_text(last).find_first_of("[]@") != std::string::npos) return false;
      formatted = true;
    } else {
      return false;
    }
    between.push_back(last);
  }
  if (last == nullptr || !formatted) return false;
  const std::string tail(literal_of(last));
  const auto close = tail.find(']');
  const auto at = tail.find(" @");
  if (at == std::string::npos || at > close || tail.find('[') < close) return false;
  std::string joined(lit);
  for (cmark_node* n : between) {
    if (cmark_node_get_type(n) == CMARK_NODE_TEXT) {
      joined += literal_of(n);
    } else {
      unprotect_text(n);
      CharPtr rendered(cmark_render_html(n, render_options, extensions));
      joined += marks::span_marker(html.size());
      html.emplace_back(rendered.get());
    }
    each_node(n, [&](cmark_node* inner) { folded.insert(inner); });
    cmark_node_unlink(n);
    cmark_node_free(n);
  }
  joined += tail;
  folded.insert(last);
  cmark_node_unlink(last);
  cmark_node_free(last);
  cmark_node_set_literal(node, joined.c_str());
  return true;
}

/// `literal` (the text of a node at line `line`) with each placeholder
/// replaced by its value from `hook`.
std::string fill_placeholders(std::string_view literal, std::size_t line,
                              const std::function<std::optional<std::string>(const Placeholder&)>& hook) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    const auto open = literal.find("{{", pos);
    if (open == std::string_view::npos) break;
    const auto close = literal.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    out += literal.substr(pos, open - pos);
    const auto written = literal.substr(open, close + 2 - open);
    auto name = literal.substr(open + 2, close - open - 2);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    // The text runs over the lines of its paragraph.
    const auto at_line = (line == 0 ? 1 : line) +
                         static_cast<std::size_t>(std::count(literal.begin(), literal.begin() + static_cast<std::ptrdiff_t>(open), '\n'));
    const auto shown_name = marks::unprotect(name);
    const auto shown = marks::unprotect(written, true);  // as in the source, to be found there
    if (const auto value = hook(Placeholder{shown_name, shown, at_line})) {
      out += marks::sanitize(*value);
    } else {
      out += written;
    }
    pos = close + 2;
  }
  out += literal.substr(pos);
  return out;
}

/// The plain text of `block` with the placeholders in it as written: the
/// text nodes in `filled` hold their text as written while it is read.
/// `text` (the block's plain text) when it had none.
std::string written_text(cmark_node* block, const std::vector<std::pair<cmark_node*, std::string>>& filled,
                         const std::string& text) {
  std::vector<std::pair<cmark_node*, std::string>> shown;
  for (const auto& [node, written] : filled) {
    bool in_block = false;
    for (cmark_node* p = node; p != nullptr && !in_block; p = cmark_node_parent(p)) in_block = p == block;
    if (!in_block) continue;
    shown.emplace_back(node, cmark_node_get_literal(node));
    cmark_node_set_literal(node, written.c_str());
  }
  if (shown.empty()) return text;
  auto out = plain_text(block);
  for (const auto& [node, literal] : shown) cmark_node_set_literal(node, literal.c_str());
  return out;
}

/// Byte offsets of the starts of the lines of `source`.
std::vector<std::size_t> line_starts(std::string_view source) {
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i < source.size(); ++i) {
    if (source[i] == '\n') starts.push_back(i + 1);
  }
  return starts;
}

/// Where the `{#id}` of a block on lines `first` to `last` (1-based) of
/// `source` stands: the line and column of its last occurrence, or zeros.
std::pair<std::size_t, std::size_t> find_id(std::string_view source,
                                            const std::vector<std::size_t>& starts,
                                            std::size_t first, std::size_t last,
                                            std::string_view id) {
  const std::string needle = "{#" + std::string(id);
  for (std::size_t l = std::min(last, starts.size()); l >= first && l > 0; --l) {
    const auto begin = starts[l - 1];
    const auto end = l < starts.size() ? starts[l] : source.size();
    const auto line = source.substr(begin, end - begin);
    if (const auto at = line.rfind(needle); at != std::string_view::npos) {
      return {l, core::line_col(line, at).col};
    }
  }
  return {0, 0};
}

/// cmark-gfm's HTML `html` with the label of every footnote's back-link
/// replaced by `label`. Only cmark-gfm writes this attribute: text and the
/// title of a link reach the HTML with their quotes escaped, raw HTML is
/// filtered, and the spans of the hooks are put in afterwards.
std::string label_footnote_backrefs(std::string html, std::string_view label) {
  if (label == cmark_footnote_back) return html;
  static const std::string english =
      "data-footnote-backref aria-label=\"" + std::string(cmark_footnote_back) + "\"";
  const std::string local = "data-footnote-backref aria-label=\"" + core::escape_html(label) + "\"";
  for (auto at = html.find(english); at != std::string::npos;
       at = html.find(english, at + local.size())) {
    html.replace(at, english.size(), local);
  }
  return html;
}

}  // namespace visie::render::markdown::tree
