// render::link_chapters: cross-references between the chapters of a
// version (sections, figures, tables), unknown and ambiguous ones at
// their place, and ids that stay apart across chapters.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "render/render.hpp"
#include "support/fixtures.hpp"
#include "support/support.hpp"

using namespace visie;

TEST_CASE("link_chapters: section, figure and table labels resolve within and across chapters") {
  test::RenderFixture f;
  core::Diagnostics diags;
  const auto chapters = f.render_linked(
      {test::chapter("een", "## Doel {#doel}\n\n[@sec:twee] volgt. Zie [@sec:aanpak], [@sec:doel], "
                            "[@fig:ringen] en [@tbl:cijfers].\n"),
       test::chapter("twee", "Inleiding.\n\n## Eerste deel\n\n## Aanpak {#aanpak}\n\n"
                             "```visie model\nid: ringen\n```\n\n"
                             "| a | b |\n|---|---|\n| 1 | 2 |\n\n: Cijfers {#tbl:cijfers}\n\n"
                             "Terug naar [@sec:een] en [@sec:doel]; [@fig:ringen] staat hier.\n")},
      diags);
  CHECK(test::all(diags).empty());
  REQUIRE(chapters.size() == 2);
  const auto& one = chapters[0].html;
  const auto& two = chapters[1].html;
  INFO(one);
  INFO(two);
  // At the start of a sentence the word takes a capital.
  CHECK(test::contains(one, "<a class=\"xref\" href=\"twee.html\">Hoofdstuk 2</a> volgt."));
  // The second heading of chapter 2 is its section 2.2; across pages the
  // link names the page, on its own page only the fragment.
  CHECK(test::contains(one, "Zie <a class=\"xref\" href=\"twee.html#aanpak\">paragraaf 2.2</a>, "
                            "<a class=\"xref\" href=\"#doel\">paragraaf 1.1</a>, "
                            "<a class=\"xref\" href=\"twee.html#fig-twee-1\">figuur 2.1</a> en "
                            "<a class=\"xref\" href=\"twee.html#tbl-cijfers\">tabel 2.1</a>."));
  CHECK(test::contains(two, "Terug naar <a class=\"xref\" href=\"een.html\">hoofdstuk 1</a> en "
                            "<a class=\"xref\" href=\"een.html#doel\">paragraaf 1.1</a>; "
                            "<a class=\"xref\" href=\"#fig-twee-1\">figuur 2.1</a> staat hier."));
  // No marker is left behind.
  CHECK_FALSE(test::contains(one, "<visie-"));
  CHECK_FALSE(test::contains(two, "<visie-"));
  // The linked chapters say what their final HTML holds.
  std::vector<std::string> targets;
  for (const auto& link : chapters[0].links) targets.push_back(link.target.value);
  CHECK(std::find(targets.begin(), targets.end(), "twee.html#tbl-cijfers") != targets.end());
}

TEST_CASE("link_chapters: unknown targets are errors at their file, line and column, and stay text") {
  test::RenderFixture f;
  core::Diagnostics diags;
  const auto chapters = f.render_linked(
      {test::chapter("een", "Tekst.\n\nZie [@fig:nergens] en\n[@sec:weg].\n"),
       test::chapter("twee", "## Kop\n\nOok [@tbl:geen; @sec:kop].\n", 3)},
      diags);
  CHECK(test::all(diags) ==
        "een.md:7:5: error: unknown cross-reference \"@fig:nergens\" (no figure, table or section with "
        "this label in this version)\n"
        "een.md:8:1: error: unknown cross-reference \"@sec:weg\" (no figure, table or section with this "
        "label in this version)\n"
        "twee.md:5:5: error: unknown cross-reference \"@tbl:geen\" (no figure, table or section with "
        "this label in this version)\n");
  CHECK(test::contains(chapters[0].html, "Zie @fig:nergens en\n@sec:weg.</p>"));
  // The known one beside it still resolves.
  CHECK(test::contains(chapters[1].html, "Ook @tbl:geen en <a class=\"xref\" href=\"#kop\">paragraaf 2.1</a>."));
}

TEST_CASE("link_chapters: figure ids stay apart across chapters, and a label both chapters have is ambiguous") {
  test::RenderFixture f;
  core::Diagnostics diags;
  const auto chapters = f.render_linked(
      {test::chapter("een", "## Inleiding\n\n```visie model\nid: ringen\n```\n"),
       test::chapter("twee", "## Inleiding\n\n```visie model\nid: ringen\n```\n\n"
                             "Zie [@sec:inleiding] en [@fig:ringen].\n")},
      diags);
  // Both chapters have a heading "Inleiding" and a figure of the model
  // "ringen": each page has its ids, and a reference cannot choose.
  CHECK(test::all(diags) ==
        "twee.md:11:5: error: ambiguous cross-reference \"@sec:inleiding\" (in een, twee; give one an "
        "explicit {#id} or `label:`)\n"
        "twee.md:11:25: error: ambiguous cross-reference \"@fig:ringen\" (in een, twee; give one an "
        "explicit {#id} or `label:`)\n");
  REQUIRE(chapters.size() == 2);
  std::set<std::string> one;
  for (const auto& id : chapters[0].ids) one.insert(id.value);
  std::set<std::string> two;
  for (const auto& id : chapters[1].ids) two.insert(id.value);
  CHECK(one.contains("fig-een-1"));
  CHECK(two.contains("fig-twee-1"));
  // The figures' ids (and their titles' and descriptions') never meet: the
  // print edition puts both chapters on one page.
  std::size_t figure_ids = 0;
  for (const auto& id : one) {
    if (!id.starts_with("fig-")) continue;
    ++figure_ids;
    CHECK_MESSAGE(!two.contains(id), id);
  }
  CHECK(figure_ids > 1);
  // Within a page every id is unique.
  for (const auto& c : chapters) {
    std::set<std::string> seen;
    for (const auto& id : c.ids) CHECK_MESSAGE(seen.insert(id.value).second, c.id << ": " << id.value);
  }
}

TEST_CASE("link_chapters: an explicit label given twice across chapters is an error at the second") {
  test::RenderFixture f;
  core::Diagnostics diags;
  f.render_linked({test::chapter("een", "```visie model\nid: ringen\nlabel: huis\n```\n"),
                   test::chapter("twee", "Tekst.\n\n```visie model\nid: ringen\nlabel: huis\n```\n")},
                  diags);
  CHECK(test::all(diags) ==
        "twee.md:9:1: error: label \"fig:huis\" is already used at een.md:7; give this one another with "
        "the option `label:`\n");
}

TEST_CASE("figures, tables and sections are numbered per chapter and linked across chapters") {
  test::RenderFixture f;
  core::Diagnostics diags;
  const auto chapters = f.render_linked(
      {test::chapter("een", "## Definities {#definities}\n\n[@tbl:b] en [@fig:ringen] staan verderop, "
                            "zie [@sec:twee].\n\nZie ook [@sec:definities] en [@fig:nergens].\n"),
       test::chapter("twee", "| a | b |\n|---|---|\n| 1 | 2 |\n\n: Een tabel {#tbl:b}\n\n"
                             "```visie model\nid: ringen\n```\n")},
      diags);
  CHECK(test::all(diags) ==
        "een.md:9:30: error: unknown cross-reference \"@fig:nergens\" (no figure, table or "
        "section with this label in this version)\n");
  const auto& one = chapters[0].html;
  CHECK(test::contains(one, "<a class=\"xref\" href=\"twee.html#tbl-b\">Tabel 2.1</a> en "
                            "<a class=\"xref\" href=\"twee.html#fig-twee-1\">figuur 2.1</a> staan verderop, "
                            "zie <a class=\"xref\" href=\"twee.html\">hoofdstuk 2</a>."));
  CHECK(test::contains(one, "Zie ook <a class=\"xref\" href=\"#definities\">paragraaf 1.1</a> en @fig:nergens."));
  // The caption is the table's own, numbered like the figures of its chapter.
  CHECK(test::contains(chapters[1].html, "<table>\n<caption><span class=\"caption-label\">Tabel 2.1</span> "
                                         "Een tabel</caption>"));
  CHECK(test::contains(chapters[1].html, "id=\"tbl-b\""));
  CHECK(test::contains(chapters[1].html, "Figuur 2.1"));
}

TEST_CASE("two figures given one label are an error at the second, default labels may coincide") {
  test::RenderFixture f;
  core::Diagnostics diags;
  f.render_linked({test::chapter("een", "```visie model\nid: ringen\nlabel: x\n```\n\n```visie model\nid: "
                                        "ringen\nlabel: x\n```\n\n```visie model\nid: ringen\n```\n\n"
                                        "```visie model\nid: ringen\n```\n\nZie [@fig:ringen].\n")},
                  diags);
  CHECK(test::all(diags) ==
        "een.md:12:1: error: label \"fig:x\" is already used at een.md:7; give this one another with "
        "the option `label:`\n"
        "een.md:23:5: error: ambiguous cross-reference \"@fig:ringen\" (in een, een; give one an explicit "
        "{#id} or `label:`)\n");
}

TEST_CASE("render_chapter labels a footnote's back-link in the project's language") {
  const test::RenderFixture f;
  core::Diagnostics diags;
  const auto out = f.render_markdown("Noot[^n].\n\n[^n]: Tekst.\n", diags);
  CHECK(test::all(diags).empty());
  CHECK(test::contains(out.html, "data-footnote-backref aria-label=\"Terug naar de tekst\">"));
  CHECK_FALSE(test::contains(out.html, "Back to content"));
}

TEST_CASE("link_chapters: an unknown label names the nearest one, a reference in link text is text") {
  test::RenderFixture f;
  core::Diagnostics diags;
  const auto chapters = f.render_linked(
      {test::chapter("een", "## Kop\n\nZie [@sec:kopp] en [de [@sec:kop]](https://example.org).\n")},
      diags);
  CHECK(test::all(diags) == "een.md:7:5: error: unknown cross-reference \"@sec:kopp\" (did you "
                            "mean \"@sec:kop\"?)\n");
  CHECK(test::contains(chapters[0].html,
                       "<a href=\"https://example.org\">de paragraaf 1.1</a>"));
}
