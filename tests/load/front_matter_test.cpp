#include <doctest/doctest.h>

#include "load/front_matter.hpp"
#include "load/load.hpp"
#include "support/support.hpp"

using namespace visie;
namespace fs = std::filesystem;

TEST_CASE("a chapter's front matter and body are separated") {
  core::Diagnostics diags;
  const auto c = load::parse_chapter("c.md", "---\ntitle: Aanleiding\norder: 2\n---\n## Kop\n\nTekst\n",
                                     "aanleiding", diags);
  REQUIRE(c);
  CHECK(diags.all().empty());
  CHECK(c->title == "Aanleiding");
  CHECK(c->order == 2);
  CHECK(c->id == "aanleiding");
  CHECK(c->body == "## Kop\n\nTekst\n");
  CHECK(c->body_line == 5);
}

TEST_CASE("front matter id, CRLF line endings and a BOM") {
  core::Diagnostics diags;
  const auto c = load::parse_chapter(
      "c.md", "\xEF\xBB\xBF---\r\ntitle: T\r\norder: 1\r\nid: eigen-id\r\n---\r\nTekst\r\n", "x",
      diags);
  REQUIRE(c);
  CHECK(c->id == "eigen-id");
  CHECK(c->title == "T");
}

TEST_CASE("every front matter problem is reported with its line and column") {
  core::Diagnostics diags;
  const auto c = load::parse_chapter("c.md", "---\ntitle: \norder: twee\nid: Fout\nkleur: rood\n---\n",
                                     "x", diags);
  CHECK_FALSE(c);
  const auto out = test::all(diags);
  INFO(out);
  CHECK(out.find("c.md:2:1: error: \"title\" must be a non-empty text") != std::string::npos);
  CHECK(out.find("c.md:3:8: error: \"order\" must be a whole number") != std::string::npos);
  CHECK(out.find("c.md:4:5: error: \"id\" must be lowercase") != std::string::npos);
  CHECK(out.find("c.md:5:1: error: unknown front matter field \"kleur\"") != std::string::npos);
}

TEST_CASE("invalid YAML, missing fences and missing fields") {
  core::Diagnostics yaml;
  CHECK_FALSE(load::parse_chapter("y.md", "---\ntitle: [open\norder: 1\n---\n", "x", yaml));
  REQUIRE(yaml.error_count() == 1);
  CHECK(yaml.all()[0].loc.line >= 2);
  CHECK(yaml.all()[0].message.find("invalid front matter") == 0);

  // A colon in a plain value: the message says how to quote it.
  core::Diagnostics colon;
  CHECK_FALSE(load::parse_chapter(
      "w.md", "---\ntitle: Werksessie: waar is \"ons\" huis zwak?\norder: 1\n---\n", "x", colon));
  REQUIRE(colon.error_count() == 1);
  CHECK(colon.all()[0].loc.line == 2);
  CHECK(colon.all()[0].message.find("must be put in quotes: title: "
                                    "\"Werksessie: waar is \\\"ons\\\" huis zwak?\"") !=
        std::string::npos);

  core::Diagnostics none;
  CHECK_FALSE(load::parse_chapter("n.md", "# Geen front matter\n", "x", none));
  CHECK(test::mentions(none, "n.md:1:1: error: a chapter must start with YAML front matter"));

  core::Diagnostics open;
  CHECK_FALSE(load::parse_chapter("o.md", "---\ntitle: T\norder: 1\n", "x", open));
  CHECK(test::mentions(open, "front matter is not closed"));

  core::Diagnostics missing;
  CHECK_FALSE(load::parse_chapter("m.md", "---\nid: abc\n---\n", "x", missing));
  CHECK(test::mentions(missing, "missing required field \"title\""));
  CHECK(test::mentions(missing, "missing required field \"order\""));
}

TEST_CASE("the default page id drops the numeric prefix of the file name") {
  CHECK(load::default_chapter_id("01-aanleiding.md") == "aanleiding");
  CHECK(load::default_chapter_id("visie.md") == "visie");
  CHECK(load::default_chapter_id("2018.md") == "2018");
}
