#include <doctest/doctest.h>

// csv.hpp is private to load/: this test proves its internals.
#define VISIE_STAGE_LOAD
#include "load/detail/csv.hpp"
#include "load/load.hpp"
#include "support/support.hpp"

using namespace visie;

namespace {

std::vector<std::vector<std::string>> texts(const load::CsvTable& t) {
  std::vector<std::vector<std::string>> out;
  for (const auto& row : t.rows) {
    out.emplace_back();
    for (const auto& c : row) out.back().push_back(c.text);
  }
  return out;
}

}  // namespace

TEST_CASE("csv: comma separated with quoted fields") {
  core::Diagnostics diags;
  const auto t = load::parse_csv("a.csv", "id,text\nx,\"een, twee\"\ny,\"zei \"\"hoi\"\"\"\n", diags);
  REQUIRE(t);
  CHECK(t->delimiter == ',');
  CHECK(t->header.size() == 2);
  CHECK(texts(*t) == std::vector<std::vector<std::string>>{{"x", "een, twee"}, {"y", "zei \"hoi\""}});
}

TEST_CASE("csv: semicolons, a BOM and CRLF as Dutch Excel writes them") {
  core::Diagnostics diags;
  const auto t = load::parse_csv("a.csv", "\xEF\xBB\xBFid;text\r\nx;een, twee\r\ny;\"a;b\"\r\n", diags);
  REQUIRE(t);
  CHECK(t->delimiter == ';');
  CHECK(t->header[0].text == "id");  // the BOM is not part of the first name
  CHECK(t->header[0].loc == core::SourceLoc{"a.csv", 1, 1});
  CHECK(texts(*t) == std::vector<std::vector<std::string>>{{"x", "een, twee"}, {"y", "a;b"}});
  CHECK(t->rows[1][1].loc == core::SourceLoc{"a.csv", 3, 3});
}

TEST_CASE("csv: cells know their line and column, in code points") {
  core::Diagnostics diags;
  const auto t = load::parse_csv("a.csv", "id,text\n\"é\",b\n\"multi\nline\",c\nd,e", diags);
  REQUIRE(t);
  CHECK(t->rows[0][1].loc == core::SourceLoc{"a.csv", 2, 5});
  CHECK(t->rows[1][1].loc == core::SourceLoc{"a.csv", 4, 7});
  CHECK(t->rows[2][1].loc == core::SourceLoc{"a.csv", 5, 3});
}

TEST_CASE("csv: malformed quotes and bad encodings are errors at their place") {
  core::Diagnostics diags;
  CHECK_FALSE(load::parse_csv("a.csv", "id,text\nx,\"open \"quote\" here\"\n", diags));
  CHECK(test::mentions(diags, "a.csv:2:10: error: malformed CSV"));
  core::Diagnostics unterminated;
  CHECK_FALSE(load::parse_csv("b.csv", "id,text\nx,\"never closed\n", unterminated));
  CHECK(test::mentions(unterminated, "b.csv:2:3: error: malformed CSV: a quoted field is not closed"));
  core::Diagnostics latin1;
  CHECK_FALSE(load::parse_csv("c.csv", "id,text\nx,caf\xE9\n", latin1));
  CHECK(test::mentions(latin1, "c.csv:2:6: error: not UTF-8"));
}

TEST_CASE("csv: columns by header name, and unknown, missing and ragged rows reported") {
  core::Diagnostics diags;
  const auto t = load::parse_csv("v.csv", "Activity ; ITEM;stemmen\nx;y;3\n", diags);
  REQUIRE(t);
  const load::CsvColumns cols(*t, "v.csv", {"activity", "item", "votes"}, {}, diags);
  CHECK_FALSE(cols.ok());
  CHECK(test::mentions(diags, "v.csv:1:17: error: unknown column \"stemmen\""));
  CHECK(test::mentions(diags, "v.csv:1:1: error: missing column \"votes\""));
  core::Diagnostics rows;
  const auto r = load::parse_csv("r.csv", "a,b\n1,2,3\n4\n", rows);
  REQUIRE(r);
  const load::CsvColumns c2(*r, "r.csv", {"a", "b"}, {}, rows);
  CHECK(c2.ok());
  CHECK_FALSE(c2.row_ok(r->rows[0], rows));
  CHECK_FALSE(c2.row_ok(r->rows[1], rows));
  CHECK(test::mentions(rows, "r.csv:2:5: error: this row has 3 fields"));
  CHECK(test::mentions(rows, "r.csv:3:1: error: this row has 1 fields"));
}

TEST_CASE("csv: workshop spreadsheets merge into the workshop, errors at row and column") {
  test::TempDir dir;
  test::copy_fixture("good/minimal", dir / "c");
  const auto w = dir / "c/data/workshops/sessie";
  auto json = test::read_file(dir / "c/data/workshops/sessie.json");
  const std::string results = R"("results": [ { "item": "privacy", "votes": 3 }, { "item": "m-b1", "votes": 5 } ])";
  REQUIRE(json.find(results) != std::string::npos);
  json.replace(json.find(results), results.size(), R"("results": [])");
  test::write_file(dir / "c/data/workshops/sessie.json", json);
  test::write_file(w / "votes.csv", "activity;item;votes\r\nstemronde;onbekend;2\r\nstemronde;x;veel\r\n");
  test::write_file(w / "aspects.csv", "cluster,id,text\ngeen-cluster,a1,Tekst\n");
  test::write_file(w / "notities.txt", "x");
  core::Diagnostics diags;
  auto content = load::load_content(dir / "c", diags);
  REQUIRE(content);
  model::validate(*content, diags);
  const auto shown = (dir / "c/data/workshops/sessie").string();
  INFO(test::all(diags));
  CHECK(test::mentions(diags, shown + "/votes.csv:3:13: error: \"votes\" must be a whole number"));
  CHECK(test::mentions(diags, shown + "/votes.csv:2:11: error:"));  // the unknown item
  CHECK(test::mentions(diags, shown + "/aspects.csv:2:1: error: unknown cluster \"geen-cluster\""));
  CHECK(test::mentions(diags, shown + "/notities.txt: warning: not a workshop spreadsheet"));
}

TEST_CASE("csv: votes in the JSON file and in votes.csv for one activity are an error") {
  test::TempDir dir;
  test::copy_fixture("good/minimal", dir / "c");
  test::write_file(dir / "c/data/workshops/sessie/votes.csv", "activity,item,votes\nstemronde,privacy,1\n");
  core::Diagnostics diags;
  load::load_content(dir / "c", diags);
  CHECK(test::mentions(diags, "votes.csv:2:1: error: activity \"stemronde\" already has results"));
}

TEST_CASE("csv: a row's cluster or perspective is the workshop's own, or a new one from its label") {
  test::TempDir dir;
  test::copy_fixture("good/minimal", dir / "c");
  const auto w = dir / "c/data/workshops/sessie";
  test::write_file(w / "aspects.csv",
                   "cluster,id,text,cluster_label\n"
                   "ethiek,a1,Bij ethiek,\n"
                   "zorg,a2,Nieuw,Zorg op maat\n"
                   "zorg,a3,Ook nieuw,\n"
                   "m-b1,a4,Botst,Een item\n"
                   "los,a5,Zonder label,\n");
  test::write_file(w / "perspectives.csv",
                   "perspective,kind,id,text,perspective_label\n"
                   "maatschappij,kans,p1,Kans,\n"
                   "burgers,belemmering,p2,Drempel,Burgers\n"
                   "vreemd,kans,p3,X,\n");
  core::Diagnostics diags;
  const auto content = load::load_content(dir / "c", diags);
  REQUIRE(content);
  const auto& ws = content->versions.front().data.workshops.front();
  const auto shown = (dir / "c/data/workshops/sessie").string();
  INFO(test::all(diags));
  REQUIRE(ws.clusters.size() == 2);
  CHECK(ws.clusters[0].aspects.size() == 2);
  CHECK(ws.clusters[1].id == "zorg");
  CHECK(ws.clusters[1].label == "Zorg op maat");
  CHECK(ws.clusters[1].aspects.size() == 2);
  REQUIRE(ws.perspectives.size() == 2);
  CHECK(ws.perspectives[0].opportunities.size() == 2);
  CHECK(ws.perspectives[1].label == "Burgers");
  CHECK(ws.perspectives[1].barriers.size() == 1);
  CHECK(test::mentions(diags, shown + "/aspects.csv:5:1: error: item id \"m-b1\" is used twice in this workshop"));
  CHECK(test::mentions(diags, shown + "/aspects.csv:6:1: error: unknown cluster \"los\": add it to \"clusters\" in sessie.json or give its cluster_label"));
  CHECK(test::mentions(diags, shown + "/perspectives.csv:4:1: error: unknown perspective \"vreemd\": add it to \"perspectives\" in sessie.json or give its perspective_label"));
  CHECK(diags.error_count() == 3);
}

TEST_CASE("csv: the answers of a question round come from questions.csv") {
  test::TempDir dir;
  test::copy_fixture("good/minimal", dir / "c");
  const auto file = dir / "c/data/workshops/sessie.json";
  auto json = test::read_file(file);
  const std::string last = R"({ "item": "m-b1", "votes": 5 } ] })";
  REQUIRE(json.find(last) != std::string::npos);
  json.insert(json.find(last) + last.size(),
              R"(,
    { "id": "kennisvragen", "kind": "questions", "title": "Kennisvragen", "part": "stemmen" })");
  test::write_file(file, json);
  test::write_file(dir / "c/data/workshops/sessie/questions.csv",
                   "activity;text;perspective\n"
                   "kennisvragen;\"Wat werkt; en voor wie?\";maatschappij\n"
                   "kennisvragen;Wie betaalt?;\n");
  core::Diagnostics diags;
  const auto content = load::load_content(dir / "c", diags);
  REQUIRE(content);
  model::validate(*content, diags);
  INFO(test::all(diags));
  CHECK(test::all(diags).empty());
  const auto& ws = content->versions.front().data.workshops.front();
  REQUIRE(ws.activities.size() == 2);
  const auto& answers = ws.activities[1].answers;
  REQUIRE(answers.size() == 2);
  CHECK(answers[0].text == "Wat werkt; en voor wie?");
  REQUIRE(answers[0].perspective);
  CHECK(answers[0].perspective->id == "maatschappij");
  CHECK(answers[1].text == "Wie betaalt?");
  CHECK_FALSE(answers[1].perspective);

  // Its mistakes at their row and column: a vote round, an unknown
  // perspective, an empty answer.
  test::write_file(dir / "c/data/workshops/sessie/questions.csv",
                   "activity,text,perspective\n"
                   "stemronde,Een vraag,\n"
                   "kennisvragen,Nog een,burgers\n"
                   "kennisvragen,,\n");
  core::Diagnostics bad;
  const auto again = load::load_content(dir / "c", bad);
  REQUIRE(again);
  model::validate(*again, bad);
  const auto shown = (dir / "c/data/workshops/sessie").string();
  INFO(test::all(bad));
  CHECK(test::mentions(bad, shown + "/questions.csv:2:1: error: \"stemronde\" is not a question round"));
  CHECK(test::mentions(bad, shown + "/questions.csv:3:22: error: unknown perspective \"burgers\""));
  CHECK(test::mentions(bad, shown + "/questions.csv:4:14: error: empty \"text\""));
  CHECK(test::all(bad).find("ignored") == std::string::npos);
}
