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
