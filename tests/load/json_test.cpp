#include <doctest/doctest.h>

#include "load/json.hpp"
#include "support/support.hpp"

using namespace visie;
namespace fs = std::filesystem;
using visie::core::SourceLoc;

TEST_CASE("every value and key keeps its line and column") {
  core::Diagnostics diags;
  const std::string text = "{\n  \"a\": [1, {\"b\": \"cliënt\", \"c\": true}],\n  \"d\": null\n}\n";
  const auto doc = load::parse_json("f.json", text, diags);
  REQUIRE(doc);
  CHECK(diags.all().empty());
  CHECK(doc->loc("") == SourceLoc{"f.json", 1, 1});
  CHECK(doc->loc("/a") == SourceLoc{"f.json", 2, 8});
  CHECK(doc->loc("/a/0") == SourceLoc{"f.json", 2, 9});
  CHECK(doc->loc("/a/1/b") == SourceLoc{"f.json", 2, 18});
  CHECK(doc->loc("/a/1/c") == SourceLoc{"f.json", 2, 33});  // after a multi-byte "ë"
  CHECK(doc->key_loc("/d") == SourceLoc{"f.json", 3, 3});
  // An unknown pointer falls back to its nearest known ancestor.
  CHECK(doc->loc("/a/1/zz") == SourceLoc{"f.json", 2, 12});
}

TEST_CASE("keys with escapes map to their decoded pointer") {
  core::Diagnostics diags;
  const auto doc = load::parse_json("f.json", R"({"a\/b": 1, "x~y": 2, "\u00e9": 3})", diags);
  REQUIRE(doc);
  CHECK(doc->loc("/a~1b").col == 10);
  CHECK(doc->loc("/x~0y").col == 20);
  CHECK(doc->loc("/\xc3\xa9").col == 33);
}

TEST_CASE("a syntax error is reported at its line and column") {
  core::Diagnostics diags;
  const auto doc = load::parse_json("bad.json", "{\n  \"a\": 1,\n  \"b\" 2\n}\n", diags);
  CHECK_FALSE(doc);
  REQUIRE(diags.error_count() == 1);
  CHECK(diags.all()[0].loc == SourceLoc{"bad.json", 3, 7});
  CHECK(diags.all()[0].message.find("invalid JSON") == 0);
}

TEST_CASE("duplicate keys are errors, every one of them") {
  core::Diagnostics diags;
  const auto doc = load::parse_json("d.json", "{\"a\": 1,\n \"a\": 2,\n \"b\": {\"c\": 1, \"c\": 2}}", diags);
  CHECK_FALSE(doc);
  REQUIRE(diags.error_count() == 2);
  CHECK(diags.all()[0].loc == SourceLoc{"d.json", 2, 2});
  CHECK(diags.all()[1].loc == SourceLoc{"d.json", 3, 16});
}

TEST_CASE("invalid UTF-8, a BOM and deep nesting") {
  core::Diagnostics diags;
  CHECK_FALSE(load::parse_json("u.json", "{\"a\": \"\xff\"}", diags));
  CHECK(test::mentions(diags, "u.json:1:8: error: invalid UTF-8"));

  core::Diagnostics bom;
  const auto doc = load::parse_json("b.json", "\xEF\xBB\xBF{\"a\": 1}", bom);
  REQUIRE(doc);
  CHECK(doc->root()["a"] == 1);
  CHECK(doc->loc("/a").col == 7);  // the BOM is invisible in editors

  core::Diagnostics deep;
  const std::string nested = std::string(100000, '[') + std::string(100000, ']');
  CHECK_FALSE(load::parse_json("n.json", nested, deep));
  CHECK(test::mentions(deep, "nesting deeper than"));
}

TEST_CASE("empty input is an error, not a crash") {
  core::Diagnostics diags;
  CHECK_FALSE(load::parse_json("e.json", "", diags));
  CHECK(diags.error_count() == 1);
  CHECK(diags.all()[0].loc.line == 1);
}

TEST_CASE("a number too large for a double is an error at the number, not a crash") {
  core::Diagnostics diags;
  const auto doc = load::parse_json("big.json", "{\n  \"a\": [1, 1.5e616]\n}\n", diags);
  CHECK_FALSE(doc);
  CHECK(test::all(diags) == "big.json:2:12: error: invalid JSON: a number too large to represent\n");
}
