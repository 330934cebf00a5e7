#pragma once
/// Internal to publish: what every page kind shares — the site's input,
/// the layout (layouts/page.html) every page is wrapped in, and the sidebar.
#ifndef VISIE_STAGE_PUBLISH
#error "publish/detail is private to the publish stage"
#endif

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/diagnostic.hpp"
#include "publish/changes.hpp"
#include "publish/publish.hpp"
#include "render/render.hpp"

namespace visie::publish::pages {

using nlohmann::json;

/// The UI string `key` of `strings`.
std::string text(const json& strings, const std::string& key);

/// The layout data every page of the site shares: language, project, UI
/// strings. A version adds its own (VersionPages).
json shared_site_data(const SiteInput& site);

/// `page` in `layouts/page.html`, with `shared` (converted for the
/// templates once per version, not per page) behind it.
std::string layout(const SiteInput& site, const render::SharedData& shared, json page,
                   core::Diagnostics& diags);

/// The breadcrumbs of a page of a version: the project, then the version.
json version_crumbs(const SiteInput& site, const model::Version& v);

/// Sets the sidebar of `page` from `toc` (the version's `chapters` chapter
/// entries, then its extra pages), with entry `current` (an index into
/// `toc`, if the page is in it) marked. Up to 100 chapters: every entry.
/// Beyond: 21 chapters around the current one (shifted at either end; the
/// first ones on a page that is no chapter) numbered from `toc_start`,
/// every extra entry, and `toc_chapters` for the link to the contents page.
void set_sidebar(json& page, const json& toc, std::size_t chapters,
                 std::optional<std::size_t> current);

/// A page a version has besides its chapters: the literature, the
/// glossary, the disposition of comments.
struct ExtraPage {
  std::string kind;   // "references", "glossary", "comments": its print appendix
  std::string file;   // "begrippenlijst.html"
  std::string title;
  std::string html;   // the page body, without its <h1>
};

/// The intro paragraph of an extra page: the UI string `key`.
std::string intro(const json& strings, const char* key);

/// What the extra pages of version `index` are made from.
struct ExtraInput {
  const SiteInput& site;
  std::size_t index;
  const std::vector<render::RenderedChapter>& chapters;
  const std::vector<render::RenderedChapter>* before;  // the version before, if any
  const Changes* changes;                              // since the version before, if any
};

/// The literature page (literature.cpp): when the version cites any work.
std::optional<ExtraPage> literature(const ExtraInput& in, core::Diagnostics& diags);
/// The glossary page (glossary.cpp): when the version has terms.
std::optional<ExtraPage> glossary(const ExtraInput& in, core::Diagnostics& diags);
/// The disposition of comments (comments.cpp): when the version before it
/// received comments.
std::optional<ExtraPage> comments(const ExtraInput& in, core::Diagnostics& diags);

}  // namespace visie::publish::pages
