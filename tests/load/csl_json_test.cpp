// The CSL-JSON reader (load/csl_json.cpp): Zotero, Mendeley and pandoc
// exports as they are.
#include <doctest/doctest.h>

#include "load/references.hpp"
#include "support.hpp"

using namespace visie;

namespace {

std::vector<model::Reference> read(const std::string& text, core::Diagnostics& diags) {
  std::vector<model::Reference> refs;
  if (auto doc = load::parse_json("references.json", text, diags)) {
    load::read_csl_json(*doc, refs, diags);
  }
  return refs;
}

}  // namespace

TEST_CASE("CSL-JSON: a Zotero journal article with volume, issue, pages and DOI loads") {
  core::Diagnostics diags;
  const auto refs = read(R"([
  {
    "id": "smit2017",
    "type": "article-journal",
    "title": "Zelfmanagement in de eerste lijn",
    "container-title": "Tijdschrift voor Gezondheidswetenschappen",
    "page": "112-120",
    "volume": "95",
    "issue": 3,
    "source": "Springer Link",
    "URL": "https://link.springer.com/10.1007/s12508-017-0042-1",
    "DOI": "10.1007/s12508-017-0042-1",
    "ISSN": "1388-7491",
    "journalAbbreviation": "Tijdschr Gezondheidswet",
    "language": "nl",
    "author": [{"family": "Smit", "given": "Anna"},
               {"family": "Berg", "given": "Jan", "non-dropping-particle": "van den"}],
    "editor": [{"literal": "Redactie"}],
    "accessed": {"date-parts": [["2024", "3", "1"]]},
    "issued": {"date-parts": [["2017", 3, 15]]},
    "note": "Gelezen voor hoofdstuk 2"
  }
])",
                         diags);
  CHECK(test::all(diags).empty());
  REQUIRE(refs.size() == 1);
  const auto& r = refs[0];
  CHECK(r.volume == "95");
  CHECK(r.issue == "3");
  CHECK(r.page == "112-120");
  CHECK(r.doi == "10.1007/s12508-017-0042-1");
  CHECK(r.language == "nl");
  CHECK(r.variables.at("ISSN") == "1388-7491");
  CHECK(r.authors[1].particle == "van den");
  CHECK(r.editors[0].literal == "Redactie");
  CHECK(r.year == 2017);
  CHECK(r.issued.month == 3);
  CHECK(r.issued.day == 15);
  CHECK(r.accessed.year == 2024);
}

TEST_CASE("CSL-JSON: every standard type and the book, chapter, report fields load") {
  core::Diagnostics diags;
  const auto refs = read(R"([
  {"id": "b", "type": "book", "title": "Boek", "edition": "2", "publisher": "Boom",
   "publisher-place": "Amsterdam", "ISBN": "978-90-244-0000-1", "collection-title": "Reeks",
   "collection-number": 4, "number-of-pages": "320"},
  {"id": "c", "type": "chapter", "title": "H", "container-title": "Boek", "page": "5-9",
   "editor": [{"family": "Vries", "given": "K.", "non-dropping-particle": "de"}]},
  {"id": "r", "type": "report", "title": "R", "number": "2019/12", "genre": "Rapport"},
  {"id": "t", "type": "thesis", "title": "T", "genre": "Proefschrift", "publisher": "UU"},
  {"id": "d", "type": "dataset", "title": "D", "version": "2", "medium": "CSV"},
  {"id": "l", "type": "legislation", "title": "Wet", "authority": "Staten-Generaal"},
  {"id": "s", "type": "standard", "title": "NEN 7510"}
])",
                         diags);
  CHECK(test::all(diags).empty());
  REQUIRE(refs.size() == 7);
  CHECK(refs[0].edition == "2");
  CHECK(refs[0].isbn == "978-90-244-0000-1");
  CHECK(refs[0].collection_number == "4");
  CHECK(refs[1].editors[0].particle == "de");
  CHECK(refs[2].number == "2019/12");
  CHECK(refs[4].variables.at("version") == "2");
}

TEST_CASE("CSL-JSON: issued as raw, literal, season, or a range") {
  core::Diagnostics diags;
  const auto refs = read(R"([
  {"id": "a", "type": "book", "title": "A", "issued": {"raw": "2019-05-20"}},
  {"id": "b", "type": "book", "title": "B", "issued": {"literal": "in druk"}},
  {"id": "c", "type": "book", "title": "C", "issued": {"date-parts": [[2018]], "season": 2}},
  {"id": "d", "type": "book", "title": "D", "issued": {"date-parts": [[2016], [2017]]}},
  {"id": "e", "type": "book", "title": "E", "issued": {"raw": "2021"}}
])",
                         diags);
  CHECK(test::all(diags).empty());
  REQUIRE(refs.size() == 5);
  CHECK(refs[0].year == 2019);
  CHECK(refs[0].issued.month == 5);
  CHECK(refs[0].issued.day == 20);
  CHECK_FALSE(refs[1].year.has_value());
  CHECK(refs[1].issued.literal == "in druk");
  CHECK(refs[2].issued.season == 2);
  CHECK(refs[3].year == 2016);
  CHECK(refs[4].year == 2021);
}

TEST_CASE("CSL-JSON: an unknown variable is a warning at its line and column") {
  core::Diagnostics diags;
  const auto refs = read("[\n  {\"id\": \"a\", \"type\": \"book\", \"title\": \"A\",\n"
                         "   \"zotero-extra\": \"x\"}\n]",
                         diags);
  CHECK(refs.size() == 1);
  CHECK_FALSE(diags.has_errors());
  CHECK(test::mentions(diags, "references.json:3:4: warning: unknown CSL variable \"zotero-extra\""));
}

TEST_CASE("CSL-JSON: bad dates, types, names and duplicate ids are errors, all of them") {
  core::Diagnostics diags;
  read(R"([
  {"id": "a", "type": "book", "title": "A", "issued": {"date-parts": [["twee"]]}},
  {"id": "b", "type": "boek", "title": "B"},
  {"id": "c", "type": "book", "title": "C", "author": [{"given": "Jan"}]},
  {"id": "a", "type": "book", "title": "D", "issued": {"season": 7, "date-parts": [[2019]]}}
])",
       diags);
  CHECK(test::mentions(diags, "references.json:2:70: error: \"date-parts\" must be"));
  CHECK(test::mentions(diags, "references.json:3:23: error: \"type\" must be one of"));
  CHECK(test::mentions(diags, "references.json:4:56: error: a name needs"));
  CHECK(test::mentions(diags, "references.json:5:10: error: duplicate reference id \"a\""));
  CHECK(test::mentions(diags, "error: \"season\" must be 1 to 4"));
}
