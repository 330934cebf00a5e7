#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "render/anchors.hpp"
#include "support/support.hpp"

using namespace visie;
using namespace visie::render;
namespace fs = std::filesystem;

namespace {

struct Page {
  std::string html;
  std::vector<Anchor> anchors;
  core::Diagnostics diags;
};

Page render_page(const std::string& markdown_text) {
  Page p;
  auto out = markdown::to_html(markdown_text, {});
  p.html = out.html;
  p.anchors = attach_anchors(p.html, out.blocks, 3, "c.md", 5, p.diags);
  return p;
}

std::string id_of(const Page& p, const std::string& text) {
  for (const auto& a : p.anchors) {
    if (a.text == text) return a.id;
  }
  return "(none)";
}

}  // namespace

TEST_CASE("paragraph ids stay stable when a paragraph is inserted before them") {
  const auto before = render_page("## Kop\n\nEerste alinea.\n\nTweede alinea.\n\n- een punt\n");
  const auto after = render_page("## Kop\n\nNieuwe alinea vooraan.\n\nEerste alinea.\n\nTweede alinea.\n\n- een punt\n");
  for (const char* text : {"Kop", "Eerste alinea.", "Tweede alinea.", "een punt"}) {
    // (Both "(none)" would be equal too: each block must have its anchor.)
    CHECK_MESSAGE(id_of(before, text) != "(none)", text);
    CHECK_MESSAGE(id_of(before, text) == id_of(after, text), text);
  }
  CHECK(id_of(after, "Nieuwe alinea vooraan.") != id_of(after, "Eerste alinea."));
}

TEST_CASE("an edited paragraph gets a new id, re-wrapped lines do not") {
  const auto a = render_page("Zelfmanagement doe je samen.\n");
  const auto b = render_page("Zelfmanagement doe je\nsamen.\n");
  const auto c = render_page("Zelfmanagement doe je nooit alleen.\n");
  CHECK(a.anchors[0].id == b.anchors[0].id);
  CHECK(a.anchors[0].id != c.anchors[0].id);
}

TEST_CASE("ids: headings are slugs, explicit ids win, duplicates are told apart") {
  const auto p = render_page("## Wat we vermoeden: één kloof\n\nZelfde.\n\nZelfde.\n\n## Eigen {#mijn-kop}\n");
  REQUIRE(p.anchors.size() == 4);
  CHECK(p.anchors[0].id == "wat-we-vermoeden-een-kloof");
  CHECK(p.anchors[2].id == p.anchors[1].id + "-2");
  CHECK(p.anchors[3].id == "mijn-kop");
  CHECK(p.diags.all().empty());
}

TEST_CASE("every block carries its id and a §/¶ reference in the HTML") {
  const auto p = render_page("Intro.\n\n## Eerste\n\nA.\n\nB.\n\n### Sub\n\nC.\n\n## Tweede\n\n- x\n\n| k |\n|---|\n| v |\n");
  std::vector<std::string> refs;
  for (const auto& a : p.anchors) refs.push_back(a.ref);
  CHECK(refs == std::vector<std::string>{"§3 ¶1", "§3.1", "§3.1 ¶1", "§3.1 ¶2", "§3.1.1",
                                         "§3.1.1 ¶1", "§3.2", "§3.2 ¶1", "§3.2 ¶2"});
  const auto& b = p.anchors[3];
  CHECK(test::contains(p.html, "<p id=\"" + b.id + "\"><a class=\"ref\" href=\"#" + b.id + "\">§3.1 ¶2</a>B.</p>"));
  // A table is wrapped, so that the reference link is valid HTML.
  const auto& t = p.anchors.back();
  CHECK(test::contains(p.html, "<div class=\"table-wrap\" id=\"" + t.id + "\">"));
  const bool closed = test::contains(p.html, "</table>\n</div>") || test::contains(p.html, "</table></div>");
  CHECK(closed);
  CHECK_FALSE(test::contains(p.html, "data-sourcepos"));
}

TEST_CASE("an invalid or repeated explicit id is an error at its {#") {
  const auto p = render_page("Tekst {#Fout}\n\n## A {#dubbel}\n\n## B {#dubbel}\n");
  CHECK(p.diags.error_count() == 2);
  CHECK(core::format(p.diags.all()[0]) .starts_with("c.md:5:7: error: \"{#Fout}\" is not a valid id"));
  CHECK(core::format(p.diags.all()[1]).starts_with("c.md:9:6: error: id \"dubbel\" is used twice"));
}

TEST_CASE("slugify and content_hash") {
  CHECK(slugify("Cliënten/patiënten en sociaal netwerk") == "clienten-patienten-en-sociaal-netwerk");
  CHECK(slugify("70-20-10") == "h-70-20-10");
  CHECK(slugify("!!!") == "h");
  CHECK(content_hash("a  b") == content_hash("a b"));
  CHECK(content_hash("a b").size() == 7);
  CHECK(content_hash("a b") != content_hash("a c"));
}

TEST_CASE("many identical blocks are numbered in linear time, skipping ids taken explicitly") {
  // Counting from -2 for every copy made a chapter of 437,000 identical
  // paragraphs (50 MB) take hours; 60,000 would still take minutes.
  std::string text = "Zelfde alinea. {#p-x}\n\n";
  constexpr int copies = 60000;
  for (int i = 0; i < copies; ++i) text += "Zelfde alinea.\n\n";
  const auto page = render_page(text);
  REQUIRE(page.anchors.size() == copies + 1);
  CHECK(page.diags.all().empty());
  const auto base = page.anchors[1].id;
  CHECK(base.starts_with("p-"));
  CHECK(page.anchors[2].id == base + "-2");
  CHECK(page.anchors[copies].id == base + "-" + std::to_string(copies));

  const auto gap = render_page("Eén. {#p-een}\n\nTwee {#a-3}\n\n# A\n\n# A\n\n# A\n");
  REQUIRE(gap.anchors.size() == 5);
  CHECK(gap.anchors[2].id == "a");
  CHECK(gap.anchors[3].id == "a-2");
  CHECK(gap.anchors[4].id == "a-4");  // a-3 was taken explicitly
}

TEST_CASE("a heading's id never takes a footnote's or the page layout's id: the heading's is renamed") {
  const auto p = render_page(
      "## Fn 1\n\n## Fnref 1\n\n## Sidebar\n\n## Main\n\n## Search input\n\nNoot[^1].\n\n[^1]: De noot.\n");
  CHECK(p.diags.all().empty());
  CHECK(id_of(p, "Fn 1") == "h-fn-1");
  CHECK(id_of(p, "Fnref 1") == "h-fnref-1");
  CHECK(id_of(p, "Sidebar") == "sidebar-2");
  CHECK(id_of(p, "Main") == "main-2");
  CHECK(id_of(p, "Search input") == "search-input-2");
  // The footnote and its link keep their ids, once each on the page.
  CHECK(test::count(p.html, "id=\"fn-1\"") == 1);
  CHECK(test::count(p.html, "id=\"fnref-1\"") == 1);
  CHECK(test::contains(p.html, "href=\"#fn-1\""));
}

TEST_CASE("an explicit id that a footnote or the page layout uses is an error at its place") {
  const auto p = render_page("## Eigen {#fn-a}\n\nTekst\nop twee regels {#fnref-b}\n\n## Zij {#sidebar}\n");
  REQUIRE(p.diags.error_count() == 3);
  INFO(core::format(p.diags.all()[0]));
  CHECK(core::format(p.diags.all()[0]).starts_with("c.md:5:10: error: id \"fn-a\" is reserved for footnotes"));
  CHECK(core::format(p.diags.all()[1]).starts_with("c.md:8:16: error: id \"fnref-b\" is reserved for footnotes"));
  CHECK(core::format(p.diags.all()[2]).starts_with("c.md:10:8: error: id \"sidebar\" is used by the page layout"));
  // The blocks still get ids of their own.
  CHECK(id_of(p, "Eigen") == "eigen");
  CHECK(id_of(p, "Zij") == "zij");
}
TEST_CASE("the ids the page layout uses are all reserved: templates/ and the list agree") {
  // Every literal id="..." in a layout and every id the scripts give an
  // element must be in reserved_ids, or a heading could take it.
  std::set<std::string> found;
  const auto scan = [&](const fs::path& dir, const std::string& open, char close) {
    for (const auto& e : fs::directory_iterator(dir)) {
      const auto text = test::read_file(e.path());
      for (auto at = text.find(open); at != std::string::npos; at = text.find(open, at + 1)) {
        const auto start = at + open.size();
        const auto id = text.substr(start, text.find(close, start) - start);
        if (id.find('{') == std::string::npos) found.insert(id);
      }
    }
  };
  scan(fs::path(VISIE_SOURCE_DIR) / "templates/layouts", " id=\"", '"');
  scan(fs::path(VISIE_SOURCE_DIR) / "templates/assets", ".id = '", '\'');
  CHECK(found.contains("sidebar"));
  CHECK(found.contains("version-select"));
  for (const auto& id : found) {
    CHECK_MESSAGE(std::find(reserved_ids.begin(), reserved_ids.end(), id) != reserved_ids.end(),
                  "id \"" << id << "\" of templates/ is not in render::reserved_ids");
  }
}
