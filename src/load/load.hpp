#pragma once
/// The load stage: reads a content folder (and template overrides) into the
/// typed model. Only this stage reads user files. It never throws on user
/// input: every problem becomes a diagnostic.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/diagnostic.hpp"
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

/// The embedded default templates, with every file that exists under
/// `override_dir` (when given) taking the place of the default of the same
/// path.
model::Templates load_templates(const std::optional<std::filesystem::path>& override_dir,
                                core::Diagnostics& diags);

/// The page id a chapter file gets when its front matter has none: the file
/// name without `.md` and without a leading number such as "01-".
std::string default_chapter_id(std::string_view file_name);

}  // namespace visie::load
