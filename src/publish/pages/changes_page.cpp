// The changes page of a version (`<id>/changes.html`): what changed since
// the version before (publish/changes.cpp compares and renders).
#include "publish/detail/version.hpp"

namespace visie::publish {

std::optional<Page> VersionPages::changes(core::Diagnostics& diags) const {
  const auto& s = *shared_;
  if (!s.changes) return std::nullopt;
  const auto& v = s.vc.version;
  nlohmann::json page;
  page["title"] = pages::text(s.site.strings, "changes");
  page["page_file"] = "changes.html";
  page["path"] = v.id + "/changes.html";
  pages::set_sidebar(page, s.toc, s.chapters.size(), std::nullopt);
  page["crumbs"] = pages::version_crumbs(s.site, v);
  page["content"] = s.changes_html;
  return Page{v.id + "/changes.html", pages::layout(s.site, s.frame, std::move(page), diags)};
}

}  // namespace visie::publish
