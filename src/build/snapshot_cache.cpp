// The snapshot cache: load_content() composed from load's per-part calls,
// with the values that did not change taken from the cache.
#include "build/detail/snapshot_cache.hpp"

#include <algorithm>

namespace visie::build {

namespace fs = std::filesystem;

namespace {

/// The data of the draft version `version` in folder `folder`: the cached
/// one while no byte under data/ changed, else read (and kept when it was
/// read without a diagnostic from the bytes that were listed).
load::VersionData draft_data(SnapshotCache& cache, const fs::path& content_dir,
                             const fs::path& folder, const std::string& version,
                             core::Diagnostics& diags) {
  auto before = load::data_files(content_dir / folder / "data");
  const auto kept = cache.data.find(version);
  if (before && kept != cache.data.end() && kept->second.files == *before) {
    return {kept->second.data, kept->second.inputs};
  }
  cache.data.erase(version);
  const auto diagnostics_before = diags.all().size();
  auto read = load::read_version_data(content_dir, folder, diags);
  // Kept only when every file it read has the bytes listed before (none
  // changed in between).
  const bool same =
      before && std::all_of(read.inputs.begin(), read.inputs.end(), [&](const auto& f) {
        const auto listed = before->files.find(f.first);
        return listed != before->files.end() && listed->second == f.second;
      });
  if (same && diags.all().size() == diagnostics_before) {
    cache.data[version] = {std::move(*before), read.data, read.inputs};
  }
  return read;
}

}  // namespace

std::optional<model::Content> SnapshotCache::load(const fs::path& content_dir,
                                                  core::Diagnostics& diags) {
  auto index = load::read_index(content_dir, diags);
  if (!index) return std::nullopt;
  model::Content content;
  content.project = std::move(index->project);
  content.project_files = std::move(index->project_files);
  for (auto& version : index->versions) {
    const auto folder = load::version_folder(content_dir, version, diags);
    if (!folder) continue;
    if (!version.frozen) {
      auto vc = load::read_version(content_dir, *folder, std::move(version), diags);
      auto read = draft_data(*this, content_dir, *folder, vc.version.id, diags);
      vc.data = std::move(read.data);
      vc.inputs.merge(read.inputs);
      content.versions.push_back(std::move(vc));
      continue;
    }
    // An unchanged snapshot is not read again.
    const auto signature = load::snapshot_signature(content_dir / *folder, settle_seconds);
    const auto cached = entries.find(version.id);
    if (signature && cached != entries.end() && cached->second.signature == *signature) {
      content.versions.push_back(cached->second.content);
      content.versions.back().version = std::move(version);
      continue;
    }
    entries.erase(version.id);
    const auto diagnostics_before = diags.all().size();
    auto vc = load::read_version(content_dir, *folder, std::move(version), diags);
    auto read = load::read_version_data(content_dir, *folder, diags);
    vc.data = std::move(read.data);
    vc.inputs.merge(read.inputs);
    if (signature && diags.all().size() == diagnostics_before) {
      entries[vc.version.id] = {*signature, vc, false};
    }
    content.versions.push_back(std::move(vc));
  }
  load::read_reviews(content_dir, content, diags);
  return content;
}

}  // namespace visie::build
