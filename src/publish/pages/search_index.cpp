// The search index of a version (`<id>/search/…`): the sections of its
// chapters and of its literature and glossary, indexed by publish/search.cpp.
#include "publish/detail/version.hpp"

namespace visie::publish {

std::vector<Page> VersionPages::search_index(std::vector<search::Section> sections) const {
  const auto& s = *shared_;
  // The literature and the glossary are searched too (each one section, or
  // one per heading); how comments were handled is not part of the text.
  for (const auto& e : s.extras) {
    if (e.kind == "comments") continue;
    auto parts = search::sections(e.title, e.file, render::index_fragment(e.html).sections);
    sections.insert(sections.end(), std::make_move_iterator(parts.begin()),
                    std::make_move_iterator(parts.end()));
  }
  auto files = search::build_index(sections, {s.site.content.project.language});
  std::vector<Page> pages;
  pages.reserve(files.size());
  for (auto& [path, bytes] : files) {
    pages.push_back({s.vc.version.id + "/" + path, std::move(bytes)});
  }
  return pages;
}

}  // namespace visie::publish
