#pragma once
/// The publish stage: rendered chapters wrapped in layouts, with
/// navigation, landing page, changes pages and assets, as an in-memory
/// site tree. Pure: emit writes it.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "model/model.hpp"
#include "model/templates.hpp"

namespace visie::publish {

/// The files of a site: path relative to the output folder → bytes. Sorted,
/// so writing it is deterministic.
using SiteTree = std::map<std::string, std::string>;

/// What a build may do beyond the default.
struct Options {
  /// Frozen versions whose regenerated output replaces what they published.
  std::set<std::string> refreeze;
};

/// The site, and what happened to the frozen versions on the way.
struct Site {
  SiteTree files;
  /// Frozen versions whose output the generator now renders differently:
  /// id → the differing paths. Their published bytes were kept unless the
  /// version was named in Options::refreeze.
  std::map<std::string, std::vector<std::string>> drifted;
};

/// Builds the whole site for every version of `content`. Problems (in
/// chapters, directives, templates) go to `diags`; the tree is only worth
/// writing when there are no errors. A frozen version's files are the bytes
/// it published, unless it is being refrozen.
Site build_site(const model::Content& content, const model::Templates& templates,
                const Options& options, core::Diagnostics& diags);

/// Renders versions `before_id` and `after_id` of `content` and compares
/// them (what `visie diff` prints). Unknown ids are reported to `diags`.
struct VersionDiff;
std::optional<VersionDiff> diff_versions(const model::Content& content,
                                         const model::Templates& templates,
                                         const std::string& before_id,
                                         const std::string& after_id, core::Diagnostics& diags);

/// The files of version `id` within `site`, with paths relative to `id/`.
model::FileMap version_files(const SiteTree& site, const std::string& id);

/// The lock of version `id` as JSON text: the SHA-256 of every file in
/// `inputs` (the snapshot) and `outputs` (what it published), by path.
std::string lock_json(const std::string& id, const model::FileMap& inputs,
                      const model::FileMap& outputs);

/// The generator that writes locks ("visie 0.1.0").
inline constexpr const char* generator_name = "visie 0.1.0";

}  // namespace visie::publish
