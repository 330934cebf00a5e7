#pragma once
/// The publish stage: rendered chapters wrapped in layouts, with
/// navigation, version switcher, landing page and assets, as an in-memory
/// site tree. Pure: emit writes it.

#include <map>
#include <string>

#include "core/diagnostic.hpp"
#include "model/model.hpp"
#include "model/templates.hpp"

namespace visie::publish {

/// The files of a site: path relative to the output folder → bytes. Sorted,
/// so writing it is deterministic.
using SiteTree = std::map<std::string, std::string>;

/// Builds the whole site for every version of `content`. Problems (in
/// chapters, directives, templates) go to `diags`; the tree is only worth
/// writing when there are no errors.
SiteTree build_site(const model::Content& content, const model::Templates& templates,
                    core::Diagnostics& diags);

}  // namespace visie::publish
