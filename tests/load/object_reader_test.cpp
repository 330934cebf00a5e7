#include <doctest/doctest.h>

#include "load/object_reader.hpp"
#include "support/support.hpp"

using namespace visie;
namespace fs = std::filesystem;
using load::Need;

TEST_CASE("ObjectReader reads typed members and reports each problem where it is") {
  core::Diagnostics diags;
  const auto doc = load::parse_json(
      "p.json",
      "{\n \"title\": 42,\n \"id\": \"Bad Id\",\n \"tags\": [\"a\", 1],\n \"titel\": \"typo\"\n}",
      diags);
  REQUIRE(doc);
  load::ObjectReader r(*doc, "", diags);
  CHECK(r.string("title", Need::required).empty());
  CHECK(r.id("id", Need::required) == "Bad Id");
  CHECK(r.strings("tags", Need::optional) == std::vector<std::string>{"a"});
  CHECK_FALSE(r.integer("order", Need::required));
  r.finish();
  const auto out = test::all(diags);
  CHECK(out.find("p.json:2:11: error: \"title\" must be a string, found an integer") != std::string::npos);
  CHECK(out.find("p.json:3:8: error: \"Bad Id\" is not a valid id") != std::string::npos);
  CHECK(out.find("p.json:4:16: error: element of \"tags\" must be a string") != std::string::npos);
  CHECK(out.find("p.json:1:1: error: missing required field \"order\"") != std::string::npos);
  CHECK(out.find("p.json:5:2: error: unknown field \"titel\"") != std::string::npos);
  CHECK(diags.error_count() == 5);
}

TEST_CASE("one_of names the allowed values") {
  core::Diagnostics diags;
  const auto doc = load::parse_json("v.json", R"({"status": "klaar"})", diags);
  REQUIRE(doc);
  load::ObjectReader r(*doc, "", diags);
  CHECK(r.one_of("status", Need::required, {"draft", "concept", "final"}).empty());
  CHECK(test::mentions(diags, "\"status\" must be one of draft, concept, final; found \"klaar\""));
}

TEST_CASE("a non-object is reported once and reads as empty") {
  core::Diagnostics diags;
  const auto doc = load::parse_json("a.json", "[1, 2]", diags);
  REQUIRE(doc);
  load::ObjectReader r(*doc, "", diags);
  CHECK_FALSE(r.ok());
  CHECK(r.string("title", Need::required).empty());
  r.finish();
  CHECK(diags.error_count() == 1);
  CHECK(test::mentions(diags, "expected an object, found an array"));
}

TEST_CASE("objects() reads each object of an array, reports the rest and each element's unknown fields") {
  core::Diagnostics diags;
  const auto doc = load::parse_json(
      "t.json",
      "{\"terms\": [\n {\"id\": \"a\", \"term\": \"A\"},\n 7,\n {\"id\": \"b\", \"trem\": \"B\"},\n"
      " {\"id\": \"a\", \"term\": \"C\"}\n]}",
      diags);
  REQUIRE(doc);
  load::ObjectReader top(*doc, "", diags);
  std::map<std::string, core::SourceLoc> ids;
  std::vector<std::string> read;
  top.objects("terms", Need::required, [&](load::ObjectReader& r) {
    const auto id = r.unique_id("id", ids, "term");
    read.push_back(id + "=" + r.string("term", Need::optional));
  });
  top.finish();
  CHECK(read == std::vector<std::string>{"a=A", "b=", "a=C"});
  const auto out = test::all(diags);
  CHECK(out.find("t.json:3:2: error: expected an object, found an integer") != std::string::npos);
  CHECK(out.find("t.json:4:14: error: unknown field \"trem\" (expected: id, term)") !=
        std::string::npos);
  CHECK(out.find("t.json:5:9: error: duplicate term id \"a\" (first used at 2:9)") !=
        std::string::npos);
  CHECK(diags.error_count() == 3);
}

TEST_CASE("ref() and refs() keep where each id was written") {
  core::Diagnostics diags;
  const auto doc =
      load::parse_json("d.json", "{\"source\": \"s\",\n \"elements\": [\"x\", 3, \"y\"]}", diags);
  REQUIRE(doc);
  load::ObjectReader r(*doc, "", diags);
  const auto source = r.ref("source", Need::required);
  CHECK(source.id == "s");
  CHECK(source.loc.line == 1);
  CHECK(source.loc.col == 12);
  const auto elements = r.refs("elements");
  REQUIRE(elements.size() == 2);
  CHECK(elements[1].id == "y");
  CHECK(elements[1].loc.line == 2);
  CHECK(elements[1].loc.col == 23);
  CHECK(test::mentions(diags, "d.json:2:20: error: expected a string (an id), found an integer"));
}
