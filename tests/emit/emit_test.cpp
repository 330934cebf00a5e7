#include <doctest/doctest.h>

#include "emit/emit.hpp"
#include "support.hpp"

using namespace visie;
namespace fs = std::filesystem;

TEST_CASE("a site is written into a new folder with its marker") {
  test::TempDir dir;
  core::Diagnostics diags;
  const publish::SiteTree site{{"index.html", "<p>hoi</p>"}, {"v/a.html", "a"}};
  REQUIRE(emit::write_site(site, dir / "site", dir / "content", diags));
  const auto tree = test::read_tree(dir / "site");
  CHECK(tree.size() == 3);
  CHECK(tree.at("index.html") == "<p>hoi</p>");
  CHECK(tree.at("v/a.html") == "a");
  CHECK(tree.contains(emit::marker_file));
  CHECK_FALSE(fs::exists(dir / ".site.visie-staging"));
}

TEST_CASE("a rebuild replaces the old site completely, stale files included") {
  test::TempDir dir;
  core::Diagnostics diags;
  REQUIRE(emit::write_site({{"old.html", "oud"}}, dir / "site", dir / "content", diags));
  REQUIRE(emit::write_site({{"new.html", "nieuw"}}, dir / "site", dir / "content", diags));
  const auto tree = test::read_tree(dir / "site");
  CHECK_FALSE(tree.contains("old.html"));
  CHECK(tree.at("new.html") == "nieuw");
  CHECK_FALSE(fs::exists(dir / ".site.visie-staging"));
}

TEST_CASE("a failed write leaves the previous site exactly as it was") {
  test::TempDir dir;
  core::Diagnostics diags;
  REQUIRE(emit::write_site({{"index.html", "vorige"}}, dir / "site", dir / "content", diags));
  const auto before = test::read_tree(dir / "site");
  // "a" is written as a file, so "a/b.html" cannot be created beneath it.
  core::Diagnostics failing;
  CHECK_FALSE(emit::write_site({{"a", "bestand"}, {"a/b.html", "x"}, {"index.html", "nieuw"}},
                               dir / "site", dir / "content", failing));
  CHECK(failing.has_errors());
  CHECK(test::read_tree(dir / "site") == before);
  CHECK_FALSE(fs::exists(dir / ".site.visie-staging"));
}

TEST_CASE("visie refuses to replace a folder it did not write") {
  test::TempDir dir;
  test::write_file(dir / "home/thesis.docx", "precious");
  core::Diagnostics diags;
  CHECK_FALSE(emit::write_site({{"index.html", "x"}}, dir / "home", dir / "content", diags));
  CHECK(test::mentions(diags, "refusing to replace a folder that visie did not write"));
  CHECK(test::read_file(dir / "home/thesis.docx") == "precious");
}

TEST_CASE("the output folder can be neither the content folder nor inside or around it") {
  test::TempDir dir;
  fs::create_directories(dir / "content/sub");
  for (const auto& out : {dir / "content", dir / "content/sub/site", dir.path()}) {
    core::Diagnostics diags;
    CHECK_FALSE(emit::write_site({{"index.html", "x"}}, out, dir / "content", diags));
    CHECK(test::mentions(diags, "must not be, contain or lie inside the content folder"));
  }
  CHECK(fs::exists(dir / "content/sub"));
}

TEST_CASE("paths that would leave the output folder are refused before anything is written") {
  test::TempDir dir;
  for (const std::string bad : {"../escape.html", "/etc/x", "a/../../b", ""}) {
    core::Diagnostics diags;
    CHECK_FALSE(emit::write_site({{bad, "x"}}, dir / "site", dir / "content", diags));
    CHECK(test::mentions(diags, "refusing to write outside the output folder"));
  }
  CHECK_FALSE(fs::exists(dir / "site"));
  CHECK_FALSE(fs::exists(dir.path().parent_path() / "escape.html"));
}
