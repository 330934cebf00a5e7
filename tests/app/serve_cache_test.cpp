// What `visie serve` keeps between rebuilds (build::SnapshotCache and
// build::ChapterCache, owned by the build::Session of app::serve_builder) must never serve
// stale output: after every kind of edit, a rebuild with the caches gives
// byte for byte the site and the diagnostics of a build without them.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "app/app.hpp"
#include "model/model.hpp"
#include "support/support.hpp"

using namespace visie;
namespace fs = std::filesystem;

namespace {

/// The bundled content, copied into `dir`/content.
fs::path bundled_copy(const test::TempDir& dir) {
  const auto content = dir / "content";
  fs::copy(fs::path(VISIE_SOURCE_DIR) / "content", content, fs::copy_options::recursive);
  return content;
}

/// `text` with its first `from` replaced by `to`.
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

void edit(const fs::path& file, const std::string& from, const std::string& to) {
  test::write_file(file, replaced(test::read_file(file), from, to));
}

std::string formatted(const std::vector<core::Diagnostic>& diags) {
  std::string out;
  for (const auto& d : diags) out += core::format(d) + "\n";
  return out;
}

}  // namespace

TEST_CASE("serve builder: every rebuild equals a build without caches, after each kind of edit") {
  test::TempDir dir;
  const auto content_dir = bundled_copy(dir);
  const auto templates_dir = dir / "templates";
  const auto timeline = templates_dir / "components/timeline.html";
  test::write_file(timeline, test::read_file(fs::path(VISIE_SOURCE_DIR) /
                                             "templates/components/timeline.html"));
  app::Options options;
  options.content = content_dir;
  options.templates = templates_dir;
  // Snapshots changed in the last two seconds are not kept: let the copy
  // settle so that the frozen versions come from the cache too.
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  const auto builder = app::serve_builder(options);
  REQUIRE(builder().site);

  // A rebuild with the caches and a first build (nothing cached) agree.
  const auto rebuild = [&] {
    const auto cached = builder();
    const auto fresh = app::serve_builder(options)();
    CHECK(formatted(cached.diagnostics) == formatted(fresh.diagnostics));
    REQUIRE(cached.site.has_value() == fresh.site.has_value());
    if (cached.site) {
      CHECK_FALSE(fresh.site->empty());  // the loop below compares something
      CHECK(cached.site->size() == fresh.site->size());
      for (const auto& [path, bytes] : *fresh.site) {
        const auto it = cached.site->find(path);
        CHECK_MESSAGE((it != cached.site->end() && it->second == bytes), path);
      }
    }
    return cached;
  };
  const auto page = [](const serve::BuildResult& built, const std::string& path) {
    REQUIRE(built.site);
    const auto it = built.site->find(path);
    REQUIRE(it != built.site->end());
    return it->second;
  };

  // One edit after another, each followed by a rebuild, as an author works.
  rebuild();  // nothing changed

  {  // a chapter of the draft
    const auto chapter = content_dir / "chapters/01-aanleiding.md";
    test::write_file(chapter, test::read_file(chapter) + "\nEen zin die er net bij kwam.\n");
    const auto built = rebuild();
    CHECK(page(built, "werkversie/aanleiding.html").find("Een zin die er net bij kwam.") !=
          std::string::npos);
  }

  {  // a data file of the draft: a term's definition
    edit(content_dir / "data/terms.json", "Het vermogen van individuen om zich aan te passen",
         "Het nieuwe vermogen van individuen om zich aan te passen");
    const auto built = rebuild();
    CHECK(page(built, "werkversie/aspecten.html").find("Het nieuwe vermogen") !=
          std::string::npos);
  }

  {  // a template a chapter renders with
    test::write_file(timeline, test::read_file(timeline) + "<!-- tijdlijn-merkteken -->\n");
    const auto built = rebuild();
    CHECK(page(built, "werkversie/aanpak.html").find("tijdlijn-merkteken") != std::string::npos);
  }

  {  // versions.json: the draft's label
    edit(content_dir / "versions.json", "\"label\": \"Werkversie\"",
         "\"label\": \"Werkversie twee\"");
    const auto built = rebuild();
    CHECK(page(built, "werkversie/aanpak.html").find("Werkversie twee") != std::string::npos);
  }

  {  // visie.json: the project's title
    const auto project = test::read_file(content_dir / "visie.json");
    const auto at = project.find("\"title\": \"");
    REQUIRE(at != std::string::npos);
    test::write_file(content_dir / "visie.json",
                     project.substr(0, at + 10) + "Nieuwe titel: " + project.substr(at + 10));
    const auto built = rebuild();
    CHECK(page(built, "werkversie/aanleiding.html").find("Nieuwe titel: ") != std::string::npos);
  }

  {  // a broken chapter, then fixed again
    const auto chapter = content_dir / "chapters/03-aanpak.md";
    const auto good = test::read_file(chapter);
    test::write_file(chapter, good + "\n```visie grafiek\n```\n");
    const auto broken = rebuild();
    CHECK_FALSE(broken.site);
    CHECK(formatted(broken.diagnostics).find("unknown directive") != std::string::npos);
    test::write_file(chapter, good);
    rebuild();
  }

  {  // a chapter of the frozen version before the draft (its changes page)
    // The lock check fails, with and without the caches alike.
    const auto chapter = content_dir / "versions/final/chapters/01-aanleiding.md";
    test::write_file(chapter, test::read_file(chapter) + "\nStiekem toegevoegd.\n");
    const auto built = rebuild();
    CHECK_FALSE(built.site);
    CHECK(formatted(built.diagnostics).find("was edited after it was published") !=
          std::string::npos);
  }
}
