#pragma once
/// The closed vocabularies of visie's content files, one table each: the
/// word as the files write it, its enum value and the key of its label
/// among the UI strings (templates/i18n/*.json; empty when the UI never
/// names it).
///
/// This is the one home of each vocabulary. The loader accepts exactly the
/// words of a table, validate, the components, the figures, the linter and
/// the review loop read them from here, and a unit test
/// (tests/model/vocab_test.cpp) holds the enums of schemas/*.json equal to
/// the tables. Adding a word is a change of its enum and its table (both
/// below), plus its label in the UI strings or its drawing, and the word in
/// the JSON Schema's enum (which cannot include C++; the test fails until
/// it says the same).

#include <iterator>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace visie::model {

/// One word of a vocabulary (a row of the tables below; model kinds and
/// pages have rows with more columns).
template <class E>
struct Word {
  std::string_view name;       ///< as content files write it ("not-accepted")
  E value;                     ///< the enum value
  std::string_view label_key;  ///< its UI string ("disposition_not-accepted"), or empty
};

// ------------------------------------------------------------ versions

/// The publication status of a version (versions.json `status`).
// `concept` is a C++ keyword, hence the trailing underscore.
enum class Status { draft, concept_, final };

inline constexpr Word<Status> statuses[] = {
    {"draft", Status::draft, "status_draft"},
    {"concept", Status::concept_, "status_concept"},
    {"final", Status::final, "status_final"},
};

// ------------------------------------------------------------ definitions

/// The kind of source a definition comes from (definitions.json `kind`).
enum class SourceKind { research, policy, practice, patient_organisation };

inline constexpr Word<SourceKind> source_kinds[] = {
    {"research", SourceKind::research, "kind_research"},
    {"policy", SourceKind::policy, "kind_policy"},
    {"practice", SourceKind::practice, "kind_practice"},
    {"patient-organisation", SourceKind::patient_organisation, "kind_patient-organisation"},
};

// ------------------------------------------------------------ models

/// How a model is drawn (data/models/*.json `kind`).
enum class ModelKind { rings, house, pyramid, proportions, typology, cards, steps, phases };

/// A model kind and what it asks of its parts.
struct ModelKindWord {
  std::string_view name;
  ModelKind value;
  std::string_view label_key;
  /// The roles a part may have; empty: parts have no role.
  std::span<const std::string_view> roles = {};
  /// Roles that at most one part of a model may have.
  std::span<const std::string_view> single_roles = {};
  /// Every part needs a `percent`.
  bool needs_percent = false;
  /// The parts are a sequence, shown as a numbered list.
  bool ordered = false;
};

namespace detail {
inline constexpr std::string_view rings_roles[] = {"core", "ring"};
inline constexpr std::string_view rings_single[] = {"core"};
inline constexpr std::string_view house_roles[] = {"heart", "wall-left", "wall-right", "roof",
                                                   "foundation"};
inline constexpr std::string_view pyramid_roles[] = {"tier"};
inline constexpr std::string_view proportions_roles[] = {"share"};
}  // namespace detail

inline constexpr ModelKindWord model_kinds[] = {
    {"rings", ModelKind::rings, "", detail::rings_roles, detail::rings_single},
    {"house", ModelKind::house, "", detail::house_roles, detail::house_roles},
    {"pyramid", ModelKind::pyramid, "", detail::pyramid_roles},
    {"proportions", ModelKind::proportions, "", detail::proportions_roles, {},
     /*needs_percent=*/true},
    {"typology", ModelKind::typology, ""},
    {"cards", ModelKind::cards, ""},
    {"steps", ModelKind::steps, "", {}, {}, false, /*ordered=*/true},
    {"phases", ModelKind::phases, "", {}, {}, false, /*ordered=*/true},
};

// ------------------------------------------------------------ reviews

/// The panel role a comment was made in (docs/review.md).
enum class ReviewRole { expert, client, care_provider, researcher, policy };

inline constexpr Word<ReviewRole> review_roles[] = {
    {"expert", ReviewRole::expert, "role_expert"},
    {"client", ReviewRole::client, "role_client"},
    {"care-provider", ReviewRole::care_provider, "role_care-provider"},
    {"researcher", ReviewRole::researcher, "role_researcher"},
    {"policy", ReviewRole::policy, "role_policy"},
};

/// What the team decided on a panel's comment.
enum class Disposition { open, accepted, partly, not_accepted };

inline constexpr Word<Disposition> dispositions[] = {
    {"open", Disposition::open, "disposition_open"},
    {"accepted", Disposition::accepted, "disposition_accepted"},
    {"partly", Disposition::partly, "disposition_partly"},
    {"not-accepted", Disposition::not_accepted, "disposition_not-accepted"},
};

// ------------------------------------------------------------ references

/// How citations and the reference list are written (visie.json
/// `citation-style`; docs/citations.md).
enum class CitationFormat { apa, vancouver };

inline constexpr Word<CitationFormat> citation_styles[] = {
    {"apa", CitationFormat::apa, ""},
    {"vancouver", CitationFormat::vancouver, ""},
};

/// A word of a vocabulary that has no enum: the CSL item types and
/// variables, which references keep as written.
struct CslWord {
  std::string_view name;
};

/// The item types of CSL 1.0.2 (references.json `type`).
inline constexpr CslWord csl_types[] = {
    {"article"}, {"article-journal"}, {"article-magazine"}, {"article-newspaper"},
    {"bill"}, {"book"}, {"broadcast"}, {"chapter"}, {"classic"}, {"collection"},
    {"dataset"}, {"document"}, {"entry"}, {"entry-dictionary"}, {"entry-encyclopedia"},
    {"event"}, {"figure"}, {"graphic"}, {"hearing"}, {"interview"}, {"legal_case"},
    {"legislation"}, {"manuscript"}, {"map"}, {"motion_picture"}, {"musical_score"},
    {"pamphlet"}, {"paper-conference"}, {"patent"}, {"performance"}, {"periodical"},
    {"personal_communication"}, {"post"}, {"post-weblog"}, {"regulation"}, {"report"},
    {"review"}, {"review-book"}, {"software"}, {"song"}, {"speech"}, {"standard"},
    {"thesis"}, {"treaty"}, {"webpage"},
};

/// The name variables of CSL 1.0.2.
inline constexpr CslWord csl_name_variables[] = {
    {"author"}, {"chair"}, {"collection-editor"}, {"compiler"}, {"composer"},
    {"container-author"}, {"contributor"}, {"curator"}, {"director"}, {"editor"},
    {"editorial-director"}, {"editor-translator"}, {"executive-producer"}, {"guest"},
    {"host"}, {"illustrator"}, {"interviewer"}, {"narrator"}, {"organizer"},
    {"original-author"}, {"performer"}, {"producer"}, {"recipient"}, {"reviewed-author"},
    {"script-writer"}, {"series-creator"}, {"translator"},
};

/// The date variables of CSL 1.0.2.
inline constexpr CslWord csl_date_variables[] = {
    {"accessed"}, {"available-date"}, {"event-date"}, {"issued"}, {"original-date"},
    {"submitted"},
};

/// The standard and number variables of CSL 1.0.2, and the extra ones
/// Zotero and Mendeley write ("journalAbbreviation", "shortTitle").
inline constexpr CslWord csl_text_variables[] = {
    {"abstract"}, {"annote"}, {"archive"}, {"archive_collection"}, {"archive_location"},
    {"archive-place"}, {"authority"}, {"call-number"}, {"chapter-number"},
    {"citation-key"}, {"citation-label"}, {"citation-number"}, {"collection-number"},
    {"collection-title"}, {"container-title"}, {"container-title-short"}, {"dimensions"},
    {"division"}, {"DOI"}, {"edition"}, {"event"}, {"event-place"}, {"event-title"},
    {"first-reference-note-number"}, {"genre"}, {"ISBN"}, {"ISSN"}, {"issue"},
    {"jurisdiction"}, {"keyword"}, {"language"}, {"license"}, {"locator"}, {"medium"},
    {"note"}, {"number"}, {"number-of-pages"}, {"number-of-volumes"},
    {"original-publisher"}, {"original-publisher-place"}, {"original-title"}, {"page"},
    {"page-first"}, {"part"}, {"part-title"}, {"PMCID"}, {"PMID"}, {"printing"},
    {"publisher"}, {"publisher-place"}, {"references"}, {"reviewed-genre"},
    {"reviewed-title"}, {"scale"}, {"section"}, {"source"}, {"status"}, {"supplement"},
    {"title"}, {"title-short"}, {"URL"}, {"version"}, {"volume"}, {"volume-title"},
    {"volume-title-short"}, {"year-suffix"}, {"journalAbbreviation"}, {"shortTitle"},
};

// ------------------------------------------------------------ pages

/// The pages visie writes for a version besides its chapters: a chapter
/// may not take their names.
enum class Page { contents, changes, print, glossary, references, comments };

/// A reserved page: `name` is its file name without ".html".
struct PageWord {
  std::string_view name;
  Page value;
  std::string_view label_key;  ///< the page's title among the UI strings
  std::string_view what;       ///< what it is, for messages ("glossary")
};

inline constexpr PageWord reserved_pages[] = {
    {"index", Page::contents, "contents", "contents page"},
    {"changes", Page::changes, "changes", "changes page"},
    {"print", Page::print, "print_edition", "print edition"},
    {"begrippenlijst", Page::glossary, "glossary_page", "glossary"},
    {"literatuur", Page::references, "references_page", "reference list"},
    {"commentaar", Page::comments, "comments_page", "disposition of comments"},
};

// ------------------------------------------------------------ look-ups
// They take any table above: a range of rows with `name` and `value`.

/// The row named `name` in `table`, or null.
constexpr const auto* find_word(const auto& table, std::string_view name) {
  for (const auto& w : table) {
    if (w.name == name) return &w;
  }
  return static_cast<decltype(&*std::begin(table))>(nullptr);
}

/// The row of value `value` (every value has one: tests/model/vocab_test.cpp
/// checks that the tables are complete).
template <class Table, class E>
constexpr const auto& word_of(const Table& table, E value) {
  for (const auto& w : table) {
    if (w.value == value) return w;
  }
  return *std::begin(table);
}

/// The value named `name` in `table`, or nullopt.
template <class Table>
constexpr auto parse(const Table& table, std::string_view name)
    -> std::optional<decltype(std::begin(table)->value)> {
  if (const auto* w = find_word(table, name)) return w->value;
  return std::nullopt;
}

/// The names of `table`'s rows, in its order (for messages and checks).
std::vector<std::string_view> names(const auto& table) {
  std::vector<std::string_view> out;
  for (const auto& w : table) out.push_back(w.name);
  return out;
}

/// The name of a value as content files write it.
inline std::string_view to_string(Status s) { return word_of(statuses, s).name; }
inline std::string_view to_string(SourceKind k) { return word_of(source_kinds, k).name; }
inline std::string_view to_string(ModelKind k) { return word_of(model_kinds, k).name; }
inline std::string_view to_string(ReviewRole r) { return word_of(review_roles, r).name; }
inline std::string_view to_string(Disposition d) { return word_of(dispositions, d).name; }
inline std::string_view to_string(Page p) { return word_of(reserved_pages, p).name; }
inline std::string_view to_string(CitationFormat f) { return word_of(citation_styles, f).name; }

/// The key of a value's label among the UI strings.
inline std::string_view label_key(Status s) { return word_of(statuses, s).label_key; }
inline std::string_view label_key(SourceKind k) { return word_of(source_kinds, k).label_key; }
inline std::string_view label_key(ReviewRole r) { return word_of(review_roles, r).label_key; }
inline std::string_view label_key(Disposition d) { return word_of(dispositions, d).label_key; }
inline std::string_view label_key(Page p) { return word_of(reserved_pages, p).label_key; }

}  // namespace visie::model
