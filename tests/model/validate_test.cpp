#include <doctest/doctest.h>

#include "model/model.hpp"
#include "support/fixtures.hpp"
#include "support/support.hpp"

using namespace visie;

TEST_CASE("the minimal fixture has no dangling references") {
  core::Diagnostics diags;
  model::validate(test::fixture_content(), diags);
  CHECK(test::all(diags).empty());
}

TEST_CASE("unknown citation keys are reported where they are written") {
  auto content = test::fixture_content();
  auto& def = content.versions[0].data.definitions[0];
  def.source = {"onbekend", {"definitions.json", 4, 17}};
  core::Diagnostics diags;
  model::validate(content, diags);
  CHECK(test::all(diags) ==
        "definitions.json:4:17: error: unknown citation key \"onbekend\": add it to "
        "data/references.json\n");
}

TEST_CASE("votes, programme parts and version workshops must exist") {
  auto content = test::fixture_content();
  auto& v = content.versions[0];
  v.data.workshops[0].activities[0].votes[0].item = {"niets", {"w.json", 9, 3}};
  v.data.workshops[0].activities[0].part = {"geen-deel", {"w.json", 5, 3}};
  v.version.workshops[0] = {"andere", {"versions.json", 3, 20}};
  core::Diagnostics diags;
  model::validate(content, diags);
  CHECK(diags.error_count() == 3);
  CHECK(test::mentions(diags, "w.json:9:3: error: vote for unknown item \"niets\""));
  CHECK(test::mentions(diags, "w.json:5:3: error: unknown programme part \"geen-deel\""));
  CHECK(test::mentions(diags, "versions.json:3:20: error: unknown workshop \"andere\""));
}

TEST_CASE("model roles must fit the model's kind") {
  auto content = test::fixture_content();
  auto& m = content.versions[0].data.models[0];
  m.parts[1].role = "roof";
  m.parts.push_back(m.parts[0]);  // a second core
  core::Diagnostics diags;
  model::validate(content, diags);
  CHECK(test::mentions(diags, "role \"roof\" does not exist in a \"rings\" model"));
  CHECK(test::mentions(diags, "a \"rings\" model has only one \"core\""));
}

TEST_CASE("chapter order and ids are unique within a version") {
  auto content = test::fixture_content();
  auto& chapters = content.versions[0].chapters;
  chapters[1].order = chapters[0].order;
  chapters[1].id = chapters[0].id;
  core::Diagnostics diags;
  model::validate(content, diags);
  CHECK(test::mentions(diags, "order 1 is also used by"));
  CHECK(test::mentions(diags, "chapter id \"inleiding\" is also used by"));
}

TEST_CASE("working definitions name known versions up to their own, and declared elements") {
  auto content = test::fixture_content();
  auto& v = content.versions[0];
  v.data.elements_declared = true;
  v.data.elements = {{"regie", "Eigen regie", {}}};
  v.data.definitions[0].elements = {{"regie", {"definitions.json", 9, 20}},
                                    {"leefstijl", {"definitions.json", 9, 29}}};
  model::WorkingDefinition own;
  own.version = {v.version.id, {"wd.json", 3, 18}};
  own.text = "Eigen woorden.";
  own.elements = {{"regie", {"wd.json", 5, 20}}};
  model::WorkingDefinition later;
  later.version = {"later", {"wd.json", 8, 18}};
  later.definition = model::Ref{"onbekend", {"wd.json", 9, 21}};
  model::WorkingDefinition empty;
  empty.version = {v.version.id, {"wd.json", 12, 18}};
  empty.loc = {"wd.json", 11, 5};
  v.data.working_definitions = {own, later, empty};
  core::Diagnostics diags;
  model::validate(content, diags);
  CHECK(test::all(diags) ==
        "definitions.json:9:29: error: unknown element \"leefstijl\" (declared in "
        "definitions.json: regie)\n"
        "wd.json:8:18: error: unknown version \"later\" (not in versions.json)\n"
        "wd.json:9:21: error: unknown definition \"onbekend\" (not in data/definitions.json)\n"
        "wd.json:12:18: error: version \"" + v.version.id + "\" has two working definitions\n"
        "wd.json:11:5: error: a working definition needs \"definition\" (one of the inventory) or "
        "\"text\" (the team's own wording)\n");
}

TEST_CASE("chapter ids of the pages visie writes itself are reserved") {
  auto content = test::fixture_content();
  auto& c = content.versions[0].chapters[0];
  c.id = "literatuur";
  c.id_loc = {"01.md", 3, 5};
  core::Diagnostics diags;
  model::validate(content, diags);
  CHECK(test::all(diags) ==
        "01.md:3:5: error: chapter id \"literatuur\" is reserved for the version's reference list "
        "(literatuur.html)\n");
}

TEST_CASE("comments are on chapters the version has, each with its own id") {
  auto content = test::fixture_content();
  auto& v = content.versions[0];
  model::ReviewComment c;
  c.id = "c-0123456789abcdef";
  c.loc = {"reviews/concept-1/inleiding.json", 6, 5};
  auto twice = c;
  twice.loc = {"reviews/concept-1/inleiding.json", 9, 5};
  v.reviews.push_back({{"inleiding", {"reviews/concept-1/inleiding.json", 3, 14}}, false, {c, twice}, {}});
  v.reviews.push_back({{"slot", {"reviews/concept-1/slot.json", 3, 14}}, false, {}, {}});
  core::Diagnostics diags;
  model::validate(content, diags);
  CHECK(test::all(diags) ==
        "reviews/concept-1/inleiding.json:9:5: error: comment id \"c-0123456789abcdef\" is also "
        "used at reviews/concept-1/inleiding.json:6\n"
        "reviews/concept-1/slot.json:3:14: error: version \"concept-1\" has no chapter \"slot\" to "
        "comment on\n");
}

TEST_CASE("an unknown citation key or workshop names the nearest known one") {
  auto content = test::fixture_content();
  auto& v = content.versions[0];
  v.data.definitions[0].source = {"bron2020", {"definitions.json", 4, 17}};
  v.version.workshops[0] = {"sesie", {"versions.json", 3, 20}};
  core::Diagnostics diags;
  model::validate(content, diags);
  CHECK(test::mentions(diags, "definitions.json:4:17: error: unknown citation key \"bron2020\" (did "
                              "you mean \"bron2002\"?): add it to data/references.json"));
  CHECK(test::mentions(diags, "versions.json:3:20: error: unknown workshop \"sesie\" (did you mean "
                              "\"sessie\"?) (no data/workshops/sesie.json in this version)"));
}

TEST_CASE("a vote on a kind of item outside the round's targets is an error at the vote") {
  auto content = test::fixture_content();
  auto& a = content.versions[0].data.workshops[0].activities[0];
  // The round votes on aspects and barriers; "maatschappij" has opportunity
  // "m-k1", which the round does not target.
  REQUIRE(a.targets == std::vector<std::string>{"aspects", "barriers"});
  a.votes[0].item = {"m-k1", {"w.json", 19, 22}};
  core::Diagnostics diags;
  model::validate(content, diags);
  CHECK(test::all(diags) ==
        "w.json:19:22: error: vote for \"m-k1\", one of the opportunities, but round "
        "\"stemronde\" votes on aspects, barriers: add \"opportunities\" to its \"targets\"\n");
}
