// The page of an extra page kind (literature, glossary, disposition of
// comments: their bodies are made in literature.cpp, glossary.cpp and
// comments.cpp) in the version's layout.
#include "publish/detail/version.hpp"

namespace visie::publish {

Page VersionPages::extra(std::size_t i, core::Diagnostics& diags) const {
  const auto& s = *shared_;
  const auto& v = s.vc.version;
  const auto& e = s.extras[i];
  nlohmann::json page;
  page["title"] = e.title;
  page["page_file"] = e.file;
  page["path"] = v.id + "/" + e.file;
  pages::set_sidebar(page, s.toc, s.chapters.size(), s.chapters.size() + i);
  page["crumbs"] = pages::version_crumbs(s.site, v);
  page["h1"] = e.title;
  page["content"] = e.html;
  return {v.id + "/" + e.file, pages::layout(s.site, s.frame, std::move(page), diags)};
}

}  // namespace visie::publish
