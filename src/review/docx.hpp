#pragma once
/// `visie review import-docx`: a reviewer's Word comments and tracked
/// changes into the review store (docs/review.md, "Review in Word").
///
/// A version's Word file has a bookmark named model::docx_bookmark() around
/// each block; each comment and tracked change is put on the block whose
/// bookmark holds it, or, where the reviewer's edit removed the bookmark,
/// on the block whose text is closest to its paragraph's. The file is read
/// with libzip and libxml2, with a limit on every part it reads.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "review/api.hpp"
#include "review/exchange.hpp"
#include "review/store.hpp"

namespace visie::review {

/// The largest Word file import-docx reads: 64 MiB (checked by its size
/// before it is read).
inline constexpr std::size_t max_docx_bytes = 64 * 1024 * 1024;
/// The most bytes one XML part of it may unpack to (word/document.xml,
/// word/comments.xml, …): 32 MiB. A part that claims more, or unpacks to
/// more whatever it claims (a zip bomb), is refused; nothing is read past it.
inline constexpr std::size_t max_docx_part_bytes = 32 * 1024 * 1024;
/// The least share of words a paragraph without a bookmark must have in
/// common with a block (shared words over all words, as the changes page
/// pairs an edited block with its old one) to be taken for that block.
inline constexpr double docx_match_threshold = 0.5;
/// The most paragraphs without a bookmark one file may need matched by
/// text (each is compared with every block): beyond it, an item in such a
/// paragraph is an error, and the file is likely not the version's.
inline constexpr std::size_t max_docx_text_matches = 1000;
/// The comment text of a tracked change.
inline constexpr std::string_view tracked_change_comment = "Wijziging voorgesteld in Word";
/// How a reply starts: `Reactie op “<the start of the comment it answers>”: `.
inline constexpr std::string_view reply_prefix = "Reactie op";

/// What the command line gives an import.
struct DocxImport {
  std::string version;
  std::string role;
  std::string name;  ///< when not empty, the name of every comment instead of w:author
};

/// The similarity of two texts, from 0 to 1 (the app passes
/// publish::similarity, the changes page's measure).
using Similarity = std::function<double(const std::string&, const std::string&)>;

/// The comments the Word file `bytes` (read from `file`) holds for version
/// `site`: each comment (replies too) and, per block and author, the
/// tracked changes as one comment whose suggestion is the block's text with
/// that author's changes applied. Every problem goes to `diags` at
/// `file:1:1`; when there is any error the result is nullopt.
std::optional<std::vector<Comment>> docx_comments(const std::string& file, std::string_view bytes,
                                                  const DocxImport& options,
                                                  const SiteIndex& site,
                                                  const Similarity& similarity,
                                                  core::Diagnostics& diags);

/// docx_comments(), then stored as `review import` stores (store_imported():
/// all in one transaction; those already there are skipped).
std::optional<ImportResult> import_docx(const std::string& file, std::string_view bytes,
                                        const DocxImport& options, const SiteIndex& site,
                                        const Similarity& similarity, Store& store,
                                        core::Diagnostics& diags);

}  // namespace visie::review
