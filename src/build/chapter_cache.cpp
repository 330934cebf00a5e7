// The chapter cache: rendered chapters kept between two builds of `visie serve`.
#include "build/detail/chapter_cache.hpp"

#include <algorithm>

namespace visie::build {

namespace {

bool same_chapter(const model::Chapter& a, const model::Chapter& b) {
  return a.id == b.id && a.title == b.title && a.order == b.order && a.body == b.body &&
         a.body_line == b.body_line && a.loc == b.loc && a.order_loc == b.order_loc &&
         a.id_loc == b.id_loc;
}

bool same_templates(const std::map<std::string, model::TemplateFile, std::less<>>& a,
                    const std::map<std::string, model::TemplateFile, std::less<>>& b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](const auto& x, const auto& y) {
           return x.first == y.first && x.second.text == y.second.text &&
                  x.second.origin == y.second.origin;
         });
}

/// The version's input files other than its chapters: its data.
model::FileMap data_files(const model::VersionContent& vc) {
  model::FileMap files;
  for (const auto& [path, bytes] : vc.inputs) {
    if (!path.starts_with("chapters/")) files.emplace(path, bytes);
  }
  return files;
}

bool same_data(const model::FileMap& stored, const model::VersionContent& vc) {
  auto it = stored.begin();
  for (const auto& [path, bytes] : vc.inputs) {
    if (path.starts_with("chapters/")) continue;
    if (it == stored.end() || it->first != path || it->second != bytes) return false;
    ++it;
  }
  return it == stored.end();
}

}  // namespace

bool ChapterCache::Version::find(const model::Chapter& chapter, int number,
                                 render::RenderedChapter& out, core::Diagnostics& diags) const {
  const std::lock_guard lock(mutex);
  const auto it = chapters.find(number);
  if (it == chapters.end() || !same_chapter(it->second.chapter, chapter)) return false;
  out = it->second.rendered;
  diags.append(it->second.diags);
  return true;
}

void ChapterCache::Version::store(const model::Chapter& chapter, int number,
                                  const render::RenderedChapter& out,
                                  const core::Diagnostics& diags) {
  const std::lock_guard lock(mutex);
  chapters.insert_or_assign(number, Entry{chapter, out, diags});
}

ChapterCache::Version& ChapterCache::version(const model::Content& content,
                                             const model::Templates& templates,
                                             const model::VersionContent& vc) {
  const std::lock_guard lock(mutex_);
  auto& slot = versions_[vc.version.id];
  if (!slot) slot = std::make_unique<Version>();
  auto& v = *slot;
  const bool same = v.project_files == content.project_files &&
                    same_templates(v.templates, templates.files) && same_data(v.data_files, vc) &&
                    v.folder == vc.folder;
  if (!same) {
    const std::lock_guard chapters_lock(v.mutex);
    v.chapters.clear();
    v.project_files = content.project_files;
    v.templates = templates.files;
    v.data_files = data_files(vc);
    v.folder = vc.folder;
  }
  return v;
}

}  // namespace visie::build
