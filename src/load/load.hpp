#pragma once
/// The load stage: reads a content folder (and template overrides) into the
/// typed model. Only this stage reads user files. It never throws on user
/// input: every problem becomes a diagnostic.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/diagnostic.hpp"
#include "load/json.hpp"
#include "model/model.hpp"
#include "model/templates.hpp"

namespace visie::load {

/// Files larger than this are refused rather than read.
inline constexpr std::uintmax_t max_file_size = 64U * 1024U * 1024U;

/// Reads `content_dir`: visie.json, versions.json and, for every version,
/// its chapters and data (the working draft from the folder itself, a
/// frozen version from versions/<id>/). Reports every problem to `diags`;
/// returns nullopt when the content could not be read at all. Cross
/// references are checked by model::validate, not here.
std::optional<model::Content> load_content(const std::filesystem::path& content_dir,
                                           core::Diagnostics& diags);

/// The `defaults` of `content_dir`/visie.json, or none when the file is
/// missing or has an error (load_content() reports it).
model::ProjectDefaults read_project_defaults(const std::filesystem::path& content_dir);

/// What `visie serve` remembers of the frozen versions (and of the draft's
/// data) between two loads. A
/// frozen version whose snapshot folder is unchanged (the same entries, each
/// with the same inode, size, mode and modification and change times) is
/// taken from here instead of being read and parsed again. Only versions
/// that loaded without any diagnostic are kept; a folder with a symbolic
/// link or a file changed in the last seconds (whose times could hide a
/// second edit) is always read. `visie build` does not use one.
struct SnapshotCache {
  struct Entry {
    std::string signature;          // of the snapshot folder's entries
    model::VersionContent content;  // as loaded, without reviews
    /// Set by the caller: model::validate_snapshot() found nothing wrong.
    bool verified = false;
    /// `content` was moved into a loaded Content rather than copied, and
    /// not yet given back (give_back()); it is read again if it never is.
    bool lent = false;
  };
  std::map<std::string, Entry> entries;  // by version id
  /// The data of a version that is not frozen (the working draft), with
  /// every byte under its data/ folder: reused, without parsing, while
  /// those are the same. Only data read without any diagnostic is kept.
  struct DataFiles {
    std::string listing;  // every entry under data/, sorted, folders marked
    model::FileMap files;  // every file under it, by path ("data/terms.json")
    friend bool operator==(const DataFiles&, const DataFiles&) = default;
  };
  struct Data {
    DataFiles files;
    model::Dataset data;
    model::FileMap inputs;  // the files read_dataset() read: some of `files`
  };
  std::map<std::string, Data> data;  // by version id
  /// A snapshot with an entry changed less than this many seconds ago is
  /// not kept (tests set 0).
  int settle_seconds = 2;

  /// Moves the frozen versions that load_content() lent to `content` back
  /// into the cache (without their reviews), leaving them empty in
  /// `content`, which is not to be used afterwards.
  void give_back(model::Content& content);
};

/// The same, reusing and filling `cache` (when not null) for frozen versions.
std::optional<model::Content> load_content(const std::filesystem::path& content_dir,
                                           core::Diagnostics& diags, SnapshotCache* cache);

/// Reads a review file, `reviews/<version>/<chapter>.json` (parsed into
/// `doc`): the comments one chapter of `version` received. The one reader
/// of that file, for the build and for `visie review export`. Reports every
/// problem to `diags` (a version or chapter that is not `version` and
/// `chapter`, a malformed id, an unknown role or disposition, a time that
/// is not UTC or does not exist).
model::ChapterReview read_review_file(const JsonDocument& doc, std::string_view version,
                                      std::string_view chapter, core::Diagnostics& diags);

/// The embedded default templates, with every file that exists under
/// `override_dir` (when given) taking the place of the default of the same
/// path.
model::Templates load_templates(const std::optional<std::filesystem::path>& override_dir,
                                core::Diagnostics& diags);

/// The page id a chapter file gets when its front matter has none: the file
/// name without `.md` and without a leading number such as "01-".
std::string default_chapter_id(std::string_view file_name);

}  // namespace visie::load
