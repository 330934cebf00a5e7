// End-to-end: the visie binary on fixture folders, as a user runs it.
#include <doctest/doctest.h>

#include "support.hpp"

using namespace visie;
namespace fs = std::filesystem;

namespace {

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

}  // namespace

TEST_CASE("build writes an index page and a page per chapter, and exits 0") {
  test::TempDir dir;
  const auto r = test::run_visie("build --content " + q(fs::path(VISIE_FIXTURES) / "good/minimal") +
                                 " --out " + q(dir / "site"));
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("built ") != std::string::npos);
  CHECK(fs::exists(dir / "site/index.html"));
  CHECK(fs::exists(dir / "site/concept-1/index.html"));
  CHECK(fs::exists(dir / "site/concept-1/inleiding.html"));
  CHECK(fs::exists(dir / "site/concept-1/sessie.html"));
}

TEST_CASE("two builds of the same content give byte-identical trees") {
  test::TempDir dir;
  const auto content = q(fs::path(VISIE_FIXTURES) / "good/minimal");
  REQUIRE(test::run_visie("build -q --content " + content + " --out " + q(dir / "a")).exit_code == 0);
  REQUIRE(test::run_visie("build -q --content " + content + " --out " + q(dir / "b")).exit_code == 0);
  const auto a = test::read_tree(dir / "a");
  CHECK(a.size() > 5);
  CHECK(a == test::read_tree(dir / "b"));
}

TEST_CASE("broken content: every error with file, line and column, exit 1, old site untouched") {
  test::TempDir dir;
  const auto good = q(fs::path(VISIE_FIXTURES) / "good/minimal");
  REQUIRE(test::run_visie("build -q --content " + good + " --out " + q(dir / "site")).exit_code == 0);
  const auto before = test::read_tree(dir / "site");

  const auto bad = fs::path(VISIE_FIXTURES) / "bad/many-errors";
  const auto r = test::run_visie("build --content " + q(bad) + " --out " + q(dir / "site"));
  INFO(r.output);
  CHECK(r.exit_code == 1);
  const auto shown = bad.lexically_normal().generic_string();
  CHECK(r.output.find(shown + "/visie.json:1:1: error: missing required field \"language\"") !=
        std::string::npos);
  CHECK(r.output.find(shown + "/versions.json:4:17: error:") != std::string::npos);
  CHECK(r.output.find(shown + "/data/definitions.json:3:14: error: invalid JSON") != std::string::npos);
  CHECK(r.output.find(shown + "/chapters/01-kapot.md:3:8: error:") != std::string::npos);
  CHECK(r.output.find("nothing was written") != std::string::npos);
  CHECK(test::read_tree(dir / "site") == before);
}

TEST_CASE("errors found while rendering are reported together with their lines") {
  test::TempDir dir;
  test::copy_fixture("good/minimal", dir / "c");
  test::write_file(dir / "c/chapters/03-fout.md",
                   "---\ntitle: Fout\norder: 3\n---\n{{onbekend}}\n\n```visie model\nid: geen\n```\n");
  const auto r = test::run_visie("check --content " + q(dir / "c"));
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("03-fout.md:5:1: error: unknown placeholder") != std::string::npos);
  CHECK(r.output.find("03-fout.md:8:1: error: unknown model \"geen\"") != std::string::npos);
  CHECK(r.output.find("2 errors") != std::string::npos);
}

TEST_CASE("check validates without writing anything") {
  test::TempDir dir;
  const auto r = test::run_visie("check --content " + q(fs::path(VISIE_FIXTURES) / "good/minimal"));
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("no problems") != std::string::npos);
  CHECK_FALSE(fs::exists("site/.visie-check"));
}

TEST_CASE("usage errors exit 2") {
  CHECK(test::run_visie("").exit_code == 2);
  CHECK(test::run_visie("build --no-such-option").exit_code == 2);
  CHECK(test::run_visie("publish").exit_code == 2);
  CHECK(test::run_visie("--help").exit_code == 0);
}

TEST_CASE("a missing content folder is a clear error") {
  test::TempDir dir;
  const auto r = test::run_visie("build --content " + q(dir / "nope") + " --out " + q(dir / "site"));
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("content folder not found") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "site"));
}
