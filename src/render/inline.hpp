#pragma once
/// What visie adds to running text: citations (`[@key]`, `[@key, p. 12]`,
/// `[zie @a; @b]`, `@key` and `@key [p. 12]`), cross-references
/// (`[@fig:huis]`, `[@tbl:x]`, `[@sec:x]`), explicit term links
/// (`[[term]]`, `[[term|shown text]]`) and automatic term links: the first
/// occurrence of a glossary term (its name or a declared variant, longest
/// match first, whole words only) in each section links to its entry;
/// footnotes, which hold sources and asides, are left alone; not inside a
/// hyphenated compound, as a later word of a proper name, or inside a
/// phrase of the term's `no_link_in`. Only an '@' that starts a key counts
/// (a key of the references, or a letter first), any other is text. In
/// headings and link text only `[@…]` is rewritten; in link text, without
/// links of its own. A backslash
/// before `@` or `[` (`\@key`, `\[@key]`, `\[[term]]`) leaves the whole of
/// what would have been rewritten as text.

#include <array>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/diagnostic.hpp"
#include "model/model.hpp"
#include "render/citations.hpp"
#include "render/markdown/markdown.hpp"

namespace visie::render {

/// Pages of a version that inline links point to.
inline constexpr std::string_view glossary_page = "begrippenlijst.html";
inline constexpr std::string_view references_page = "literatuur.html";

/// A cross-reference waiting for every chapter's labels; in the chapter's
/// HTML it stands as `<visie-xref n="INDEX"></visie-xref>`.
struct PendingXref {
  std::string name;  // "fig:huis"
  core::SourceLoc loc;
  bool capital = false;  // it opens a sentence: "Figuur 5.2 laat zien"
  bool plain = false;    // in a link's text: the reference as text, not a link
};

/// The HTML that stands for pending cross-reference `index`.
std::string xref_marker(std::size_t index);

/// The HTML a `visie references` block leaves in a chapter until the
/// version's literature is known.
inline constexpr std::string_view references_marker = "<visie-references></visie-references>";

/// `html` with each cross-reference marker replaced by `xref(index)` and
/// each references marker by `references`. The one reader of the markers
/// this module makes; raw HTML in chapters is filtered and data escaped, so
/// only visie can have put one there.
std::string fill_markers(std::string_view html, const std::function<std::string(std::size_t)>& xref,
                         std::string_view references);

/// Rewrites the prose of one chapter. Collects what it cites, which terms
/// occur and the cross-references to resolve; reports unknown keys and
/// terms at their place in `file`.
class InlineRewriter {
 public:
  /// `body` is the chapter's Markdown (for columns), starting at line
  /// `first_line` of `file`. Borrows everything.
  InlineRewriter(const model::Dataset& data, const CitationStyle& style,
                 const nlohmann::json& strings, const std::string& file, std::string_view body,
                 std::size_t first_line, core::Diagnostics& diags);

  /// The spans that replace `literal` (a text node at `where`), or none
  /// when it has nothing to rewrite.
  std::vector<markdown::Span> rewrite(std::string_view literal, const markdown::TextSpot& where);

  /// Reference ids cited, in the order first cited.
  [[nodiscard]] const std::vector<std::string>& cited() const { return cited_; }
  /// Term id → occurrences (linked or not).
  [[nodiscard]] const std::map<std::string, int>& term_uses() const { return term_uses_; }
  /// Cross-references in the order of their markers.
  [[nodiscard]] std::vector<PendingXref>& xrefs() { return xrefs_; }

 private:
  struct Form {
    std::string text;  // lowercase; a space matches any run of white space
    const model::Term* term;
  };

  std::size_t bracket(std::string_view s, std::size_t at, const markdown::TextSpot& where,
                      std::vector<markdown::Span>& out);
  std::size_t narrative(std::string_view s, std::size_t at, const markdown::TextSpot& where,
                        std::vector<markdown::Span>& out);
  std::size_t explicit_term(std::string_view s, std::size_t at, const markdown::TextSpot& where,
                            std::vector<markdown::Span>& out);
  std::size_t automatic_term(std::string_view s, std::size_t at, const markdown::TextSpot& where,
                             std::vector<markdown::Span>& out);

  const model::Reference* reference(std::string_view key, std::string_view s, std::size_t at,
                                    const markdown::TextSpot& where);
  markdown::Span term_link(const model::Term& term, std::string shown, std::size_t section);
  markdown::Span xref(std::string_view s, std::size_t at,
                      const markdown::TextSpot& where, const std::vector<std::string>& keys);
  core::SourceLoc loc(std::string_view s, std::size_t at, const markdown::TextSpot& where) const;

  const model::Dataset& data_;
  const CitationStyle& style_;
  const nlohmann::json& strings_;
  std::string file_;
  std::string_view body_;
  std::size_t first_line_;
  core::Diagnostics& diags_;

  std::vector<Form> forms_;  // longest first
  std::array<bool, 256> form_starts_{};  // the first bytes of forms_
  std::vector<std::string> cited_;
  std::set<std::string, std::less<>> cited_set_;
  std::map<std::string, int> term_uses_;
  std::map<std::string, std::size_t> linked_in_section_;  // term id → section + 1
  std::vector<PendingXref> xrefs_;
};

/// The short definition of `term` for its tooltip: its `short` text, or
/// the first sentence of its definition.
std::string short_definition(const model::Term& term);

}  // namespace visie::render
