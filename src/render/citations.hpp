#pragma once
/// Author-date citations and reference entries in APA 7 style, in the
/// project's language ("et al.", "&" in parentheses and "en" in running
/// text, "z.d." for a work without a date), from CSL-JSON references.

#include <map>
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
/// version. Works by the same authors in the same year get "a", "b", …
/// after the year, in the order of their titles, as APA asks.
class CitationStyle {
 public:
  /// Borrows `references` and `strings` (the UI strings: "and",
  /// "no_date"); both must outlive the style.
  CitationStyle(const std::vector<model::Reference>& references, const nlohmann::json& strings);

  /// "Barlow et al., 2002": the author and year of `ref` as they stand in
  /// parentheses.
  [[nodiscard]] std::string author_date(const model::Reference& ref) const;
  /// The authors as named in a citation: "Grypdonk", "Ouwens & Burg",
  /// "Barlow et al."; `narrative` uses "en" instead of "&". A work without
  /// authors is named by its title.
  [[nodiscard]] std::string authors(const model::Reference& ref, bool narrative) const;
  /// "2002", "2016a" or "z.d.".
  [[nodiscard]] std::string year(const model::Reference& ref) const;

  /// The HTML of a parenthetical citation: "(Barlow et al., 2002, p. 12;
  /// Lorig et al., 2003)", each work linked to `href_prefix` + "ref-<id>".
  [[nodiscard]] std::string parenthetical(const std::vector<CiteItem>& items,
                                          std::string_view href_prefix) const;
  /// The HTML of a narrative citation: "Barlow et al. (2002, p. 12)".
  [[nodiscard]] std::string narrative(const CiteItem& item, std::string_view href_prefix) const;

  /// The HTML of the reference list entry of `ref`: "Vlek, H., Driessen,
  /// S., & Hassink, L. (2013). <i>Title</i>. Publisher." (without the URL,
  /// which the template links).
  [[nodiscard]] std::string entry_html(const model::Reference& ref) const;
  /// The same entry as plain text, for sorting and for tools.
  [[nodiscard]] std::string entry_text(const model::Reference& ref) const;

 private:
  [[nodiscard]] std::string string(const char* key, const char* fallback) const;
  [[nodiscard]] std::string entry(const model::Reference& ref, bool html) const;

  const nlohmann::json& strings_;
  std::map<std::string, std::string, std::less<>> suffix_;  // reference id → "a", "b", …
};

/// The authors of `ref` as a citation names them: "Grypdonk", "Ouwens &
/// Burg" (with `conjunction` between two), "Barlow et al."; a work without
/// authors is named by its title. CitationStyle::authors() and
/// reference_label() use it.
std::string cited_authors(const model::Reference& ref, std::string_view conjunction);

/// "Barlow et al. 2002": how the list of changes between two versions names
/// a work (without the "a"/"b" of a year, which depends on the version's
/// other works; without a year when it has none).
std::string reference_label(const model::Reference& ref);

/// "J. W." for "Jan Willem", "J.-P." for "Jean-Pierre", "H." for "H".
std::string initials(std::string_view given);

}  // namespace visie::render
