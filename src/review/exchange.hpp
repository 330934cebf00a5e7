#pragma once
/// Comments in and out of the store as files (docs/review.md): the
/// browser's export file in, `content/reviews/<version>/<chapter>.json`
/// out. Both are pure over text; the app reads and writes the files.
///
/// The files are read with load's located JSON reader, so every problem is
/// reported as `file:line:col: error: message`.

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "review/store.hpp"

namespace visie::review {

/// The `format` of a browser export file.
inline constexpr std::string_view export_format = "visie-review/1";

/// What an import did.
struct ImportResult {
  std::string version;
  std::size_t added = 0;
  std::size_t skipped = 0;  ///< already in the store (same id)
};

/// Merges the browser export `text` (read from `file`) into `store`.
/// Every problem goes to `diags` at its place; when there is any, nothing
/// is imported and the result is nullopt. `known_versions`, when not
/// empty, lists the versions the file may be for.
std::optional<ImportResult> import_comments(const std::string& file, std::string_view text,
                                            const std::set<std::string>& known_versions,
                                            Store& store, core::Diagnostics& diags);

/// A file as it is now: its name (for messages) and its bytes.
struct ExistingFile {
  std::string path;
  std::string text;
};

/// The review files of `version`: chapter id → the JSON text of
/// `content/reviews/<version>/<chapter>.json`, for every chapter with
/// comments in `comments` (all of that version). `existing` holds the
/// current files by chapter id: a disposition or response there that the
/// store does not set is kept, and so are comments only the file has.
/// Comments are sorted by created time and id; the text is 2-space JSON
/// with a final newline; names are never written. A broken existing file
/// is reported to `diags` and its chapter left out.
std::map<std::string, std::string> export_comments(
    const std::string& version, const std::vector<Comment>& comments,
    const std::map<std::string, ExistingFile>& existing, core::Diagnostics& diags);

}  // namespace visie::review
