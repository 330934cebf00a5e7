#include <doctest/doctest.h>

#include <algorithm>

#include "render/render.hpp"
#include "support/fixtures.hpp"
#include "support/support.hpp"

using namespace visie;

TEST_CASE("placeholders take the project's and version's values, escaped") {
  test::RenderFixture f;
  f.content.project.title = "Visie <op> zorg";
  core::Diagnostics diags;
  const auto out = f.render_markdown("Dit is {{ version.label }} van {{project.title}}.\n", diags);
  CHECK(test::all(diags).empty());
  CHECK(test::contains(out.html, "Dit is Concept 1 van Visie &lt;op&gt; zorg."));
}

TEST_CASE("an unknown placeholder is an error at its line and column in the file") {
  test::RenderFixture f;
  core::Diagnostics diags;
  f.render_markdown("Regel een.\n\nHier {{project.titel}} staat.\n", diags);
  CHECK(test::mentions(diags, "t.md:7:6: error: unknown placeholder \"{{project.titel}}\""));
}

TEST_CASE("unknown directives, options and ids are reported at the fence or option line") {
  test::RenderFixture f;
  core::Diagnostics diags;
  f.render_markdown("```visie grafiek\n```\n\n```visie model\nid: onbekend\nkleur: rood\n```\n\n"
           "```visie votes\nworkshop: sessie\n```\n\n```visie definitions\nsort: kleur\n```\n",
           diags);
  const auto out = test::all(diags);
  INFO(out);
  CHECK(test::contains(out, "t.md:5:1: error: unknown directive \"grafiek\""));
  CHECK(test::contains(out, "t.md:10:1: error: unknown option \"kleur\" for directive \"model\""));
  CHECK(test::contains(out, "t.md:13:1: error: directive \"votes\" needs option \"activity\""));
  CHECK(test::contains(out, "t.md:18:1: error: option \"sort\" must be one of year, source"));
  CHECK(diags.error_count() == 4);
}

TEST_CASE("a dangling model id is reported at its option") {
  test::RenderFixture f;
  core::Diagnostics diags;
  f.render_markdown("```visie model\nid: onbekend\n```\n", diags);
  CHECK(test::all(diags) ==
        "t.md:6:1: error: unknown model \"onbekend\" (no data/models/onbekend.json in this "
        "version)\n");
}

TEST_CASE("votes are ranked, and an activity without results says so instead of inventing any") {
  test::RenderFixture f;
  core::Diagnostics diags;
  const auto ranked = f.render_markdown("```visie votes\nworkshop: sessie\nactivity: stemronde\n```\n", diags);
  CHECK(test::all(diags).empty());
  const auto five = ranked.html.find("Geen verdienmodel");
  const auto three = ranked.html.find("Privacy");
  CHECK(five < three);
  f.content.versions[0].data.workshops[0].activities[0].votes.clear();
  const auto empty = f.render_markdown("```visie votes\nworkshop: sessie\nactivity: stemronde\n```\n", diags);
  CHECK(test::contains(empty.html, "Er zijn geen stemmen vastgelegd."));
  CHECK_FALSE(test::contains(empty.html, "<table>"));
}

TEST_CASE("definitions sort by year and filter by kind, data is HTML-escaped") {
  test::RenderFixture f;
  f.content.versions[0].data.definitions[0].text = "<b>vet</b> & meer";
  core::Diagnostics diags;
  const auto by_year = f.render_markdown("```visie definitions\nsort: year\n```\n", diags);
  CHECK(by_year.html.find("def-eerder") < by_year.html.find("def-later"));
  CHECK(test::contains(by_year.html, "&lt;b&gt;vet&lt;/b&gt; &amp; meer"));
  const auto policy = f.render_markdown("```visie definitions\nkind: policy\n```\n", diags);
  CHECK(test::contains(policy.html, "def-later"));
  CHECK_FALSE(test::contains(policy.html, "def-eerder"));
  CHECK(test::all(diags).empty());
}

TEST_CASE("a programme lists its parts with their minutes, and without parts no total of 0") {
  test::RenderFixture f;
  core::Diagnostics diags;
  const auto out = f.render_markdown("```visie programme\nworkshop: sessie\n```\n", diags);
  CHECK(test::contains(out.html, "<td class=\"num\">15</td>"));
  CHECK(test::contains(out.html, "<td class=\"num\">35</td><td></td></tr></tfoot>"));
  f.content.versions[0].data.workshops[0].programme.clear();
  const auto none = f.render_markdown("```visie programme\nworkshop: sessie\n```\n", diags);
  CHECK(test::contains(none.html, "<td class=\"num\">—</td><td></td></tr></tfoot>"));
  CHECK(test::all(diags).empty());
}

TEST_CASE("a definition shows the concept it defines, and the directive filters by it") {
  test::RenderFixture f;
  core::Diagnostics diags;
  // Without a concept, nothing changes on the page.
  const auto plain = f.render_markdown("```visie definitions\n```\n", diags);
  CHECK_FALSE(test::contains(plain.html, "class=\"concept"));
  f.content.versions[0].data.definitions[1].defines = model::Ref{"zelfzorg", {}};
  const auto overview = f.render_markdown("```visie definitions\n```\n", diags);
  CHECK(test::count(overview.html, "<span class=\"concept-label\">Begrip:</span> Zelfzorg") == 1);
  // The overview's controls filter by concept (assets/definitions.js reads
  // data-concept); only concepts that its definitions define are offered.
  CHECK_FALSE(test::contains(plain.html, "name=\"concept\""));
  CHECK(test::contains(overview.html,
                       "<select name=\"concept\"><option value=\"\">alle</option>"
                       "<option value=\"zelfzorg\">Zelfzorg</option></select>"));
  CHECK(test::contains(overview.html, "id=\"def-eerder\" data-year=\"2002\" data-kind=\"research\" "
                                      "data-concept=\"zelfzorg\""));
  const auto only = f.render_markdown("```visie definitions\nconcept: zelfzorg\n```\n", diags);
  CHECK(test::contains(only.html, "def-eerder"));
  CHECK_FALSE(test::contains(only.html, "def-later"));
  CHECK(test::all(diags).empty());
  core::Diagnostics unknown;
  f.render_markdown("```visie definitions\nconcept: zelfbeheer\n```\n", unknown);
  CHECK(test::mentions(unknown, "error: unknown concept \"zelfbeheer\": use the id of a term"));
}

TEST_CASE("a model shows its parts, percentages and source") {
  test::RenderFixture f;
  auto& part = f.content.versions[0].data.models[0].parts[0];
  part.percent = model::Percent{std::nullopt, 70.0, 80.0};
  core::Diagnostics diags;
  const auto out = f.render_markdown("```visie model\nid: ringen\n```\n", diags);
  CHECK(test::contains(out.html, "<span class=\"label\">Ring 1</span>"));
  CHECK(test::contains(out.html, "70–80 %"));
  CHECK(test::contains(out.html, "Jansen et al., 2002"));
}

TEST_CASE("the reference list holds exactly the works cited, in APA order") {
  test::RenderFixture f;
  core::Diagnostics diags;
  const auto chapters =
      f.render_linked({test::chapter("een", "Zie [@bron2002].\n\n```visie references\n```\n")}, diags);
  CHECK(test::all(diags).empty());
  const auto listed = render::listed_references(f.context(), chapters);
  std::vector<std::string> ids;
  for (const auto* r : listed) ids.push_back(r->id);
  // bron2002 is cited; the glossary names the sources of the fixture's terms.
  CHECK(std::find(ids.begin(), ids.end(), "bron2002") != ids.end());
  CHECK(test::contains(chapters[0].html, "<li id=\"ref-bron2002\">Jansen, A., Pietersen, B., &amp; "
                                   "Klaassen, C. (2002). Een bron.</li>"));
  CHECK_FALSE(test::contains(chapters[0].html, "visie-references"));
}

TEST_CASE("the matrix counts the elements per definition and per element") {
  test::RenderFixture f;
  auto& data = f.content.versions[0].data;
  data.elements = {{"regie", "Eigen regie", {}}, {"leefstijl", "Leefstijl", {}}};
  data.definitions[0].elements = {{"regie", {}}, {"leefstijl", {}}};  // later, 2010
  data.definitions[1].elements = {{"regie", {}}};                      // eerder, 2002
  core::Diagnostics diags;
  const auto out = f.render_markdown("```visie definition-matrix\nlabel: m\n```\n", diags);
  CHECK(test::all(diags).empty());
  // Rows by year; a cell per element; the count per definition last.
  CHECK(test::contains(out.html, "<tr><th scope=\"row\"><a href=\"#def-eerder\">Jansen et al. 2002</a></th>"
                           "<td class=\"has\"><span aria-hidden=\"true\">●</span><span class=\"sr-only\">ja</span></td>"
                           "<td class=\"hasnt\"><span class=\"sr-only\">nee</span></td><td class=\"count\">1</td></tr>"));
  CHECK(test::contains(out.html, "<a href=\"#def-later\">Rapport 2010</a></th><td class=\"has\">"));
  CHECK(test::contains(out.html, "<tr><th scope=\"row\">Aantal definities per element</th><td class=\"count\">2</td>"
                           "<td class=\"count\">1</td><td class=\"count\">2</td></tr>"));
  CHECK(test::contains(out.html, "<span class=\"caption-label\">Tabel 1.1</span> Welke elementen de definities noemen"));
  REQUIRE(out.labels.size() == 1);
  CHECK(out.labels[0].name == "tbl:m");
}

TEST_CASE("a definition whose wording is lost shows its attribution, says so, and stays out of the matrix") {
  test::RenderFixture f;
  auto& data = f.content.versions[0].data;
  data.elements = {{"regie", "Eigen regie", {}}};
  data.definitions[0].text.clear();  // "later", 2010
  data.definitions[1].elements = {{"regie", {}}};
  core::Diagnostics diags;
  const auto list = f.render_markdown("```visie definitions\n```\n", diags);
  const auto later = list.html.substr(list.html.find("id=\"def-later\""));
  CHECK(later.find("<p class=\"definition-missing\">De tekst van deze definitie ontbreekt in de "
                   "bron") < later.find("</figure>"));
  CHECK(later.find("<blockquote>") > later.find("</figure>"));
  const auto matrix = f.render_markdown("```visie definition-matrix\nlabel: m\n```\n", diags);
  CHECK_FALSE(test::contains(matrix.html, "#def-later"));
  CHECK(test::contains(matrix.html, "#def-eerder"));
  CHECK(test::all(diags).empty());
}

TEST_CASE("the working definition shows its history and says when it did not change") {
  test::RenderFixture f;
  auto& v = f.content.versions[0];
  model::WorkingDefinition adopted;
  adopted.version = {v.version.id, {}};
  adopted.definition = model::Ref{"eerder", {}};
  adopted.rationale = "Breed gedragen.";
  v.data.working_definitions = {adopted};
  core::Diagnostics diags;
  const auto out = f.render_markdown("```visie working-definition\n```\n", diags);
  CHECK(test::all(diags).empty());
  CHECK(test::contains(out.html, "<figcaption>Werkdefinitie — Concept 1 · Overgenomen uit de inventarisatie: "
                           "Jansen et al. 2002 (<a href=\"literatuur.html#ref-bron2002\">Jansen et al., 2002</a>)"
                           "</figcaption>\n  <blockquote><p>Een eerdere definitie.</p></blockquote>"));
  CHECK(test::contains(out.html, "<span class=\"elements-label\">Waarom:</span> Breed gedragen."));
  v.data.working_definitions.clear();
  const auto none = f.render_markdown("```visie working-definition\n```\n", diags);
  CHECK(test::contains(none.html, "<p class=\"empty\">Geen werkdefinitie vastgelegd.</p>"));
}

TEST_CASE("a backslash before {{ gives the literal text, in headings and prose alike") {
  test::RenderFixture f;
  core::Diagnostics diags;
  const auto out = f.render_markdown(
      "## Over \\{{project.title}}\n\nNiet \\{{project.title}} of {\\{version.label}}, wel "
      "{{project.title}}; ook \\{{onbekend}}.\n",
      diags);
  CHECK(test::all(diags).empty());
  CHECK(test::contains(out.html, ">Over {{project.title}}</h2>"));
  CHECK(test::contains(out.html, "Niet {{project.title}} of {{version.label}}, wel Testvisie; ook {{onbekend}}.</p>"));
}

TEST_CASE("an author cannot forge visie's markers: not in text, raw HTML, code or data") {
  test::RenderFixture f;
  // U+E000 index U+E001 once stood for a span of HTML (a citation).
  const std::string pua = "\xEE\x80\x80" "0" "\xEE\x80\x81";
  f.content.versions[0].data.models[0].title = "Model " + pua;
  core::Diagnostics diags;
  std::vector<render::RenderedChapter> chapters{f.render_markdown(
      "Met [@bron2002] en " + pua + ".\n\n```visie model\nid: ringen\n```\n\n"
      "<visie-xref n=\"0\"></visie-xref>\n\nIn zin <visie-references></visie-references>, "
      "`<visie-xref n=\"0\"></visie-xref>` en [@sec:t].\n",
      diags)};
  f.link(chapters, diags);
  CHECK(test::all(diags).empty());
  const auto& html = chapters[0].html;
  INFO(html);
  // The citation and the model's source, nothing more.
  CHECK(test::count(html, "literatuur.html#ref-bron2002") == 2);
  CHECK(test::contains(html, "Met <span class=\"citation\">"));
  CHECK(test::contains(html, " en " + pua + ".</p>"));
  CHECK(test::contains(html, "<strong>Model " + pua + "</strong>"));
  // Raw HTML is omitted and code escaped: only the real cross-reference
  // becomes a link, and no literature list appears.
  CHECK(test::count(html, "class=\"xref\"") == 1);
  CHECK(html.find("<visie-") == std::string::npos);
  CHECK(html.find("bibliography") == std::string::npos);
  CHECK(test::contains(html, "<code>&lt;visie-xref n=&quot;0&quot;&gt;&lt;/visie-xref&gt;</code>"));
}

TEST_CASE("an unknown directive, option or model names the nearest known one") {
  test::RenderFixture f;
  core::Diagnostics diags;
  f.render_markdown("```visie modle\n```\n\n```visie model\nid: onbekend\nlable: x\n```\n", diags);
  const auto out = test::all(diags);
  INFO(out);
  CHECK(test::contains(out, "t.md:5:1: error: unknown directive \"modle\" (did you mean "
                            "\"model\"?) (known: "));
  CHECK(test::contains(out, "t.md:10:1: error: unknown option \"lable\" for directive \"model\" "
                            "(did you mean \"label\"?) (expected: id, figure, label)"));
}
