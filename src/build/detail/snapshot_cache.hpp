#pragma once
/// `visie serve`'s memory of loaded versions between two builds: a frozen
/// version whose snapshot folder is unchanged (the same entries, each with
/// the same inode, size, mode and modification and change times) is taken
/// from here instead of being read and parsed again, and the working
/// draft's data is parsed again only when a byte under its data/ folder
/// changed. Only what loaded without any diagnostic is kept; a folder with a
/// symbolic link or a file changed in the last seconds (whose times could
/// hide a second edit) is always read. `visie build` does not use one.
#ifndef VISIE_STAGE_BUILD
#error "build/detail is private to the build stage"
#endif

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "core/diagnostic.hpp"
#include "load/load.hpp"
#include "model/model.hpp"

namespace visie::build {

class SnapshotCache {
 public:
  /// A frozen version as loaded (without its reviews).
  struct Entry {
    std::string signature;  // of the snapshot folder's entries
    model::VersionContent content;
    /// Set by the driver: model::validate_snapshot() found nothing wrong.
    bool verified = false;
  };
  /// The data of the working draft, with every byte it was read from.
  struct Data {
    load::DataFiles files;
    model::Dataset data;
    model::FileMap inputs;  // the files read_version_data() read: some of `files`
  };

  /// load::load_content(), made of load's per-part calls: a frozen version
  /// or the draft's data that did not change is copied from here rather
  /// than read again, and whatever was read without a diagnostic is kept.
  /// The result is the same, diagnostics included, as without the cache.
  std::optional<model::Content> load(const std::filesystem::path& content_dir,
                                     core::Diagnostics& diags);

  std::map<std::string, Entry> entries;  // by version id
  std::map<std::string, Data> data;      // by version id
  /// A snapshot with an entry changed less than this many seconds ago is
  /// not kept (tests set 0).
  int settle_seconds = 2;
};

}  // namespace visie::build
