// The contents page of a version (`<id>/index.html`).
#include "publish/detail/version.hpp"

namespace visie::publish {

Page VersionPages::contents(core::Diagnostics& diags) const {
  const auto& s = *shared_;
  const auto& v = s.vc.version;
  const auto& versions = s.site.content.versions;
  nlohmann::json page;
  page["title"] = v.label;
  page["is_version_index"] = true;  // the <title> names the version once
  page["page_file"] = "index.html";
  page["path"] = v.id + "/index.html";
  page["crumbs"] = nlohmann::json::array(
      {{{"title", s.site.content.project.title}, {"href", "../index.html"}}});
  pages::set_sidebar(page, s.toc, s.chapters.size(), std::nullopt);
  nlohmann::json body{{"version", s.version},
                      {"toc", s.toc},
                      {"has_changes", s.index > 0},
                      {"t", s.site.strings}};
  if (s.index > 0) body["previous"] = versions[s.index - 1].version.label;
  page["content"] =
      render::render_template(s.site.templates, "layouts/contents.html", body, diags);
  return {v.id + "/index.html", pages::layout(s.site, s.frame, std::move(page), diags)};
}

}  // namespace visie::publish
