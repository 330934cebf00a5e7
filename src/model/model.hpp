#pragma once
/// The typed model of a vision project: plain structs, no I/O. The load
/// stage fills them from the content folder; validate() checks the
/// cross-references; render and publish read them.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "model/vocab.hpp"

namespace visie::model {

using core::SourceLoc;

/// A reference by id to another item, with where the reference was written.
struct Ref {
  std::string id;
  SourceLoc loc;
};

/// visie.json `defaults`: what `build`, `check`, `serve`, `freeze` and
/// `diff` use when their flag is not given. Folders as written, relative to
/// the content folder; empty when not set.
struct ProjectDefaults {
  std::string templates;
  std::string out;
  std::optional<bool> pdf;
};

/// visie.json: the project as a whole.
struct Project {
  std::string title;
  std::string subtitle;
  std::string language;
  std::string organisation;
  std::string description;
  /// A note on this edition for the landing page ("Over deze uitgave"):
  /// what it is and is not, e.g. which texts are reconstructed.
  std::string about;
  std::vector<std::string> authors;
  /// Where the site is published ("https://example.org/visie/", always
  /// ending in '/'), or empty: then no sitemap and no canonical links.
  std::string base_url;
  /// How citations and the reference list are written (`citation-style`).
  CitationFormat citation_style = CitationFormat::apa;
  /// The command line's defaults for this project (`defaults`).
  ProjectDefaults defaults;
};

/// A chapter of the previous version that a version leaves out on
/// purpose, with the reason (versions.json `removed`).
struct RemovedChapter {
  Ref chapter;
  std::string reason;
};

/// One entry of versions.json.
struct Version {
  std::string id;
  std::string label;
  std::string period;
  std::string date;  // empty when not known
  Status status = Status::draft;
  std::string milestone;
  std::vector<std::string> inputs;
  std::vector<Ref> workshops;
  std::vector<RemovedChapter> removed;
  bool frozen = false;
  SourceLoc loc;
};

/// A chapter: front matter plus its Markdown body.
struct Chapter {
  std::string id;
  std::string title;
  long order = 0;
  std::string body;            // the Markdown after the front matter
  std::size_t body_line = 1;   // line of the file where the body starts
  SourceLoc loc;               // the file, for diagnostics
  SourceLoc order_loc;
  SourceLoc id_loc;
};

/// An element a definition of self-management may cover ("symptomen",
/// "eigen regie"): a column of the comparison matrix.
struct Element {
  std::string id;
  std::string label;
  SourceLoc loc;
};

/// A definition of self-management, quoted from its source.
struct Definition {
  std::string id;
  std::string text;
  std::string attribution;
  Ref source;
  std::optional<long> year;
  SourceKind kind = SourceKind::research;
  std::vector<Ref> elements;  // ids of Dataset::elements
  /// The concept it defines: a term id of Dataset::terms ("zelfmanagement",
  /// "zelfmanagementondersteuning"), when the source says so.
  std::optional<Ref> defines;
  SourceLoc loc;
};

/// The definition of self-management a version works with, and why: one of
/// the inventory, or the team's own wording built from named elements.
struct WorkingDefinition {
  Ref version;                    // the version that adopted it
  std::optional<Ref> definition;  // a definition of the inventory, or
  std::string text;               // the team's own wording
  std::vector<Ref> elements;      // the elements it keeps
  std::string rationale;
  SourceLoc loc;
};

/// The emphasis one perspective puts on self-management.
struct PerspectiveEmphasis {
  std::string id;
  std::string perspective;
  std::string emphasis;
};

/// A glossary term.
struct Term {
  std::string id;
  std::string term;
  std::string definition;
  std::string short_text;  // "short": the tooltip text, or empty for the first sentence
  std::vector<std::string> no_link_in;  // "no_link_in": phrases it is never linked inside
  Ref source;
  std::vector<std::string> variants;
  SourceLoc loc;
  /// "former_ids": the ids the term had before it was renamed; old links
  /// to them still land on it, and the changes pages say it was renamed.
  std::vector<std::string> former_ids = {};
};

/// A person as CSL-JSON names them: family and given (with the particles
/// and suffix CSL keeps apart), or one literal name.
struct Name {
  std::string family;
  std::string given;
  std::string literal;
  /// "van der" in "van der Berg": kept with the family name in citations
  /// ("Van der Berg"), not used to sort (APA 9.8, Dutch usage).
  std::string particle{};
  /// A particle CSL drops when the family name stands alone ("de la").
  std::string dropping_particle{};
  /// "Jr.", "III".
  std::string suffix{};
};

/// A CSL date: year with optional month and day, a season (1-4, spring
/// to winter), or only words ("circa 1900", "in druk").
struct Date {
  std::optional<long> year;
  int month = 0;   ///< 1-12, or 0
  int day = 0;     ///< 1-31, or 0
  int season = 0;  ///< 1-4, or 0
  std::string literal;  ///< shown as written when there is no year
};

/// A literature reference (a CSL-JSON item, or a BibTeX entry read into
/// the same shape). The variables APA and Vancouver print have a member;
/// every other standard CSL variable is kept in `variables` as written.
struct Reference {
  std::string id;
  std::string type;  ///< a CSL item type (model/vocab.hpp csl_types)
  std::string title;
  std::vector<Name> authors;
  std::vector<Name> editors;
  /// The year of `issued` (also in `issued.year`), for labels.
  std::optional<long> year;
  Date issued;
  Date accessed;
  std::string container_title;
  std::string collection_title;
  std::string collection_number;
  std::string publisher;
  std::string publisher_place;
  std::string volume;
  std::string issue;
  std::string page;
  std::string edition;
  std::string number;
  std::string genre;
  std::string medium;
  std::string doi;
  std::string isbn;
  std::string language;
  std::string url;
  /// Not printed in the reference list (APA); kept for the author.
  std::string note;
  /// Other standard CSL variables ("ISSN", "abstract", …), as written.
  std::map<std::string, std::string, std::less<>> variables;
  /// Other CSL name variables ("translator", …).
  std::map<std::string, std::vector<Name>, std::less<>> names;
  SourceLoc loc;
};

/// A post-it, an opportunity or a barrier: a short text with an id.
struct Item {
  std::string id;
  std::string text;
  SourceLoc loc;
};

/// A cluster of aspects on the workshop's flip-over.
struct Cluster {
  std::string id;
  std::string label;
  std::vector<Item> aspects;
};

/// One of the perspectives with its opportunities and barriers.
struct Perspective {
  std::string id;
  std::string label;
  std::string scope;
  std::vector<Item> opportunities;
  std::vector<Item> barriers;
};

/// One part of a workshop's programme.
struct ProgrammePart {
  std::string id;
  std::string title;
  long minutes = 0;
  std::vector<std::string> presenters;
  std::vector<std::string> steps;
};

/// A recorded vote count for one item.
struct VoteResult {
  Ref item;
  long votes = 0;
};

/// A recorded answer of a question round.
struct Answer {
  std::string text;
  std::optional<Ref> perspective;
};

/// The kind of a workshop activity.
enum class ActivityKind { vote, questions };

/// A round of the workshop that produces results (votes or answers).
struct Activity {
  std::string id;
  ActivityKind kind = ActivityKind::vote;
  std::string title;
  std::string prompt;
  Ref part;
  std::vector<std::string> targets;
  std::vector<VoteResult> votes;
  std::vector<Answer> answers;
};

/// A workshop and everything it produced.
struct Workshop {
  std::string id;
  std::string title;
  std::string event;
  std::string period;
  std::string assignment;
  std::vector<ProgrammePart> programme;
  std::vector<Cluster> clusters;
  std::vector<Perspective> perspectives;
  std::vector<Activity> activities;
  SourceLoc loc;
};

/// A share in percent: one value or a range.
struct Percent {
  std::optional<double> value;
  std::optional<double> min;
  std::optional<double> max;
};

/// A part of a model (a ring, a wall, a tier, a card, a step).
struct ModelPart {
  std::string id;
  std::string role;
  std::string label;
  std::string description;
  std::vector<std::string> items;
  std::string quote;
  std::optional<Percent> percent;
  SourceLoc loc;
};

/// A model description (LAZ rings, the house, the pyramid, …).
struct Model {
  std::string id;
  ModelKind kind = ModelKind::cards;
  std::string title;
  Ref source;
  std::string description;
  std::vector<ModelPart> parts;
  SourceLoc loc;
};

/// Everything under data/ for one version.
struct Dataset {
  std::vector<Definition> definitions;
  /// The elements of the comparison matrix: as declared in
  /// definitions.json, or else every element the definitions name, in the
  /// order first named (labels as written).
  std::vector<Element> elements;
  bool elements_declared = false;
  /// The working definition of each version so far, oldest first.
  std::vector<WorkingDefinition> working_definitions;
  std::vector<PerspectiveEmphasis> emphases;
  std::optional<Ref> emphases_source;
  std::vector<Term> terms;
  std::vector<Reference> references;
  std::vector<Workshop> workshops;  // sorted by id
  std::vector<Model> models;        // sorted by id
};

/// The lock of a frozen version (`versions/<id>/visie.lock`): the SHA-256
/// of every input file of its snapshot and of every file it published.
struct Lock {
  std::string generator;
  std::map<std::string, std::string> inputs;   // snapshot path → sha256
  std::map<std::string, std::string> outputs;  // path under site/<id>/ → sha256
  SourceLoc loc;
};

/// One comment of a panel member on a block of a chapter
/// (`content/reviews/<version>/<chapter>.json`, docs/review.md).
struct ReviewComment {
  std::string id;          // "c-" and 16 hex digits
  std::string block;       // the stable id of the block it was on
  std::string quote;       // the block's text when the comment was made
  ReviewRole role = ReviewRole::expert;
  std::string comment;
  std::string suggestion;  // empty when none
  std::string created;     // UTC, "2019-01-14T10:00:00Z"
  Disposition disposition = Disposition::open;
  std::string response;
  SourceLoc loc;
};

/// The comments a version received on one of its chapters.
struct ChapterReview {
  Ref chapter;           // a chapter of the reviewed version
  bool example = false;  // made-up example data; the page says so
  std::vector<ReviewComment> comments;
  SourceLoc loc;         // the file
};

/// Paths and bytes of files, sorted by path.
using FileMap = std::map<std::string, std::string>;

/// One version with the chapters and data it is built from.
struct VersionContent {
  Version version;
  std::vector<Chapter> chapters;  // sorted by order
  Dataset data;
  /// Every input file read for this version (chapters and data), by path
  /// relative to its folder: what `freeze` copies and the lock hashes.
  FileMap inputs;
  /// For a frozen version: its lock and the bytes it published
  /// (`versions/<id>/site/`).
  std::optional<Lock> lock;
  FileMap published;
  /// Where the snapshot lives, for messages ("content/versions/<id>").
  std::string folder;
  /// The panels' comments on this version (`reviews/<id>/`), by chapter
  /// file name. The version after it shows how each one was handled.
  std::vector<ChapterReview> reviews;
};

/// The whole content folder.
struct Content {
  Project project;
  std::vector<VersionContent> versions;  // in publication order
  FileMap project_files;                 // visie.json and versions.json as read
};

/// Finds an item by id in a vector of structs with an `id` member; null if
/// absent. The returned pointer borrows from `items`.
template <class T>
const T* find_by_id(const std::vector<T>& items, std::string_view id) {
  for (const auto& item : items) {
    if (item.id == id) return &item;
  }
  return nullptr;
}

/// Checks every cross-reference and uniqueness rule of `content`, reporting
/// each problem to `diags` at the place the reference was written.
void validate(const Content& content, core::Diagnostics& diags);

/// The same, without checking the snapshots of the frozen versions in
/// `verified` against their locks (`visie serve`: they were checked, with no
/// finding, when they were loaded from the same files before).
void validate(const Content& content, core::Diagnostics& diags,
              const std::set<std::string>& verified);

/// Checks that frozen version `vc` is exactly what was frozen: its inputs
/// and published files against its lock. Part of validate().
void validate_snapshot(const VersionContent& vc, core::Diagnostics& diags);

}  // namespace visie::model
