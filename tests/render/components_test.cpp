#include <doctest/doctest.h>

#include "load/load.hpp"
#include "render/render.hpp"
#include "support.hpp"

using namespace visie;
namespace fs = std::filesystem;

namespace {

/// The minimal fixture plus the default templates, and a way to render one
/// chapter body against them.
struct Fixture {
  core::Diagnostics load_diags;
  model::Templates templates = load::load_templates(std::nullopt, load_diags);
  model::Content content = *load::load_content(fs::path(VISIE_FIXTURES) / "good/minimal", load_diags);
  nlohmann::json strings = render::ui_strings(templates, "nl", load_diags);

  render::RenderedChapter render(const std::string& body, core::Diagnostics& diags) {
    model::Chapter chapter;
    chapter.id = "t";
    chapter.title = "T";
    chapter.body = body;
    chapter.body_line = 5;  // as if after four lines of front matter
    chapter.loc = {"t.md", 1, 1};
    const render::Context ctx{content.project, content.versions[0], content.versions, templates,
                              strings};
    return render::render_chapter(ctx, chapter, 1, diags);
  }
};

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("placeholders take the project's and version's values, escaped") {
  Fixture f;
  f.content.project.title = "Visie <op> zorg";
  core::Diagnostics diags;
  const auto out = f.render("Dit is {{ version.label }} van {{project.title}}.\n", diags);
  CHECK(test::all(diags).empty());
  CHECK(contains(out.html, "Dit is Concept 1 van Visie &lt;op&gt; zorg."));
}

TEST_CASE("an unknown placeholder is an error at its line and column in the file") {
  Fixture f;
  core::Diagnostics diags;
  f.render("Regel een.\n\nHier {{project.titel}} staat.\n", diags);
  CHECK(test::mentions(diags, "t.md:7:6: error: unknown placeholder \"{{project.titel}}\""));
}

TEST_CASE("unknown directives, options and ids are reported at the fence or option line") {
  Fixture f;
  core::Diagnostics diags;
  f.render("```visie grafiek\n```\n\n```visie model\nid: onbekend\nkleur: rood\n```\n\n"
           "```visie votes\nworkshop: sessie\n```\n\n```visie definitions\nsort: kleur\n```\n",
           diags);
  const auto out = test::all(diags);
  INFO(out);
  CHECK(contains(out, "t.md:5:1: error: unknown directive \"grafiek\""));
  CHECK(contains(out, "t.md:10:1: error: unknown option \"kleur\" for directive \"model\""));
  CHECK(contains(out, "t.md:13:1: error: directive \"votes\" needs option \"activity\""));
  CHECK(contains(out, "t.md:18:1: error: option \"sort\" must be one of year, source"));
  CHECK(diags.error_count() == 4);
}

TEST_CASE("a dangling model id is reported at its option") {
  Fixture f;
  core::Diagnostics diags;
  f.render("```visie model\nid: onbekend\n```\n", diags);
  CHECK(test::all(diags) ==
        "t.md:6:1: error: unknown model \"onbekend\" (no data/models/onbekend.json in this "
        "version)\n");
}

TEST_CASE("votes are ranked, and an activity without results says so instead of inventing any") {
  Fixture f;
  core::Diagnostics diags;
  const auto ranked = f.render("```visie votes\nworkshop: sessie\nactivity: stemronde\n```\n", diags);
  CHECK(test::all(diags).empty());
  const auto five = ranked.html.find("Geen verdienmodel");
  const auto three = ranked.html.find("Privacy");
  CHECK(five < three);
  f.content.versions[0].data.workshops[0].activities[0].votes.clear();
  const auto empty = f.render("```visie votes\nworkshop: sessie\nactivity: stemronde\n```\n", diags);
  CHECK(contains(empty.html, "Er zijn geen stemmen vastgelegd."));
  CHECK_FALSE(contains(empty.html, "<table>"));
}

TEST_CASE("definitions sort by year and filter by kind, data is HTML-escaped") {
  Fixture f;
  f.content.versions[0].data.definitions[0].text = "<b>vet</b> & meer";
  core::Diagnostics diags;
  const auto by_year = f.render("```visie definitions\nsort: year\n```\n", diags);
  CHECK(by_year.html.find("def-eerder") < by_year.html.find("def-later"));
  CHECK(contains(by_year.html, "&lt;b&gt;vet&lt;/b&gt; &amp; meer"));
  const auto policy = f.render("```visie definitions\nkind: policy\n```\n", diags);
  CHECK(contains(policy.html, "def-later"));
  CHECK_FALSE(contains(policy.html, "def-eerder"));
  CHECK(test::all(diags).empty());
}

TEST_CASE("a model shows its parts, percentages and source") {
  Fixture f;
  auto& part = f.content.versions[0].data.models[0].parts[0];
  part.percent = model::Percent{std::nullopt, 70.0, 80.0};
  core::Diagnostics diags;
  const auto out = f.render("```visie model\nid: ringen\n```\n", diags);
  CHECK(contains(out.html, "<span class=\"label\">Ring 1</span>"));
  CHECK(contains(out.html, "70–80 %"));
  CHECK(contains(out.html, "Jansen et al. 2002"));
}
