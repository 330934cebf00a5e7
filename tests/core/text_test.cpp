#include <doctest/doctest.h>

#include <vector>

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

TEST_CASE("is_utc_time accepts 2019-01-14T10:00:00Z on days and at times that exist") {
  CHECK(is_utc_time("2019-01-14T10:00:00Z"));
  CHECK(is_utc_time("2020-02-29T23:59:60Z"));  // a leap year; a leap second
  CHECK(is_utc_time("2000-02-29T00:00:00Z"));  // divisible by 400
  CHECK_FALSE(is_utc_time("1900-02-29T00:00:00Z"));
  CHECK_FALSE(is_utc_time("2019-02-29T10:00:00Z"));
  CHECK_FALSE(is_utc_time("2019-04-31T10:00:00Z"));
  CHECK_FALSE(is_utc_time("2019-13-14T10:00:00Z"));
  CHECK_FALSE(is_utc_time("2019-00-14T10:00:00Z"));
  CHECK_FALSE(is_utc_time("2019-01-00T10:00:00Z"));
  CHECK_FALSE(is_utc_time("2019-01-14T24:00:00Z"));
  CHECK_FALSE(is_utc_time("2019-01-14T10:60:00Z"));
  CHECK_FALSE(is_utc_time("2019-01-14T10:00:00"));
  CHECK_FALSE(is_utc_time("2019-01-14 10:00:00Z"));
  CHECK_FALSE(is_utc_time(""));
}

TEST_CASE("slug folds Latin letters to ASCII and joins the rest with one '-'") {
  CHECK(slug("  Patiënt & Zorg: één visie!  ") == "patient-zorg-een-visie");
  CHECK(slug("Straße Ærø") == "strasse-aero");
  CHECK(slug("Cliënten/patiënten en sociaal netwerk") == "clienten-patienten-en-sociaal-netwerk");
  CHECK(slug("São Tomé × Åland ÷ Ýr") == "sao-tome-aland-yr");
  CHECK(slug("‘regie’ 2019 — K2") == "regie-2019-k2");
  CHECK(slug("Зелёный").empty());
  CHECK(slug("!!!").empty());
  CHECK(slug("a\xC3") == "a");
}

TEST_CASE("decode_utf8 decodes one code point and replaces what is broken, byte by byte") {
  const std::string_view text = "a\xC3\xAB\xE2\x80\x99\xF0\x9F\x98\x80\x80\xC0\xAF\xED\xA0\x80\xE2\x80";
  std::size_t i = 0;
  std::vector<char32_t> got;
  while (i < text.size()) got.push_back(decode_utf8(text, i));
  CHECK(got == std::vector<char32_t>{'a', 0xEB, 0x2019, 0x1F600,
                                     0xFFFD,                  // a stray continuation byte
                                     0xFFFD, 0xFFFD,          // an overlong '/'
                                     0xFFFD, 0xFFFD, 0xFFFD,  // a surrogate
                                     0xFFFD, 0xFFFD});        // a truncated sequence
  CHECK(i == text.size());
}

TEST_CASE("percent_decode decodes escapes and leaves a lone '%' alone") {
  CHECK(percent_decode("clie%CC%88nt") == "clie\xCC\x88nt");
  CHECK(percent_decode("a%20b%2") == "a b%2");
  CHECK(percent_decode("100%") == "100%");
  CHECK(percent_decode("%zz%41") == "%zzA");
  CHECK(percent_decode("%41") == "A");
}

TEST_CASE("nearest_match suggests a near candidate and nothing far away") {
  const std::vector<std::string_view> keys{"vlek2013", "barlow2002", "lorig2003", "drie-lagen"};
  CHECK(nearest_match("vlek2031", keys) == "vlek2013");    // two digits swapped: one step
  CHECK(nearest_match("Barlow2002", keys) == "barlow2002");  // case does not count
  CHECK(nearest_match("barlw2002", keys) == "barlow2002");
  CHECK(nearest_match("vier-lagen", keys).empty());  // four steps away
  CHECK(nearest_match("smith1999", keys).empty());
  CHECK(nearest_match("vlek2013", keys).empty());  // a candidate itself
  CHECK(nearest_match("", keys).empty());
  CHECK(nearest_match("x", std::vector<std::string_view>{"y"}).empty());  // never all of a word
  const std::vector<std::string_view> short_words{"tabel", "model", "label"};
  CHECK(nearest_match("modle", short_words) == "model");
  CHECK(nearest_match("lable", short_words) == "label");
  CHECK(nearest_match("cliënt", std::vector<std::string_view>{"cliënten", "client"}) == "client");
}

TEST_CASE("did_you_mean words the suggestion, or says nothing") {
  const std::vector<std::string_view> keys{"vlek2013"};
  CHECK(did_you_mean("vlek2031", keys, "@") == " (did you mean \"@vlek2013\"?)");
  CHECK(did_you_mean("smith1999", keys, "@").empty());
}
