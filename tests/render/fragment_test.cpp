// What a rendered chapter holds as data: sections, ids and links with the
// offsets where their attributes are written.
#include <doctest/doctest.h>

#include <algorithm>

#include "render/render.hpp"
#include "support/fixtures.hpp"
#include "support/support.hpp"

using namespace visie;

namespace {

/// The bytes of `spot` in `html`.
std::string at(const std::string& html, const render::AttributeSpot& spot) {
  return html.substr(spot.offset, spot.size);
}

}  // namespace

TEST_CASE("a fragment splits into sections at its headings, without reference links or drawings") {
  const auto parts = render::index_fragment(
      "<p id=\"p1\"><a class=\"ref\" href=\"#p1\">¶1</a>Eerst &amp; vooral.</p>\n"
      "<h2 id=\"kloof\"><a class=\"ref\" href=\"#kloof\">§1.1</a>Een kloof</h2>\n"
      "<p>Tekst<br>erna.</p><figure><svg><text>Label</text></svg><figcaption>Figuur</figcaption></figure>\n"
      "<h3 id=\"sub\">Onder</h3><ul><li>een</li><li>twee</li></ul>").sections;
  REQUIRE(parts.size() == 3);
  CHECK(parts[0].heading.empty());
  CHECK(parts[0].id.empty());
  CHECK(parts[0].level == 1);
  CHECK(parts[0].text == "Eerst & vooral.");
  CHECK(parts[1].heading == "Een kloof");
  CHECK(parts[1].id == "kloof");
  CHECK(parts[1].level == 2);
  CHECK(parts[1].text == "Tekst erna. Figuur");
  CHECK(parts[2].level == 3);
  CHECK(parts[2].text == "een twee");
}

TEST_CASE("a fragment that starts with a heading has no part before it") {
  const auto parts = render::index_fragment("<h2 id=\"a\">A</h2><p>x</p><h4 id=\"b\">B</h4>").sections;
  REQUIRE(parts.size() == 1);
  CHECK(parts[0].id == "a");
  CHECK(parts[0].text == "x B");
}

TEST_CASE("ids, links and images are found with the offsets of their attributes") {
  const std::string html =
      "<p id=\"p-1\">Zie <a class=\"xref\" href=\"b.html#x&amp;y\">b</a>.</p>\n"
      "<figure id='fig-1'><svg><g id=\"deel\"></g></svg><img alt=\"\" src=\"a.png\"/></figure>"
      "<style>#no { content: '<a href=\"no\">' }</style><script>var s = '<b id=\"no\">';</script>"
      "<a name=\"x\">geen doel</a>";
  const auto index = render::index_fragment(html);
  REQUIRE(index.ids.size() == 3);
  CHECK(index.ids[0].value == "p-1");
  CHECK(at(html, index.ids[0]) == "id=\"p-1\"");
  CHECK(index.ids[1].value == "fig-1");
  CHECK(at(html, index.ids[1]) == "id='fig-1'");
  // Ids inside a drawing count: they are on the page too.
  CHECK(index.ids[2].value == "deel");
  CHECK(at(html, index.ids[2]) == "id=\"deel\"");
  REQUIRE(index.links.size() == 2);
  CHECK_FALSE(index.links[0].image);
  CHECK(index.links[0].target.value == "b.html#x&y");
  CHECK(at(html, index.links[0].target) == "href=\"b.html#x&amp;y\"");
  CHECK(index.links[1].image);
  CHECK(index.links[1].target.value == "a.png");
  CHECK(at(html, index.links[1].target) == "src=\"a.png\"");
}

TEST_CASE("linked chapters carry their sections, ids and links, matching their final HTML") {
  test::RenderFixture f;
  core::Diagnostics diags;
  const auto chapters = f.render_linked(
      {test::chapter("een", "Begin.\n\n## Deel een {#deel}\n\nZie [@sec:twee] en [de site](https://example.org).\n", 1),
       test::chapter("twee", "## Tweede deel\n\nTekst.\n", 1)},
      diags);
  CHECK(test::all(diags) == "");
  const auto& one = chapters[0];
  REQUIRE(one.sections.size() == 2);
  CHECK(one.sections[0].text == "Begin.");
  CHECK(one.sections[1].id == "deel");
  CHECK(one.sections[1].heading == "Deel een");
  // The cross-reference is resolved before the fragment is read.
  CHECK(one.sections[1].text == "Zie hoofdstuk 2 en de site.");
  REQUIRE(!one.ids.empty());
  for (const auto& id : one.ids) CHECK(at(one.html, id) == "id=\"" + id.value + "\"");
  std::vector<std::string> targets;
  for (const auto& link : one.links) targets.push_back(link.target.value);
  CHECK(std::find(targets.begin(), targets.end(), "twee.html") != targets.end());
  CHECK(std::find(targets.begin(), targets.end(), "https://example.org") != targets.end());
  for (const auto& link : one.links) CHECK(at(one.html, link.target).starts_with("href=\""));
  REQUIRE(chapters[1].sections.size() == 1);
  CHECK(chapters[1].sections[0].level == 2);
}
