#include "render/inline.hpp"

#include <algorithm>
#include <optional>

#include "core/text.hpp"
#include "render/ui.hpp"

namespace visie::render {

namespace {

using markdown::Span;
using markdown::TextSpot;

constexpr auto npos = std::string_view::npos;

/// The code point starting at byte `i` of `s` and its length in bytes.
/// Invalid bytes count as one character that is not a letter.
std::pair<char32_t, std::size_t> code_point_at(std::string_view s, std::size_t i) {
  std::size_t end = i;
  const char32_t cp = core::decode_utf8(s, end);
  return {cp, end - i};
}

/// The code point that ends just before byte `i`, or 0 at the start.
char32_t code_point_before(std::string_view s, std::size_t i) {
  if (i == 0) return 0;
  std::size_t start = i - 1;
  while (start > 0 && i - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0U) == 0x80U) {
    --start;
  }
  return code_point_at(s, start).first;
}

/// Letters and digits of the scripts Dutch text uses: words are runs of
/// these, so "cliënt" is one word and "‘regie’" has quotes around one.
bool is_letter(char32_t cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  }
  return (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x370 && cp <= 0x52F);
}

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t'; }

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = lower(c);
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool is_key_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool is_key_char(char c) {
  return is_key_start(c) || c == '-' || c == ':' || c == '.' || c == '/' || c == '#';
}

/// The citation key starting at `at` (just after an '@'): key characters,
/// without trailing punctuation ("@barlow2002." cites "barlow2002").
std::string_view key_at(std::string_view s, std::size_t at) {
  if (at >= s.size() || !is_key_start(s[at])) return {};
  std::size_t end = at;
  while (end < s.size() && is_key_char(s[end])) ++end;
  while (end > at && !is_key_start(s[end - 1])) --end;
  return s.substr(at, end - at);
}

/// The end of the run of key characters starting at `at`: what follows a
/// key before its trailing punctuation was dropped.
std::size_t key_run_end(std::string_view s, std::size_t at) {
  while (at < s.size() && is_key_char(s[at])) ++at;
  return at;
}

/// The kinds of label a cross-reference may name.
bool is_xref(std::string_view key) {
  return key.starts_with("fig:") || key.starts_with("tbl:") || key.starts_with("sec:");
}

/// One item of a bracketed group: "zie @key, p. 12".
struct BracketItem {
  std::string prefix;
  std::string key;
  std::string locator;
  std::size_t at = 0;  // offset of the '@' in the text
};

/// Parses the items of "[…]" at `open` to `close`; nullopt when the
/// brackets hold anything but citations ("[sic]", "[email @ home]",
/// "[\@key]").
std::optional<std::vector<BracketItem>> bracket_items(std::string_view s, std::size_t open,
                                                      std::size_t close, const TextSpot& where) {
  std::vector<BracketItem> items;
  std::size_t start = open + 1;
  while (start <= close) {
    auto end = s.find(';', start);
    if (end == npos || end > close) end = close;
    const auto part = s.substr(start, end - start);
    const auto at = part.find('@');
    if (at == npos || (at > 0 && !is_space(part[at - 1])) || where.is_escaped(start + at)) {
      return std::nullopt;
    }
    const auto key = key_at(part, at + 1);
    if (key.empty()) return std::nullopt;
    BracketItem item;
    item.prefix = std::string(trim(part.substr(0, at)));
    item.key = std::string(key);
    item.at = start + at;
    auto rest = trim(part.substr(at + 1 + key.size()));
    if (!rest.empty()) {
      if (rest.front() != ',') return std::nullopt;
      item.locator = std::string(trim(rest.substr(1)));
    }
    items.push_back(std::move(item));
    start = end + 1;
  }
  if (items.empty()) return std::nullopt;
  return items;
}

/// An uppercase letter: ASCII or accented Latin.
bool is_upper(char32_t cp) {
  return (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7);
}

/// `html` without its <a> and </a> tags: a citation's text where it
/// cannot be a link (inside the text of another link).
std::string without_links(std::string_view html) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    auto at = html.find("<a", pos);
    while (at != npos && at + 2 < html.size() && html[at + 2] != ' ' && html[at + 2] != '>') {
      at = html.find("<a", at + 2);
    }
    const auto end_tag = html.find("</a>", pos);
    const auto next = std::min(at, end_tag);
    if (next == npos) break;
    out.append(html, pos, next - pos);
    if (next == end_tag) {
      pos = end_tag + 4;
    } else {
      const auto close = html.find('>', at);
      pos = close == npos ? html.size() : close + 1;
    }
  }
  out.append(html.substr(pos));
  return out;
}

/// True when the text from `from` to `to` lies inside one of `phrases`
/// written around it in `s` (ASCII case ignored, any white space matching a
/// space).
bool inside_phrase(std::string_view s, std::size_t from, std::size_t to,
                   const std::vector<std::string>& phrases) {
  for (const auto& phrase : phrases) {
    if (phrase.empty()) continue;
    const std::size_t earliest = from > phrase.size() ? from - phrase.size() : 0;
    for (std::size_t start = earliest; start <= from; ++start) {
      std::size_t k = 0;
      std::size_t i = start;
      while (k < phrase.size() && i < s.size() &&
             (lower(s[i]) == lower(phrase[k]) || (is_space(s[i]) && phrase[k] == ' '))) {
        ++i;
        ++k;
      }
      if (k == phrase.size() && i >= to) return true;
    }
  }
  return false;
}

/// True when the text before `at` ends a sentence, or there is none in
/// its block.
bool opens_sentence(std::string_view s, std::size_t at, const TextSpot& where) {
  auto before = s.substr(0, at);
  while (!before.empty() && (is_space(before.back()) || before.back() == '(')) before.remove_suffix(1);
  if (before.empty()) return where.starts_block;
  const char last = before.back();
  return last == '.' || last == '!' || last == '?' || last == ':';
}

/// The end of the text that stays literal from escaped character `at`:
/// what the syntax it would have opened covers.
std::size_t escaped_end(std::string_view s, std::size_t at, const TextSpot& where) {
  const char c = s[at];
  if (c == '@') return at + 1 + key_at(s, at + 1).size();
  if (c != '[') return at + 1;
  if (at + 1 < s.size() && s[at + 1] == '[') {
    // "\[[term]]": the whole term link.
    const auto close = s.find("]]", at + 2);
    if (close == npos) return at + 1;
    const auto inner = s.substr(at + 2, close - at - 2);
    return inner.find_first_of("[\n") == npos ? close + 2 : at + 1;
  }
  // "\[@key, p. 3]": the whole group of citations or cross-references.
  const auto close = s.find(']', at + 1);
  if (close == npos) return at + 1;
  if (const auto nested = s.find('[', at + 1); nested != npos && nested < close) return at + 1;
  return bracket_items(s, at, close, where) ? close + 1 : at + 1;
}

/// True when `key`, found by key_at() at `at` in `s`, is meant as a
/// citation key or a label: one of the references, or a letter followed by
/// key characters, and not run into another '@' ("@a.b@c" is a handle, not
/// a key). Any other '@' is text.
bool counts_as_key(const model::Dataset& data, std::string_view s, std::size_t at,
                   std::string_view key) {
  if (key.empty()) return false;
  const auto end = key_run_end(s, at);
  if (end < s.size() && s[end] == '@') return false;
  const char first = key.front();
  return (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') ||
         model::find_by_id(data.references, key) != nullptr;
}

}  // namespace

namespace {

constexpr std::string_view xref_open = "<visie-xref n=\"";
constexpr std::string_view xref_close = "\"></visie-xref>";

}  // namespace

std::string xref_marker(std::size_t index) {
  return std::string(xref_open) + std::to_string(index) + std::string(xref_close);
}

std::string fill_markers(std::string_view html, const std::function<std::string(std::size_t)>& xref,
                         std::string_view references) {
  std::string out;
  out.reserve(html.size());
  std::size_t pos = 0;
  while (true) {
    const auto at = html.find("<visie-", pos);
    if (at == npos) break;
    const auto rest = html.substr(at);
    if (rest.starts_with(references_marker)) {
      out.append(html, pos, at - pos);
      out += references;
      pos = at + references_marker.size();
      continue;
    }
    const auto digits = at + xref_open.size();
    const auto end = rest.starts_with(xref_open) ? html.find(xref_close, digits) : npos;
    if (end == npos || end == digits || end - digits > 9 ||
        html.substr(digits, end - digits).find_first_not_of("0123456789") != npos) {
      out.append(html, pos, at + 1 - pos);
      pos = at + 1;
      continue;
    }
    out.append(html, pos, at - pos);
    out += xref(std::stoul(std::string(html.substr(digits, end - digits))));
    pos = end + xref_close.size();
  }
  out.append(html, pos);
  return out;
}

std::string short_definition(const model::Term& term) {
  if (!term.short_text.empty()) return term.short_text;
  const std::string_view d = term.definition;
  // The first sentence: up to a full stop followed by a space and a capital,
  // or the end.
  for (std::size_t i = 0; i + 2 < d.size(); ++i) {
    if (d[i] == '.' && d[i + 1] == ' ' && d[i + 2] >= 'A' && d[i + 2] <= 'Z') {
      return std::string(d.substr(0, i + 1));
    }
  }
  return std::string(d);
}

InlineRewriter::InlineRewriter(const model::Dataset& data, const CitationStyle& style,
                               const nlohmann::json& strings, const std::string& file,
                               std::string_view body, std::size_t first_line,
                               core::Diagnostics& diags)
    : data_(data),
      style_(style),
      strings_(strings),
      file_(file),
      body_(body),
      first_line_(first_line),
      diags_(diags) {
  for (const auto& t : data.terms) {
    std::set<std::string> seen;
    for (const auto& text : {t.term}) {
      if (seen.insert(lowercase(text)).second) forms_.push_back({lowercase(text), &t});
    }
    for (const auto& v : t.variants) {
      if (seen.insert(lowercase(v)).second) forms_.push_back({lowercase(v), &t});
    }
  }
  // Longest first, so "zelfmanagementondersteuning" wins over
  // "zelfmanagement"; ties in a fixed order.
  std::stable_sort(forms_.begin(), forms_.end(), [](const Form& a, const Form& b) {
    return a.text.size() > b.text.size();
  });
  for (const auto& f : forms_) {
    if (!f.text.empty()) form_starts_[static_cast<unsigned char>(f.text[0])] = true;
  }
}

core::SourceLoc InlineRewriter::loc(std::string_view s, std::size_t at,
                                    const TextSpot& where) const {
  const auto breaks = static_cast<std::size_t>(std::count(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
  const std::size_t body_line = (where.line == 0 ? 1 : where.line) + breaks;
  // The source line, to count columns in characters.
  std::size_t pos = 0;
  for (std::size_t l = 1; l < body_line && pos != npos; ++l) {
    pos = body_.find('\n', pos);
    if (pos != npos) ++pos;
  }
  std::string_view line;
  if (pos != npos && pos <= body_.size()) {
    const auto end = body_.find('\n', pos);
    line = body_.substr(pos, end == npos ? npos : end - pos);
  }
  std::size_t byte = npos;
  if (breaks == 0 && where.column > 0) {
    // Each escaped character before `at` had a backslash in the source.
    const auto escapes = static_cast<std::size_t>(
        std::lower_bound(where.escaped.begin(), where.escaped.end(), at) - where.escaped.begin());
    byte = where.column - 1 + at + escapes;
  }
  // Escapes and entities make the text shorter than its source: find the
  // written text itself when it is not where the count says.
  const auto after = s.substr(at, std::min<std::size_t>(24, s.find('\n', at) - at));
  if (byte == npos || line.substr(std::min(byte, line.size())).find(after) != 0) {
    const auto found = line.find(after);
    byte = found == npos ? 0 : found;
  }
  std::size_t col = 1;
  for (std::size_t i = 0; i < byte && i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0U) != 0x80U) ++col;
  }
  return {file_, first_line_ + body_line - 1, col};
}

const model::Reference* InlineRewriter::reference(std::string_view key, std::string_view s,
                                                  std::size_t at, const TextSpot& where) {
  const auto* ref = model::find_by_id(data_.references, key);
  if (ref == nullptr) {
    std::vector<std::string_view> keys;
    for (const auto& r : data_.references) keys.push_back(r.id);
    auto hint = core::did_you_mean(key, keys, "@");
    if (hint.empty()) hint = " (no reference with this id in data/references.json)";
    diags_.error(loc(s, at, where), "unknown citation key \"@" + std::string(key) + "\"" + hint);
    return nullptr;
  }
  if (cited_set_.insert(ref->id).second) cited_.push_back(ref->id);
  return ref;
}

Span InlineRewriter::term_link(const model::Term& term, std::string shown, std::size_t section) {
  ++term_uses_[term.id];
  linked_in_section_[term.id] = section + 1;
  return {"<a class=\"term\" href=\"" + std::string(glossary_page) + "#term-" + term.id +
              "\" title=\"" + core::escape_html(short_definition(term)) + "\">",
          std::move(shown), "</a>"};
}

Span InlineRewriter::xref(std::string_view s, std::size_t at,
                          const TextSpot& where, const std::vector<std::string>& keys) {
  std::string html;
  const std::string conjunction = ui_text(strings_, "and", "and");
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) html += i + 1 == keys.size() ? " " + conjunction + " " : ", ";
    html += xref_marker(xrefs_.size());
    xrefs_.push_back(
        {keys[i], loc(s, at, where), i == 0 && opens_sentence(s, at, where), where.in_link});
  }
  return {html, "", ""};
}

std::size_t InlineRewriter::bracket(std::string_view s, std::size_t at, const TextSpot& where,
                                    std::vector<Span>& out) {
  const auto close = s.find(']', at + 1);
  if (close == npos) return npos;
  if (const auto nested = s.find('[', at + 1); nested != npos && nested < close) return npos;
  const auto items = bracket_items(s, at, close, where);
  if (!items) return npos;
  for (const auto& i : *items) {
    if (!counts_as_key(data_, s, i.at + 1, i.key)) return npos;
  }
  const auto xrefs = std::count_if(items->begin(), items->end(),
                                   [](const auto& i) { return is_xref(i.key); });
  if (xrefs > 0) {
    if (static_cast<std::size_t>(xrefs) != items->size()) {
      diags_.error(loc(s, at, where), "a bracket holds either citations or cross-references, "
                                      "not both: write them as two");
      out.push_back({{}, std::string(s.substr(at, close + 1 - at)), {}});
      return close + 1;
    }
    std::vector<std::string> keys;
    for (const auto& i : *items) keys.push_back(i.key);
    out.push_back(xref(s, at, where, keys));
    return close + 1;
  }
  std::vector<CiteItem> cites;
  for (const auto& i : *items) {
    if (const auto* ref = reference(i.key, s, i.at, where)) {
      cites.push_back({ref, i.prefix, i.locator});
    }
  }
  if (cites.size() != items->size()) {
    // Reported; the text stays as written.
    out.push_back({{}, std::string(s.substr(at, close + 1 - at)), {}});
    return close + 1;
  }
  auto html = style_.parenthetical(cites, references_page.data() + std::string("#"));
  // A link cannot hold another: in a link's text the citation is text.
  if (where.in_link) html = without_links(html);
  out.push_back({std::move(html), "", ""});
  return close + 1;
}

std::size_t InlineRewriter::narrative(std::string_view s, std::size_t at, const TextSpot& where,
                                      std::vector<Span>& out) {
  const char before = at == 0 ? ' ' : s[at - 1];
  if (is_letter(code_point_before(s, at)) || is_key_char(before)) return npos;
  const auto key = key_at(s, at + 1);
  if (!counts_as_key(data_, s, at + 1, key)) return npos;
  auto end = at + 1 + key.size();
  if (is_xref(key)) {
    out.push_back(xref(s, at, where, {std::string(key)}));
    return end;
  }
  const auto* ref = reference(key, s, at, where);
  if (ref == nullptr) {
    out.push_back({{}, std::string(s.substr(at, end - at)), {}});
    return end;
  }
  CiteItem item{ref, {}, {}};
  // "@key [p. 12]": a locator in brackets right after the name.
  if (s.substr(end).starts_with(" [") && !where.is_escaped(end + 1)) {
    const auto close = s.find(']', end + 2);
    if (close != npos && s.substr(end + 2, close - end - 2).find_first_of("@[") == npos) {
      item.locator = std::string(trim(s.substr(end + 2, close - end - 2)));
      end = close + 1;
    }
  }
  out.push_back({style_.narrative(item, references_page.data() + std::string("#")), "", ""});
  return end;
}

std::size_t InlineRewriter::explicit_term(std::string_view s, std::size_t at,
                                          const TextSpot& where, std::vector<Span>& out) {
  const auto close = s.find("]]", at + 2);
  if (close == npos) return npos;
  const auto inner = s.substr(at + 2, close - at - 2);
  if (inner.find('[') != npos || inner.find('\n') != npos) return npos;
  const auto bar = inner.find('|');
  const auto name = trim(inner.substr(0, bar));
  const auto shown = bar == npos ? name : trim(inner.substr(bar + 1));
  const model::Term* term = model::find_by_id(data_.terms, name);
  if (term == nullptr) {
    const auto wanted = lowercase(name);
    for (const auto& f : forms_) {
      if (f.text == wanted) term = f.term;
    }
  }
  if (term == nullptr || shown.empty()) {
    std::string message = "a term link needs text to show after '|'";
    if (term == nullptr) {
      std::vector<std::string_view> known;
      for (const auto& t : data_.terms) {
        known.push_back(t.term);
        for (const auto& v : t.variants) known.push_back(v);
        known.push_back(t.id);
      }
      auto hint = core::did_you_mean(name, known);
      if (hint.empty()) hint = " (no term, variant or id in data/terms.json)";
      message = "unknown term \"" + std::string(name) + "\"" + hint;
    }
    diags_.error(loc(s, at, where), message);
    out.push_back({{}, std::string(s.substr(at, close + 2 - at)), {}});
    return close + 2;
  }
  out.push_back(term_link(*term, std::string(shown), where.section));
  return close + 2;
}

std::size_t InlineRewriter::automatic_term(std::string_view s, std::size_t at,
                                           const TextSpot& where, std::vector<Span>& out) {
  const char first = lower(s[at]);
  if (!form_starts_[static_cast<unsigned char>(first)]) return npos;
  // Not inside a hyphenated compound ("presentatie-zelfmanagement-chronisch").
  if (at >= 2 && s[at - 1] == '-' && is_letter(code_point_before(s, at - 1))) return npos;
  // Not a capitalised word that continues a run of them: a proper name
  // ("Landelijk Actieprogramma Zelfmanagement"). A name's first word may be
  // linked, and so may a word that starts a sentence; a capital that only
  // starts a sentence ("Het Huis van …") starts no run.
  if (is_upper(code_point_at(s, at).first)) {
    std::size_t before = at;
    while (before > 0 && (s[before - 1] == ' ' || s[before - 1] == '\n')) --before;
    if (before < at && is_letter(code_point_before(s, before))) {
      std::size_t word = before;
      while (word > 0 && is_letter(code_point_before(s, word))) {
        --word;
        while (word > 0 && (static_cast<unsigned char>(s[word]) & 0xC0U) == 0x80U) --word;
      }
      if (is_upper(code_point_at(s, word).first) && !opens_sentence(s, word, where)) return npos;
    }
  }
  for (const auto& f : forms_) {
    if (f.text.empty() || f.text[0] != first) continue;
    // Match the form; a space in it matches any run of white space, so a
    // term may be wrapped onto the next line.
    std::size_t i = at;
    std::size_t k = 0;
    while (k < f.text.size() && i < s.size()) {
      if (f.text[k] == ' ') {
        if (!is_space(s[i])) break;
        while (i < s.size() && is_space(s[i])) ++i;
        ++k;
      } else if (lower(s[i]) == f.text[k]) {
        ++i;
        ++k;
      } else {
        break;
      }
    }
    if (k < f.text.size()) continue;
    if (i < s.size() && is_letter(code_point_at(s, i).first)) continue;
    if (i + 1 < s.size() && s[i] == '-' && is_letter(code_point_at(s, i + 1).first)) continue;
    const auto& term = *f.term;
    if (inside_phrase(s, at, i, term.no_link_in)) continue;
    std::string shown(s.substr(at, i - at));
    const auto it = linked_in_section_.find(term.id);
    if (it != linked_in_section_.end() && it->second == where.section + 1) {
      ++term_uses_[term.id];
      out.push_back({{}, std::move(shown), {}});
    } else {
      out.push_back(term_link(term, std::move(shown), where.section));
    }
    return i;
  }
  return npos;
}

std::vector<Span> InlineRewriter::rewrite(std::string_view s, const TextSpot& where) {
  std::vector<Span> out;
  std::string text;  // plain text not yet added to `out`
  bool changed = false;
  std::vector<Span> found;
  for (std::size_t i = 0; i < s.size();) {
    found.clear();
    std::size_t end = npos;
    const char c = s[i];
    if (where.is_escaped(i)) {
      // Escaped syntax is text, up to where the syntax would have ended.
      const auto next = escaped_end(s, i, where);
      text.append(s.substr(i, next - i));
      i = next;
      continue;
    }
    if (where.in_heading || where.in_link) {
      // Headings and link text take bracketed citations and
      // cross-references only: no term links, no "@key" in running text.
      if (c == '[' && !(i + 1 < s.size() && s[i + 1] == '[')) end = bracket(s, i, where, found);
    } else if (c == '[' && i + 1 < s.size() && s[i + 1] == '[' && !where.is_escaped(i + 1)) {
      end = explicit_term(s, i, where, found);
    } else if (c == '[') {
      end = bracket(s, i, where, found);
    } else if (c == '@') {
      end = narrative(s, i, where, found);
    } else if (!forms_.empty() && !where.in_footnote && is_letter(code_point_at(s, i).first) &&
               !is_letter(code_point_before(s, i))) {
      end = automatic_term(s, i, where, found);
    }
    if (end == npos) {
      // Plain text. Inside a word nothing can start ('[' and '@' are no
      // letters, and a term starts a word), so a word goes in one piece.
      const auto [cp, len] = code_point_at(s, i);
      auto next = i + len;
      if (is_letter(cp)) {
        while (next < s.size()) {
          const auto [more, more_len] = code_point_at(s, next);
          if (!is_letter(more)) break;
          next += more_len;
        }
      }
      text.append(s.substr(i, next - i));
      i = next;
      continue;
    }
    changed = true;
    if (!text.empty()) out.push_back({{}, std::move(text), {}});
    text.clear();
    for (auto& span : found) out.push_back(std::move(span));
    i = end;
  }
  if (!changed) return {};
  if (!text.empty()) out.push_back({{}, std::move(text), {}});
  return out;
}

}  // namespace visie::render
