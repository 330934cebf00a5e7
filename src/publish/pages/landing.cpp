// The landing page (`index.html`) and 404.html: the pages at the root of
// the site, which lead to the newest published version.
#include "publish/detail/frame.hpp"

namespace visie::publish {

namespace {

using nlohmann::json;

/// The versions for the switcher of a root page.
json version_links(const model::Content& content) {
  json versions = json::array();
  for (const auto& vc : content.versions) {
    versions.push_back({{"label", vc.version.label},
                        {"period", vc.version.period},
                        {"href", vc.version.id + "/index.html"}});
  }
  return versions;
}

}  // namespace

std::size_t latest_index(const model::Content& content) {
  for (std::size_t i = content.versions.size(); i-- > 0;) {
    if (content.versions[i].version.frozen) return i;
  }
  return content.versions.empty() ? 0 : content.versions.size() - 1;
}

Page landing_page(const SiteInput& site, core::Diagnostics& diags) {
  const auto& content = site.content;
  const auto& strings = site.strings;
  const auto& newest = content.versions[latest_index(content)];
  json toc = json::array();
  for (const auto& c : newest.chapters) {
    toc.push_back({{"title", c.title}, {"href", newest.version.id + "/" + c.id + ".html"}});
  }
  json timeline = json::array();
  for (const auto& vc : content.versions) {
    auto v = version_json(vc.version, strings);
    v["href"] = vc.version.id + "/index.html";
    timeline.push_back(v);
  }
  json body{{"newest", version_json(newest.version, strings)},
            {"newest_href", newest.version.id + "/index.html"},
            {"toc", toc},
            {"timeline", timeline},
            {"project", {{"title", content.project.title},
                         {"subtitle", content.project.subtitle},
                         {"description", content.project.description},
                         {"about", content.project.about},
                         {"organisation", content.project.organisation}}},
            {"t", strings}};
  const render::SharedData shared(pages::shared_site_data(site));
  json page;
  page["root"] = "";
  page["title"] = content.project.title;
  page["is_landing"] = true;
  page["is_home"] = true;  // the <title> is the project's, once
  page["path"] = "index.html";
  page["search_root"] = newest.version.id + "/";
  page["versions"] = version_links(content);
  page["content"] = render::render_template(site.templates, "layouts/landing.html", body, diags);
  return {"index.html", pages::layout(site, shared, std::move(page), diags)};
}

Page not_found_page(const SiteInput& site, core::Diagnostics& diags) {
  const auto& content = site.content;
  const auto& newest = content.versions[latest_index(content)];
  const render::SharedData shared(pages::shared_site_data(site));
  // A static host serves 404.html for any missing address, at any depth:
  // with a base URL its links are absolute through <base>.
  json missing;
  missing["root"] = "";
  missing["title"] = pages::text(site.strings, "not_found");
  // Without a base URL, a script in the page finds the site's root.
  missing["find_root"] = content.project.base_url.empty();
  missing["is_landing"] = true;
  missing["search_root"] = newest.version.id + "/";
  missing["versions"] = version_links(content);
  missing["base"] = content.project.base_url;
  missing["content"] = render::render_template(
      site.templates, "layouts/404.html",
      {{"t", site.strings},
       {"newest_href", newest.version.id + "/index.html"},
       {"newest", version_json(newest.version, site.strings)}},
      diags);
  return {"404.html", pages::layout(site, shared, std::move(missing), diags)};
}

}  // namespace visie::publish
