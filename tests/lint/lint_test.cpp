// The linter's rules on hand-made content and hand-made site files, each
// rule once where it finds something and once where it must stay silent
// (the end-to-end check tests run them on fixture folders through
// `visie check`).

#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "lint/lint.hpp"
#include "support/fixtures.hpp"
#include "support/support.hpp"

using namespace visie;

namespace {

model::Term term(const std::string& id, std::size_t line) {
  model::Term t;
  t.id = id;
  t.term = id;
  t.loc = {"content/data/terms.json", line, 5};
  return t;
}

/// A working version "werkversie" with `chapters` and nothing else.
model::VersionContent version(std::vector<model::Chapter> chapters) {
  model::VersionContent vc;
  vc.version.id = "werkversie";
  vc.version.label = "Werkversie";
  vc.version.loc = {"content/versions.json", 12, 3};
  vc.chapters = std::move(chapters);
  return vc;
}

/// The content of one working version with `chapters`.
model::Content one_version(std::vector<model::Chapter> chapters) {
  model::Content content;
  content.versions = {version(std::move(chapters))};
  return content;
}

/// What rule `name` alone finds in the last version of `content`, one
/// finding a line.
std::string findings_of(const std::string& name, const model::Content& content,
                        const lint::SiteFiles& site = {}, const lint::TermUses& uses = {}) {
  const auto& rules = lint::rules();
  const auto rule = std::find_if(rules.begin(), rules.end(), [&](const auto& r) { return r.name == name; });
  REQUIRE_MESSAGE(rule != rules.end(), "no lint rule \"" << name << "\"");
  REQUIRE_FALSE(content.versions.empty());
  core::Diagnostics findings;
  rule->run({content, content.versions.size() - 1, site, uses}, findings);
  return test::all(findings);
}

}  // namespace

TEST_CASE("every lint rule is tested here, each where it finds something and where it does not") {
  // A new rule in lint::rules() fails this test until it gets its two cases below.
  std::vector<std::string> names;
  for (const auto& rule : lint::rules()) names.emplace_back(rule.name);
  CHECK(names == std::vector<std::string>{"links", "images", "unused-data", "missing-chapters",
                                          "duplicate-ids", "heading-levels", "unused-terms"});
}

TEST_CASE("lint links: a missing page, a missing anchor and a .md link are found where written") {
  const auto content = one_version(
      {test::chapter("een", "Zie [twee](twee.html#weg), [niets](nergens.html)\nen [hier](#ook-weg).\n\n"
                            "Ook [bron](02-twee.md#deel) en [extern](https://example.org/a).\n"),
       test::chapter("twee", "Tekst.\n")});
  const lint::SiteFiles site{{"werkversie/een.html", "<p id=\"p-1\">Zie</p>"},
                             {"werkversie/twee.html", "<p id=\"deel\">Tekst.</p>"}};
  // The chapter files are "een.md" and "twee.md": "02-twee.md" is no file of the version.
  CHECK(findings_of("links", content, site) ==
        "een.md:5:12: error: broken anchor: \"#weg\" is not an id on twee.html\n"
        "een.md:5:36: error: broken link: \"nergens.html\" is not a page of the site\n"
        "een.md:6:11: error: broken anchor: \"#ook-weg\" is not an id on this page\n"
        "een.md:8:12: error: link to \"02-twee.md\": there is no chapter file \"02-twee.md\" in this "
        "version\n"
        "een.md:8:41: note: external link https://example.org/a (not checked: open it to see that "
        "it works)\n");
}

TEST_CASE("lint links: links to existing pages and ids are silent, and a .md link gets the right advice") {
  const auto content = one_version({test::chapter("een", "Zie [twee](twee.html#deel), [top](#p-1) en "
                                                         "[index](../index.html).\n\n[Bron](twee.md#deel).\n"),
                                    test::chapter("twee", "Tekst.\n")});
  const lint::SiteFiles site{{"index.html", "<p>x</p>"},
                             {"werkversie/een.html", "<p id=\"p-1\">Zie</p>"},
                             {"werkversie/twee.html", "<p id=\"deel\">Tekst.</p>"}};
  // Only the link an editor follows but the site does not.
  CHECK(findings_of("links", content, site) ==
        "een.md:7:8: warning: link to \"twee.md\" works in an editor but not in the site: write "
        "\"twee.html#deel\"\n");
}

TEST_CASE("lint images: an image the site lacks is an error, one it has, or an external one, is not") {
  const auto content = one_version({test::chapter(
      "een", "![Huis](img/huis.png) en ![Weg](img/weg.png)\n\n![Ver](https://example.org/x.png)\n")});
  const lint::SiteFiles with_house{{"werkversie/img/huis.png", "png"}};
  CHECK(findings_of("images", content, with_house) ==
        "een.md:5:33: error: image \"img/weg.png\" does not exist in the site\n"
        "een.md:7:8: note: external image https://example.org/x.png (not checked; the site then "
        "needs the network to show it)\n");
  const auto present = one_version({test::chapter("een", "![Huis](img/huis.png)\n")});
  CHECK(findings_of("images", present, with_house).empty());
}

TEST_CASE("lint images: a reference image counts too, and raw HTML images never reach the page") {
  // The rule parses only chapters that can hold an image ("![").
  const auto content = one_version(
      {test::chapter("een", "Tekst <img src=\"img/a.png\">.\n\n![Ref][r]\n\n[r]: img/c.png\n"),
       test::chapter("twee", "Geen beeld: 3 < 4, [link](img/d.png) en <i>schuin</i>.\n")});
  CHECK(findings_of("images", content, {}) ==
        "een.md:9:6: error: image \"img/c.png\" does not exist in the site\n");
}

TEST_CASE("lint unused-data: a model, workshop or definition no directive shows") {
  auto content = one_version({test::chapter("een", "Tekst.\n")});
  auto& data = content.versions[0].data;
  model::Model m;
  m.id = "huis";
  m.loc = {"content/data/models/huis.json", 1, 1};
  data.models = {m};
  model::Workshop w;
  w.id = "sessie";
  w.loc = {"content/data/workshops/sessie.json", 1, 1};
  data.workshops = {w};
  model::Definition d;
  d.id = "who";
  d.kind = model::SourceKind::policy;
  d.loc = {"content/data/definitions.json", 4, 5};
  data.definitions = {d};
  CHECK(findings_of("unused-data", content) ==
        "content/data/definitions.json:4:5: warning: definition \"who\" is never shown: no `visie "
        "definitions` block of this version lists kind \"policy\"\n"
        "content/data/models/huis.json:1:1: warning: model \"huis\" is never shown: add a `visie "
        "model` block with `id: huis` or remove the file\n"
        "content/data/workshops/sessie.json:1:1: warning: workshop \"sessie\" is never shown: no "
        "directive of this version names `workshop: sessie`\n");

  // Shown: the model by its id, the workshop by any directive naming it, the
  // definition by a block of its kind.
  content.versions[0].chapters[0].body =
      "```visie model\nid: huis\n```\n\n```visie clusters\nworkshop: sessie\n```\n\n"
      "```visie definitions\nkind: policy\n```\n";
  CHECK(findings_of("unused-data", content).empty());
  // A definitions block without a kind shows every kind.
  content.versions[0].chapters[0].body =
      "```visie model\nid: huis\n```\n\n```visie clusters\nworkshop: sessie\n```\n\n"
      "```visie definitions\n```\n";
  CHECK(findings_of("unused-data", content).empty());
}

TEST_CASE("lint missing-chapters: a chapter dropped without a word, and a `removed` that is wrong") {
  model::Content content;
  auto before = version({test::chapter("een", "A.\n"), test::chapter("twee", "B.\n")});
  before.version.id = "concept-1";
  before.version.label = "Concept 1";
  before.version.frozen = true;
  auto now = version({test::chapter("een", "A.\n")});
  now.version.removed = {{{"een", {"content/versions.json", 20, 7}}, "Samengevoegd."}};
  content.versions = {before, now};
  CHECK(findings_of("missing-chapters", content) ==
        "content/versions.json:20:7: warning: \"removed\" names chapter \"een\", which is still in "
        "Werkversie\n"
        "content/versions.json:12:3: warning: chapter \"twee\" (twee) of Concept 1 is missing from "
        "Werkversie: restore it, or say why in this version's \"removed\" list\n");

  // Saying why is enough; the first version has nothing before it.
  content.versions[1].version.removed = {{{"twee", {"content/versions.json", 20, 7}}, "Samengevoegd."}};
  CHECK(findings_of("missing-chapters", content).empty());
  content.versions.pop_back();
  CHECK(findings_of("missing-chapters", content).empty());
}

TEST_CASE("lint duplicate-ids: an id the author chose that occurs twice on the page") {
  const auto content = one_version({test::chapter("een", "Tekst.\n\n## Doel {#doel}\n\n## Aanpak {#aanpak}\n")});
  lint::SiteFiles site{
      {"werkversie/een.html",
       "<nav id=\"doel\"></nav><h2 id=\"doel\">Doel</h2><h2 id=\"aanpak\">Aanpak</h2>"
       "<p id=\"p-1\"></p><p id=\"p-1\"></p>"}};
  // Only the author's: the repeated "p-1" is visie's own to fix.
  CHECK(findings_of("duplicate-ids", content, site) ==
        "een.md:7:9: error: id \"doel\" occurs 2 times on page werkversie/een.html: links to it are "
        "ambiguous\n");
  site["werkversie/een.html"] = "<h2 id=\"doel\">Doel</h2><h2 id=\"aanpak\">Aanpak</h2>";
  CHECK(findings_of("duplicate-ids", content, site).empty());
}

TEST_CASE("lint heading-levels: a level-1 heading and a skipped level, but one step at a time is fine") {
  const auto skipped = one_version(
      {test::chapter("een", "# Titel\n\n## Deel\n\n#### Te diep\n\n## Terug\n\n### Goed\n")});
  CHECK(findings_of("heading-levels", skipped) ==
        "een.md:5:1: warning: level-1 heading in the body: the chapter title is already the page's "
        "level 1; start sections at ##\n"
        "een.md:9:1: warning: heading skips a level: #### after ## (screen readers and the contents "
        "rely on the order)\n");
  const auto stepwise =
      one_version({test::chapter("een", "## Deel\n\n### Sub\n\n#### Subsub\n\n## Volgend deel\n")});
  CHECK(findings_of("heading-levels", stepwise).empty());
}

TEST_CASE("lint unused-terms: a term of a working version its chapters never use") {
  model::Content content;
  model::VersionContent frozen;
  frozen.version.id = "concept-1";
  frozen.version.frozen = true;
  frozen.data.terms = {term("regie", 3)};
  model::VersionContent draft;
  draft.version.id = "werkversie";
  draft.data.terms = {term("regie", 3), term("netwerk", 9), term("eigen-kracht", 15)};
  content.versions = {frozen, draft};
  const lint::SiteFiles site;
  const lint::TermUses uses{{"concept-1", {{"regie", 0}}},
                            {"werkversie", {{"regie", 0}, {"netwerk", 2}, {"eigen-kracht", 0}}}};
  core::Diagnostics findings;
  lint::run({content, lint::linted_version(content), site, uses}, findings);
  INFO(test::all(findings));
  // Only the working version's, in the order of the file; never the frozen one's.
  REQUIRE(findings.all().size() == 2);
  CHECK(core::format(findings.all()[0]) ==
        "content/data/terms.json:3:5: warning: term \"regie\" is defined but never used in the "
        "chapters of \"werkversie\" (add a variant the text uses, or link it with [[regie]])");
  CHECK(test::mentions(findings, "terms.json:15:5: warning: term \"eigen-kracht\""));

  // Every term used: nothing to say.
  const lint::TermUses all_used{{"werkversie", {{"regie", 1}, {"netwerk", 2}, {"eigen-kracht", 4}}}};
  CHECK(findings_of("unused-terms", content, site, all_used).empty());
}

TEST_CASE("lint run: every rule's findings, sorted by place within the rule, on the working version") {
  model::Content content;
  auto first = version({test::chapter("b", "#### Diep\n")});
  first.version.id = "concept-1";
  first.version.frozen = true;
  // The working draft's headings skip twice, in two files given in reverse order.
  auto draft = version({test::chapter("b", "## Deel\n\n#### Diep\n"), test::chapter("a", "#### Diep\n")});
  content.versions = {first, draft};
  REQUIRE(lint::linted_version(content) == 1);
  core::Diagnostics findings;
  lint::run({content, lint::linted_version(content), {}, {}}, findings);
  // The frozen version's own skip (b.md:5) is not reported.
  CHECK(test::all(findings) ==
        "a.md:5:1: warning: heading skips a level: #### after # (screen readers and the contents "
        "rely on the order)\n"
        "b.md:7:1: warning: heading skips a level: #### after ## (screen readers and the contents "
        "rely on the order)\n");
  // The version that is not frozen is linted, or the newest when every one is.
  content.versions[0].version.frozen = false;
  content.versions[1].version.frozen = true;
  CHECK(lint::linted_version(content) == 0);
  content.versions[0].version.frozen = true;
  CHECK(lint::linted_version(content) == 1);
}
