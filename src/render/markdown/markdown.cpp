#include "render/markdown/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <tuple>

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
constexpr int parse_options = CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8;
// Source positions mark each block element so that stable ids can be
// attached to exactly the elements the AST pass identified.
constexpr int render_options = CMARK_OPT_FOOTNOTES | CMARK_OPT_SOURCEPOS;

constexpr const char* extension_names[] = {"table", "strikethrough", "autolink", "tagfilter",
                                           "tasklist"};

// ------------------------------------------------------------ marks
//
// The module marks text on its way through cmark-gfm with C1 control
// characters (U+0080 to U+009F, two bytes each in UTF-8): a character the
// author escaped (`\@`), and a span of HTML that stands in for text. No one
// else can put one there: the module turns every C1 character of the source,
// and of whatever a hook gives it, into U+FFFD. HTML has no use for them.

/// A character of visie's syntax that a backslash escapes, and the mark
/// that stands for the escaped character in the tree. A mark is two bytes,
/// as `\@` is: cmark-gfm's columns stay those of the source.
struct Escape {
  char c;
  std::string_view mark;
};
constexpr Escape escapes[] = {{'@', "\xC2\x81"}, {'[', "\xC2\x82"}, {'{', "\xC2\x83"}};

// A span of HTML stands in the tree as a text node holding U+0098 (start of
// string), its index and U+009C (string terminator), and is put in after
// rendering. (A custom inline node cannot go everywhere text can: the table
// extension refuses it in cells.) The renderer passes both unescaped.
constexpr std::string_view marker_open = "\xC2\x98";
constexpr std::string_view marker_close = "\xC2\x9C";

constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD

/// True when a C1 control character starts at byte `i` of `s`.
bool is_c1(std::string_view s, std::size_t i) {
  return static_cast<unsigned char>(s[i]) == 0xC2U && i + 1 < s.size() &&
         static_cast<unsigned char>(s[i + 1]) >= 0x80U && static_cast<unsigned char>(s[i + 1]) <= 0x9FU;
}

/// `text` with every C1 control character replaced by U+FFFD.
std::string sanitize(std::string_view text) {
  if (text.find('\xC2') == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (is_c1(text, i)) {
      out += replacement;
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

/// The length of what cmark-gfm takes as written although it may hold a
/// backslash, at byte `i` of `source`: a bracket that starts with `[^` (a
/// footnote, whose id keeps the backslash, or not) or an autolink
/// (`<https://x/\@y>`); 0 if none.
std::size_t verbatim_at(std::string_view source, std::size_t i) {
  const auto rest = source.substr(i);
  std::size_t end = std::string_view::npos;
  if (rest.starts_with("[^")) {
    // cmark-gfm keeps a "[^…]" bracket as written, footnote or not.
    end = rest.find_first_of("]\n", 2);
    if (end == std::string_view::npos || rest[end] != ']') return 0;
  } else if (rest.starts_with('<')) {
    // A URI autolink: a scheme of 2 to 32 characters, ':', no space or '<'.
    std::size_t k = 1;
    while (k < rest.size() && k <= 33 &&
           (std::isalnum(static_cast<unsigned char>(rest[k])) != 0 || rest[k] == '+' ||
            rest[k] == '.' || rest[k] == '-')) {
      ++k;
    }
    if (k < 3 || k > 33 || k >= rest.size() || rest[k] != ':' ||
        std::isalpha(static_cast<unsigned char>(rest[1])) == 0) {
      return 0;
    }
    end = rest.find_first_of("> \t\n<", k);
    if (end == std::string_view::npos || rest[end] != '>') return 0;
  } else {
    return 0;
  }
  return end + 1;
}

/// The source as cmark-gfm reads it: sanitized, with every escaped
/// character of visie's syntax replaced by its mark.
std::string protect(std::string_view source) {
  std::string out;
  out.reserve(source.size() + 8);
  for (std::size_t i = 0; i < source.size(); ++i) {
    const char c = source[i];
    if (c == '[' || c == '<') {
      if (const auto n = verbatim_at(source, i); n > 0) {
        out += sanitize(source.substr(i, n));
        i += n - 1;
        continue;
      }
    }
    if (c == '\\' && i + 1 < source.size()) {
      const char next = source[i + 1];
      const auto* e = std::find_if(std::begin(escapes), std::end(escapes),
                                   [&](const Escape& x) { return x.c == next; });
      if (e != std::end(escapes)) {
        out += e->mark;
        ++i;
        continue;
      }
      // `\\@` is an escaped backslash before an '@': the pair goes as it is.
      if (static_cast<unsigned char>(next) < 0x80U) {
        out += c;
        out += next;
        ++i;
        continue;
      }
    }
    if (is_c1(source, i)) {
      out += replacement;
      ++i;
      continue;
    }
    out += c;
  }
  return out;
}

/// The escape whose mark starts at byte `i` of `s`, or null.
const Escape* mark_at(std::string_view s, std::size_t i) {
  if (!is_c1(s, i)) return nullptr;
  for (const auto& e : escapes) {
    if (s.compare(i, e.mark.size(), e.mark) == 0) return &e;
  }
  return nullptr;
}

/// `text` with each mark replaced by the escaped character (`raw`: by the
/// backslash and the character, as written, for code and raw HTML, where a
/// backslash escapes nothing). Adds the offsets of the escaped characters
/// in the result to `escaped`, when given.
std::string unprotect(std::string_view text, bool raw = false,
                      std::vector<std::size_t>* escaped = nullptr) {
  if (text.find('\xC2') == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (const Escape* e = mark_at(text, i)) {
      if (raw) out += '\\';
      if (escaped != nullptr) escaped->push_back(out.size());
      out += e->c;
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

/// Puts back what the marks stand for where cmark-gfm takes text as
/// written (code, raw HTML) or has already undone escapes (link targets
/// and titles, info strings).
void restore_escapes(cmark_node* root) {
  each_node(root, [](cmark_node* node) {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_CODE_BLOCK:
        if (const char* info = cmark_node_get_fence_info(node)) {
          cmark_node_set_fence_info(node, unprotect(info).c_str());
        }
        [[fallthrough]];
      case CMARK_NODE_CODE:
      case CMARK_NODE_HTML_BLOCK:
      case CMARK_NODE_HTML_INLINE:
        if (const char* lit = cmark_node_get_literal(node)) {
          cmark_node_set_literal(node, unprotect(lit, true).c_str());
        }
        break;
      case CMARK_NODE_LINK:
      case CMARK_NODE_IMAGE:
        if (const char* url = cmark_node_get_url(node)) cmark_node_set_url(node, unprotect(url).c_str());
        if (const char* title = cmark_node_get_title(node)) {
          cmark_node_set_title(node, unprotect(title).c_str());
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
    if (lit != nullptr && std::string_view(lit).find('\xC2') != std::string_view::npos) {
      cmark_node_set_literal(node, unprotect(lit).c_str());
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
        for (const char c : unprotect(lit)) out += c == '\n' ? ' ' : c;
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
  std::string id = unprotect(text.substr(open + 2, text.size() - open - 3));
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
  if (span.open.empty() && span.close.empty()) {
    cmark_node_set_literal(text, sanitize(span.text).c_str());
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
    const auto shown_name = unprotect(name);
    const auto shown = unprotect(written, true);  // as in the source, to be found there
    if (const auto value = hook(Placeholder{shown_name, shown, at_line})) {
      out += sanitize(*value);
    } else {
      out += written;
    }
    pos = close + 2;
  }
  out += literal.substr(pos);
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

}  // namespace

void init() { cmark_gfm_core_extensions_ensure_registered(); }

Rendered to_html(std::string_view source, const Hooks& hooks) {
  const std::string input = protect(source);
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
    cmark_parser_feed(parser.get(), input.data(), input.size());
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
                          inside(node, CMARK_NODE_FOOTNOTE_DEFINITION), {}};
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
    if (!hooks.placeholder) break;
    std::size_t line = static_cast<std::size_t>(cmark_node_get_start_line(node));
    for (cmark_node* p = node; line == 0 && p != nullptr; p = cmark_node_parent(p)) {
      line = static_cast<std::size_t>(cmark_node_get_start_line(p));
    }
    const auto replaced = fill_placeholders(cmark_node_get_literal(node), line, hooks.placeholder);
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
    const std::string html = hooks.directive ? sanitize(hooks.directive(d)) : std::string();
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
    b.sourcepos = sourcepos_of(node);
    b.line = static_cast<std::size_t>(cmark_node_get_start_line(node));
    out.blocks.push_back(std::move(b));
  }

  std::vector<std::string> span_html;
  for (const auto& [node, spot] : prose) {
    if (!hooks.inlines) break;
    const char* lit = cmark_node_get_literal(node);
    if (lit == nullptr || *lit == '\0') continue;
    TextSpot where = spot;
    const auto text = unprotect(lit, false, &where.escaped);
    const auto spans = hooks.inlines(text, where);
    if (spans.empty()) continue;
    for (const auto& span : spans) cmark_node_insert_before(node, span_node(span, span_html));
    cmark_node_unlink(node);
    cmark_node_free(node);
  }

  unprotect_text(root.get());
  CharPtr html(cmark_render_html(root.get(), render_options,
                                 cmark_parser_get_syntax_extensions(parser.get())));
  out.html = put_spans(html.get(), span_html);
  return out;
}

}  // namespace visie::render::markdown
