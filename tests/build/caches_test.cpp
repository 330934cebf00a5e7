// The driver's caches: the frozen-version cache of `visie build`, and the
// snapshot and chapter caches of `visie serve`. A hit reuses what was stored; any change
// of what it was made from misses.
// The caches are internal to the build stage.
#define VISIE_STAGE_BUILD
#include <doctest/doctest.h>

#include "build/build.hpp"
#include "build/detail/chapter_cache.hpp"
#include "build/detail/frozen_cache.hpp"
#include "build/detail/snapshot_cache.hpp"
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

/// The bundled content, copied into `dir`/content.
fs::path bundled_copy(const test::TempDir& dir) {
  const auto content = dir / "content";
  fs::copy(fs::path(VISIE_SOURCE_DIR) / "content", content, fs::copy_options::recursive);
  return content;
}

const model::VersionContent& version(const model::Content& content, const std::string& id) {
  for (const auto& vc : content.versions) {
    if (vc.version.id == id) return vc;
  }
  FAIL("no version " << id);
  return content.versions.front();
}

}  // namespace

TEST_CASE("the snapshot cache gives an unchanged frozen version from memory, and reads a changed one") {
  test::TempDir dir;
  const auto content_dir = bundled_copy(dir);
  build::SnapshotCache cache;
  cache.settle_seconds = 0;

  core::Diagnostics first_diags;
  const auto first = cache.load(content_dir, first_diags);
  REQUIRE(first);
  REQUIRE(test::all(first_diags).empty());
  CHECK(cache.entries.size() == 5);  // every frozen version
  const auto final_chapters = version(*first, "final").chapters.size();
  REQUIRE(cache.entries.contains("final"));
  CHECK(cache.entries.at("final").content.chapters.size() == final_chapters);
  CHECK(cache.entries.at("final").content.reviews.empty());  // reviews are read every time
  CHECK(cache.data.contains("werkversie"));  // the draft's data
  // A mark that only survives when the entry is reused rather than read again.
  for (auto& [id, entry] : cache.entries) entry.verified = true;

  // Unchanged, twice: taken from the cache (which keeps its copy), the
  // same as a load without it.
  core::Diagnostics plain_diags;
  const auto plain = load::load_content(content_dir, plain_diags);
  REQUIRE(plain);
  for (int round = 0; round < 2; ++round) {
    core::Diagnostics diags;
    const auto again = cache.load(content_dir, diags);
    REQUIRE(again);
    CHECK(test::all(diags).empty());
    for (const auto& [id, entry] : cache.entries) {
      CHECK_MESSAGE(entry.verified, id);
      CHECK_MESSAGE(entry.content.chapters.size() == version(*plain, id).chapters.size(), id);
    }
    REQUIRE(again->versions.size() == plain->versions.size());
    CHECK(again->project_files == plain->project_files);
    for (const auto& vc : plain->versions) {
      const auto& cached = version(*again, vc.version.id);
      CHECK(cached.folder == vc.folder);
      CHECK(cached.inputs == vc.inputs);
      CHECK(cached.published == vc.published);
      CHECK(cached.chapters.size() == vc.chapters.size());
      CHECK(cached.reviews.size() == vc.reviews.size());
      CHECK(cached.data.terms.size() == vc.data.terms.size());
    }
  }

  // A frozen chapter edited with the same size: read again, and its lock
  // check fails as it does without the cache.
  const auto chapter = content_dir / "versions/final/chapters/01-aanleiding.md";
  const auto before = test::read_file(chapter);
  const auto at = before.find("e ");
  REQUIRE(at != std::string::npos);
  auto after = before;
  after[at] = 'E';
  test::write_file(chapter, after);
  core::Diagnostics edited_diags;
  const auto edited = cache.load(content_dir, edited_diags);
  REQUIRE(edited);
  CHECK(version(*edited, "final").inputs.at("chapters/01-aanleiding.md") == after);
  CHECK_FALSE(cache.entries.at("final").verified);   // read again
  CHECK(cache.entries.at("concept-3").verified);     // reused
  model::validate(*edited, edited_diags);
  CHECK(test::mentions(edited_diags, "was edited after it was published"));
}

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
