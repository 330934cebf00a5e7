// VersionPages: what the pages of one version share, made once; the page
// kinds themselves are in the other files of this folder.
#include "publish/detail/version.hpp"

namespace visie::publish {

namespace {

using nlohmann::json;

/// The layout data of every page of version `index`.
json layout_data(const SiteInput& site, std::size_t index) {
  auto shared = pages::shared_site_data(site);
  shared["root"] = "../";
  shared["has_version"] = true;
  shared["version"] = version_json(site.content.versions[index].version, site.strings);
  shared["has_changes"] = index > 0;
  shared["search_root"] = "";
  return shared;
}

}  // namespace

VersionPages::Shared::Shared(const SiteInput& site_, std::size_t index_,
                             const std::vector<render::RenderedChapter>& chapters_,
                             const std::vector<render::RenderedChapter>* before_,
                             const json& layout_data)
    : site(site_),
      index(index_),
      vc(site_.content.versions[index_]),
      chapters(chapters_),
      before(before_),
      version(layout_data["version"]),
      frame(layout_data) {}

VersionPages::VersionPages(const SiteInput& site, std::size_t index,
                           const std::vector<render::RenderedChapter>& chapters,
                           const std::vector<render::RenderedChapter>* before,
                           core::Diagnostics& diags)
    : shared_(std::make_unique<Shared>(site, index, chapters, index > 0 ? before : nullptr,
                                       layout_data(site, index))) {
  auto& s = *shared_;
  if (s.before != nullptr) {
    const auto& previous = site.content.versions[index - 1];
    s.changes = compare_versions(previous, *s.before, s.vc, chapters);
    s.changes_html = render_changes(*s.changes, previous.version, s.vc.version, site.templates,
                                    site.strings, ChangesTitle::shown, diags);
  }
  const pages::ExtraInput in{site, index, chapters, s.before, s.changes ? &*s.changes : nullptr};
  for (auto* kind : {&pages::literature, &pages::glossary, &pages::comments}) {
    if (auto page = kind(in, diags)) s.extras.push_back(std::move(*page));
  }
  s.toc = json::array();
  for (const auto& c : chapters) s.toc.push_back({{"title", c.title}, {"href", c.id + ".html"}});
  for (const auto& e : s.extras) {
    s.toc.push_back({{"title", e.title}, {"href", e.file}, {"extra", true}});
  }
}

VersionPages::~VersionPages() = default;

std::size_t VersionPages::chapter_count() const { return shared_->chapters.size(); }

std::size_t VersionPages::extra_count() const { return shared_->extras.size(); }

}  // namespace visie::publish
