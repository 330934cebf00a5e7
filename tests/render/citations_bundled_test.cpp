// Citations as a chapter renders them, with the bundled content's
// references: the in-text forms and the reference list entries of the
// kinds of work it cites, and an unknown key. (The formatter's details are
// in inline_test.cpp.)
#include <doctest/doctest.h>

#include "render/render.hpp"
#include "support/fixtures.hpp"
#include "support/support.hpp"

using namespace visie;

namespace {

/// The render fixture with the references of the bundled working version.
test::RenderFixture with_bundled_references() {
  test::RenderFixture f;
  f.content.versions[0].data.references = test::bundled_content().versions.back().data.references;
  return f;
}

/// The plain text of a chapter rendered from `markdown` and linked, as
/// search indexes it.
std::string text_of(const test::RenderFixture& f, const std::string& markdown, core::Diagnostics& diags) {
  const auto chapters = f.render_linked({test::chapter("een", markdown)}, diags);
  REQUIRE(chapters.size() == 1);
  std::string text;
  for (const auto& s : chapters[0].sections) text += s.text;
  return text;
}

}  // namespace

TEST_CASE("citations in the text: author and year, et al., 'z.d.', a locator, narrative with 'en'") {
  const auto f = with_bundled_references();
  core::Diagnostics diags;
  // A book by one author, a journal article by two, a journal article by
  // three without a year, a report by an organisation without a year.
  CHECK(text_of(f, "Zie [@walg2014], [@dijcks2011, p. 34] en [@timmermans-posma-havers; "
                   "@vilans-zelfzorg-ondersteund].\n",
                diags) ==
        "Zie (Walg, 2014), (Dijcks & Engels, 2011, p. 34) en (Timmermans et al., z.d.; Vilans, z.d.).");
  CHECK(text_of(f, "Volgens @dijcks2011 en @cbo2014 [p. 3] klopt het.\n", diags) ==
        "Volgens Dijcks en Engels (2011) en CBO (2014, p. 3) klopt het.");
  CHECK(test::all(diags).empty());
  // Each citation links to its entry in the literature.
  const auto chapters = f.render_linked({test::chapter("een", "Zie [@walg2014].\n")}, diags);
  std::vector<std::string> cited;
  for (const auto& link : chapters[0].links) {
    if (link.target.value.starts_with("literatuur.html")) cited.push_back(link.target.value);
  }
  CHECK(cited == std::vector<std::string>{"literatuur.html#ref-walg2014"});
}

TEST_CASE("reference list entries of the bundled kinds: book, journal article, report, document") {
  const auto f = with_bundled_references();
  core::Diagnostics diags;
  const auto chapters = f.render_linked(
      {test::chapter("een", "[@walg2014] [@buurman2013] [@vilans2014] [@cbo2014] [@dijcks2011]\n\n"
                            "```visie references\n```\n")},
      diags);
  CHECK(test::all(diags).empty());
  const auto& html = chapters[0].html;
  INFO(html);
  CHECK(test::contains(html, "<li id=\"ref-walg2014\">Walg, C. (2014). <i>Gezond centraal. Opschudding in "
                             "de gezondheidzorg</i>."));
  CHECK(test::contains(html, "<li id=\"ref-buurman2013\">Buurman, M. (2013). Dappere Zorgbestuurders. "
                             "<i>NTVG</i>."));
  CHECK(test::contains(html, "<li id=\"ref-vilans2014\">Vilans. (2014). <i>White paper persoonsgerichte "
                             "zorg</i>."));
  CHECK(test::contains(html, "<li id=\"ref-cbo2014\">CBO. (2014). <i>Zorgmodule zelfmanagement 1.0</i>."));
  CHECK(test::contains(html, "<li id=\"ref-dijcks2011\">Dijcks, B., &amp; Engels, J. (2011). Als je het "
                             "niet vraagt, kom je het niet te weten. <i>De POH</i>."));
  // Only the works cited, in the order of their authors.
  CHECK(test::count(html, "<li id=\"ref-") == 5);
  const auto entry = [&](const std::string& id) { return html.find("<li id=\"ref-" + id + "\""); };
  CHECK(entry("buurman2013") < entry("cbo2014"));
  CHECK(entry("cbo2014") < entry("dijcks2011"));
  CHECK(entry("dijcks2011") < entry("vilans2014"));
  CHECK(entry("vilans2014") < entry("walg2014"));
}

TEST_CASE("an unknown citation key is an error at its file, line and column") {
  const auto f = with_bundled_references();
  core::Diagnostics diags;
  const auto text = text_of(f, "Tekst.\n\nZie [@walg2014; @onbekend2020].\n", diags);
  REQUIRE(diags.all().size() == 1);
  CHECK(core::format(diags.all()[0]).starts_with("een.md:7:17: error: unknown citation key \"@onbekend2020\""));
  // The text is kept, not dropped.
  CHECK(test::contains(text, "Zie "));
  CHECK(test::contains(text, "onbekend2020"));
}
