#pragma once
/// Internal to publish: what the pages of one version share, made once by
/// VersionPages' constructor (version.cpp) and read by each page kind.
#ifndef VISIE_STAGE_PUBLISH
#error "publish/detail is private to the publish stage"
#endif

#include <optional>
#include <string>
#include <vector>

#include "publish/changes.hpp"
#include "publish/detail/frame.hpp"

namespace visie::publish {

struct VersionPages::Shared {
  Shared(const SiteInput& site_, std::size_t index_,
         const std::vector<render::RenderedChapter>& chapters_,
         const std::vector<render::RenderedChapter>* before_, const nlohmann::json& layout_data);

  const SiteInput& site;
  std::size_t index;
  const model::VersionContent& vc;
  const std::vector<render::RenderedChapter>& chapters;
  const std::vector<render::RenderedChapter>* before;
  /// What changed since the version before, compared once: its page, the
  /// print edition's appendix and the disposition page's links share it.
  std::optional<Changes> changes;
  /// The body of the changes page, with its title.
  std::string changes_html;
  std::vector<pages::ExtraPage> extras;
  /// The sidebar's entries: every chapter, then the extra pages.
  nlohmann::json toc;
  /// version_json() of the version.
  nlohmann::json version;
  /// What every page of the version shares, converted for the templates
  /// once; each page adds its own data (and its sidebar) in front of it.
  render::SharedData frame;
};

}  // namespace visie::publish
