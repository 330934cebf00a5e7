#pragma once
// Helpers the review commands (app/review.cpp) share with `serve --review`
// (app/serve_command.cpp). Internal to app.
#ifndef VISIE_STAGE_APP
#error "app/detail is private to the app stage"
#endif

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <set>
#include <string>

#include "app/app.hpp"
#include "core/diagnostic.hpp"
#include "review/api.hpp"

namespace visie::app {

/// The version ids of `<content>/versions.json`; problems (a missing or
/// broken file) go to `diags`.
std::optional<std::set<std::string>> version_ids(const Options& options, core::Diagnostics& diags);

/// The chapters and blocks of `version` a comment may be on, as `serve
/// --review` knows them (the site built in memory); nullopt, with the
/// build's errors in `diags`, when the content does not build.
std::optional<review::SiteIndex> review_site(const Options& options, const std::string& version,
                                             core::Diagnostics& diags);

/// Whether `version` is in versions.json; prints why not on `err`.
bool known_version(const Options& options, const std::string& version, std::ostream& err);

/// Creates the folder `path` will be in, when it has one. Throws
/// std::filesystem::filesystem_error when it cannot.
void make_parent_folder(const std::filesystem::path& path);

}  // namespace visie::app
