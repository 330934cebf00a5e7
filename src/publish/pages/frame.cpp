// The layout every page of the site is wrapped in, and its sidebar.
#include "publish/detail/frame.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "render/ui.hpp"

namespace visie::publish::pages {

namespace {

/// A version's sidebar lists every chapter up to this many. A longer one
/// lists a window of chapters around the current page and links to the
/// contents page, which lists them all: the whole list on each of N pages
/// would make a build grow with N² (10,000 chapters, 10 GB of sidebars).
constexpr std::size_t sidebar_full_limit = 100;
/// How many chapters the window shows either side of the current one.
constexpr std::size_t sidebar_reach = 10;

}  // namespace

std::string text(const json& strings, const std::string& key) { return render::ui_text(strings, key); }

json shared_site_data(const SiteInput& site) {
  const auto& p = site.content.project;
  return {{"lang", p.language},
          {"project", {{"title", p.title},
                       {"subtitle", p.subtitle},
                       {"organisation", p.organisation},
                       {"description", p.description}}},
          {"t", site.strings}};
}

std::string layout(const SiteInput& site, const render::SharedData& shared, json page,
                   core::Diagnostics& diags) {
  const auto& p = site.content.project;
  page["has_crumbs"] = page.contains("crumbs") && !page["crumbs"].empty();
  page["has_outline"] = page.contains("outline") && !page["outline"].empty();
  if (!p.base_url.empty() && page.contains("path")) {
    page["canonical"] = p.base_url + page["path"].get<std::string>();
  }
  return render::render_template(site.templates, "layouts/page.html", shared, std::move(page),
                                 diags);
}

json version_crumbs(const SiteInput& site, const model::Version& v) {
  return json::array({{{"title", site.content.project.title}, {"href", "../index.html"}},
                      {{"title", v.label}, {"href", "index.html"}}});
}

void set_sidebar(json& page, const json& toc, std::size_t chapters,
                 std::optional<std::size_t> current) {
  std::size_t from = 0;
  std::size_t to = chapters;
  if (chapters > sidebar_full_limit) {
    const std::size_t width = 2 * sidebar_reach + 1;
    if (current && *current < chapters) {
      from = std::min(*current - std::min(*current, sidebar_reach), chapters - width);
    }
    to = from + width;
    page["toc_start"] = from + 1;
    page["toc_chapters"] = chapters;
  }
  auto& entries = page["toc"] = json::array();
  for (std::size_t i = 0; i < toc.size(); ++i) {
    if (i < chapters && (i < from || i >= to)) continue;
    entries.push_back(toc[i]);
    if (current == i) entries.back()["current"] = true;
  }
}

std::string intro(const json& strings, const char* key) {
  return "<p class=\"intro\">" + core::escape_html(text(strings, key)) + "</p>\n";
}

}  // namespace visie::publish::pages

namespace visie::publish {

nlohmann::json version_json(const model::Version& v, const nlohmann::json& strings) {
  const std::string status(model::to_string(v.status));
  return {{"id", v.id},
          {"label", v.label},
          {"period", v.period},
          {"date", v.date},
          {"milestone", v.milestone},
          {"inputs", v.inputs},
          {"has_inputs", !v.inputs.empty()},
          {"status", status},
          {"status_label", pages::text(strings, std::string(model::label_key(v.status)))},
          {"is_concept", v.status == model::Status::concept_},
          {"is_final", v.status == model::Status::final}};
}

}  // namespace visie::publish
