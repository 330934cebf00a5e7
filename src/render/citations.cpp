#include "render/citations.hpp"

#include <algorithm>
#include <array>

#include "core/text.hpp"
#include "render/ui.hpp"

namespace visie::render {

namespace {

using model::Name;
using model::Reference;

/// "van der Berg": the family name with its particles, as a citation
/// names the person.
std::string family_name(const Name& n) {
  if (!n.literal.empty()) return n.literal;
  std::string out;
  for (const auto* part : {&n.dropping_particle, &n.particle, &n.family}) {
    if (part->empty()) continue;
    if (!out.empty()) out += ' ';
    out += *part;
  }
  return out;
}

/// "van der Berg, J." or "Vilans": a name as the APA list writes it.
std::string listed_name(const Name& n) {
  if (!n.literal.empty()) return n.literal;
  const auto i = initials(n.given);
  std::string out = family_name(n);
  if (!i.empty()) out += ", " + i;
  if (!n.suffix.empty()) out += ", " + n.suffix;
  return out;
}

/// "K. de Vries": an editor as an APA chapter entry writes them.
std::string given_first(const Name& n) {
  if (!n.literal.empty()) return n.literal;
  const auto i = initials(n.given);
  return i.empty() ? family_name(n) : i + " " + family_name(n);
}

/// "Berg J van den"-like Vancouver form: "van den Berg J".
std::string vancouver_name(const Name& n) {
  if (!n.literal.empty()) return n.literal;
  std::string letters;
  for (const char c : initials(n.given)) {
    if (c != '.' && c != ' ') letters += c;
  }
  return letters.empty() ? family_name(n) : family_name(n) + " " + letters;
}

/// APA 9.22 and 8.14: a work that stands on its own has an italic title; a
/// part of something (an article, a chapter) and a law do not. A title in
/// square brackets is a description, never italic.
bool italic_title(const Reference& ref) {
  if (ref.title.starts_with('[')) return false;
  static constexpr std::string_view parts[] = {
      "article",      "article-journal",  "article-magazine",  "article-newspaper",
      "chapter",      "entry",            "entry-dictionary",  "entry-encyclopedia",
      "paper-conference", "post",         "post-weblog",       "review",
      "review-book",  "legislation",      "legal_case",        "bill",
      "regulation",   "treaty",           "hearing"};
  return std::find(std::begin(parts), std::end(parts), ref.type) == std::end(parts);
}

/// Types whose date in the list is the full date ("2021, maart 6").
bool dated_fully(const Reference& ref) {
  static constexpr std::string_view types[] = {
      "article-magazine", "article-newspaper", "webpage",   "post",   "post-weblog",
      "personal_communication", "broadcast", "interview", "speech", "event"};
  return std::find(std::begin(types), std::end(types), ref.type) != std::end(types);
}

bool is_legal(const Reference& ref) {
  return ref.type == "legislation" || ref.type == "legal_case" || ref.type == "bill" ||
         ref.type == "regulation" || ref.type == "treaty";
}

bool ends_sentence(std::string_view s) {
  return !s.empty() && (s.back() == '.' || s.back() == '?' || s.back() == '!');
}

/// Typographic apostrophes, as citeproc prints them ("patient's" →
/// "patient’s").
std::string typographic(std::string_view s) {
  std::string out;
  for (const char c : s) {
    if (c == '\'') {
      out += "\u2019";
    } else {
      out += c;
    }
  }
  return out;
}

/// "112-120" → "112–120": a range of pages or a locator takes an en dash.
std::string ranges(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto alnum = [](char c) {
      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    };
    if (s[i] == '-' && i > 0 && i + 1 < s.size() && alnum(s[i - 1]) && alnum(s[i + 1]) &&
        (s[i - 1] >= '0' && s[i - 1] <= '9')) {
      out += "\u2013";
    } else {
      out += s[i];
    }
  }
  return out;
}

/// Writes one entry or citation as HTML or plain text.
class Writer {
 public:
  explicit Writer(bool html) : html_(html) {}
  [[nodiscard]] std::string text(std::string_view s) const {
    const auto t = typographic(s);
    return html_ ? core::escape_html(t) : t;
  }
  [[nodiscard]] std::string italic(std::string_view s) const {
    return html_ ? "<i>" + text(s) + "</i>" : text(s);
  }

 private:
  bool html_;
};

/// A list of names joined as APA joins them: "A", "A, & B", "A, B, & C".
std::string join_names(const std::vector<std::string>& names, std::string_view amp, bool comma) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) {
      const bool last = i + 1 == names.size();
      out += last ? ((comma || names.size() > 2 ? ", " : " ") + std::string(amp) + " ") : ", ";
    }
    out += names[i];
  }
  return out;
}

/// The initials of a person without spaces or hyphens, for comparing two
/// first authors.
std::string initials_key(const Name& n) { return initials(n.given); }

/// The number written in a Vancouver page range: "80-86" → "80-6" (NLM
/// drops the repeated leading digits).
std::string nlm_pages(std::string_view page) {
  const auto dash = page.find('-');
  if (dash == std::string_view::npos) return std::string(page);
  const auto a = page.substr(0, dash);
  const auto b = page.substr(dash + 1);
  if (a.size() != b.size() ||
      !std::all_of(a.begin(), a.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
      !std::all_of(b.begin(), b.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::string(page);
  }
  std::size_t same = 0;
  while (same + 1 < a.size() && a[same] == b[same]) ++same;
  return std::string(a) + "-" + std::string(b.substr(same));
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

std::string sort_fold(std::string_view s) {
  // Latin letters with diacritics (UTF-8) and their base letter.
  static constexpr std::pair<std::string_view, char> folds[] = {
      {"à", 'a'}, {"á", 'a'}, {"â", 'a'}, {"ã", 'a'}, {"ä", 'a'}, {"å", 'a'}, {"ç", 'c'},
      {"è", 'e'}, {"é", 'e'}, {"ê", 'e'}, {"ë", 'e'}, {"ì", 'i'}, {"í", 'i'}, {"î", 'i'},
      {"ï", 'i'}, {"ñ", 'n'}, {"ò", 'o'}, {"ó", 'o'}, {"ô", 'o'}, {"õ", 'o'}, {"ö", 'o'},
      {"ø", 'o'}, {"ù", 'u'}, {"ú", 'u'}, {"û", 'u'}, {"ü", 'u'}, {"ý", 'y'}, {"ÿ", 'y'},
      {"À", 'a'}, {"Á", 'a'}, {"Â", 'a'}, {"Ã", 'a'}, {"Ä", 'a'}, {"Å", 'a'}, {"Ç", 'c'},
      {"È", 'e'}, {"É", 'e'}, {"Ê", 'e'}, {"Ë", 'e'}, {"Ì", 'i'}, {"Í", 'i'}, {"Î", 'i'},
      {"Ï", 'i'}, {"Ñ", 'n'}, {"Ò", 'o'}, {"Ó", 'o'}, {"Ô", 'o'}, {"Õ", 'o'}, {"Ö", 'o'},
      {"Ø", 'o'}, {"Ù", 'u'}, {"Ú", 'u'}, {"Û", 'u'}, {"Ü", 'u'}, {"Ý", 'y'}, {"ş", 's'},
      {"Ş", 's'}, {"ğ", 'g'}, {"ı", 'i'}, {"İ", 'i'}, {"č", 'c'}, {"Č", 'c'}, {"š", 's'},
      {"Š", 's'}, {"ž", 'z'}, {"Ž", 'z'}, {"ł", 'l'}, {"Ł", 'l'}, {"ß", 's'}};
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
      ++i;
      continue;
    }
    std::size_t len = 1;
    while (i + len < s.size() && (static_cast<unsigned char>(s[i + len]) & 0xC0U) == 0x80U) ++len;
    const auto ch = s.substr(i, len);
    const auto* f = std::find_if(std::begin(folds), std::end(folds),
                                 [&](const auto& p) { return p.first == ch; });
    if (f != std::end(folds)) {
      out += f->second;
    } else {
      out.append(ch);
    }
    i += len;
  }
  return out;
}

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

std::string cited_authors(const Reference& ref, std::string_view conjunction) {
  const auto& a = ref.authors;
  if (a.empty()) return ref.title;
  if (a.size() == 1) return family_name(a[0]);
  if (a.size() == 2) {
    return family_name(a[0]) + " " + std::string(conjunction) + " " + family_name(a[1]);
  }
  return family_name(a[0]) + " et al.";
}

std::string reference_label(const Reference& ref) {
  return cited_authors(ref, "&") + (ref.year ? " " + std::to_string(*ref.year) : std::string());
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

std::string CitationStyle::parenthetical(const std::vector<CiteItem>& items,
                                         std::string_view href_prefix) const {
  const auto anchor = [&](const Reference& ref, const std::string& html) {
    if (!listed(ref)) return html;
    return "<a href=\"" + std::string(href_prefix) + "ref-" + ref.id + "\">" + html + "</a>";
  };
  std::string out = "<span class=\"citation\">(";
  if (format_ == model::CitationFormat::vancouver) {
    // "(1, 3–5)": numbers in order, three or more in a row as a range.
    std::vector<std::pair<int, const CiteItem*>> numbered;
    std::string unnumbered;
    for (const auto& item : items) {
      if (listed(*item.ref)) {
        numbered.emplace_back(number(*item.ref), &item);
      } else {
        // A personal communication has no number: it is cited as in APA.
        unnumbered += "; " + names_cited(*item.ref, false, true) + ", " +
                      core::escape_html(when_cited(*item.ref));
      }
    }
    std::stable_sort(numbered.begin(), numbered.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 0; i < numbered.size();) {
      std::size_t j = i;
      while (j + 1 < numbered.size() && numbered[j + 1].first == numbered[j].first + 1 &&
             numbered[j + 1].second->locator.empty() && numbered[j].second->locator.empty() &&
             numbered[j + 1].second->prefix.empty()) {
        ++j;
      }
      if (i > 0) out += ", ";
      const auto& first = *numbered[i].second;
      if (!first.prefix.empty()) out += core::escape_html(first.prefix) + ' ';
      out += anchor(*first.ref, std::to_string(numbered[i].first));
      if (j >= i + 2) {
        out += "\u2013" + anchor(*numbered[j].second->ref, std::to_string(numbered[j].first));
      } else if (j == i + 1) {
        out += ", " + anchor(*numbered[j].second->ref, std::to_string(numbered[j].first));
      }
      if (!first.locator.empty() && j == i) out += ", " + core::escape_html(ranges(first.locator));
      i = j + 1;
    }
    if (numbered.empty() && !unnumbered.empty()) unnumbered.erase(0, 2);
    return out + unnumbered + ")</span>";
  }
  // APA 8.12: the works in the order of the reference list.
  std::vector<const CiteItem*> sorted;
  for (const auto& item : items) sorted.push_back(&item);
  // The key of the list, but with the names as the citation shows them
  // ("Smit et al." sorts as one).
  const auto key = [&](const CiteItem& c) {
    const auto& a = c.ref->authors;
    std::string k;
    if (a.empty()) {
      k = sort_fold(c.ref->title);
    } else {
      for (std::size_t i = 0; i < a.size() && (a.size() < 3 || i == 0); ++i) {
        k += sort_fold(a[i].literal.empty()
                           ? a[i].family + " " + a[i].particle + " " + a[i].dropping_particle
                           : a[i].literal) +
             '\x01' + sort_fold(a[i].given) + '\x02';
      }
    }
    return k + '\x03' + year(*c.ref);
  };
  // A prefix ("zie", "vgl.") belongs where the author put it: then the
  // author's order stands.
  const bool prefixed = std::any_of(items.begin(), items.end(),
                                    [](const auto& i) { return !i.prefix.empty(); });
  if (!prefixed) {
    std::stable_sort(sorted.begin(), sorted.end(),
                     [&](const auto* a, const auto* b) { return key(*a) < key(*b); });
  }
  std::string previous;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const auto& item = *sorted[i];
    const auto names = names_cited(*item.ref, false, true);
    std::string when = core::escape_html(when_cited(*item.ref));
    if (!item.locator.empty()) when += ", " + core::escape_html(ranges(item.locator));
    // APA 8.12: works of the same authors share their names: "(Smit,
    // 2017a, 2017b)".
    if (i > 0 && names == previous && item.prefix.empty()) {
      out += ", " + anchor(*item.ref, when);
      continue;
    }
    if (i > 0) out += "; ";
    if (!item.prefix.empty()) out += core::escape_html(item.prefix) + ' ';
    out += anchor(*item.ref, names + ", " + when);
    previous = names;
  }
  return out + ")</span>";
}

std::string CitationStyle::narrative(const CiteItem& item, std::string_view href_prefix) const {
  std::string when = format_ == model::CitationFormat::vancouver && listed(*item.ref)
                         ? std::to_string(number(*item.ref))
                         : when_cited(*item.ref);
  if (!item.locator.empty()) when += ", " + ranges(item.locator);
  const auto shown = names_cited(*item.ref, true, true) + " (" + core::escape_html(when) + ")";
  if (!listed(*item.ref)) return "<span class=\"citation\">" + shown + "</span>";
  return "<span class=\"citation\"><a href=\"" + std::string(href_prefix) + "ref-" +
         item.ref->id + "\">" + shown + "</a></span>";
}

std::string CitationStyle::apa_entry(const Reference& ref, bool html) const {
  const Writer w(html);
  const auto period = [](std::string& s, std::string_view plain) {
    if (!ends_sentence(plain)) s += '.';
  };
  // Who: the authors, or the editors of an edited book (APA 9.8, 10.3).
  const auto listed_names = [&](const std::vector<Name>& names) {
    std::vector<std::string> parts;
    for (const auto& n : names) parts.push_back(listed_name(n));
    // APA 9.8: up to 20 names; of 21 or more the first 19, "…", the last.
    if (parts.size() >= 21) {
      std::string out;
      for (std::size_t i = 0; i < 19; ++i) out += parts[i] + ", ";
      return out + "\u2026 " + parts.back();
    }
    return join_names(parts, "&", true);
  };
  std::string who;
  std::string who_plain;
  if (!ref.authors.empty()) {
    who_plain = listed_names(ref.authors);
  } else if (!ref.editors.empty() && ref.type != "chapter") {
    who_plain = listed_names(ref.editors) + " (" + string("cite_editors", "Eds.") + ")";
  }
  who = w.text(who_plain);

  // What: the title with its description in brackets.
  const bool italic = italic_title(ref);
  std::string what = italic ? w.italic(ref.title) : w.text(ref.title);
  std::string what_plain = ref.title;
  std::vector<std::string> paren;
  if (!ref.edition.empty() && ref.type != "chapter") {
    const bool digits = std::all_of(ref.edition.begin(), ref.edition.end(),
                                    [](char c) { return c >= '0' && c <= '9'; });
    paren.push_back(digits && ref.edition.size() < 6
                        ? ordinal(std::stol(ref.edition)) + " " + string("cite_edition", "ed.")
                        : ref.edition);
  }
  if (ref.type == "dataset" || ref.type == "software") {
    const auto v = ref.variables.find("version");
    if (v != ref.variables.end()) paren.push_back(string("cite_version", "Version") + " " + v->second);
  }
  if (!ref.number.empty() && (ref.type == "report" || ref.type == "dataset")) {
    const bool numeric = ref.number[0] >= '0' && ref.number[0] <= '9';
    paren.push_back(numeric ? string("cite_number", "No.") + " " + ref.number : ref.number);
  }
  if (!paren.empty()) {
    std::string p;
    for (const auto& x : paren) p += (p.empty() ? "" : ", ") + x;
    what += " (" + w.text(p) + ")";
    what_plain += " (" + p + ")";
  }
  std::string bracket;
  if (ref.type == "dataset") bracket = string("cite_data_set", "Data set");
  if (ref.type == "thesis") {
    bracket = ref.genre.empty() ? string("cite_thesis", "Thesis") : ref.genre;
    // APA 10.6: the university in the brackets when a repository holds it.
    if (!link(ref).empty() && !ref.publisher.empty()) bracket += ", " + ref.publisher;
  } else if (!ref.genre.empty() && ref.type != "report") {
    bracket = ref.genre;
  } else if (!ref.medium.empty()) {
    bracket = ref.medium;
  }
  if (!bracket.empty()) {
    what += " [" + w.text(bracket) + "]";
    what_plain += " [" + bracket + "]";
  }

  // When.
  std::string when;
  if (ref.year || !ref.issued.literal.empty()) {
    const auto it = suffix_.find(ref.id);
    auto issued = ref.issued;
    if (!issued.year) issued.year = ref.year;
    when = dated_fully(ref) ? date_text(issued, false) : std::to_string(ref.year.value_or(0));
    if (!ref.year) when = ref.issued.literal;
    if (it != suffix_.end() && ref.year) {
      // The suffix follows the year: "2019a, mei 20".
      when.insert(std::to_string(*ref.year).size(), it->second);
    }
  } else {
    when = year(ref);
  }
  when = "(" + w.text(when) + ").";

  std::string out;
  if (!who_plain.empty()) {
    out = who;
    period(out, who_plain);
    out += ' ' + when + ' ' + what;
    period(out, what_plain);
  } else {
    // APA 9.12: without author the title takes its place.
    out = what;
    period(out, what_plain);
    out += ' ' + when;
  }

  // Where: the journal, the book a chapter is in, or the publisher.
  const bool periodical = ref.type == "article-journal" || ref.type == "article-magazine" ||
                          ref.type == "article-newspaper" || ref.type == "article" ||
                          (ref.type == "paper-conference" && !ref.container_title.empty());
  if (periodical) {
    std::string source = w.italic(ref.container_title);
    if (!ref.volume.empty()) {
      source += ", " + w.italic(ref.volume);
      if (!ref.issue.empty()) source += "(" + w.text(ref.issue) + ")";
    } else if (!ref.issue.empty()) {
      source += ", (" + w.text(ref.issue) + ")";
    }
    if (!ref.page.empty()) source += ", " + w.text(ranges(ref.page));
    if (!ref.container_title.empty()) out += ' ' + source + '.';
  } else if (ref.type == "chapter" || ref.type == "entry-encyclopedia" ||
             ref.type == "entry-dictionary") {
    std::string in = string("cite_in", "In");
    if (!ref.editors.empty()) {
      std::vector<std::string> eds;
      for (const auto& n : ref.editors) eds.push_back(given_first(n));
      in += ' ' + w.text(join_names(eds, "&", false)) + " (" +
            w.text(string("cite_editors", "Eds.")) + "),";
    }
    std::vector<std::string> paren_in;
    if (!ref.edition.empty()) {
      const bool digits = std::all_of(ref.edition.begin(), ref.edition.end(),
                                      [](char c) { return c >= '0' && c <= '9'; });
      paren_in.push_back(digits && ref.edition.size() < 6
                             ? ordinal(std::stol(ref.edition)) + " " + string("cite_edition", "ed.")
                             : ref.edition);
    }
    if (!ref.page.empty()) {
      const bool range = ref.page.find_first_of("-\u2013,") != std::string::npos;
      paren_in.push_back((range ? string("cite_pages", "pp.") : string("cite_page", "p.")) + " " +
                         ranges(ref.page));
    }
    if (!ref.container_title.empty()) {
      out += ' ' + in + ' ' + w.italic(ref.container_title);
      if (!paren_in.empty()) {
        std::string p;
        for (const auto& x : paren_in) p += (p.empty() ? "" : ", ") + x;
        out += " (" + w.text(p) + ")";
      }
      out += '.';
    }
    if (!ref.publisher.empty()) out += ' ' + w.text(ref.publisher) + '.';
  } else if (is_legal(ref)) {
    std::string source = ref.container_title;
    if (!ref.number.empty()) source += (source.empty() ? "" : " ") + ref.number;
    if (!source.empty()) out += ' ' + w.text(source) + '.';
  } else {
    // APA 9.25: a publisher (or site) that is also the author is not
    // repeated.
    const auto same_as_author = [&](const std::string& name) {
      return ref.authors.size() == 1 && family_name(ref.authors[0]) == name;
    };
    const auto& source = ref.type == "webpage" || ref.type == "post" || ref.type == "post-weblog"
                             ? ref.container_title
                             : ref.publisher;
    const bool in_brackets = ref.type == "thesis" && !link(ref).empty();
    if (!source.empty() && !same_as_author(source) && !in_brackets) {
      out += ' ' + w.text(source);
      period(out, source);
    }
  }
  // APA 9.16: a work without a date that may change says when it was
  // read, before its address (which the template adds).
  if (!ref.year && ref.issued.literal.empty() && ref.accessed.year && ref.doi.empty() &&
      !ref.url.empty()) {
    auto retrieved = string("cite_retrieved", "Retrieved {0}, from");
    const auto at = retrieved.find("{0}");
    if (at != std::string::npos) retrieved.replace(at, 3, date_text(ref.accessed, true));
    out += ' ' + w.text(retrieved);
  }
  return out;
}

std::string CitationStyle::vancouver_entry(const Reference& ref, bool html) const {
  const Writer w(html);
  std::string out;
  const auto add = [&](std::string_view part, std::string_view end) {
    if (part.empty()) return;
    if (!out.empty()) out += ' ';
    out += w.text(part);
    if (!ends_sentence(part) || end != ".") out += end;
  };
  // ICMJE: up to six authors, then "et al."
  const auto names = [&](const std::vector<Name>& list) {
    std::string s;
    for (std::size_t i = 0; i < list.size() && i < 6; ++i) {
      s += (i > 0 ? ", " : "") + vancouver_name(list[i]);
    }
    if (list.size() > 6) s += ", et al";
    return s;
  };
  const std::string year_text = ref.year ? std::to_string(*ref.year) : std::string();
  if (!ref.authors.empty()) {
    add(names(ref.authors), ".");
  } else if (!ref.editors.empty() && ref.type != "chapter") {
    add(names(ref.editors) + ", " +
            (ref.editors.size() > 1 ? string("cite_editors_vancouver", "editors")
                                    : string("cite_editor_vancouver", "editor")),
        ".");
  }
  const bool web = ref.type == "webpage" || ref.type == "post" || ref.type == "post-weblog";
  std::string medium = web ? "Internet" : "";
  if (ref.type == "thesis") medium = ref.genre.empty() ? string("cite_thesis", "Thesis") : ref.genre;
  if (ref.type == "dataset") medium = string("cite_data_set", "Data set");
  add(ref.title + (medium.empty() ? "" : " [" + medium + "]"), ".");
  const bool periodical = ref.type == "article-journal" || ref.type == "article-magazine" ||
                          ref.type == "article-newspaper" || ref.type == "article";
  if (periodical) {
    std::string source = ref.container_title + ".";
    std::string where = year_text;
    if (!ref.volume.empty()) where += ";" + ref.volume;
    if (!ref.issue.empty()) where += "(" + ref.issue + ")";
    if (!ref.page.empty()) where += ":" + nlm_pages(ref.page);
    out += (out.empty() ? "" : " ") + w.text(source) + ' ' + w.text(where) + '.';
  } else {
    if (ref.type == "chapter" && !ref.container_title.empty()) {
      std::string in = "In: ";
      if (!ref.editors.empty()) {
        in += names(ref.editors) + ", " +
              (ref.editors.size() > 1 ? string("cite_editors_vancouver", "editors")
                                      : string("cite_editor_vancouver", "editor")) +
              ". ";
      }
      add(in + ref.container_title, ".");
    }
    if (!ref.edition.empty()) {
      const bool digits = std::all_of(ref.edition.begin(), ref.edition.end(),
                                      [](char c) { return c >= '0' && c <= '9'; });
      add(digits && ref.edition.size() < 6
              ? ordinal(std::stol(ref.edition)) + " " + string("cite_edition", "ed.")
              : ref.edition,
          ".");
    }
    std::string published = ref.publisher_place;
    // A web page is published by its site.
    const auto& publisher = web && ref.publisher.empty() ? ref.container_title : ref.publisher;
    if (!publisher.empty()) published += (published.empty() ? "" : ": ") + publisher;
    if (!year_text.empty()) published += (published.empty() ? "" : "; ") + year_text;
    add(published, ".");
    if (ref.type == "chapter" && !ref.page.empty()) add("p. " + nlm_pages(ref.page), ".");
    if (ref.type == "report" && !ref.number.empty()) {
      add(string("cite_report_number", "Report No.") + ": " + ref.number, ".");
    }
  }
  return out;
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
