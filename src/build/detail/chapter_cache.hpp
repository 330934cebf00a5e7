#pragma once
/// `visie serve`'s memory of rendered chapters between two builds: a chapter
/// is rendered again only when something it is rendered from changed.
/// render::render_chapter() reads the project (visie.json), the versions
/// (versions.json), the templates and UI strings, the version's own data
/// (its input files other than its chapters) and the chapter itself with its
/// number, and nothing else; all of them are compared, byte for byte, with
/// what the stored rendering was made from. `visie build` does not use one.
#ifndef VISIE_STAGE_BUILD
#error "build/detail is private to the build stage"
#endif

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "core/diagnostic.hpp"
#include "model/model.hpp"
#include "model/templates.hpp"
#include "render/render.hpp"

namespace visie::build {

class ChapterCache {
 public:
  /// The chapters of one version, valid for one build. Thread-safe.
  class Version {
   public:
    /// Whether chapter `chapter` with number `number` was rendered before
    /// from the same inputs; if so, its rendering (before link_chapters())
    /// and its diagnostics are copied into `out` and `diags`.
    bool find(const model::Chapter& chapter, int number, render::RenderedChapter& out,
              core::Diagnostics& diags) const;
    /// Remembers what render_chapter() made of `chapter`.
    void store(const model::Chapter& chapter, int number, const render::RenderedChapter& out,
               const core::Diagnostics& diags);

   private:
    friend class ChapterCache;
    struct Entry {
      model::Chapter chapter;
      render::RenderedChapter rendered;
      core::Diagnostics diags;
    };
    /// What every chapter of the version is rendered from, besides itself.
    model::FileMap project_files;
    std::map<std::string, model::TemplateFile, std::less<>> templates;
    model::FileMap data_files;
    std::string folder;
    mutable std::mutex mutex;
    std::map<int, Entry> chapters;  // by number
  };

  /// The stored chapters of `vc`, forgotten first when anything the version's
  /// chapters are rendered from (other than the chapters) changed since.
  Version& version(const model::Content& content, const model::Templates& templates,
                   const model::VersionContent& vc);

 private:
  std::mutex mutex_;
  std::map<std::string, std::unique_ptr<Version>> versions_;  // by version id
};

}  // namespace visie::build
