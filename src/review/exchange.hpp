#pragma once
/// Comments in and out of the store as files (docs/review.md): the
/// browser's export file in, `content/reviews/<version>/<chapter>.json`
/// out. Both are pure over text; the app reads and writes the files.
///
/// The files are read with load's located JSON reader, so every problem is
/// reported as `file:line:col: error: message`.

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "review/api.hpp"
#include "review/store.hpp"

namespace visie::review {

/// The `format` of a browser export file.
inline constexpr std::string_view export_format = "visie-review/1";

/// The largest import file: 16 MiB, some 40,000 comments. Checked before
/// the file is read.
inline constexpr std::size_t max_import_bytes = 16 * 1024 * 1024;

/// The text of the import file `path`, or nullopt with the reason in
/// `diags` at `path:1:1`: not there, not a regular file (a directory; a
/// FIFO or device, opened without blocking and never read), larger than
/// max_import_bytes (refused by its size before reading; a file that grows
/// while it is read is refused too), or unreadable.
/// `max_bytes` is the limit (max_import_bytes for an export file).
std::optional<std::string> read_import_file(const std::string& path, core::Diagnostics& diags,
                                            std::size_t max_bytes = max_import_bytes);

/// The oldest and the newest `created` time an imported comment may have:
/// anything outside is a typing error, not a comment.
inline constexpr std::string_view earliest_time = "2000-01-01T00:00:00Z";
inline constexpr std::string_view latest_time = "2099-12-31T23:59:59Z";

/// Whether `t` is a time a comment can have been made at: a real UTC
/// time (core::is_utc_time) without a leap second (the server's clock
/// never writes one) from earliest_time to latest_time.
bool plausible_time(std::string_view t);

/// What an import did.
struct ImportResult {
  std::string version;
  std::size_t added = 0;
  std::size_t skipped = 0;  ///< already in the store (same id)
};

/// The chapters and blocks of `version` as the build renders them, or
/// nullopt (with the reasons in `diags`) when the content does not build.
using SiteOf =
    std::function<std::optional<SiteIndex>(const std::string& version, core::Diagnostics& diags)>;

/// Merges the browser export `text` (read from `file`) into `store`, as
/// strictly as the API takes a comment: each chapter and block must exist
/// in the version (`site_of`). Every problem goes to `diags` at its place;
/// when there is any, nothing is imported and the result is nullopt. The
/// comments are stored in one transaction: all of them or none.
/// `known_versions`, when not empty, lists the versions the file may be for.
/// An empty `site_of` skips the chapter and block check (the fuzzer has no
/// site); the app always passes one.
std::optional<ImportResult> import_comments(const std::string& file, std::string_view text,
                                            const std::set<std::string>& known_versions,
                                            const SiteOf& site_of, Store& store,
                                            core::Diagnostics& diags);

// The steps every import shares (`review import`, `review import-docx`):

/// What keeps comment `c` off version `site`: its chapter is not there
/// (`chapter` true) or the chapter has no such block. nullopt: it may be
/// stored, as the API would take it.
struct PlaceProblem {
  bool chapter = false;
  std::string message;
};
std::optional<PlaceProblem> place_problem(const SiteIndex& site, const Comment& c);

/// What is wrong with the texts or the time of comment `c`, checked as the
/// API and `review import` check them (text_problem(), plausible_time()),
/// for an import that did not read them from JSON; nullopt: nothing.
std::optional<std::string> comment_problem(const Comment& c);

/// Stores `comments` of `version` in one transaction (all or none) and
/// counts what was added and what was there already (same id).
ImportResult store_imported(const std::string& version, const std::vector<Comment>& comments,
                            Store& store);

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
