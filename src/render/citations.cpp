#include "render/citations.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "render/ui.hpp"

namespace visie::render {

namespace {

std::string cited_name(const model::Name& n) { return n.literal.empty() ? n.family : n.literal; }

/// "Vlek, H." or "Vilans": a name as the reference list writes it.
std::string listed_name(const model::Name& n) {
  if (!n.literal.empty()) return n.literal;
  const auto i = initials(n.given);
  return i.empty() ? n.family : n.family + ", " + i;
}

/// Works whose title stands on its own are set in italics; a title in
/// square brackets is a description, never italic (APA 9.22).
bool italic_title(const model::Reference& ref) {
  if (ref.title.starts_with('[')) return false;
  return ref.type != "article-journal" && ref.type != "chapter" && ref.type != "article" &&
         ref.type != "article-magazine" && ref.type != "article-newspaper";
}

bool ends_sentence(std::string_view s) {
  return !s.empty() && (s.back() == '.' || s.back() == '?' || s.back() == '!');
}

/// Appends `part` and a full stop unless it ends a sentence already.
void sentence(std::string& out, std::string_view part, bool italic, bool html) {
  if (part.empty()) return;
  if (!out.empty()) out += ' ';
  const std::string text = html ? core::escape_html(part) : std::string(part);
  out += italic && html ? "<i>" + text + "</i>" : text;
  if (!ends_sentence(part)) out += '.';
}

}  // namespace

std::string initials(std::string_view given) {
  std::string out;
  std::size_t i = 0;
  while (i < given.size()) {
    if (given[i] == ' ') {
      ++i;
      continue;
    }
    auto end = given.find(' ', i);
    if (end == std::string_view::npos) end = given.size();
    const auto word = given.substr(i, end - i);
    i = end;
    if (!out.empty()) out += ' ';
    // A lowercase particle ("van der") stays as written.
    if (word[0] >= 'a' && word[0] <= 'z') {
      out.append(word);
      continue;
    }
    // "Jan-Willem" → "J.-W.": the first character of each hyphenated part.
    bool start = true;
    for (std::size_t k = 0; k < word.size(); ++k) {
      if (word[k] == '-') {
        out += '-';
        start = true;
        continue;
      }
      if (!start || word[k] == '.') continue;
      std::size_t len = 1;
      while (k + len < word.size() && (static_cast<unsigned char>(word[k + len]) & 0xC0U) == 0x80U) {
        ++len;
      }
      out.append(word.substr(k, len));
      out += '.';
      start = false;
    }
  }
  return out;
}

CitationStyle::CitationStyle(const std::vector<model::Reference>& references,
                             const nlohmann::json& strings)
    : strings_(strings) {
  // Group dated works by the names and year a citation would show.
  std::map<std::string, std::vector<const model::Reference*>> groups;
  for (const auto& r : references) {
    if (r.year) groups[authors(r, false) + '\n' + std::to_string(*r.year)].push_back(&r);
  }
  for (auto& [key, refs] : groups) {
    if (refs.size() < 2) continue;
    std::stable_sort(refs.begin(), refs.end(),
                     [](const auto* a, const auto* b) { return a->title < b->title; });
    for (std::size_t i = 0; i < refs.size() && i < 26; ++i) {
      suffix_[refs[i]->id] = std::string(1, static_cast<char>('a' + i));
    }
  }
}

std::string CitationStyle::string(const char* key, const char* fallback) const {
  return ui_text(strings_, key, fallback);
}

std::string cited_authors(const model::Reference& ref, std::string_view conjunction) {
  const auto& a = ref.authors;
  if (a.empty()) return ref.title;
  if (a.size() == 1) return cited_name(a[0]);
  if (a.size() == 2) return cited_name(a[0]) + " " + std::string(conjunction) + " " + cited_name(a[1]);
  return cited_name(a[0]) + " et al.";
}

std::string reference_label(const model::Reference& ref) {
  return cited_authors(ref, "&") + (ref.year ? " " + std::to_string(*ref.year) : std::string());
}

std::string CitationStyle::authors(const model::Reference& ref, bool narrative) const {
  return cited_authors(ref, narrative ? string("and", "and") : std::string("&"));
}

std::string CitationStyle::year(const model::Reference& ref) const {
  if (!ref.year) return string("no_date", "n.d.");
  const auto it = suffix_.find(ref.id);
  return std::to_string(*ref.year) + (it == suffix_.end() ? "" : it->second);
}

std::string CitationStyle::author_date(const model::Reference& ref) const {
  return authors(ref, false) + ", " + year(ref);
}

std::string CitationStyle::parenthetical(const std::vector<CiteItem>& items,
                                         std::string_view href_prefix) const {
  std::string out = "<span class=\"citation\">(";
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& item = items[i];
    if (i > 0) out += "; ";
    if (!item.prefix.empty()) out += core::escape_html(item.prefix) + ' ';
    std::string shown = author_date(*item.ref);
    if (!item.locator.empty()) shown += ", " + item.locator;
    out += "<a href=\"" + std::string(href_prefix) + "ref-" + item.ref->id + "\">" +
           core::escape_html(shown) + "</a>";
  }
  return out + ")</span>";
}

std::string CitationStyle::narrative(const CiteItem& item, std::string_view href_prefix) const {
  std::string when = year(*item.ref);
  if (!item.locator.empty()) when += ", " + item.locator;
  return "<span class=\"citation\"><a href=\"" + std::string(href_prefix) + "ref-" +
         item.ref->id + "\">" + core::escape_html(authors(*item.ref, true) + " (" + when + ")") +
         "</a></span>";
}

std::string CitationStyle::entry(const model::Reference& ref, bool html) const {
  std::string out;
  const auto& a = ref.authors;
  const bool italic = italic_title(ref);
  std::string names;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (i > 0) names += i + 1 == a.size() ? ", & " : ", ";
    names += listed_name(a[i]);
  }
  const std::string when = "(" + year(ref) + ").";
  if (names.empty()) {
    // Without authors the title takes their place (APA 9.12).
    sentence(out, ref.title, italic, html);
    out += ' ' + when;
  } else {
    out = html ? core::escape_html(names) : names;
    // "Barlow et al." ends with its own full stop.
    if (!ends_sentence(names)) out += '.';
    out += ' ' + when;
    sentence(out, ref.title, italic, html);
  }
  sentence(out, ref.container_title, true, html);
  // A publisher that is also the author is not repeated (APA 9.29).
  if (a.size() != 1 || cited_name(a[0]) != ref.publisher) {
    sentence(out, ref.publisher, false, html);
  }
  return out;
}

std::string CitationStyle::entry_html(const model::Reference& ref) const { return entry(ref, true); }

std::string CitationStyle::entry_text(const model::Reference& ref) const {
  return entry(ref, false);
}

}  // namespace visie::render
