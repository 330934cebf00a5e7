// The tokenizer behind the print edition: what it does not change comes
// out byte for byte; what it changes is escaped.
#include <doctest/doctest.h>

// html.hpp is private to render/: this test proves its internals.
#define VISIE_STAGE_RENDER
#include "render/detail/html.hpp"

using namespace visie::render;

TEST_CASE("unchanged HTML serializes to the same bytes") {
  const std::string source =
      "<!DOCTYPE html>\n<p class='a' data-x=1 hidden>Tekst &amp; meer &#8212; <br/>"
      "<a href=\"x.html?a=1&amp;b=2\">x</a></p><!-- <p id=\"no\"> -->"
      "<style>p > a { content: \"<b>\" }</style>< niet een tag 3 < 4";
  const auto tokens = html::tokenize(source);
  CHECK(html::serialize(tokens) == source);
  // The comment and the style sheet are not markup: no tag inside them.
  int paragraphs = 0;
  for (const auto& t : tokens) paragraphs += t.is_start("p") ? 1 : 0;
  CHECK(paragraphs == 1);
  CHECK(tokens[2].get("data-x") == "1");
  CHECK(tokens[2].has("hidden"));
  CHECK(tokens[2].has_class("a"));
}

TEST_CASE("attribute values are decoded when read and escaped when changed") {
  auto tokens = html::tokenize("<a href=\"x.html?a=1&amp;b=2\" title=\"&quot;q&#39; &#x263A;\">x</a>");
  REQUIRE(tokens[0].is_start("a"));
  CHECK(tokens[0].get("href") == "x.html?a=1&b=2");
  CHECK(tokens[0].get("title") == "\"q' \xE2\x98\xBA");
  tokens[0].set("href", "#a\"b<c>");
  CHECK(html::serialize(tokens) ==
        "<a href=\"#a&quot;b&lt;c&gt;\" title=\"&quot;q&#39; &#x263A;\">x</a>");
}

TEST_CASE("find_close counts nesting") {
  const auto tokens = html::tokenize("<div><div>a</div><p>b</p></div><div></div>");
  CHECK(html::find_close(tokens, 0) == 7);
  CHECK(html::find_close(tokens, 1) == 3);
  const auto open = html::tokenize("<div><div>");
  CHECK(html::find_close(open, 0) == open.size());
}
