#pragma once
/// The disposition of comments: how a version handled what the panels
/// said about the version before it (`commentaar.html`, docs/review.md).
#ifndef VISIE_STAGE_PUBLISH
#error "publish/detail is private to the publish stage"
#endif

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/diagnostic.hpp"
#include "model/model.hpp"
#include "model/templates.hpp"
#include "publish/changes.hpp"
#include "render/render.hpp"

namespace visie::publish {

/// The page a version gets when the version before it received comments.
inline constexpr std::string_view dispositions_page = "commentaar.html";

/// The two versions a disposition page joins, with their rendered chapters.
struct ReviewedPair {
  const model::VersionContent& before;  // the version the comments are on
  const std::vector<render::RenderedChapter>& before_chapters;
  const model::VersionContent& after;   // the version that answers them
  const std::vector<render::RenderedChapter>& after_chapters;
  const Changes& changes;  // compare_versions(before, …, after, …)
};

/// The body of the disposition page (without its <h1>): per chapter of
/// `before`, each comment with the reviewer's role, the block it was on
/// (its reference then and its quoted text), the comment, the suggested
/// text, the disposition and the response, and a link to the block in
/// `after` where a block with that id still exists (in the same chapter,
/// else wherever it moved), or where `changes` says it was edited into.
/// Every text is escaped. Pure.
std::string render_dispositions(const ReviewedPair& pair, const model::Templates& templates,
                                const nlohmann::json& strings, core::Diagnostics& diags);

}  // namespace visie::publish
