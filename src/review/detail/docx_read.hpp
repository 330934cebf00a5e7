#pragma once
// The reading half of `review import-docx` (review/docx.hpp): a Word
// file's parts out of the zip archive (libzip), their XML (libxml2), and
// the paragraphs, bookmarks, comments and tracked changes in them. Private
// to the review stage.
#ifndef VISIE_STAGE_REVIEW
#error "review/detail is private to the review stage"
#endif

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"

namespace visie::review::docx_detail {

/// A stretch of a paragraph's text: as it was, or inserted or deleted by
/// an author.
struct Piece {
  enum class Kind { same, inserted, deleted };
  Kind kind = Kind::same;
  std::string author;
  std::string text;
  std::string bookmark;  ///< the innermost visie bookmark around it
};

struct Paragraph {
  std::vector<Piece> pieces;
  std::string start_bookmark;  ///< the innermost visie bookmark where it starts
  std::string end_bookmark;    ///< … where it ends
};

/// Where a comment starts or is referenced, or a tracked change is.
struct Spot {
  std::size_t paragraph = 0;  ///< may be one past the last: none
  std::string bookmark;       ///< the innermost visie bookmark there, or empty
};

struct Change {
  Spot spot;
  std::string author;
  std::string date;
};

/// What the walk over word/document.xml finds.
struct Document {
  std::vector<Paragraph> paragraphs;
  std::map<std::string, Spot> starts;      ///< comment id → its w:commentRangeStart
  std::map<std::string, Spot> references;  ///< comment id → its w:commentReference
  std::vector<Change> changes;
  /// `footnote N` / `endnote N` → where its reference is in the text.
  std::map<std::string, Spot> notes;
};

/// A comment of word/comments.xml.
struct WordComment {
  std::string id;
  std::string author;
  std::string date;
  std::string text;
  std::string last_para_id;  ///< w14:paraId of its last paragraph
  std::string parent;        ///< the w:id of the comment it replies to, or empty
};

/// What a Word file holds, as import-docx reads it.
struct WordFile {
  Document document;
  std::vector<WordComment> comments;  ///< replies linked to their parents
  /// When the file was last saved (`dcterms:modified` of docProps/core.xml)
  /// as a comment's `created`, or empty when it does not say.
  std::string saved;
};

/// Reads the Word file `bytes`: every problem goes to `diags` at `at`;
/// nullopt on an error (not a zip archive, damaged, no word/document.xml,
/// a part over max_docx_part_bytes, XML that is not well-formed or has a
/// DOCTYPE).
std::optional<WordFile> read_word_file(const core::SourceLoc& at, std::string_view bytes,
                                       core::Diagnostics& diags);

/// Runs of whitespace as one space, none at either end.
std::string normalised(std::string_view text);
/// The paragraph's text as it was (insertions left out, deletions kept).
std::string original_text(const Paragraph& p);
/// The paragraph's text as `author` wants it: their insertions in, their
/// deletions out, everyone else's changes undone.
std::string text_of(const Paragraph& p, const std::string& author);
/// The paragraph's bookmark: the one around its first text, else the one
/// open where it starts or ends.
std::string bookmark_of(const Paragraph& p);
/// A Word date (`2019-01-14T10:00:00Z`, also without the `Z` or with
/// fractions of a second, as LibreOffice writes it) as a comment's
/// `created`, or nullopt when it is none or not plausible.
std::optional<std::string> created_of(std::string_view date);

}  // namespace visie::review::docx_detail
