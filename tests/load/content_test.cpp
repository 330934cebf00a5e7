#include <doctest/doctest.h>

#include <functional>

#include <nlohmann/json.hpp>

#include "load/load.hpp"
#include "support/support.hpp"

using namespace visie;
namespace fs = std::filesystem;

TEST_CASE("the minimal fixture loads into the typed model") {
  core::Diagnostics diags;
  const auto content = load::load_content(fs::path(VISIE_FIXTURES) / "good/minimal", diags);
  REQUIRE(content);
  CHECK(test::all(diags).empty());
  CHECK(content->project.title == "Testvisie");
  REQUIRE(content->versions.size() == 1);
  const auto& v = content->versions[0];
  CHECK(v.version.id == "concept-1");
  CHECK(v.version.status == model::Status::concept_);
  REQUIRE(v.chapters.size() == 2);
  CHECK(v.chapters[0].id == "inleiding");
  CHECK(v.chapters[1].id == "sessie");
  CHECK(v.data.definitions.size() == 2);
  CHECK(v.data.references.size() == 2);
  CHECK(v.data.references[0].authors.size() == 3);
  CHECK(v.data.references[0].year == 2002);
  REQUIRE(v.data.workshops.size() == 1);
  CHECK(v.data.workshops[0].activities[0].votes.size() == 2);
  REQUIRE(v.data.models.size() == 1);
  CHECK(v.data.models[0].parts.size() == 2);
}

TEST_CASE("a frozen version is read from its snapshot folder") {
  test::TempDir dir;
  test::copy_fixture("good/minimal", dir / "c");
  fs::create_directories(dir / "c/versions/start");
  fs::copy(dir / "c/chapters", dir / "c/versions/start/chapters", fs::copy_options::recursive);
  fs::copy(dir / "c/data", dir / "c/versions/start/data", fs::copy_options::recursive);
  test::write_file(dir / "c/versions/start/chapters/01-inleiding.md",
                   "---\ntitle: Oude inleiding\norder: 1\n---\nOud.\n");
  test::write_file(dir / "c/versions.json", R"({"versions": [
    {"id": "start", "label": "Start", "period": "K1 2018", "status": "draft",
     "milestone": "m", "frozen": true},
    {"id": "concept-1", "label": "Concept 1", "period": "K3 2018", "status": "concept",
     "milestone": "m"}]})");
  core::Diagnostics diags;
  const auto content = load::load_content(dir / "c", diags);
  REQUIRE(content);
  CHECK(test::all(diags).empty());
  REQUIRE(content->versions.size() == 2);
  CHECK(content->versions[0].chapters[0].title == "Oude inleiding");
  CHECK(content->versions[1].chapters[0].title == "Inleiding");
}

TEST_CASE("every problem of a broken content folder is reported in one run") {
  core::Diagnostics diags;
  load::load_content(fs::path(VISIE_FIXTURES) / "bad/many-errors", diags);
  const auto out = test::all(diags);
  INFO(out);
  CHECK(out.find("visie.json:1:1: error: missing required field \"language\"") != std::string::npos);
  CHECK(out.find("versions.json:4:17: error: \"status\" must be one of") != std::string::npos);
  CHECK(out.find("definitions.json:3:14: error: invalid JSON") != std::string::npos);
  CHECK(out.find("01-kapot.md:3:8: error: \"order\" must be a whole number") != std::string::npos);
  CHECK(diags.error_count() >= 4);
}

TEST_CASE("a symbolic link that leaves the content folder is refused") {
  test::TempDir dir;
  test::copy_fixture("good/minimal", dir / "c");
  test::write_file(dir / "secret.md", "---\ntitle: Geheim\norder: 9\n---\nGeheim\n");
  fs::create_symlink(dir / "secret.md", dir / "c/chapters/09-link.md");
  core::Diagnostics diags;
  const auto content = load::load_content(dir / "c", diags);
  CHECK(test::mentions(diags, "refusing to read outside the content folder"));
  REQUIRE(content);
  // The fixture's two chapters, without the linked one.
  CHECK(content->versions[0].chapters.size() == 2);
  for (const auto& c : content->versions[0].chapters) CHECK(c.title != "Geheim");
}

TEST_CASE("a frozen version without snapshot and a second working draft are errors") {
  test::TempDir dir;
  test::copy_fixture("good/minimal", dir / "c");
  test::write_file(dir / "c/versions.json", R"({"versions": [
    {"id": "a", "label": "A", "period": "p", "status": "draft", "milestone": "m", "frozen": true},
    {"id": "b", "label": "B", "period": "p", "status": "draft", "milestone": "m"},
    {"id": "c", "label": "C", "period": "p", "status": "draft", "milestone": "m"}]})");
  core::Diagnostics diags;
  load::load_content(dir / "c", diags);
  CHECK(test::mentions(diags, "version \"a\" is frozen but its snapshot"));
  CHECK(test::mentions(diags, "only one version can be the working draft"));
}

TEST_CASE("each kind of data file reports its typical mistake precisely") {
  core::Diagnostics diags;
  load::load_content(fs::path(VISIE_FIXTURES) / "bad/schema", diags);
  const auto out = test::all(diags);
  INFO(out);
  const auto has = [&](const std::string& s) { return out.find(s) != std::string::npos; };
  CHECK(has("schema/visie.json:1:1: error: missing required field \"language\""));
  CHECK(has("schema/versions.json:3:65: error: \"status\" must be one of draft, start, concept, final; found \"klaar\""));
  CHECK(has("schema/data/definitions.json:3:5: error: missing required field \"source\""));
  CHECK(has("schema/data/definitions.json:3:70: error: \"kind\" must be one of research, policy, practice, patient-organisation"));
  CHECK(has("schema/data/terms.json:3:5: error: missing required field \"definition\""));
  CHECK(has("schema/data/terms.json:3:45: error: unknown field \"definitie\""));
  CHECK(has("schema/data/references.json:2:3: error: missing required field \"title\""));
  CHECK(has("schema/data/references.json:2:25: error: \"type\" must be one of"));
  CHECK(has("schema/data/workshops/ws.json:5:57: error: \"minutes\" must be an integer, found a string"));
  CHECK(has("schema/data/models/m.json:2:22: error: \"kind\" must be one of rings, house, pyramid"));
  CHECK(diags.error_count() == 10);
}

TEST_CASE("a definition's text may be empty (its wording is lost), but not missing") {
  test::TempDir dir;
  test::copy_fixture("good/minimal", dir / "c");
  const auto file = dir / "c/data/definitions.json";
  auto text = test::read_file(file);
  text.replace(text.find("\"Een latere definitie.\""), 23, "\"\"");
  test::write_file(file, text);
  core::Diagnostics diags;
  const auto content = load::load_content(dir / "c", diags);
  CHECK(test::all(diags).empty());
  REQUIRE(content);
  CHECK(content->versions[0].data.definitions[0].text.empty());

  text.replace(text.find("\"text\": \"\", "), 12, "");
  test::write_file(file, text);
  core::Diagnostics missing;
  load::load_content(dir / "c", missing);
  CHECK(test::mentions(missing, "definitions.json:3:5: error: missing required field \"text\""));
}

TEST_CASE("base_url is optional, gets its trailing slash, and must be an http(s) address") {
  test::TempDir dir;
  test::copy_fixture("good/minimal", dir / "c");
  const auto project = test::read_file(dir / "c/visie.json");
  const auto with = [&](const std::string& url) {
    auto text = project;
    text.insert(text.find('{') + 1, "\n  \"base_url\": \"" + url + "\",");
    test::write_file(dir / "c/visie.json", text);
  };
  {
    with("https://example.org/visie");
    core::Diagnostics diags;
    const auto content = load::load_content(dir / "c", diags);
    REQUIRE(content);
    CHECK(test::all(diags).empty());
    CHECK(content->project.base_url == "https://example.org/visie/");
  }
  {
    with("example.org/visie/");
    core::Diagnostics diags;
    load::load_content(dir / "c", diags);
    CHECK(test::mentions(diags, "visie.json:2:15: error: base_url must be an absolute http(s) address"));
  }
}

TEST_CASE("review comments are read per version and chapter, and their mistakes reported at their place") {
  test::TempDir dir;
  test::copy_fixture("good/minimal", dir / "c");
  test::write_file(dir / "c/reviews/concept-1/inleiding.json", R"({
  "version": "concept-1",
  "chapter": "inleiding",
  "example": true,
  "comments": [
    {"id": "c-0123456789abcdef", "block": "p-abc1234", "quote": "Tekst", "role": "client",
     "comment": "Helder.", "created": "2019-02-01T10:00:00Z", "disposition": "not-accepted",
     "response": "Dank."}
  ]
})");
  core::Diagnostics diags;
  auto content = load::load_content(dir / "c", diags);
  REQUIRE(content);
  INFO(test::all(diags));
  CHECK(diags.error_count() == 0);
  REQUIRE(content->versions[0].reviews.size() == 1);
  const auto& review = content->versions[0].reviews[0];
  CHECK(review.chapter.id == "inleiding");
  CHECK(review.example);
  REQUIRE(review.comments.size() == 1);
  CHECK(review.comments[0].disposition == model::Disposition::not_accepted);
  CHECK(review.comments[0].suggestion.empty());

  test::write_file(dir / "c/reviews/concept-1/sessie.json", R"({
  "version": "concept-9",
  "chapter": "inleiding",
  "comments": [
    {"id": "c-XYZ", "block": "p-abc1234", "role": "minister", "comment": "Hm.",
     "created": "1 februari 2019", "extra": 1}
  ]
})");
  test::write_file(dir / "c/reviews/concept-7/inleiding.json", "{}");
  core::Diagnostics bad;
  load::load_content(dir / "c", bad);
  const auto out = test::all(bad);
  INFO(out);
  const auto file = (dir / "c/reviews/concept-1/sessie.json").generic_string();
  CHECK(test::mentions(bad, file + ":2:14: error: version \"concept-9\" must equal the folder name"));
  CHECK(test::mentions(bad, file + ":3:14: error: chapter \"inleiding\" must equal the file name"));
  CHECK(test::mentions(bad, file + ":5:12: error: a comment id is"));
  CHECK(test::mentions(bad, file + ":5:51: error: \"role\" must be one of"));
  CHECK(test::mentions(bad, file + ":6:17: error: a time is UTC"));
  CHECK(test::mentions(bad, "unknown field \"extra\""));
  CHECK(test::mentions(bad, "reviews/concept-7: error: comments on a version that versions.json does not have"));
}

TEST_CASE("a review comment's time must exist: the loader checks the calendar as the export does") {
  // Before, the loader checked the shape only and built a page from
  // 30 February; `visie review export` rejected the same file.
  test::TempDir dir;
  test::copy_fixture("good/minimal", dir / "c");
  test::write_file(dir / "c/reviews/concept-1/inleiding.json", R"({
  "version": "concept-1",
  "chapter": "inleiding",
  "comments": [
    {"id": "c-0123456789abcdef", "block": "p-abc1234", "role": "client",
     "comment": "Helder.", "created": "2019-02-30T10:00:00Z"}
  ]
})");
  core::Diagnostics diags;
  load::load_content(dir / "c", diags);
  const auto file = (dir / "c/reviews/concept-1/inleiding.json").generic_string();
  CHECK_MESSAGE(test::mentions(diags, file + ":6:39: error: a time is UTC"), test::all(diags));
}

TEST_CASE("a workshop's fields the schema requires are required by the loader too") {
  test::TempDir dir;
  test::copy_fixture("good/minimal", dir / "c");
  const auto file = dir / "c/data/workshops/sessie.json";
  auto text = test::read_file(file);
  // The schema requires a programme part's "minutes", an activity's "part"
  // and a vote's "targets"; without them a part showed "0" minutes.
  const auto drop = [&](const std::string& s) {
    REQUIRE(text.find(s) != std::string::npos);
    text.erase(text.find(s), s.size());
  };
  drop(", \"minutes\": 15");
  drop(" \"part\": \"stemmen\",");
  drop("\n      \"targets\": [\"aspects\", \"barriers\"],");
  test::write_file(file, text);
  core::Diagnostics diags;
  load::load_content(dir / "c", diags);
  INFO(test::all(diags));
  CHECK(test::mentions(diags, "sessie.json:6:5: error: missing required field \"minutes\""));
  CHECK(test::mentions(diags, "sessie.json:18:5: error: missing required field \"part\""));
  CHECK(test::mentions(diags, "sessie.json:18:5: error: missing required field \"targets\""));
  CHECK(diags.error_count() == 3);
}

TEST_CASE("a definition names the concept it defines: a term, checked where it is written") {
  test::TempDir dir;
  test::copy_fixture("good/minimal", dir / "c");
  const auto file = dir / "c/data/definitions.json";
  auto text = test::read_file(file);
  text.replace(text.find("{ \"id\": \"later\", "), 17, "{ \"id\": \"later\", \"concept\": \"niets\", ");
  text.replace(text.find("{ \"id\": \"eerder\", "), 18,
               "{ \"id\": \"eerder\", \"concept\": \"zelfzorg\", ");
  test::write_file(file, text);
  core::Diagnostics diags;
  const auto content = load::load_content(dir / "c", diags);
  REQUIRE(content);
  model::validate(*content, diags);
  const auto& defs = content->versions[0].data.definitions;
  REQUIRE(defs[1].defines);
  CHECK(defs[1].defines->id == "zelfzorg");
  INFO(test::all(diags));
  CHECK(test::mentions(diags, "definitions.json:3:33: error: unknown concept \"niets\": use the id "
                              "of a term in data/terms.json"));
  CHECK(diags.error_count() == 1);
}

TEST_CASE("every field the workshop schema requires, the loader requires too") {
  using nlohmann::json;
  test::TempDir dir;
  test::copy_fixture("good/minimal", dir / "c");
  const auto file = dir / "c/data/workshops/sessie.json";
  const auto fixture = json::parse(test::read_file(file));
  const auto schema =
      json::parse(test::read_file(fs::path(VISIE_SOURCE_DIR) / "schemas/workshop.schema.json"));
  std::size_t tried = 0;
  // Walks the schema along the fixture: for each object the schema gives
  // required fields (also under an `if kind = …, then` rule that applies),
  // the fixture without that field must fail to load, naming it.
  std::function<void(const json&, const json::json_pointer&)> walk =
      [&](const json& rule, const json::json_pointer& at) {
        const auto& data = fixture.at(at);
        if (data.is_array() && rule.contains("items")) {
          if (!data.empty()) walk(rule["items"], at / 0);
          return;
        }
        if (!data.is_object()) return;
        std::vector<std::string> required;
        std::vector<const json*> rules{&rule};
        if (rule.contains("allOf")) {
          for (const auto& branch : rule["allOf"]) {
            const auto& kind = branch["if"]["properties"]["kind"]["const"];
            if (data.contains("kind") && data["kind"] == kind) rules.push_back(&branch["then"]);
          }
        }
        for (const auto* r : rules) {
          if (!r->contains("required")) continue;
          for (const auto& key : (*r)["required"]) required.push_back(key.get<std::string>());
        }
        for (const auto& key : required) {
          auto without = fixture;
          without.at(at).erase(key);
          test::write_file(file, without.dump(2));
          core::Diagnostics diags;
          load::load_content(dir / "c", diags);
          const auto found = at.to_string() + "/" + key + ": " + test::all(diags);
          INFO(found);
          CHECK(test::mentions(diags, "error: missing required field \"" + key + "\""));
          ++tried;
        }
        for (const auto* r : rules) {
          if (!r->contains("properties")) continue;
          for (const auto& [key, sub] : (*r)["properties"].items()) {
            if (data.contains(key)) walk(sub, at / key);
          }
        }
      };
  walk(schema, json::json_pointer());
  // id and title; programme parts, clusters, aspects, perspectives, their
  // items, activities, vote targets and results: all of them were tried.
  CHECK(tried >= 20);
}
