#pragma once
/// The emit stage, the only place that writes to disk: the whole site goes
/// into a staging folder next to the output folder, and only when every
/// file was written is it swapped into place in one step. A failed build
/// leaves the previous site exactly as it was.

#include <filesystem>

#include "core/diagnostic.hpp"
#include "publish/publish.hpp"

namespace visie::emit {

/// The file that marks a folder as a site written by visie. visie only ever
/// replaces folders that carry it (or are empty or absent).
inline constexpr const char* marker_file = ".visie-site";

/// Writes `site` to `out_dir`, replacing its previous contents atomically.
/// Refuses (with an error in `diags`) an output folder that holds other
/// files than a visie site, that is or contains `content_dir`, or that lies
/// inside it. Returns true when the new site is in place.
bool write_site(const publish::SiteTree& site, const std::filesystem::path& out_dir,
                const std::filesystem::path& content_dir, core::Diagnostics& diags);

/// Writes a frozen version's snapshot folder `dir` (chapters, data, the
/// published site and visie.lock) from `files` (relative path → bytes),
/// through a staging folder and one atomic step. Refuses an existing `dir`
/// unless `replace` (a refreeze, which swaps the old snapshot out whole).
bool write_snapshot(const model::FileMap& files, const std::filesystem::path& dir, bool replace,
                    core::Diagnostics& diags);

/// Replaces the file `path` with `bytes` atomically (a temporary file next
/// to it, then rename).
bool replace_file(const std::filesystem::path& path, const std::string& bytes,
                  core::Diagnostics& diags);

}  // namespace visie::emit
