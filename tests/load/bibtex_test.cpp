// The BibTeX/BibLaTeX reader (load/bibtex.cpp).
#include <doctest/doctest.h>

#include "load/references.hpp"
#include "support.hpp"

using namespace visie;

namespace {

std::vector<model::Reference> read(const std::string& text, core::Diagnostics& diags) {
  std::vector<model::Reference> refs;
  load::read_bibtex("references.bib", text, refs, diags);
  return refs;
}

}  // namespace

TEST_CASE("BibTeX: articles, books, chapters, reports and web pages map to CSL") {
  core::Diagnostics diags;
  const auto refs = read(R"(% A Zotero export
@string{hw = "Huisarts en Wetenschap"}
@article{smit2017,
  author = {Smit, Anna and van den Berg, Jan and {Ministerie van VWS}},
  title = {Zelfmanagement in de {eerste} lijn},
  journal = hw,
  year = 2017, month = mar,
  volume = {60}, number = {2}, pages = {70--74},
  doi = {10.1007/s12445-017-0042-1}
}
@book{lorig2016, author = {Kate Lorig and Halsted Holman}, title = {Zelfmanagement},
  edition = {3}, publisher = {Bohn Stafleu van Loghum}, address = {Houten}, year = {2016}}
@incollection{berg2019, author = {van den Berg, Jan}, title = {Zorg},
  booktitle = {Handboek}, editor = {de Vries, Karin and Bakker, L.}, pages = {45--67},
  publisher = {Boom}, year = {2019}}
@techreport{rivm2018, author = {{RIVM}}, title = {VTV}, institution = {RIVM},
  number = {2018-0031}, year = {2018}}
@online{vilans, author = {{Vilans}}, title = {Wat is zelfmanagement?},
  organization = {Vilans}, date = {2023-03-15}, url = {https://www.vilans.nl/z}}
@phdthesis{mulder, author = {Mulder, Iris}, title = {Proef}, school = {Universiteit Utrecht},
  type = {Proefschrift}, year = {2018}}
@comment{ignored {entirely}}
@comment this line too
)",
                         diags);
  CHECK(test::all(diags).empty());
  REQUIRE(refs.size() == 6);
  const auto& a = refs[0];
  CHECK(a.type == "article-journal");
  CHECK(a.title == "Zelfmanagement in de eerste lijn");
  CHECK(a.container_title == "Huisarts en Wetenschap");
  CHECK(a.authors.size() == 3);
  CHECK(a.authors[1].particle == "van den");
  CHECK(a.authors[1].family == "Berg");
  CHECK(a.authors[2].literal == "Ministerie van VWS");
  CHECK(a.year == 2017);
  CHECK(a.issued.month == 3);
  CHECK(a.issue == "2");
  CHECK(a.page == "70–74");
  CHECK(a.doi == "10.1007/s12445-017-0042-1");
  CHECK(refs[1].authors[0].family == "Lorig");
  CHECK(refs[1].authors[0].given == "Kate");
  CHECK(refs[1].publisher_place == "Houten");
  CHECK(refs[2].type == "chapter");
  CHECK(refs[2].editors[0].particle == "de");
  CHECK(refs[3].number == "2018-0031");
  CHECK(refs[3].publisher == "RIVM");
  CHECK(refs[4].type == "webpage");
  CHECK(refs[4].container_title == "Vilans");
  CHECK(refs[4].issued.day == 15);
  CHECK(refs[5].type == "thesis");
  CHECK(refs[5].genre == "Proefschrift");
}

TEST_CASE("BibTeX: LaTeX accents and dashes become their characters") {
  core::Diagnostics diags;
  const auto refs = read("@book{a, author = {{\\\"O}zt{\\\"u}rk, Ay{\\c s}e and {\\c C}elik, E.},"
                         " title = {Caf\\'e --- na\\\"ive \\& co}, year = {2015}}",
                         diags);
  CHECK(test::all(diags).empty());
  REQUIRE(refs.size() == 1);
  CHECK(refs[0].authors[0].family == "Öztürk");
  CHECK(refs[0].authors[1].family == "Çelik");
  CHECK(refs[0].title == "Café — naïve & co");
}

TEST_CASE("BibTeX: syntax errors, unknown types and keys at line and column, all of them") {
  core::Diagnostics diags;
  read("@article{ok, title = {A}, year = 2020}\n"
       "@boek{b, title = {B}}\n"
       "@book{c, title = {C} year = {2020}}\n"
       "@book{d, title = undefinedmacro}\n"
       "@book{ok, title = {E}, flavour = {x}}\n"
       "@book{e, title = {F\n",
       diags);
  CHECK(test::mentions(diags, "references.bib:2:1: error: unknown entry type \"@boek\""));
  CHECK(test::mentions(diags, "references.bib:3:22: error: expected \",\" or \"}\" after a field"));
  CHECK(test::mentions(diags, "references.bib:4:18: error: unknown @string name"));
  CHECK(test::mentions(diags, "references.bib:5:7: error: duplicate reference id \"ok\""));
  CHECK(test::mentions(diags, "references.bib:5:24: warning: unknown BibTeX field \"flavour\""));
  CHECK(test::mentions(diags, "references.bib:6:18: error: unclosed"));
}
