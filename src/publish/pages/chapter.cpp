// The page of one chapter (`<id>/<chapter>.html`), with its in-page
// outline, and the sections of its text for the search index.
#include <algorithm>
#include <set>

#include "core/text.hpp"
#include "publish/detail/version.hpp"

namespace visie::publish {

namespace {

using nlohmann::json;

/// `page` (whose id attributes are `ids`) with every repeated id renamed
/// "<id>-2", "<id>-3", … (two components on a page may name parts alike):
/// ids must be unique in a document, and the first one keeps the name that
/// links point to; a new name is one no id of the page has. Each renamed
/// attribute is spliced in at its offset. Nothing when no id repeats.
std::optional<std::string> unique_ids(const std::string& page,
                                      const std::vector<render::AttributeSpot>& ids) {
  std::set<std::string> taken;  // every id of the page, once one repeats
  std::set<std::string> seen;
  std::vector<std::pair<const render::AttributeSpot*, std::string>> renames;
  for (const auto& id : ids) {
    if (seen.insert(id.value).second) continue;
    if (taken.empty()) {
      for (const auto& other : ids) taken.insert(other.value);
    }
    for (int n = 2;; ++n) {
      auto renamed = id.value + "-" + std::to_string(n);
      if (!taken.contains(renamed) && seen.insert(renamed).second) {
        renames.emplace_back(&id, std::move(renamed));
        break;
      }
    }
  }
  if (renames.empty()) return std::nullopt;
  std::string out;
  out.reserve(page.size() + renames.size() * 8);
  std::size_t pos = 0;
  for (const auto& [spot, renamed] : renames) {
    out.append(page, pos, spot->offset - pos);
    out += "id=\"" + core::escape_html(renamed) + "\"";
    pos = spot->offset + spot->size;
  }
  out.append(page, pos, std::string::npos);
  return out;
}

/// The in-page contents of a long chapter: its sections' headings, when
/// there are at least three at the top level; empty otherwise.
json outline(const std::vector<search::Section>& parts) {
  json items = json::array();
  for (const auto& s : parts) {
    if (s.level < 2 || s.heading.empty()) continue;
    const auto hash = s.href.find('#');
    items.push_back({{"title", s.heading}, {"href", s.href.substr(hash)}, {"sub", s.level == 3}});
  }
  const auto top = std::count_if(items.begin(), items.end(),
                                 [](const json& item) { return !item["sub"].get<bool>(); });
  return top >= 3 ? items : json::array();
}

}  // namespace

VersionPages::Chapter VersionPages::chapter(std::size_t i, core::Diagnostics& diags) const {
  const auto& s = *shared_;
  const auto& v = s.vc.version;
  const auto& chapters = s.chapters;
  const auto& c = chapters[i];
  auto sections = search::sections(c);
  auto renamed = unique_ids(c.html, c.ids);
  json page;
  page["title"] = c.title;
  page["page_file"] = c.id + ".html";
  page["path"] = v.id + "/" + c.id + ".html";
  page["chapter"] = c.id;
  pages::set_sidebar(page, s.toc, chapters.size(), i);
  page["crumbs"] = pages::version_crumbs(s.site, v);
  page["outline"] = outline(sections);
  page["h1"] = c.title;
  page["content"] = renamed ? std::move(*renamed) : c.html;
  if (i > 0) page["prev"] = {{"title", chapters[i - 1].title}, {"href", chapters[i - 1].id + ".html"}};
  if (i + 1 < chapters.size()) {
    page["next"] = {{"title", chapters[i + 1].title}, {"href", chapters[i + 1].id + ".html"}};
  }
  return {{v.id + "/" + c.id + ".html", pages::layout(s.site, s.frame, std::move(page), diags)},
          std::move(sections)};
}

}  // namespace visie::publish
