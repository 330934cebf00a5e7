#pragma once
/// Citations and reference entries: the one formatter of both, in APA 7
/// (author-date) or Vancouver (ICMJE, numbered in order of first
/// citation), in the project's language (the UI strings "cite_*", "and",
/// "no_date"). docs/citations.md describes the rules and where visie
/// differs from citeproc on purpose.

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/model.hpp"

namespace visie::render {

/// One work cited: the reference and what the author wrote around it
/// ("[zie @key, p. 12]" has prefix "zie" and locator "p. 12").
struct CiteItem {
  const model::Reference* ref = nullptr;
  std::string prefix;
  std::string locator;
};

/// Formats citations and reference entries against the references of one
/// version. In APA, a first author who shares a family name with another
/// work's first author gets initials ("K. Visser"), works whose "et al."
/// would read alike get more names ("Smit, Jansen, et al."), and works that
/// still read alike get "a", "b", … after the year, in the order of their
/// titles.
class CitationStyle {
 public:
  /// Borrows `references` and `strings` (the UI strings); both must
  /// outlive the style. `cited` is the order in which the version first
  /// cites its works (Vancouver numbers them so; works not in it follow in
  /// their order in `references`).
  CitationStyle(const std::vector<model::Reference>& references, const nlohmann::json& strings,
                model::CitationFormat format = model::CitationFormat::apa,
                const std::vector<std::string>& cited = {});

  /// The format this style writes.
  [[nodiscard]] model::CitationFormat format() const { return format_; }

  /// "Barlow et al., 2002": the author and year of `ref` as they stand in
  /// parentheses (plain text; the number "3" in Vancouver).
  [[nodiscard]] std::string author_date(const model::Reference& ref) const;
  /// The authors as named in a citation (plain text): "Grypdonk", "Ouwens
  /// & Burg", "Barlow et al."; `narrative` uses "en" instead of "&". A
  /// work without authors is named by its title.
  [[nodiscard]] std::string authors(const model::Reference& ref, bool narrative) const;
  /// "2002", "2016a" or "z.d.".
  [[nodiscard]] std::string year(const model::Reference& ref) const;

  /// The HTML of a parenthetical citation: "(Barlow et al., 2002, p. 12;
  /// Lorig et al., 2003)", the works in the order of the reference list,
  /// years of the same authors together, each linked to `href_prefix` +
  /// "ref-<id>" (a personal communication, which has no entry, is not
  /// linked). Vancouver: "(1, 3–5)".
  [[nodiscard]] std::string parenthetical(const std::vector<CiteItem>& items,
                                          std::string_view href_prefix) const;
  /// The HTML of a narrative citation: "Barlow et al. (2002, p. 12)";
  /// Vancouver: "Barlow et al. (1)".
  [[nodiscard]] std::string narrative(const CiteItem& item, std::string_view href_prefix) const;

  /// Whether `ref` has an entry in the reference list (a personal
  /// communication is cited in the text only).
  [[nodiscard]] bool listed(const model::Reference& ref) const;
  /// Puts `refs` in the order of the reference list: APA by authors (the
  /// family name before its particle, ignoring case and accents), year and
  /// title; Vancouver by number.
  void sort(std::vector<const model::Reference*>& refs) const;
  /// The address an entry links: "https://doi.org/…" for a DOI, else the
  /// URL, else empty.
  [[nodiscard]] static std::string link(const model::Reference& ref);

  /// The HTML of the reference list entry of `ref`: "Vlek, H., Driessen,
  /// S., & Hassink, L. (2013). <i>Title</i>. Publisher." (without the
  /// link, which the template adds).
  [[nodiscard]] std::string entry_html(const model::Reference& ref) const;
  /// The same entry as plain text, with its link, for tools.
  [[nodiscard]] std::string entry_text(const model::Reference& ref) const;

 private:
  [[nodiscard]] std::string string(const char* key, const char* fallback) const;
  [[nodiscard]] std::string names_cited(const model::Reference& ref, bool narrative,
                                        bool html) const;
  [[nodiscard]] std::string when_cited(const model::Reference& ref) const;
  [[nodiscard]] std::string apa_entry(const model::Reference& ref, bool html) const;
  [[nodiscard]] std::string vancouver_entry(const model::Reference& ref, bool html) const;
  [[nodiscard]] std::string date_text(const model::Date& d, bool day_first) const;
  [[nodiscard]] std::string ordinal(long n) const;
  /// "2nd ed." for the edition "2"; any other edition as written.
  [[nodiscard]] std::string edition(const model::Reference& ref) const;
  [[nodiscard]] int number(const model::Reference& ref) const;
  [[nodiscard]] std::string sort_key(const model::Reference& ref) const;

  const nlohmann::json& strings_;
  model::CitationFormat format_;
  std::map<std::string, std::string, std::less<>> suffix_;  // reference id → "a", "b", …
  std::map<std::string, std::size_t, std::less<>> shown_;   // id → names a citation shows
  std::set<std::string, std::less<>> initials_;             // ids cited with initials
  std::map<std::string, int, std::less<>> number_;          // id → Vancouver number
};

/// The authors of `ref` as a citation names them: "Grypdonk", "Ouwens &
/// Burg" (with `conjunction` between two), "Barlow et al."; a work without
/// authors is named by its title. reference_label() uses it.
std::string cited_authors(const model::Reference& ref, std::string_view conjunction);

/// "Barlow et al. 2002": how the list of changes between two versions names
/// a work (without the "a"/"b" of a year, which depends on the version's
/// other works; without a year when it has none).
std::string reference_label(const model::Reference& ref);

/// "J. W." for "Jan Willem", "J.-P." for "Jean-Pierre", "H." for "H".
std::string initials(std::string_view given);

/// `s` folded for sorting: lowercase, accents removed ("Öztürk" →
/// "ozturk"), for the Latin letters.
std::string sort_fold(std::string_view s);

}  // namespace visie::render
