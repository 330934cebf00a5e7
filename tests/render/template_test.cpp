// render::render_template: Mustache variables, sections and escaping on
// hand-made templates, shared data, and the errors of a missing or broken
// template.
#include <doctest/doctest.h>

#include "render/render.hpp"
#include "support/fixtures.hpp"
#include "support/support.hpp"

using namespace visie;
using nlohmann::json;

namespace {

/// A template set of one file, `name`, with `text`.
model::Templates one_template(const std::string& name, const std::string& text) {
  model::Templates t;
  t.files[name] = {text, "embedded:" + name};
  return t;
}

/// `text` rendered with `data`; fails the test on any diagnostic.
std::string rendered(const std::string& text, const json& data) {
  const auto templates = one_template("t.html", text);
  core::Diagnostics diags;
  auto out = render::render_template(templates, "t.html", data, diags);
  CHECK_MESSAGE(diags.all().empty(), test::all(diags));
  return out;
}

}  // namespace

TEST_CASE("render_template: variables, nested names and numbers") {
  CHECK(rendered("Hallo {{naam}}, {{project.title}} ({{jaar}}, {{deel}}).",
               {{"naam", "Piet"}, {"project", {{"title", "Visie"}}}, {"jaar", 2019}, {"deel", 0.5}}) ==
        "Hallo Piet, Visie (2019, 0.5).");
  // A name the data lacks renders as nothing.
  CHECK(rendered("[{{onbekend}}]", json::object()) == "[]");
}

TEST_CASE("render_template: {{x}} escapes HTML, {{{x}}} and {{&x}} do not") {
  const json data{{"x", "<b>\"Zorg\" & 'regie'</b>"}};
  CHECK(rendered("{{x}}", data) == "&lt;b&gt;&quot;Zorg&quot; &amp; &apos;regie&apos;&lt;/b&gt;");
  CHECK(rendered("{{{x}}}|{{&x}}", data) == "<b>\"Zorg\" & 'regie'</b>|<b>\"Zorg\" & 'regie'</b>");
}

TEST_CASE("render_template: sections repeat over lists, test values, and invert") {
  const json data{{"items", json::array({{{"t", "een"}}, {{"t", "twee"}}})},
                  {"ja", true},
                  {"nee", false},
                  {"leeg", ""},
                  {"geen", json::array()},
                  {"sub", {{"t", "binnen"}}}};
  CHECK(rendered("{{#items}}<li>{{t}}</li>{{/items}}", data) == "<li>een</li><li>twee</li>");
  CHECK(rendered("{{#ja}}J{{/ja}}{{#nee}}N{{/nee}}{{^nee}}niet-N{{/nee}}", data) == "Jniet-N");
  // An empty text and an empty list are false, as in JavaScript Mustache.
  CHECK(rendered("{{#leeg}}<p>{{leeg}}</p>{{/leeg}}{{^leeg}}-{{/leeg}}", data) == "-");
  CHECK(rendered("{{#geen}}x{{/geen}}{{^geen}}geen{{/geen}}", data) == "geen");
  // An object opens its names.
  CHECK(rendered("{{#sub}}{{t}}{{/sub}}", data) == "binnen");
}

TEST_CASE("render_template: data in front of shared data, as if merged") {
  const auto templates = one_template("t.html", "{{taal}} {{titel}} {{#lijst}}{{.}}{{/lijst}}");
  const render::SharedData shared(json{{"taal", "nl"}, {"titel", "Gedeeld"}, {"lijst", {"a", "b"}}});
  core::Diagnostics diags;
  CHECK(render::render_template(templates, "t.html", shared, json{{"titel", "Eigen"}}, diags) ==
        "nl Eigen ab");
  CHECK(render::render_template(templates, "t.html", shared, json::object(), diags) == "nl Gedeeld ab");
  CHECK(diags.all().empty());
}

TEST_CASE("render_template: a missing or broken template is an error, and renders nothing") {
  core::Diagnostics diags;
  const auto templates = one_template("kapot.html", "{{#open}}niet gesloten");
  CHECK(render::render_template(templates, "nergens.html", json::object(), diags).empty());
  CHECK(render::render_template(templates, "kapot.html", json{{"open", true}}, diags).empty());
  REQUIRE(diags.error_count() == 2);
  CHECK(core::format(diags.all()[0]) == "templates/nergens.html: error: template not found");
  CHECK(core::format(diags.all()[1]).starts_with("embedded:kapot.html: error: invalid template: "));
  // The same call with a template of the default set renders it.
  core::Diagnostics none;
  CHECK_FALSE(render::render_template(test::default_templates(), "layouts/page.html", json::object(), none)
                  .empty());
  CHECK(none.all().empty());
}
