// Names as citations and entries write them: the name forms of APA and
// Vancouver, initials, lists of names, the folding for sorting, and the
// short author label of the list of changes.
#include "render/citations.hpp"

#include <algorithm>
#include <iterator>
#include <utility>

#include "render/detail/citations.hpp"

namespace visie::render {

namespace cite {

using model::Name;

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

std::string listed_name(const Name& n) {
  if (!n.literal.empty()) return n.literal;
  const auto i = initials(n.given);
  std::string out = family_name(n);
  if (!i.empty()) out += ", " + i;
  if (!n.suffix.empty()) out += ", " + n.suffix;
  return out;
}

std::string given_first(const Name& n) {
  if (!n.literal.empty()) return n.literal;
  const auto i = initials(n.given);
  return i.empty() ? family_name(n) : i + " " + family_name(n);
}

std::string vancouver_name(const Name& n) {
  if (!n.literal.empty()) return n.literal;
  std::string letters;
  for (const char c : initials(n.given)) {
    if (c != '.' && c != ' ') letters += c;
  }
  return letters.empty() ? family_name(n) : family_name(n) + " " + letters;
}

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

std::string initials_key(const Name& n) { return initials(n.given); }

}  // namespace cite

using cite::family_name;
using model::Reference;

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

}  // namespace visie::render
