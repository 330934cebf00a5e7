// `visie check` as a linter, and `visie new`: the binary on fixture folders.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>
#include <tuple>

#include "support/support.hpp"

namespace fs = std::filesystem;
using namespace visie;

namespace {

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

}  // namespace

TEST_CASE("check finds every planted mistake of the lint fixture at its place") {
  // Run from the fixtures folder so that the paths in the findings are
  // relative and the expected lines can be written out.
  const auto r = test::run_visie("check --content lint", "cd '" + std::string(VISIE_FIXTURES) +
                                                            "/bad' &&");
  INFO(r.output);
  CHECK(r.exit_code == 1);
  const std::vector<std::string> expected{
      // directives (reported by rendering)
      "lint/chapters/01-inleiding.md:19:1: error: unknown directive \"grafiek\"",
      // links and anchors
      "lint/chapters/01-inleiding.md:9:20: error: broken link: \"nergens.html\" is not a page",
      "lint/chapters/01-inleiding.md:9:55: error: broken anchor: \"#bestaat-niet\" is not an id "
      "on this page",
      "lint/chapters/01-inleiding.md:11:27: error: broken anchor: \"#geen-kop\" is not an id on "
      "sessie.html",
      "lint/chapters/01-inleiding.md:11:67: warning: link to \"02-werkbijeenkomst.md\" works in "
      "an editor but not in the site: write \"sessie.html\"",
      // external links are listed, not fetched
      "lint/chapters/01-inleiding.md:13:31: note: external link https://example.org/rapport",
      // images
      "lint/chapters/01-inleiding.md:15:13: error: image \"foto.png\" does not exist",
      // unused data
      "lint/data/models/ongebruikt.json:1:1: warning: model \"ongebruikt\" is never shown",
      // a chapter of the previous version gone without a reason
      "lint/versions.json:5:5: warning: chapter \"achtergrond\" (Achtergrond) of Eerste versie is "
      "missing from Tweede versie",
      // an id the page layout has (reported by rendering)
      "lint/chapters/01-inleiding.md:7:10: error: id \"main\" is used by the page layout",
      // headings
      "lint/chapters/01-inleiding.md:17:1: warning: heading skips a level: #### after ##",
  };
  for (const auto& line : expected) {
    INFO(line);
    CHECK(r.output.find(line) != std::string::npos);
  }
  CHECK(r.output.find("6 errors") != std::string::npos);
}

TEST_CASE("a removed chapter with a reason is not reported") {
  test::TempDir dir;
  test::copy_fixture("bad/lint", dir / "c");
  auto versions = test::read_file(dir / "c/versions.json");
  const std::string draft = "\"frozen\": false }";
  versions.replace(versions.find(draft), draft.size(),
                   "\"frozen\": false, \"removed\": [{ \"chapter\": \"achtergrond\", "
                   "\"reason\": \"opgenomen in de inleiding\" }] }");
  test::write_file(dir / "c/versions.json", versions);
  const auto r = test::run_visie("check --content " + q(dir / "c"));
  INFO(r.output);
  CHECK(r.output.find("\"achtergrond\"") == std::string::npos);
  CHECK(r.output.find("broken link") != std::string::npos);
}

TEST_CASE("check --format json gives tools every finding with its place") {
  const auto r = test::run_visie("check --format json --content lint 2>/dev/null",
                                 "cd '" + std::string(VISIE_FIXTURES) + "/bad' &&");
  CHECK(r.exit_code == 1);
  const auto doc = nlohmann::json::parse(r.output);
  CHECK(doc["errors"] == 6);
  CHECK(doc["warnings"] == 5);  // one of them: the glossary term the chapters never use
  CHECK(doc["notes"] == 1);
  bool found = false;
  for (const auto& f : doc["findings"]) {
    if (f["file"] == "lint/chapters/01-inleiding.md" && f["line"] == 15 && f["col"] == 13 &&
        f["severity"] == "error") {
      found = true;
    }
  }
  CHECK(found);
}

TEST_CASE("check finds nothing in the bundled content") {
  const auto r = test::run_visie("check --content " + q(fs::path(VISIE_SOURCE_DIR) / "content"));
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output == "checked " + (fs::path(VISIE_SOURCE_DIR) / "content").string() +
                        ": no problems\n");
  const auto json = test::run_visie("check --format json --content " +
                                    q(fs::path(VISIE_SOURCE_DIR) / "content"));
  CHECK(nlohmann::json::parse(json.output)["findings"].empty());
}

TEST_CASE("warnings and notes alone do not fail check") {
  test::TempDir dir;
  test::copy_fixture("good/minimal", dir / "c");
  test::write_file(dir / "c/chapters/03-kop.md", "---\ntitle: Kop\norder: 3\n---\n## A\n\n#### B\n");
  const auto r = test::run_visie("check --content " + q(dir / "c"));
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("03-kop.md:7:1: warning: heading skips a level") != std::string::npos);
}

TEST_CASE("visie new creates a project that builds and checks clean at once") {
  test::TempDir dir;
  const auto created = test::run_visie("new " + q(dir / "x"));
  INFO(created.output);
  REQUIRE(created.exit_code == 0);
  CHECK(fs::exists(dir / "x/content/visie.json"));
  CHECK(fs::exists(dir / "x/content/data/workshops/werksessie/votes.csv"));
  CHECK(fs::exists(dir / "x/templates/layouts/page.html"));
  const auto built = test::run_visie("build --content " + q(dir / "x/content") + " --out " +
                                     q(dir / "site"));
  INFO(built.output);
  CHECK(built.exit_code == 0);
  // The spreadsheets reached the page.
  const auto page = test::read_file(dir / "site/start/werksessie.html");
  CHECK(page.find("Zelf kiezen; ook als het anders loopt") != std::string::npos);
  const auto checked = test::run_visie("check --content " + q(dir / "x/content") +
                                       " --templates " + q(dir / "x/templates"));
  INFO(checked.output);
  CHECK(checked.exit_code == 0);
  CHECK(checked.output.find("no problems") != std::string::npos);
  CHECK(checked.output.find("warning") == std::string::npos);
  // The next steps it prints work as printed, in the new folder: its
  // visie.json names its templates, so no command needs --templates.
  CHECK(created.output.find("\n  visie check   #") != std::string::npos);
  test::write_file(dir / "x/templates/layouts/page.html", "<main>EIGEN {{title}}</main>{{{content}}}");
  const auto here = "cd " + q(dir / "x") + " &&";
  const auto pasted = test::run_visie("check", here);
  INFO(pasted.output);
  CHECK(pasted.exit_code == 0);
  CHECK(test::run_visie("build -q", here).exit_code == 0);
  CHECK(test::read_file(dir / "x/site/start/werksessie.html").starts_with("<main>EIGEN"));
}

TEST_CASE("visie new refuses a folder that is not empty") {
  test::TempDir dir;
  test::write_file(dir / "x/notes.txt", "mine");
  const auto r = test::run_visie("new " + q(dir / "x"));
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("not empty") != std::string::npos);
  CHECK(test::read_tree(dir / "x").size() == 1);
  // An existing empty folder is fine.
  fs::create_directories(dir / "empty");
  CHECK(test::run_visie("new " + q(dir / "empty") + "/").exit_code == 0);
  CHECK(fs::exists(dir / "empty/content/versions.json"));
}

TEST_CASE("check prints its findings sorted by file, line and column, in text and JSON") {
  const auto r = test::run_visie("check --content lint", "cd '" + std::string(VISIE_FIXTURES) +
                                                            "/bad' &&");
  INFO(r.output);
  // The findings of rendering (line 7, 19) and of the linter (9, 11, ...)
  // interleave by place.
  std::vector<std::tuple<std::string, std::size_t, std::size_t>> places;
  std::istringstream lines(r.output);
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("lint/")) continue;
    const auto first = line.find(':');
    const auto second = line.find(':', first + 1);
    const auto third = line.find(':', second + 1);
    const auto number = [&](std::size_t from, std::size_t to) -> std::size_t {
      const auto digits = line.substr(from + 1, to - from - 1);
      return digits.find_first_not_of("0123456789") == std::string::npos && !digits.empty()
                 ? std::stoul(digits)
                 : 0;
    };
    places.emplace_back(line.substr(0, first), number(first, second), number(second, third));
  }
  CHECK(places.size() >= 10);
  CHECK(std::is_sorted(places.begin(), places.end()));
  const auto json = test::run_visie("check --content lint --format json",
                                    "cd '" + std::string(VISIE_FIXTURES) + "/bad' &&");
  const auto found = nlohmann::json::parse(json.output.substr(
      json.output.find('{'), json.output.rfind('}') + 1 - json.output.find('{')))["findings"];
  std::vector<std::tuple<std::string, std::size_t, std::size_t>> json_places;
  for (const auto& f : found) {
    json_places.emplace_back(f["file"].get<std::string>(), f["line"].get<std::size_t>(),
                             f["col"].get<std::size_t>());
  }
  CHECK(json_places.size() >= 10);
  CHECK(std::is_sorted(json_places.begin(), json_places.end()));
}
