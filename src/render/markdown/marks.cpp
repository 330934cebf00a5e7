#include "render/detail/marks.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace visie::render::markdown::marks {

namespace {

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

}  // namespace

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

namespace {

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

}  // namespace

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

bool has_marks(std::string_view text) { return text.find('\xC2') != std::string_view::npos; }

namespace {

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
}  // namespace

std::string unprotect(std::string_view text, bool raw, std::vector<std::size_t>* escaped) {
  if (!has_marks(text)) return std::string(text);
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

std::string span_marker(std::size_t index) {
  return std::string(marker_open) + std::to_string(index) + std::string(marker_close);
}

namespace {

/// put_spans() for the spans below `limit`: a span's HTML may hold the
/// markers of spans made before it (fold_bracket()'s formatting in a
/// citation's prefix), never its own or later ones.
std::string put_spans_below(const std::string& out, const std::vector<std::string>& html,
                            std::size_t limit) {
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
    if (index >= limit) {
      result.append(out, pos, digits - pos);
      pos = digits;
      continue;
    }
    result.append(out, pos, at - pos);
    result += put_spans_below(html[index], html, index);
    pos = end + marker_close.size();
  }
  result.append(out, pos, std::string::npos);
  return result;
}

}  // namespace

std::string put_spans(const std::string& out, const std::vector<std::string>& html) {
  if (html.empty()) return out;
  return put_spans_below(out, html, html.size());
}

}  // namespace visie::render::markdown::marks
