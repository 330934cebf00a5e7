#include <doctest/doctest.h>

#include "core/text.hpp"

using namespace visie::core;

TEST_CASE("line_col counts lines and code points, not bytes") {
  const std::string text = "ab\ncliënt x\n";
  CHECK(line_col(text, 0).line == 1);
  CHECK(line_col(text, 0).col == 1);
  const auto at_x = line_col(text, text.find('x'));
  CHECK(at_x.line == 2);
  CHECK(at_x.col == 8);  // "cliënt " is 7 code points but 8 bytes
  CHECK(line_col(text, 1000).line == 3);
}

TEST_CASE("byte_offset is the inverse of line_col at every character") {
  const std::string text = "ab\ncliënt € x\n\nz";
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0U) == 0x80U) continue;
    CAPTURE(i);
    CHECK(byte_offset(text, line_col(text, i)) == i);
  }
  CHECK(byte_offset(text, {2, 99}) == text.find('\n', 3));  // past the line's end
  CHECK(byte_offset(text, {9, 1}) == text.size());          // past the text's end
}

TEST_CASE("find_invalid_utf8 finds the first bad byte") {
  CHECK(find_invalid_utf8("gewoon ASCII") == std::string_view::npos);
  CHECK(find_invalid_utf8("cliënt €") == std::string_view::npos);
  CHECK(find_invalid_utf8("ab\xff") == 2);
  CHECK(find_invalid_utf8("a\xc3") == 1);            // truncated sequence
  CHECK(find_invalid_utf8("\xc0\xaf") == 0);         // overlong '/'
  CHECK(find_invalid_utf8("\xed\xa0\x80") == 0);     // surrogate
}

TEST_CASE("escape_html escapes every character that matters in text and attributes") {
  CHECK(escape_html(R"(<a href="x">'&'</a>)") ==
        "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST_CASE("escape_markdown makes punctuation literal and removes line breaks") {
  CHECK(escape_markdown("*vet* [link](x)\nnieuw") == "\\*vet\\* \\[link\\]\\(x\\) nieuw");
}

TEST_CASE("is_valid_id accepts the id pattern only") {
  CHECK(is_valid_id("concept-1"));
  CHECK(is_valid_id("a"));
  CHECK_FALSE(is_valid_id(""));
  CHECK_FALSE(is_valid_id("1-concept"));
  CHECK_FALSE(is_valid_id("Concept"));
  CHECK_FALSE(is_valid_id("../../etc"));
  CHECK_FALSE(is_valid_id("a b"));
}
