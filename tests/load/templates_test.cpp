// The template set: embedded defaults, overrides, and the UI strings the
// loader parses from i18n/<language>.json.

#include <doctest/doctest.h>

#include "load/load.hpp"
#include "support/support.hpp"

using namespace visie;

TEST_CASE("templates: the embedded UI strings are parsed by the loader, without a finding") {
  core::Diagnostics diags;
  const auto templates = load::load_templates(std::nullopt, diags);
  CHECK_MESSAGE(diags.all().empty(), test::all(diags));
  REQUIRE(templates.ui_strings.contains("nl"));
  REQUIRE(templates.ui_strings.contains("en"));
  CHECK(templates.ui_strings.at("nl").at("no_date") == "z.d.");
  CHECK(templates.ui_strings.at("en").at("no_date") == "n.d.");
}

TEST_CASE("templates: an overridden UI strings file is reported at line and column") {
  // Before, the strings were parsed when a page was rendered, with no
  // location (file:0:0), and a text that was not a string went unreported.
  test::TempDir dir;
  test::write_file(dir / "i18n/nl.json", "{\n  \"contents\": \"Inhoud\",\n  \"no_date\": 3\n}\n");
  test::write_file(dir / "i18n/en.json", "{\n  \"contents\": \"Contents\",\n  \"x\": \n}\n");
  core::Diagnostics diags;
  const auto templates = load::load_templates(dir.path(), diags);
  INFO(test::all(diags));
  const auto nl = (dir / "i18n/nl.json").lexically_normal().generic_string();
  const auto en = (dir / "i18n/en.json").lexically_normal().generic_string();
  CHECK(test::mentions(diags, nl + ":3:14: error: UI string \"no_date\" must be a text"));
  CHECK(test::mentions(diags, en + ":4:1: error:"));
  // What is right is kept.
  CHECK(templates.ui_strings.at("nl").at("contents") == "Inhoud");
  CHECK_FALSE(templates.ui_strings.at("nl").contains("no_date"));
}

TEST_CASE("templates: UI strings must be an object") {
  test::TempDir dir;
  test::write_file(dir / "i18n/nl.json", "[\"Inhoud\"]\n");
  core::Diagnostics diags;
  load::load_templates(dir.path(), diags);
  const auto nl = (dir / "i18n/nl.json").lexically_normal().generic_string();
  CHECK_MESSAGE(test::mentions(diags, nl + ":1:1: error: UI strings must be a JSON object of texts"),
                test::all(diags));
}
