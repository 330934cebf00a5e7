#pragma once
/// The load stage: reads a content folder (and template overrides) into the
/// typed model. Only this stage reads user files. It never throws on user
/// input: every problem becomes a diagnostic.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

/// The parts load_content() is made of, one call each, for the build
/// driver's snapshot cache (build/), which reuses what did not change.

/// The top of a content folder: visie.json and versions.json.
struct Index {
  model::Project project;
  std::vector<model::Version> versions;  // in publication order; each has an id
  model::FileMap project_files;          // visie.json and versions.json as read
};

/// Reads visie.json and versions.json of `content_dir`. Nullopt when the
/// folder or versions.json could not be read.
std::optional<Index> read_index(const std::filesystem::path& content_dir, core::Diagnostics& diags);

/// The folder of `version`, relative to the content folder: empty for the
/// working draft, versions/<id> for a frozen version. Nullopt (reported)
/// when a frozen version's snapshot folder does not exist or is a link out
/// of the content folder.
std::optional<std::filesystem::path> version_folder(const std::filesystem::path& content_dir,
                                                    const model::Version& version,
                                                    core::Diagnostics& diags);

/// Reads version folder `folder` (from version_folder()), all but its
/// data: a frozen version's lock and published files, and the chapters
/// (their files in `inputs`).
model::VersionContent read_version(const std::filesystem::path& content_dir,
                                   const std::filesystem::path& folder, model::Version version,
                                   core::Diagnostics& diags);

/// The data of a version and the files it was read from (by path relative
/// to the version's folder: "data/terms.json").
struct VersionData {
  model::Dataset data;
  model::FileMap inputs;
};

/// Reads data/ of version folder `folder`.
VersionData read_version_data(const std::filesystem::path& content_dir,
                              const std::filesystem::path& folder, core::Diagnostics& diags);

/// Reads reviews/ of `content_dir` into the versions of `content`.
void read_reviews(const std::filesystem::path& content_dir, model::Content& content,
                  core::Diagnostics& diags);

/// The signature of snapshot folder `dir`: every entry under it (path,
/// inode, mode, size, modification and change time), so that an equal
/// signature later means unchanged files. Nullopt when it must not be
/// trusted: it cannot be listed, it holds a symbolic link or something that
/// is neither a file nor a folder, or an entry changed less than
/// `settle_seconds` ago (a file's times have a coarse clock, so a second
/// edit of the same size right after the first could leave them alone).
std::optional<std::string> snapshot_signature(const std::filesystem::path& dir,
                                              int settle_seconds);

/// Every entry under a version's data folder and every byte in it: all
/// that read_version_data() reads.
struct DataFiles {
  std::string listing;   // every entry under data/, sorted, folders marked
  model::FileMap files;  // every file under it, by path ("data/terms.json")
  friend bool operator==(const DataFiles&, const DataFiles&) = default;
};

/// The DataFiles of data folder `dir`: an empty listing when there is no
/// such folder; nullopt when it holds a symbolic link or anything but files
/// and folders, or cannot be read.
std::optional<DataFiles> data_files(const std::filesystem::path& dir);

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
