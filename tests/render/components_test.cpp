#include <doctest/doctest.h>

#include "load/load.hpp"
#include "render/render.hpp"
#include "support.hpp"

using namespace visie;
namespace fs = std::filesystem;

namespace {

/// The minimal fixture plus the default templates, and a way to render one
/// chapter body against them.
struct Fixture {
  core::Diagnostics load_diags;
  model::Templates templates = load::load_templates(std::nullopt, load_diags);
  model::Content content = *load::load_content(fs::path(VISIE_FIXTURES) / "good/minimal", load_diags);
  nlohmann::json strings = render::ui_strings(templates, "nl", load_diags);

  render::RenderedChapter render(const std::string& body, core::Diagnostics& diags) {
    model::Chapter chapter;
    chapter.id = "t";
    chapter.title = "T";
    chapter.body = body;
    chapter.body_line = 5;  // as if after four lines of front matter
    chapter.loc = {"t.md", 1, 1};
    const render::Context ctx{content.project, content.versions[0], content.versions, templates,
                              strings};
    return render::render_chapter(ctx, chapter, 1, diags);
  }

  /// Resolves the cross-references and the literature of `chapters`.
  void link(std::vector<render::RenderedChapter>& chapters, core::Diagnostics& diags) {
    const render::Context ctx{content.project, content.versions[0], content.versions, templates,
                              strings};
    render::link_chapters(ctx, chapters, diags);
  }
};

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}


}  // namespace

TEST_CASE("placeholders take the project's and version's values, escaped") {
  Fixture f;
  f.content.project.title = "Visie <op> zorg";
  core::Diagnostics diags;
  const auto out = f.render("Dit is {{ version.label }} van {{project.title}}.\n", diags);
  CHECK(test::all(diags).empty());
  CHECK(contains(out.html, "Dit is Concept 1 van Visie &lt;op&gt; zorg."));
}

TEST_CASE("an unknown placeholder is an error at its line and column in the file") {
  Fixture f;
  core::Diagnostics diags;
  f.render("Regel een.\n\nHier {{project.titel}} staat.\n", diags);
  CHECK(test::mentions(diags, "t.md:7:6: error: unknown placeholder \"{{project.titel}}\""));
}

TEST_CASE("unknown directives, options and ids are reported at the fence or option line") {
  Fixture f;
  core::Diagnostics diags;
  f.render("```visie grafiek\n```\n\n```visie model\nid: onbekend\nkleur: rood\n```\n\n"
           "```visie votes\nworkshop: sessie\n```\n\n```visie definitions\nsort: kleur\n```\n",
           diags);
  const auto out = test::all(diags);
  INFO(out);
  CHECK(contains(out, "t.md:5:1: error: unknown directive \"grafiek\""));
  CHECK(contains(out, "t.md:10:1: error: unknown option \"kleur\" for directive \"model\""));
  CHECK(contains(out, "t.md:13:1: error: directive \"votes\" needs option \"activity\""));
  CHECK(contains(out, "t.md:18:1: error: option \"sort\" must be one of year, source"));
  CHECK(diags.error_count() == 4);
}

TEST_CASE("a dangling model id is reported at its option") {
  Fixture f;
  core::Diagnostics diags;
  f.render("```visie model\nid: onbekend\n```\n", diags);
  CHECK(test::all(diags) ==
        "t.md:6:1: error: unknown model \"onbekend\" (no data/models/onbekend.json in this "
        "version)\n");
}

TEST_CASE("votes are ranked, and an activity without results says so instead of inventing any") {
  Fixture f;
  core::Diagnostics diags;
  const auto ranked = f.render("```visie votes\nworkshop: sessie\nactivity: stemronde\n```\n", diags);
  CHECK(test::all(diags).empty());
  const auto five = ranked.html.find("Geen verdienmodel");
  const auto three = ranked.html.find("Privacy");
  CHECK(five < three);
  f.content.versions[0].data.workshops[0].activities[0].votes.clear();
  const auto empty = f.render("```visie votes\nworkshop: sessie\nactivity: stemronde\n```\n", diags);
  CHECK(contains(empty.html, "Er zijn geen stemmen vastgelegd."));
  CHECK_FALSE(contains(empty.html, "<table>"));
}

TEST_CASE("definitions sort by year and filter by kind, data is HTML-escaped") {
  Fixture f;
  f.content.versions[0].data.definitions[0].text = "<b>vet</b> & meer";
  core::Diagnostics diags;
  const auto by_year = f.render("```visie definitions\nsort: year\n```\n", diags);
  CHECK(by_year.html.find("def-eerder") < by_year.html.find("def-later"));
  CHECK(contains(by_year.html, "&lt;b&gt;vet&lt;/b&gt; &amp; meer"));
  const auto policy = f.render("```visie definitions\nkind: policy\n```\n", diags);
  CHECK(contains(policy.html, "def-later"));
  CHECK_FALSE(contains(policy.html, "def-eerder"));
  CHECK(test::all(diags).empty());
}

TEST_CASE("a model shows its parts, percentages and source") {
  Fixture f;
  auto& part = f.content.versions[0].data.models[0].parts[0];
  part.percent = model::Percent{std::nullopt, 70.0, 80.0};
  core::Diagnostics diags;
  const auto out = f.render("```visie model\nid: ringen\n```\n", diags);
  CHECK(contains(out.html, "<span class=\"label\">Ring 1</span>"));
  CHECK(contains(out.html, "70–80 %"));
  CHECK(contains(out.html, "Jansen et al., 2002"));
}

namespace {

model::Chapter chapter(std::string id, std::string body) {
  model::Chapter c;
  c.id = id;
  c.title = id;
  c.body = std::move(body);
  c.body_line = 5;
  c.loc = {id + ".md", 1, 1};
  return c;
}

}  // namespace

TEST_CASE("figures, tables and sections are numbered per chapter and linked across chapters") {
  Fixture f;
  const render::Context ctx{f.content.project, f.content.versions[0], f.content.versions,
                            f.templates, f.strings};
  core::Diagnostics diags;
  std::vector<render::RenderedChapter> chapters;
  chapters.push_back(render::render_chapter(
      ctx,
      chapter("een", "## Definities {#definities}\n\n[@tbl:b] en [@fig:ringen] staan verderop, "
                     "zie [@sec:twee].\n\nZie ook [@sec:definities] en [@fig:nergens].\n"),
      1, diags));
  chapters.push_back(render::render_chapter(
      ctx,
      chapter("twee", "| a | b |\n|---|---|\n| 1 | 2 |\n\n: Een tabel {#tbl:b}\n\n"
                      "```visie model\nid: ringen\n```\n"),
      2, diags));
  render::link_chapters(ctx, chapters, diags);
  CHECK(test::all(diags) ==
        "een.md:9:30: error: unknown cross-reference \"@fig:nergens\" (no figure, table or "
        "section with this label in this version)\n");
  const auto& one = chapters[0].html;
  CHECK(contains(one, "<a class=\"xref\" href=\"twee.html#tbl-b\">Tabel 2.1</a> en "
                      "<a class=\"xref\" href=\"twee.html#fig-twee-1\">figuur 2.1</a> staan verderop, "
                      "zie <a class=\"xref\" href=\"twee.html\">hoofdstuk 2</a>."));
  CHECK(contains(one, "Zie ook <a class=\"xref\" href=\"#definities\">paragraaf 1.1</a> en @fig:nergens."));
  // The caption is the table's own, numbered like the figures of its chapter.
  CHECK(contains(chapters[1].html, "<table>\n<caption><span class=\"caption-label\">Tabel 2.1</span> "
                                   "Een tabel</caption>"));
  CHECK(contains(chapters[1].html, "id=\"tbl-b\""));
  CHECK(contains(chapters[1].html, "Figuur 2.1"));
}

TEST_CASE("two figures given one label are an error at the second; default labels may coincide") {
  Fixture f;
  const render::Context ctx{f.content.project, f.content.versions[0], f.content.versions,
                            f.templates, f.strings};
  core::Diagnostics diags;
  std::vector<render::RenderedChapter> chapters;
  chapters.push_back(render::render_chapter(
      ctx,
      chapter("een", "```visie model\nid: ringen\nlabel: x\n```\n\n```visie model\nid: ringen\nlabel: x\n"
                     "```\n\n```visie model\nid: ringen\n```\n\n```visie model\nid: ringen\n```\n\n"
                     "Zie [@fig:ringen].\n"),
      1, diags));
  render::link_chapters(ctx, chapters, diags);
  CHECK(test::all(diags) ==
        "een.md:12:1: error: label \"fig:x\" is already used at een.md:7; give this one another with "
        "the option `label:`\n"
        "een.md:23:5: error: ambiguous cross-reference \"@fig:ringen\" (in een, een; give one an explicit "
        "{#id} or `label:`)\n");
}

TEST_CASE("the reference list holds exactly the works cited, in APA order") {
  Fixture f;
  const render::Context ctx{f.content.project, f.content.versions[0], f.content.versions,
                            f.templates, f.strings};
  core::Diagnostics diags;
  std::vector<render::RenderedChapter> chapters;
  chapters.push_back(render::render_chapter(ctx, chapter("een", "Zie [@bron2002].\n\n```visie references\n```\n"), 1, diags));
  render::link_chapters(ctx, chapters, diags);
  CHECK(test::all(diags).empty());
  const auto listed = render::listed_references(ctx, chapters);
  std::vector<std::string> ids;
  for (const auto* r : listed) ids.push_back(r->id);
  // bron2002 is cited; the glossary names the sources of the fixture's terms.
  CHECK(std::find(ids.begin(), ids.end(), "bron2002") != ids.end());
  CHECK(contains(chapters[0].html, "<li id=\"ref-bron2002\">Jansen, A., Pietersen, B., &amp; "
                                   "Klaassen, C. (2002). Een bron.</li>"));
  CHECK_FALSE(contains(chapters[0].html, "visie-references"));
}

TEST_CASE("the matrix counts the elements per definition and per element") {
  Fixture f;
  auto& data = f.content.versions[0].data;
  data.elements = {{"regie", "Eigen regie", {}}, {"leefstijl", "Leefstijl", {}}};
  data.definitions[0].elements = {{"regie", {}}, {"leefstijl", {}}};  // later, 2010
  data.definitions[1].elements = {{"regie", {}}};                      // eerder, 2002
  core::Diagnostics diags;
  const auto out = f.render("```visie definition-matrix\nlabel: m\n```\n", diags);
  CHECK(test::all(diags).empty());
  // Rows by year; a cell per element; the count per definition last.
  CHECK(contains(out.html, "<tr><th scope=\"row\"><a href=\"#def-eerder\">Jansen et al. 2002</a></th>"
                           "<td class=\"has\"><span aria-hidden=\"true\">●</span><span class=\"sr-only\">ja</span></td>"
                           "<td class=\"hasnt\"><span class=\"sr-only\">nee</span></td><td class=\"count\">1</td></tr>"));
  CHECK(contains(out.html, "<a href=\"#def-later\">Rapport 2010</a></th><td class=\"has\">"));
  CHECK(contains(out.html, "<tr><th scope=\"row\">Aantal definities per element</th><td class=\"count\">2</td>"
                           "<td class=\"count\">1</td><td class=\"count\">2</td></tr>"));
  CHECK(contains(out.html, "<span class=\"caption-label\">Tabel 1.1</span> Welke elementen de definities noemen"));
  REQUIRE(out.labels.size() == 1);
  CHECK(out.labels[0].name == "tbl:m");
}

TEST_CASE("a definition whose wording is lost shows its attribution, says so, and stays out of the matrix") {
  Fixture f;
  auto& data = f.content.versions[0].data;
  data.elements = {{"regie", "Eigen regie", {}}};
  data.definitions[0].text.clear();  // "later", 2010
  data.definitions[1].elements = {{"regie", {}}};
  core::Diagnostics diags;
  const auto list = f.render("```visie definitions\n```\n", diags);
  const auto later = list.html.substr(list.html.find("id=\"def-later\""));
  CHECK(later.find("<p class=\"definition-missing\">De tekst van deze definitie ontbreekt in de "
                   "bron") < later.find("</figure>"));
  CHECK(later.find("<blockquote>") > later.find("</figure>"));
  const auto matrix = f.render("```visie definition-matrix\nlabel: m\n```\n", diags);
  CHECK_FALSE(contains(matrix.html, "#def-later"));
  CHECK(contains(matrix.html, "#def-eerder"));
  CHECK(test::all(diags).empty());
}

TEST_CASE("the working definition shows its history and says when it did not change") {
  Fixture f;
  auto& v = f.content.versions[0];
  model::WorkingDefinition adopted;
  adopted.version = {v.version.id, {}};
  adopted.definition = model::Ref{"eerder", {}};
  adopted.rationale = "Breed gedragen.";
  v.data.working_definitions = {adopted};
  core::Diagnostics diags;
  const auto out = f.render("```visie working-definition\n```\n", diags);
  CHECK(test::all(diags).empty());
  CHECK(contains(out.html, "<figcaption>Werkdefinitie — Concept 1 · Overgenomen uit de inventarisatie: "
                           "Jansen et al. 2002 (<a href=\"literatuur.html#ref-bron2002\">Jansen et al., 2002</a>)"
                           "</figcaption>\n  <blockquote><p>Een eerdere definitie.</p></blockquote>"));
  CHECK(contains(out.html, "<span class=\"elements-label\">Waarom:</span> Breed gedragen."));
  v.data.working_definitions.clear();
  const auto none = f.render("```visie working-definition\n```\n", diags);
  CHECK(contains(none.html, "<p class=\"empty\">Geen werkdefinitie vastgelegd.</p>"));
}

TEST_CASE("a backslash before {{ gives the literal text, in headings and prose alike") {
  Fixture f;
  core::Diagnostics diags;
  const auto out = f.render(
      "## Over \\{{project.title}}\n\nNiet \\{{project.title}} of {\\{version.label}}, wel "
      "{{project.title}}; ook \\{{onbekend}}.\n",
      diags);
  CHECK(test::all(diags).empty());
  CHECK(contains(out.html, ">Over {{project.title}}</h2>"));
  CHECK(contains(out.html, "Niet {{project.title}} of {{version.label}}, wel Testvisie; ook {{onbekend}}.</p>"));
}

TEST_CASE("an author cannot forge visie's markers: not in text, raw HTML, code or data") {
  Fixture f;
  // U+E000 index U+E001 once stood for a span of HTML (a citation).
  const std::string pua = "\xEE\x80\x80" "0" "\xEE\x80\x81";
  f.content.versions[0].data.models[0].title = "Model " + pua;
  core::Diagnostics diags;
  std::vector<render::RenderedChapter> chapters{f.render(
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
  CHECK(contains(html, "Met <span class=\"citation\">"));
  CHECK(contains(html, " en " + pua + ".</p>"));
  CHECK(contains(html, "<strong>Model " + pua + "</strong>"));
  // Raw HTML is omitted and code escaped: only the real cross-reference
  // becomes a link, and no literature list appears.
  CHECK(test::count(html, "class=\"xref\"") == 1);
  CHECK(html.find("<visie-") == std::string::npos);
  CHECK(html.find("bibliography") == std::string::npos);
  CHECK(contains(html, "<code>&lt;visie-xref n=&quot;0&quot;&gt;&lt;/visie-xref&gt;</code>"));
}
