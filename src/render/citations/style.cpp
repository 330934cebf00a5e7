// The state of a citation style over one version's references: the
// disambiguation of APA (initials, more names, "a"/"b" after the year),
// Vancouver's numbers, the parts a citation is made of (names, year, date,
// ordinal, edition), the order of the reference list, and the entry's
// dispatch to its format.
#include "render/citations.hpp"

#include <algorithm>
#include <set>

#include "render/detail/citations.hpp"
#include "render/ui.hpp"

namespace visie::render {

using namespace cite;
using model::Reference;

CitationStyle::CitationStyle(const std::vector<Reference>& references,
                             const nlohmann::json& strings, model::CitationFormat format,
                             const std::vector<std::string>& cited)
    : strings_(strings), format_(format) {
  if (format_ == model::CitationFormat::vancouver) {
    int n = 0;
    for (const auto& id : cited) {
      const auto* r = model::find_by_id(references, id);
      if (r != nullptr && listed(*r) && number_.emplace(id, n + 1).second) ++n;
    }
    for (const auto& r : references) {
      if (listed(r) && number_.emplace(r.id, n + 1).second) ++n;
    }
    return;
  }
  // APA 8.20: first authors who share a family name are told apart by
  // their initials, in every citation.
  std::map<std::string, std::set<std::string>> first_initials;
  for (const auto& r : references) {
    if (!r.authors.empty() && r.authors[0].literal.empty()) {
      first_initials[family_name(r.authors[0])].insert(initials_key(r.authors[0]));
    }
  }
  for (const auto& r : references) {
    if (!r.authors.empty() && r.authors[0].literal.empty() &&
        first_initials[family_name(r.authors[0])].size() > 1) {
      initials_.insert(r.id);
    }
  }
  // APA 8.18: works whose "et al." citations would read alike name as many
  // authors as it takes to tell them apart.
  const auto names_key = [&](const Reference& r, std::size_t shown) {
    std::string key = initials_.contains(r.id) ? initials_key(r.authors[0]) + ' ' : "";
    for (std::size_t i = 0; i < r.authors.size() && i < shown; ++i) {
      key += family_name(r.authors[i]) + '\n';
    }
    if (shown < r.authors.size()) key += "et al.\n";
    return key + (r.year ? std::to_string(*r.year) : std::string("-"));
  };
  // Only works whose short forms are alike can clash: compare within
  // those groups (a library of thousands stays fast).
  std::map<std::string, std::vector<const Reference*>> alike;
  for (const auto& r : references) {
    if (r.authors.size() >= 3) alike[names_key(r, 1)].push_back(&r);
  }
  for (const auto& [key, group] : alike) {
    if (group.size() < 2) continue;
    for (const auto* r : group) {
      std::size_t shown = 1;
      for (; shown < r->authors.size(); ++shown) {
        const auto mine = names_key(*r, shown);
        const bool clash = std::any_of(group.begin(), group.end(), [&](const auto* o) {
          if (o == r) return false;
          if (names_key(*o, o->authors.size()) == names_key(*r, r->authors.size())) return false;
          return names_key(*o, shown) == mine;
        });
        if (!clash) break;
      }
      if (shown > 1) shown_[r->id] = shown;
    }
  }
  // APA 8.19: works that still read alike get "a", "b", … after the year,
  // in the order of their titles.
  std::map<std::string, std::vector<const Reference*>> groups;
  for (const auto& r : references) {
    if (!listed(r)) continue;
    groups[names_cited(r, false, false) + '\n' + (r.year ? std::to_string(*r.year) : "")]
        .push_back(&r);
  }
  for (auto& [key, refs] : groups) {
    if (refs.size() < 2) continue;
    std::stable_sort(refs.begin(), refs.end(), [](const auto* a, const auto* b) {
      return sort_fold(a->title) < sort_fold(b->title);
    });
    for (std::size_t i = 0; i < refs.size() && i < 26; ++i) {
      suffix_[refs[i]->id] = std::string(1, static_cast<char>('a' + i));
    }
  }
}

std::string CitationStyle::string(const char* key, const char* fallback) const {
  return ui_text(strings_, key, fallback);
}

bool CitationStyle::listed(const Reference& ref) const {
  return ref.type != "personal_communication";
}

std::string CitationStyle::link(const Reference& ref) {
  if (!ref.doi.empty()) {
    std::string_view doi = ref.doi;
    for (const std::string_view prefix :
         {"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"}) {
      if (doi.starts_with(prefix)) doi.remove_prefix(prefix.size());
    }
    return "https://doi.org/" + std::string(doi);
  }
  return ref.url;
}

std::string CitationStyle::names_cited(const Reference& ref, bool narrative, bool html) const {
  const Writer w(html);
  // An edited book without authors is cited by its editors (APA 9.10).
  const auto& a = ref.authors.empty() && ref.type != "chapter" ? ref.editors : ref.authors;
  if (a.empty()) {
    const auto short_title = ref.variables.find("title-short");
    const std::string& title =
        short_title != ref.variables.end() ? short_title->second : ref.title;
    // A law, and a description in brackets, are named as written.
    if (is_legal(ref) || title.starts_with('[')) return w.text(title);
    if (italic_title(ref)) return w.italic(title);
    // APA 8.14: the title of a part in quotation marks.
    return w.text(string("cite_open_quote", "\u201c") + title +
                  string("cite_close_quote", "\u201d"));
  }
  const auto conjunction = narrative ? string("and", "and") : std::string("&");
  const auto first = [&] {
    const bool with_initials =
        initials_.contains(ref.id) || ref.type == "personal_communication";
    const auto i = with_initials && a[0].literal.empty() ? initials(a[0].given) : std::string();
    return w.text(i.empty() ? family_name(a[0]) : i + " " + family_name(a[0]));
  };
  if (a.size() == 1) return first();
  if (a.size() == 2) return first() + " " + w.text(conjunction) + " " + w.text(family_name(a[1]));
  const auto it = shown_.find(ref.id);
  const std::size_t shown = it == shown_.end() ? 1 : it->second;
  if (shown == 1) return first() + " et al.";
  std::vector<std::string> names{first()};
  for (std::size_t i = 1; i < shown; ++i) names.push_back(w.text(family_name(a[i])));
  if (shown < a.size()) {
    std::string out;
    for (const auto& n : names) out += n + ", ";
    return out + "et al.";
  }
  return join_names(names, w.text(conjunction), true);
}

std::string CitationStyle::authors(const Reference& ref, bool narrative) const {
  return names_cited(ref, narrative, false);
}

std::string CitationStyle::year(const Reference& ref) const {
  const auto it = suffix_.find(ref.id);
  const std::string suffix = it == suffix_.end() ? "" : it->second;
  if (!ref.year) {
    if (!ref.issued.literal.empty()) return ref.issued.literal;
    return string("no_date", "n.d.") + (suffix.empty() ? "" : "-" + suffix);
  }
  return std::to_string(*ref.year) + suffix;
}

std::string CitationStyle::date_text(const model::Date& d, bool day_first) const {
  if (!d.year) return d.literal;
  std::string out = std::to_string(*d.year);
  if (d.season != 0 && d.month == 0) {
    return out + ", " + string(("cite_season_" + std::to_string(d.season)).c_str(), "");
  }
  if (d.month == 0) return out;
  const auto month = string(("cite_month_" + std::to_string(d.month)).c_str(), "");
  if (day_first) {
    return (d.day != 0 ? std::to_string(d.day) + " " : std::string()) + month + " " + out;
  }
  return out + ", " + month + (d.day != 0 ? " " + std::to_string(d.day) : std::string());
}

std::string CitationStyle::when_cited(const Reference& ref) const {
  // APA 8.9: a personal communication is cited with its full date.
  if (ref.type == "personal_communication") {
    return string("cite_personal_communication", "personal communication") + ", " +
           date_text(ref.issued.year ? ref.issued : model::Date{ref.year, 0, 0, 0, {}}, true);
  }
  return year(ref);
}

std::string CitationStyle::ordinal(long n) const {
  const auto rule = string("cite_ordinals", "en");
  if (rule == "nl") {
    // "1ste", "2de", "8ste", "20ste", "102de" (as the CSL nl-NL locale).
    const long last = n % 100;
    const bool de = n == 0 || (last >= 2 && last <= 7) || (last >= 9 && last <= 19);
    return std::to_string(n) + (de ? "de" : "ste");
  }
  const long last = n % 100;
  const char* suffix = "th";
  if (last < 11 || last > 13) {
    if (n % 10 == 1) suffix = "st";
    if (n % 10 == 2) suffix = "nd";
    if (n % 10 == 3) suffix = "rd";
  }
  return std::to_string(n) + suffix;
}

int CitationStyle::number(const Reference& ref) const {
  const auto it = number_.find(ref.id);
  return it == number_.end() ? 0 : it->second;
}

std::string CitationStyle::edition(const Reference& ref) const {
  const bool digits = std::all_of(ref.edition.begin(), ref.edition.end(),
                                  [](char c) { return c >= '0' && c <= '9'; });
  return digits && ref.edition.size() < 6
             ? ordinal(std::stol(ref.edition)) + " " + string("cite_edition", "ed.")
             : ref.edition;
}

std::string CitationStyle::author_date(const Reference& ref) const {
  if (format_ == model::CitationFormat::vancouver) return std::to_string(number(ref));
  return authors(ref, false) + ", " + when_cited(ref);
}

std::string CitationStyle::sort_key(const Reference& ref) const {
  std::string key;
  if (format_ == model::CitationFormat::vancouver) {
    const auto n = std::to_string(number(ref));
    return std::string(8 - std::min<std::size_t>(8, n.size()), '0') + n;
  }
  // APA 9.44-9.47: by family name (a Dutch particle after it: "Berg, van
  // den"), then initials; a work without author by its title, leaving out
  // brackets and a leading article; then the year (no date first), title.
  const auto& a = ref.authors.empty() ? ref.editors : ref.authors;
  if (a.empty()) {
    std::string title = sort_fold(ref.title);
    std::erase_if(title, [](char c) { return c == '[' || c == ']'; });
    for (const std::string_view article : {"de ", "het ", "een ", "the ", "a ", "an "}) {
      if (title.starts_with(article)) {
        title.erase(0, article.size());
        break;
      }
    }
    key = title;
  }
  for (const auto& n : a) {
    key += sort_fold(n.literal.empty() ? n.family + " " + n.particle + " " + n.dropping_particle
                                       : n.literal);
    key += '\x01' + sort_fold(n.given) + '\x02';
  }
  key += '\x03';
  key += ref.year ? std::to_string(*ref.year) : std::string();
  key += '\x03' + sort_fold(ref.title);
  return key;
}

void CitationStyle::sort(std::vector<const Reference*>& refs) const {
  std::vector<std::pair<std::string, const Reference*>> keyed;
  keyed.reserve(refs.size());
  for (const auto* r : refs) keyed.emplace_back(sort_key(*r), r);
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t i = 0; i < refs.size(); ++i) refs[i] = keyed[i].second;
}

std::string CitationStyle::entry_html(const Reference& ref) const {
  return format_ == model::CitationFormat::vancouver ? vancouver_entry(ref, true)
                                                    : apa_entry(ref, true);
}

std::string CitationStyle::entry_text(const Reference& ref) const {
  auto out = format_ == model::CitationFormat::vancouver ? vancouver_entry(ref, false)
                                                         : apa_entry(ref, false);
  const auto url = link(ref);
  if (!url.empty() && format_ == model::CitationFormat::apa) out += ' ' + url;
  return out;
}

}  // namespace visie::render
