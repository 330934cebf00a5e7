// The vocabularies of model/vocab.hpp are the one home of their words: the
// JSON Schemas (which cannot include C++), the UI strings and the review
// page's script must say the same.

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "model/model.hpp"
// dispositions.hpp is private to publish/: this test proves its internals.
#define VISIE_STAGE_PUBLISH
#include "publish/detail/dispositions.hpp"
#include "render/inline.hpp"
#include "support/support.hpp"

using namespace visie;
using nlohmann::json;

namespace {

namespace fs = std::filesystem;

json read_json(const std::string& rel) {
  const auto path = fs::path(VISIE_SOURCE_DIR) / rel;
  REQUIRE_MESSAGE(fs::exists(path), path.string());
  return json::parse(test::read_file(path));
}

std::vector<std::string> strings_of(const json& array) {
  std::vector<std::string> out;
  for (const auto& v : array) out.push_back(v.get<std::string>());
  return out;
}

std::vector<std::string> names_of(const auto& table) {
  std::vector<std::string> out;
  for (const auto& w : table) out.emplace_back(w.name);
  return out;
}

std::vector<std::string> strings_of(std::span<const std::string_view> words) {
  return {words.begin(), words.end()};
}

/// The rows hold every enum value once, in the enum's order, so that no
/// value lacks a name.
template <class Table>
void check_complete(const Table& table) {
  int i = 0;
  std::set<std::string_view> names;
  for (const auto& w : table) {
    CHECK_MESSAGE(static_cast<int>(w.value) == i, w.name);
    CHECK_MESSAGE(names.insert(w.name).second, w.name);
    ++i;
  }
}

}  // namespace

TEST_CASE("vocab: every table names each enum value once, in order") {
  check_complete(model::statuses);
  check_complete(model::source_kinds);
  check_complete(model::model_kinds);
  check_complete(model::review_roles);
  check_complete(model::dispositions);
  check_complete(model::reserved_pages);
  check_complete(model::citation_styles);
  CHECK(model::parse(model::dispositions, "not-accepted") == model::Disposition::not_accepted);
  CHECK_FALSE(model::parse(model::dispositions, "rejected").has_value());
  CHECK(model::to_string(model::SourceKind::patient_organisation) == "patient-organisation");
  CHECK(model::label_key(model::Status::concept_) == "status_concept");
}

TEST_CASE("vocab: the JSON Schemas' enums equal the tables") {
  const auto versions = read_json("schemas/versions.schema.json");
  CHECK(strings_of(versions["properties"]["versions"]["items"]["properties"]["status"]["enum"]) ==
        names_of(model::statuses));

  const auto definitions = read_json("schemas/definitions.schema.json");
  CHECK(strings_of(
            definitions["properties"]["definitions"]["items"]["properties"]["kind"]["enum"]) ==
        names_of(model::source_kinds));

  const auto review = read_json("schemas/review.schema.json");
  const auto& comment = review["properties"]["comments"]["items"]["properties"];
  CHECK(strings_of(comment["role"]["enum"]) == names_of(model::review_roles));
  CHECK(strings_of(comment["disposition"]["enum"]) == names_of(model::dispositions));

  // Model kinds: the enum, and per kind its roles and whether a part needs
  // a percent (an `if kind = …, then …` entry of allOf).
  const auto models = read_json("schemas/model.schema.json");
  auto kinds = strings_of(models["properties"]["kind"]["enum"]);
  auto expected = names_of(model::model_kinds);
  std::sort(kinds.begin(), kinds.end());
  std::sort(expected.begin(), expected.end());
  CHECK(kinds == expected);
  std::set<std::string> with_rules;
  for (const auto& rule : models["allOf"]) {
    const auto kind = rule["if"]["properties"]["kind"]["const"].get<std::string>();
    const auto* row = model::find_word(model::model_kinds, kind);
    REQUIRE_MESSAGE(row != nullptr, kind);
    const auto& items = rule["then"]["properties"]["parts"]["items"];
    CHECK_MESSAGE(strings_of(items["properties"]["role"]["enum"]) == strings_of(row->roles), kind);
    const bool needs_percent = items.contains("required") &&
                               std::find(items["required"].begin(), items["required"].end(),
                                         "percent") != items["required"].end();
    CHECK_MESSAGE(needs_percent == row->needs_percent, kind);
    with_rules.insert(kind);
  }
  for (const auto& row : model::model_kinds) {
    CHECK_MESSAGE(with_rules.contains(std::string(row.name)) == !row.roles.empty(), row.name);
  }
  // References: the CSL types and variables, and the citation styles.
  const auto project = read_json("schemas/project.schema.json");
  CHECK(strings_of(project["properties"]["citation-style"]["enum"]) ==
        names_of(model::citation_styles));
  const auto references = read_json("schemas/references.schema.json");
  const auto& item = references["items"]["properties"];
  CHECK(strings_of(item["type"]["enum"]) == names_of(model::csl_types));
  std::vector<std::string> variables;
  for (const auto& [key, value] : item.items()) {
    if (key != "id" && key != "type") variables.push_back(key);
  }
  std::vector<std::string> known;
  for (const auto table : {std::span<const model::CslWord>(model::csl_name_variables),
                           std::span<const model::CslWord>(model::csl_date_variables),
                           std::span<const model::CslWord>(model::csl_text_variables)}) {
    for (const auto& w : table) known.emplace_back(w.name);
  }
  std::sort(variables.begin(), variables.end());
  std::sort(known.begin(), known.end());
  CHECK(variables == known);
}

TEST_CASE("vocab: every label key is a UI string of every language") {
  for (const auto* language : {"en", "nl"}) {
    const auto strings = read_json(std::string("templates/i18n/") + language + ".json");
    const auto check = [&](const auto& table) {
      for (const auto& w : table) {
        if (w.label_key.empty()) continue;
        CHECK_MESSAGE(strings.contains(std::string(w.label_key)),
                      language << ": " << w.label_key);
      }
    };
    check(model::statuses);
    check(model::source_kinds);
    check(model::model_kinds);
    check(model::review_roles);
    check(model::dispositions);
    check(model::reserved_pages);
  }
}

TEST_CASE("vocab: the review page offers the roles of the table") {
  std::string list;
  for (const auto& w : model::review_roles) {
    list += (list.empty() ? "'" : ", '") + std::string(w.name) + "'";
  }
  const auto script = test::read_file(fs::path(VISIE_SOURCE_DIR) / "templates/assets/review.js");
  CHECK_MESSAGE(script.find("var ROLES = [" + list + "];") != std::string::npos, list);
}

TEST_CASE("vocab: the pages render and publish write are the reserved ones") {
  const auto file = [](model::Page p) { return std::string(model::to_string(p)) + ".html"; };
  CHECK(file(model::Page::glossary) == render::glossary_page);
  CHECK(file(model::Page::references) == render::references_page);
  CHECK(file(model::Page::comments) == publish::dispositions_page);
}
