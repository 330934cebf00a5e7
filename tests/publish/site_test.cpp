#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "load/load.hpp"
#include "publish/publish.hpp"
#include "support.hpp"

using namespace visie;
namespace fs = std::filesystem;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("the site has a landing page, a contents page and a page per chapter") {
  core::Diagnostics diags;
  const auto templates = load::load_templates(std::nullopt, diags);
  const auto content = load::load_content(fs::path(VISIE_FIXTURES) / "good/minimal", diags);
  REQUIRE(content);
  const auto site = publish::build_site(*content, templates, diags);
  CHECK(test::all(diags).empty());
  for (const char* path : {"index.html", "concept-1/index.html", "concept-1/inleiding.html",
                           "concept-1/sessie.html", "versions.json", "assets/style.css"}) {
    CHECK_MESSAGE(site.contains(path), path);
  }
  const auto& chapter = site.at("concept-1/inleiding.html");
  CHECK(contains(chapter, "<html lang=\"nl\">"));
  CHECK(contains(chapter, "<a href=\"sessie.html\">De werkbijeenkomst</a>"));
  CHECK(contains(chapter, "aria-current=\"page\">Inleiding</a>"));
  CHECK(contains(chapter, "href=\"../assets/style.css\""));
  CHECK(contains(site.at("index.html"), "href=\"concept-1/inleiding.html\""));
  const auto versions = nlohmann::json::parse(site.at("versions.json"));
  CHECK(versions["latest"] == "concept-1");
}

TEST_CASE("an older version's pages say that a newer version exists") {
  core::Diagnostics diags;
  const auto templates = load::load_templates(std::nullopt, diags);
  auto content = load::load_content(fs::path(VISIE_FIXTURES) / "good/minimal", diags);
  REQUIRE(content);
  auto later = content->versions[0];
  later.version.id = "final";
  later.version.label = "Eindproduct";
  later.version.status = model::Status::final;
  content->versions.push_back(later);
  const auto site = publish::build_site(*content, templates, diags);
  CHECK(contains(site.at("concept-1/inleiding.html"),
                 "Er is een nieuwere versie: <a href=\"../final/index.html\">Eindproduct</a>"));
  CHECK_FALSE(contains(site.at("final/inleiding.html"), "nieuwere versie"));
}

TEST_CASE("a template override replaces the default of the same path") {
  test::TempDir dir;
  test::write_file(dir / "layouts/page.html", "<p>eigen: {{title}}</p>");
  test::write_file(dir / "onbekend.html", "x");
  core::Diagnostics diags;
  const auto templates = load::load_templates(dir.path(), diags);
  const auto content = load::load_content(fs::path(VISIE_FIXTURES) / "good/minimal", diags);
  REQUIRE(content);
  const auto site = publish::build_site(*content, templates, diags);
  CHECK(site.at("concept-1/inleiding.html") == "<p>eigen: Inleiding</p>");
  CHECK(test::mentions(diags, "onbekend.html: warning: not a template visie uses"));
  CHECK_FALSE(diags.has_errors());
}
