// The print edition as a pandoc document for the Word file: bookmarks
// around the chapters' blocks and headings, footnotes, tables, drawings,
// and what paper does not show left out.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "model/docx.hpp"
#include "render/word.hpp"

using namespace visie;
using nlohmann::json;

namespace {

/// A print edition in the shape publish/print.cpp writes it.
const std::string edition =
    "<!doctype html>\n<html lang=\"nl\"><head><title>Visie</title><style>p{}</style></head>\n"
    "<body class=\"print-edition\">\n<nav class=\"print-back\"><a href=\"index.html\">Terug</a></nav>\n"
    "<main>\n<section class=\"cover\" id=\"cover\"><h1 class=\"document-title\">Visie op "
    "zelfmanagement</h1><p class=\"subtitle\">Een benadering</p><p class=\"authors\">Werkpakket</p>"
    "</section>\n"
    "<nav class=\"toc\" id=\"contents\"><h1 id=\"contents-heading\">Inhoud</h1></nav>\n"
    "<section class=\"chapter\" id=\"aanleiding\">\n"
    "<h1 class=\"chapter-title\"><span class=\"chapter-number\">1</span> Aanleiding</h1>\n"
    "<h2 id=\"aanleiding_waarom\"><a class=\"ref\" href=\"#aanleiding_waarom\">§1.1</a>Waarom?</h2>\n"
    "<p id=\"aanleiding_p-abc\"><a class=\"ref\" href=\"#aanleiding_p-abc\">§1.1 ¶1</a>Mensen "
    "<strong>met</strong>  een noot<span class=\"footnote\" id=\"aanleiding_fn-1\"><span "
    "class=\"footnote-p\">De noot.</span></span>. Zie <a href=\"#aanleiding_p-def\">verder</a>"
    "<span class=\"sr-only\"> (verborgen)</span>.</p>\n"
    "<ul>\n<li id=\"aanleiding_li-def\"><a class=\"ref\" href=\"#aanleiding_li-def\">§1.1 ¶2</a>Een "
    "punt</li>\n</ul>\n"
    "<div class=\"table-wrap\" id=\"aanleiding_tbl-x\"><a class=\"ref\" href=\"#aanleiding_tbl-x\">"
    "§1.1 ¶3</a><table><caption>Tabel 1 Iets</caption><thead><tr><th>a</th><th>b</th></tr></thead>"
    "<tbody><tr><td colspan=\"2\">c</td></tr></tbody></table></div>\n"
    "<p id=\"aanleiding_p-def\"><a class=\"ref\" href=\"#aanleiding_p-def\">§1.1 ¶4</a>Slot.</p>\n"
    "<figure class=\"component model fig\" id=\"aanleiding_fig-1\"><div class=\"fig-art\">"
    "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"fig-svg fig-wide\" viewBox=\"0 0 640 320\" "
    "width=\"100%\"><style>.a{}</style><text>A&nbsp;B</text></svg>"
    "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"fig-svg fig-narrow\" viewBox=\"0 0 340 300\">"
    "</svg></div><figcaption><span class=\"fig-number\">Figuur 1</span> Het model</figcaption>"
    "<details class=\"fig-text\"><summary>Tekst</summary><p>Beschrijving</p></details></figure>\n"
    "</section>\n"
    "<section class=\"appendix\" id=\"references\"><h1 class=\"chapter-title\">Literatuur</h1>"
    "<ol class=\"bibliography\"><li id=\"references_ref-a\">Auteur, A. (2020).</li></ol></section>\n"
    "</main>\n</body></html>\n";

/// Every element of type `t` in the pandoc value `v`, depth first.
void collect(const json& v, const std::string& t, std::vector<json>& out) {
  if (v.is_object()) {
    if (v.contains("t") && v["t"] == t) out.push_back(v);
    for (const auto& [k, x] : v.items()) collect(x, t, out);
  } else if (v.is_array()) {
    for (const auto& x : v) collect(x, t, out);
  }
}

std::vector<json> all_of(const json& doc, const std::string& t) {
  std::vector<json> out;
  collect(doc["blocks"], t, out);
  return out;
}

/// The text of inlines, with Spaces as spaces.
std::string text(const json& inlines) {
  std::string out;
  for (const auto& x : inlines) {
    if (x["t"] == "Str") out += x["c"].get<std::string>();
    if (x["t"] == "Space") out += " ";
    if (x["t"] == "Strong" || x["t"] == "Emph") out += text(x["c"]);
  }
  return out;
}

}  // namespace

TEST_CASE("the print edition as a Word document: a bookmark around every block and heading") {
  const auto word = render::print_to_word(edition, ".media");
  const auto doc = json::parse(word.pandoc_json);
  CHECK(doc["pandoc-api-version"] == json::array({1, 22, 2, 1}));
  CHECK(text(doc["meta"]["title"]["c"]) == "Visie op zelfmanagement");
  CHECK(text(doc["meta"]["subtitle"]["c"]) == "Een benadering");
  CHECK(doc["meta"]["lang"]["c"] == "nl");

  // The bookmarks: chapter and block as the review loop names them.
  std::vector<std::string> blocks;
  for (const auto& b : word.bookmarks) {
    CHECK(b.chapter == "aanleiding");
    CHECK(b.name == model::docx_bookmark(b.chapter, b.block));
    blocks.push_back(b.block);
  }
  CHECK(blocks == std::vector<std::string>{"waarom", "p-abc", "li-def", "tbl-x", "p-def"});
  const auto headers = all_of(doc, "Header");
  REQUIRE(headers.size() == 3);
  CHECK(headers[0]["c"][0] == 1);
  CHECK(text(headers[0]["c"][2]) == "1 Aanleiding");
  CHECK(headers[1]["c"][0] == 2);
  CHECK(headers[1]["c"][1][0] == "");  // the bookmark is the Div's, around the heading only
  CHECK(text(headers[1]["c"][2]) == "Waarom?");  // the reference link is not printed
  CHECK(text(headers[2]["c"][2]) == "Literatuur");
  std::vector<std::string> divs;
  for (const auto& d : all_of(doc, "Div")) divs.push_back(d["c"][0][0]);
  CHECK(divs == std::vector<std::string>{model::docx_bookmark("aanleiding", "waarom"),
                                         model::docx_bookmark("aanleiding", "p-abc"),
                                         model::docx_bookmark("aanleiding", "li-def"),
                                         model::docx_bookmark("aanleiding", "tbl-x"),
                                         model::docx_bookmark("aanleiding", "p-def")});

  // The paragraph: its text without the reference or the screen reader's
  // words, a Word footnote, a link to the bookmark of the block it names.
  CHECK(all_of(doc, "Div")[0]["c"][1][0]["t"] == "Header");
  const json first = all_of(doc, "Div")[1]["c"][1][0];
  CHECK(first["t"] == "Para");
  CHECK(text(first["c"]) == "Mensen met een noot. Zie .");
  const auto notes = all_of(doc, "Note");
  REQUIRE(notes.size() == 1);
  CHECK(notes[0]["c"][0]["t"] == "Para");
  CHECK(text(notes[0]["c"][0]["c"]) == "De noot.");
  const auto links = all_of(doc, "Link");
  REQUIRE(links.size() == 1);
  CHECK(links[0]["c"][2][0] == "#" + model::docx_bookmark("aanleiding", "p-def"));

  // A real table, with its caption and the cell's span.
  const auto tables = all_of(doc, "Table");
  REQUIRE(tables.size() == 1);
  CHECK(text(tables[0]["c"][1][1][0]["c"]) == "Tabel 1 Iets");
  // Two columns across the text's width, each as wide as its text asks (at
  // least four characters' worth).
  CHECK(tables[0]["c"][2] == json::parse(R"([[{"t":"AlignDefault"},{"t":"ColWidth","c":0.5}],)"
                                         R"([{"t":"AlignDefault"},{"t":"ColWidth","c":0.5}]])"));
  CHECK(tables[0]["c"][4][0][3][0][1][0][3] == 2);

  // The wide drawing as a PNG with the figure's caption; the narrow one and
  // the text version are what the screen shows instead.
  REQUIRE(word.drawings.size() == 1);
  CHECK(word.drawings[0].png == ".media/1.png");
  CHECK(word.drawings[0].width == 640);
  CHECK(word.drawings[0].svg.starts_with("<?xml"));
  CHECK(word.drawings[0].svg.find("width=\"640\"") != std::string::npos);
  CHECK(word.drawings[0].svg.find("A&#160;B") != std::string::npos);
  CHECK(word.drawings[0].svg.find("fig-narrow") == std::string::npos);
  const auto images = all_of(doc, "Image");
  REQUIRE(images.size() == 1);
  CHECK(images[0]["c"][2] == json::array({".media/1.png", "fig:"}));
  CHECK(text(images[0]["c"][1]) == "Figuur 1 Het model");
  CHECK(images[0]["c"][0][2][0] == json::array({"width", "16.0cm"}));
  CHECK(word.pandoc_json.find("Beschrijving") == std::string::npos);
  CHECK(word.pandoc_json.find("Terug") == std::string::npos);
  CHECK(word.pandoc_json.find("Inhoud") == std::string::npos);
  // The cover's title is the document's, not a heading.
  CHECK(word.pandoc_json.find("Werkpakket") != std::string::npos);
}

TEST_CASE("the Word document keeps only images inside the site and turns the others into their text") {
  const auto word = render::print_to_word(
      "<main><p><img src=\"images/a%20b.png\" alt=\"Een\"> <img src=\"https://x.org/b.png\" "
      "alt=\"Twee\"> <img src=\"../../etc/c.png\" alt=\"Drie\"> <img src=\"/d.png\" "
      "alt=\"Vier\"></p></main>",
      "m");
  const auto doc = json::parse(word.pandoc_json);
  const auto images = all_of(doc, "Image");
  REQUIRE(images.size() == 1);
  CHECK(images[0]["c"][2][0] == "images/a b.png");
  CHECK(text(doc["blocks"][0]["c"]) == " Twee Drie Vier");  // after the image
  // A path that decodes to bytes that are not UTF-8 is written with U+FFFD:
  // the JSON is valid and nothing is thrown.
  const auto odd = render::print_to_word("<main><p><img src=\"a%FF.png\" alt=\"x\"></p></main>", "m");
  CHECK(json::parse(odd.pandoc_json)["blocks"][0]["c"][0]["c"][2][0] == "a\xEF\xBF\xBD.png");
}

TEST_CASE("a table cell spans at most as many columns and rows as HTML allows") {
  const auto word = render::print_to_word(
      "<main><table><tr><td colspan=\"999999999\" rowspan=\"-2\">a</td></tr></table></main>", "m");
  const auto doc = json::parse(word.pandoc_json);
  const auto& cell = doc["blocks"][0]["c"][4][0][3][0][1][0];
  CHECK(cell[2] == 1);
  CHECK(cell[3] == 1000);
  CHECK(doc["blocks"][0]["c"][2].size() == 1000);
}
