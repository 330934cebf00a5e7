// The assets (`assets/…` of the templates): one copy at the root of the
// site and one in each version's folder, which must never need the root's.
#include "publish/detail/version.hpp"

namespace visie::publish {

namespace {

std::vector<Page> assets_under(const model::Templates& templates, const std::string& prefix) {
  std::vector<Page> pages;
  for (const auto& [name, file] : templates.files) {
    if (name.starts_with("assets/")) pages.push_back({prefix + name, file.text});
  }
  return pages;
}

}  // namespace

std::vector<Page> VersionPages::assets() const {
  return assets_under(shared_->site.templates, shared_->vc.version.id + "/");
}

std::vector<Page> site_assets(const model::Templates& templates) {
  return assets_under(templates, "");
}

}  // namespace visie::publish
