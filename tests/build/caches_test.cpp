// The driver's caches: the frozen-version cache of `visie build` and the
// chapter cache of `visie serve`. A hit reuses what was stored; any change
// of what it was made from misses.
#include <doctest/doctest.h>

#include "build/build.hpp"
#include "build/chapter_cache.hpp"
#include "build/frozen_cache.hpp"
#include "load/load.hpp"
#include "support/support.hpp"

using namespace visie;
namespace fs = std::filesystem;

namespace {

struct Bundled {
  core::Diagnostics diags;
  model::Templates templates = load::load_templates(std::nullopt, diags);
  model::Content content =
      load::load_content(fs::path(VISIE_SOURCE_DIR) / "content", diags).value();
};

}  // namespace

TEST_CASE("the frozen-version cache hits for what it remembered, and misses on any change") {
  const Bundled b;
  REQUIRE_FALSE(b.diags.has_errors());
  const auto all = test::frozen_versions(b.content);
  REQUIRE(all.size() >= 2);
  const auto first = *all.begin();
  const test::TempDir tmp;

  build::FrozenCache empty(tmp.path(), "generator A");
  CHECK(empty.known_clean(b.content, b.templates).empty());
  empty.remember({first});

  // A later build with the same generator and inputs: a hit for the one
  // version remembered, no other.
  build::FrozenCache later(tmp.path(), "generator A");
  CHECK(later.known_clean(b.content, b.templates) == std::set<std::string>{first});

  // Another generator misses.
  build::FrozenCache other(tmp.path(), "generator B");
  CHECK(other.known_clean(b.content, b.templates).empty());

  // A changed input of the version misses; the cache is per version.
  auto edited = b.content;
  for (auto& vc : edited.versions) {
    if (vc.version.id == first) vc.inputs.begin()->second += " ";
  }
  CHECK(build::FrozenCache(tmp.path(), "generator A").known_clean(edited, b.templates).empty());

  // So does a changed template, or a changed project file.
  auto restyled = b.templates;
  restyled.files.at("assets/style.css").text += "\n";
  CHECK(build::FrozenCache(tmp.path(), "generator A").known_clean(b.content, restyled).empty());
  auto renamed = b.content;
  renamed.project_files.at("visie.json") += " ";
  CHECK(build::FrozenCache(tmp.path(), "generator A").known_clean(renamed, b.templates).empty());

  // Without a generator identity there is no cache.
  build::FrozenCache unknown(tmp.path(), "");
  unknown.known_clean(b.content, b.templates);
  unknown.remember(all);
  CHECK(build::FrozenCache(tmp.path(), "").known_clean(b.content, b.templates).empty());
}

TEST_CASE("a build with the frozen-version cache renders clean frozen versions once, same bytes") {
  const test::TempDir tmp;
  build::Options options;
  options.content = fs::path(VISIE_SOURCE_DIR) / "content";
  options.frozen_cache = tmp.path() / "cache";
  core::Diagnostics first_diags;
  const auto first = build::run(options, first_diags);
  REQUIRE(first);
  REQUIRE_FALSE(first_diags.has_errors());
  // The first build renders every frozen version and finds them clean.
  CHECK(first->site.clean == test::frozen_versions(first->content));
  core::Diagnostics second_diags;
  const auto second = build::run(options, second_diags);
  REQUIRE(second);
  // The second reuses them all: none is rendered, so none is found clean.
  CHECK(second->site.clean == std::set<std::string>{});
  CHECK(test::all(second_diags) == test::all(first_diags));
  CHECK(second->site.files == first->site.files);
}

TEST_CASE("the chapter cache gives back a stored chapter, and misses when its inputs change") {
  const Bundled b;
  REQUIRE_FALSE(b.diags.has_errors());
  const auto& vc = b.content.versions.back();
  REQUIRE_FALSE(vc.chapters.empty());
  const auto& chapter = vc.chapters.front();
  build::ChapterCache cache;
  render::RenderedChapter stored;
  stored.id = chapter.id;
  stored.html = "<p>stored</p>";
  core::Diagnostics stored_diags;
  stored_diags.warning({"chapter.md", 1, 1}, "stored warning");

  auto& version = cache.version(b.content, b.templates, vc);
  render::RenderedChapter out;
  core::Diagnostics diags;
  CHECK_FALSE(version.find(chapter, 1, out, diags));
  version.store(chapter, 1, stored, stored_diags);

  // A hit: the stored rendering and its diagnostics.
  auto& same = cache.version(b.content, b.templates, vc);
  REQUIRE(same.find(chapter, 1, out, diags));
  CHECK(out.html == "<p>stored</p>");
  CHECK(test::mentions(diags, "stored warning"));

  // Another number, or an edited chapter, misses.
  CHECK_FALSE(same.find(chapter, 2, out, diags));
  auto edited = chapter;
  edited.body += "\nOne more sentence.\n";
  CHECK_FALSE(same.find(edited, 1, out, diags));

  // A changed data file of the version forgets its chapters.
  auto changed = vc;
  bool has_data = false;
  for (auto& [path, bytes] : changed.inputs) {
    if (!path.starts_with("chapters/")) {
      bytes += " ";
      has_data = true;
      break;
    }
  }
  REQUIRE(has_data);
  CHECK_FALSE(cache.version(b.content, b.templates, changed).find(chapter, 1, out, diags));
  // And so does a changed template, even with the data as it was.
  cache.version(b.content, b.templates, vc).store(chapter, 1, stored, stored_diags);
  auto restyled = b.templates;
  restyled.files.at("layouts/page.html").text += "\n";
  CHECK_FALSE(cache.version(b.content, restyled, vc).find(chapter, 1, out, diags));
}
