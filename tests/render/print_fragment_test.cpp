// The print edition's rewriting of one rendered fragment: what it lists
// before rewriting (footnotes, ids), and the rewriting itself with names and
// link targets that the test, standing in for publish, hands it.
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "render/print_fragment.hpp"

using namespace visie;

namespace {

/// A fragment as cmark-gfm writes it: two calls of footnote "x" (a name
/// that needs percent-escaping in a link), one of "y", and the footnote
/// section with back-references.
const std::string footnoted =
    "<h2 id=\"kop\">Kop</h2>\n"
    "<p>Een<sup class=\"footnote-ref\"><a href=\"#fn-x%20y\" id=\"fnref-x%20y\" data-footnote-ref>1</a>"
    "</sup>, twee<sup class=\"footnote-ref\"><a href=\"#fn-y\" id=\"fnref-y\" data-footnote-ref>2</a>"
    "</sup> en weer<sup class=\"footnote-ref\"><a href=\"#fn-x%20y\" id=\"fnref-x%20y-2\" "
    "data-footnote-ref>1</a></sup>.</p>\n"
    "<section class=\"footnotes\" data-footnotes>\n<ol>\n"
    "<li id=\"fn-x y\">\n<p>Noot <em>x</em>. <a href=\"#fnref-x%20y\" class=\"footnote-backref\" "
    "data-footnote-backref aria-label=\"Back to content\">↩</a></p>\n</li>\n"
    "<li id=\"fn-y\">\n<p>Noot y.</p>\n<ul>\n<li>met een lijst</li>\n</ul>\n"
    "<a href=\"#fnref-y\" class=\"footnote-backref\" data-footnote-backref>↩</a>\n</li>\n"
    "</ol>\n</section>\n";

}  // namespace

TEST_CASE("a part's index counts its page footnotes and lists its ids as they will be") {
  const auto index = render::index_print_part(footnoted);
  CHECK(index.footnotes == 2);
  // The footnote section's ids and the calls' ids are gone; each footnote's
  // id moved to its first call.
  CHECK(index.ids == std::vector<std::string>{"kop", "fn-x y", "fn-y"});

  const auto plain = render::index_print_part("<p id=\"a\">x</p><p id=\"a\">y</p><svg id=\"b\"></svg>");
  CHECK(plain.footnotes == 0);
  CHECK(plain.ids == std::vector<std::string>{"a", "a", "b"});
}

TEST_CASE("a part is rewritten with page footnotes numbered after the parts before it") {
  const std::map<std::string, std::string> ids{
      {"kop", "h_kop"}, {"fn-x y", "h_fn-x-y"}, {"fn-y", "h_fn-y"}};
  render::PrintRewrite rewrite;
  rewrite.footnotes_before = 3;
  rewrite.id_names = {"h_kop", "h_fn-x-y", "h_fn-y"};
  rewrite.ids = &ids;
  const auto html = render::rewrite_for_print(footnoted, rewrite);
  CHECK(html ==
        "<h2 id=\"h_kop\">Kop</h2>\n"
        "<p>Een<span class=\"footnote\" id=\"h_fn-x-y\"><span class=\"footnote-p\">Noot <em>x</em>."
        "</span></span>, twee<span class=\"footnote\" id=\"h_fn-y\"><span class=\"footnote-p\">Noot y."
        "</span>\n<span class=\"footnote-ul\">\n<span class=\"footnote-li\">met een lijst</span>\n"
        "</span></span> en weer<sup class=\"footnote-ref\"><a href=\"#h_fn-x-y\">4</a></sup>.</p>\n\n");
}

TEST_CASE("links, id references and url(#…) get the document's names, other links stay") {
  const std::string fragment =
      "<p id=\"a\"><a href=\"#a\">hier</a> <a href=\"#b%C3%A9\">elders</a> "
      "<a href=\"#onbekend\">weg</a> <a href=\"twee.html#fn%201\">twee</a> "
      "<a href=\"../v1/een.html\">v1</a> <label for=\"a x\">l</label></p>"
      "<svg><path id=\"bé\" fill=\"url(#a)\" stroke=\"url(#z)\"/><use xlink:href=\"#bé\"/></svg>";
  const auto index = render::index_print_part(fragment);
  REQUIRE(index.ids == std::vector<std::string>{"a", "bé"});
  const std::map<std::string, std::string> ids{{"a", "p_a"}, {"bé", "p_bé"}};
  std::vector<std::pair<std::string, std::string>> asked;
  render::PrintRewrite rewrite;
  rewrite.id_names = {"p_a", "p_bé"};
  rewrite.ids = &ids;
  rewrite.resolve_page = [&](std::string_view path,
                             const std::string& fragment_id) -> std::optional<std::string> {
    asked.emplace_back(std::string(path), fragment_id);
    if (path == "twee.html") return "#twee_" + fragment_id;
    return std::nullopt;
  };
  const auto html = render::rewrite_for_print(fragment, rewrite);
  CHECK(html ==
        "<p id=\"p_a\"><a href=\"#p_a\">hier</a> <a href=\"#p_bé\">elders</a> "
        "<a href=\"#onbekend\">weg</a> <a href=\"#twee_fn 1\">twee</a> "
        "<a href=\"../v1/een.html\">v1</a> <label for=\"p_a x\">l</label></p>"
        "<svg><path id=\"p_bé\" fill=\"url(#p_a)\" stroke=\"url(#z)\" /><use xlink:href=\"#p_bé\" /></svg>");
  // Only links to other pages are asked for, with their fragment decoded.
  CHECK(asked == std::vector<std::pair<std::string, std::string>>{{"twee.html", "fn 1"},
                                                                  {"../v1/een.html", ""}});
}

TEST_CASE("an external link whose text is its address is marked, others are not") {
  const auto html = render::rewrite_for_print(
      "<a href=\"https://example.org/\">example.org</a> <a class=\"ext\" href=\"http://a.nl\"> "
      "http://a.nl/ </a> <a href=\"https://b.nl\">B</a>",
      {});
  CHECK(html ==
        "<a href=\"https://example.org/\" class=\"url-shown\">example.org</a> "
        "<a class=\"ext url-shown\" href=\"http://a.nl\"> http://a.nl/ </a> "
        "<a href=\"https://b.nl\">B</a>");
}

TEST_CASE("every drawing gets the print style right after its start tag, and nothing else does") {
  render::PrintRewrite rewrite;
  rewrite.drawing_style = "<style>.a{fill:#000}</style>";
  const std::string part =
      "<p>svg &lt;svg&gt;</p><svg viewBox=\"0 0 2 1\" data-x=\"a>b\"><rect/></svg><svg><g/></svg>";
  CHECK(render::rewrite_for_print(part, rewrite) ==
        "<p>svg &lt;svg&gt;</p><svg viewBox=\"0 0 2 1\" data-x=\"a>b\"><style>.a{fill:#000}</style>"
        "<rect/></svg><svg><style>.a{fill:#000}</style><g/></svg>");
  CHECK(render::rewrite_for_print(part, {}) == part);
  CHECK(render::style_drawings("<main><svg><g/></svg></main>", "<style>s</style>") ==
        "<main><svg><style>s</style><g/></svg></main>");
  CHECK(render::style_drawings("<main><svg><g/></svg></main>", "") ==
        "<main><svg><g/></svg></main>");
}
