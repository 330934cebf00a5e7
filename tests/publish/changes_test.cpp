#include <doctest/doctest.h>

#include <algorithm>
#include <functional>

#include "publish/changes.hpp"
#include "support/fixtures.hpp"
#include "support/support.hpp"

using namespace visie;
using publish::BlockChange;

namespace {

/// `markdown_text` rendered as chapter `id` of the render fixture's version.
render::RenderedChapter chapter(const std::string& id, const std::string& markdown_text) {
  static const test::RenderFixture fixture;
  core::Diagnostics diags;
  auto c = fixture.render(test::chapter(id, markdown_text), 1, diags);
  CHECK_MESSAGE(diags.all().empty(), test::all(diags));
  return c;
}

std::vector<std::pair<BlockChange::Kind, std::string>> kinds(const publish::Changes& c) {
  std::vector<std::pair<BlockChange::Kind, std::string>> out;
  for (const auto& ch : c.chapters) {
    for (const auto& b : ch.blocks) out.emplace_back(b.kind, b.text);
  }
  return out;
}

}  // namespace

TEST_CASE("added, removed, moved and changed blocks of a known pair of versions") {
  model::VersionContent a;
  model::VersionContent b;
  const auto before = chapter(
      "h", "Een.\n\nTwee.\n\nWordt verwijderd.\n\nWordt gewijzigd hier.\n\nVerhuist.\n\nSlot.\n");
  const auto after = chapter(
      "h", "Verhuist.\n\nEen.\n\nTwee.\n\nWordt echt gewijzigd hier.\n\nNieuw.\n\nSlot.\n");
  const auto c = publish::compare_versions(a, {before}, b, {after});
  const auto k = kinds(c);
  using K = BlockChange::Kind;
  // "Verhuist." moved to the front; the rest in document order.
  CHECK(std::count(k.begin(), k.end(), std::make_pair(K::moved, std::string("Verhuist."))) == 1);
  CHECK(std::count(k.begin(), k.end(), std::make_pair(K::removed, std::string("Wordt verwijderd."))) == 1);
  CHECK(std::count(k.begin(), k.end(), std::make_pair(K::changed, std::string("Wordt echt gewijzigd hier."))) == 1);
  CHECK(std::count(k.begin(), k.end(), std::make_pair(K::added, std::string("Nieuw."))) == 1);
  CHECK(k.size() == 4);  // "Een.", "Twee." and "Slot." are unchanged
}

TEST_CASE("chapters added and removed are matched by id") {
  model::VersionContent a;
  model::VersionContent b;
  const auto c = publish::compare_versions(a, {chapter("oud", "X.\n"), chapter("blijft", "Y.\n")}, b,
                                           {chapter("blijft", "Y.\n"), chapter("nieuw", "Z.\n")});
  REQUIRE(c.chapters.size() == 2);
  CHECK(c.chapters[0].id == "nieuw");
  CHECK(c.chapters[0].kind == publish::ChapterChange::Kind::added);
  CHECK(c.chapters[1].id == "oud");
  CHECK(c.chapters[1].kind == publish::ChapterChange::Kind::removed);
}

TEST_CASE("word diff marks inserted and deleted words") {
  const auto w = publish::diff_words("zelfmanagement doe je alleen", "zelfmanagement doe je samen");
  std::string shown;
  for (const auto& x : w) {
    shown += x.op == publish::WordOp::Op::same ? x.word
             : x.op == publish::WordOp::Op::inserted ? "+" + x.word
                                                     : "-" + x.word;
    shown += ' ';
  }
  CHECK(shown == "zelfmanagement doe je -alleen +samen ");
}

TEST_CASE("data changes are told in the data's own terms") {
  model::VersionContent a;
  model::VersionContent b;
  a.data.definitions.push_back({"d1", "Oud.", "Lorig et al. 2003", {}, 2003, {}, {}, {}, {}});
  b.data.definitions.push_back({"d1", "Nieuw.", "Lorig et al. 2003", {}, 2003, {}, {}, {}, {}});
  b.data.definitions.push_back({"d2", "T.", "Barlow et al. 2002", {}, 2002, {}, {}, {}, {}});
  model::Workshop w;
  w.id = "ws";
  w.clusters = {{"ethiek", "Ethiek", {{"privacy", "Privacy", {}}}},
                {"doel", "Doel", {{"effect", "Effect", {}}}}};
  a.data.workshops.push_back(w);
  // "privacy" moves to "doel", "ethiek" gains two new aspects.
  w.clusters = {{"ethiek", "Ethiek", {{"nieuw-1", "N1", {}}, {"nieuw-2", "N2", {}}}},
                {"doel", "Doel", {{"effect", "Effect", {}}, {"privacy", "Privacy", {}}}}};
  model::Activity vote;
  vote.id = "stickers";
  a.data.workshops[0].activities.push_back(vote);
  vote.votes = {{{"effect", {}}, 2}, {{"privacy", {}}, 5}};
  w.activities.push_back(vote);
  b.data.workshops.push_back(w);
  model::Model m{"huis", model::ModelKind::house, "Huis", {}, "", {{"dak", "roof", "Dak", "", {}, "", {}, {}}}, {}};
  a.data.models.push_back(m);
  m.parts[0].label = "Het dak";
  b.data.models.push_back(m);

  const auto c = publish::compare_versions(a, {}, b, {});
  std::vector<std::string> texts;
  const nlohmann::json strings = {{"change_definition_changed", "definition {0} reworded"},
                                  {"change_definition_added", "definition {0} added"},
                                  {"change_aspect_moved", "aspect {0} moved from {1} to {2}"},
                                  {"change_cluster_gained", "cluster {0} gained {1} aspects"},
                                  {"change_rank_new", "{0} now ranked {1}"},
                                  {"change_part_relabelled", "model {0}: {1} relabelled {2}"}};
  for (const auto& d : c.data) texts.push_back(publish::describe(d, strings));
  const auto has = [&](const std::string& t) {
    return std::find(texts.begin(), texts.end(), t) != texts.end();
  };
  CHECK(has("definition Lorig et al. 2003 reworded"));
  CHECK(has("definition Barlow et al. 2002 added"));
  CHECK(has("aspect Privacy moved from Ethiek to Doel"));
  CHECK(has("cluster Ethiek gained 2 aspects"));
  CHECK(has("Privacy now ranked 1"));
  CHECK(has("Effect now ranked 2"));
  CHECK(has("model Huis: Dak relabelled Het dak"));
}

TEST_CASE("a reference whose printed fields change (volume, pages, DOI, editors) is changed") {
  model::VersionContent a;
  model::Reference r;
  r.id = "smit2017";
  r.type = "article-journal";
  r.title = "Zelfmanagement";
  r.authors = {{"Smit", "Anna", ""}};
  r.year = 2017;
  a.data.references.push_back(r);
  const std::vector<std::function<void(model::Reference&)>> changes{
      [](model::Reference& x) { x.volume = "60"; },
      [](model::Reference& x) { x.page = "70-74"; },
      [](model::Reference& x) { x.doi = "10.1007/x"; },
      [](model::Reference& x) { x.editors = {{"Vries", "K.", ""}}; }};
  for (const auto& change : changes) {
    model::VersionContent b = a;
    change(b.data.references[0]);
    const auto c = publish::compare_versions(a, {}, b, {});
    REQUIRE(c.data.size() == 1);
    CHECK(c.data[0].key == "change_reference_changed");
  }
  model::VersionContent same = a;
  CHECK(publish::compare_versions(a, {}, same, {}).data.empty());
}

namespace {

/// The changes from `before` to `after` (chapter "h" of the render
/// fixture's version) as the terminal report shows them, without colour.
std::string report(const std::vector<render::RenderedChapter>& before,
                   const std::vector<render::RenderedChapter>& after,
                   const model::VersionContent& a = {}, const model::VersionContent& b = {}) {
  static const test::RenderFixture fixture;
  publish::VersionDiff diff{publish::compare_versions(a, before, b, after), fixture.strings};
  return publish::format_terminal(diff, "A", "B", false);
}

}  // namespace

TEST_CASE("changed words are grouped into phrases, with a short unchanged word between them") {
  const auto r = report({chapter("h", "Wij willen de zorg in de wijk beter maken.\n")},
                        {chapter("h", "Wij willen de zorg in heel de regio sterker maken.\n")});
  INFO(r);
  CHECK(r.find("Wij willen de zorg in [-de wijk beter-]{+heel de regio sterker+} maken.") !=
        std::string::npos);
}

TEST_CASE("a rewritten sentence is shown as the old and the new sentence") {
  const std::string same = "Eerste zin blijft staan. Daarna komt er meer. Wij schrijven verder door. ";
  const auto r = report(
      {chapter("h", same + "Het gaat om de regie van de patiënt. Slot blijft ook.\n")},
      {chapter("h", same + "Professionals leren samen met cliënten kiezen. Slot blijft ook.\n")});
  INFO(r);
  CHECK(r.find("door. [-Het gaat om de regie van de patiënt.-]"
               "{+Professionals leren samen met cliënten kiezen.+} Slot") != std::string::npos);
}

TEST_CASE("text changes come before data changes in the report") {
  model::VersionContent b;
  b.data.definitions.push_back({"d2", "T.", "Barlow et al. 2002", {}, 2002, {}, {}, {}, {}});
  const auto r = report({chapter("h", "Een.\n")}, {chapter("h", "Een.\n\nTwee.\n")}, {}, b);
  INFO(r);
  const auto text = r.find("Twee.");
  const auto data = r.find("Barlow");
  REQUIRE(text != std::string::npos);
  REQUIRE(data != std::string::npos);
  CHECK(text < data);
}

TEST_CASE("a paragraph moved to another chapter is moved, not added and removed") {
  const auto before = std::vector{chapter("een", "Blijft staan.\n\nGaat naar het tweede hoofdstuk.\n"),
                                  chapter("twee", "Staat er al.\n")};
  const auto after = std::vector{chapter("een", "Blijft staan.\n"),
                                 chapter("twee", "Staat er al.\n\nGaat naar het tweede hoofdstuk.\n")};
  const auto c = publish::compare_versions({}, before, {}, after);
  const auto k = kinds(c);
  REQUIRE(k.size() == 1);
  CHECK(k[0] == std::make_pair(BlockChange::Kind::moved, std::string("Gaat naar het tweede hoofdstuk.")));
  REQUIRE(c.chapters.size() == 1);
  CHECK(c.chapters[0].id == "twee");
  const auto r = report(before, after);
  INFO(r);
  CHECK(r.find("> §1 ¶2 (verplaatst uit een §1 ¶2)") != std::string::npos);
}

TEST_CASE("the reason for removing a chapter is shown on the changes page and in the report") {
  const test::RenderFixture fixture;
  model::VersionContent b;
  b.version.label = "B";
  b.version.removed.push_back({{"oud", {}}, "Opgegaan in het hoofdstuk over de aanpak."});
  const auto before = std::vector{chapter("oud", "X.\n"), chapter("blijft", "Y.\n")};
  const auto after = std::vector{chapter("blijft", "Y.\n")};
  CHECK(report(before, after, {}, b).find("Reden: Opgegaan in het hoofdstuk over de aanpak.") !=
        std::string::npos);
  core::Diagnostics diags;
  const auto html = publish::render_changes(publish::compare_versions({}, before, b, after), {}, b.version,
                                            fixture.templates, fixture.strings,
                                            publish::ChangesTitle::left_out, diags);
  INFO(html);
  CHECK(diags.all().empty());
  CHECK(html.find("Opgegaan in het hoofdstuk over de aanpak.") != std::string::npos);
}

TEST_CASE("placeholders are compared as written: a new version label is no change") {
  test::RenderFixture one;
  test::RenderFixture two;
  one.content.versions[0].version.label = "Concept 1";
  two.content.versions[0].version.label = "Concept 2";
  core::Diagnostics diags;
  const auto text = std::string("Dit is {{version.label}} van de visie.\n\nEen alinea.\n");
  const auto before = one.render(test::chapter("h", text), 1, diags);
  const auto after = two.render(test::chapter("h", text + "\nNog een.\n"), 1, diags);
  REQUIRE(diags.all().empty());
  const auto c = publish::compare_versions({}, {before}, {}, {after});
  const auto k = kinds(c);
  REQUIRE(k.size() == 1);
  CHECK(k[0] == std::make_pair(BlockChange::Kind::added, std::string("Nog een.")));
  // An edit next to a placeholder is diffed in the text as written, and
  // shown as the page shows it.
  const auto edited = two.render(test::chapter("h", "Dit is {{version.label}} van onze visie.\n\nEen alinea.\n"), 1, diags);
  const auto r = report({before}, {edited});
  INFO(r);
  CHECK(r.find("Dit is Concept 2 van [-de-]{+onze+} visie.") != std::string::npos);
}

TEST_CASE("a term with a new name is renamed, not reworded") {
  model::VersionContent a;
  model::VersionContent b;
  a.data.terms.push_back({"zelfzorg", "Zelfzorg", "Zorg voor jezelf.", "", {}, {}, {}, {}});
  b.data.terms.push_back({"zelfzorg", "Eigen zorg", "Zorg voor jezelf.", "", {}, {}, {}, {}});
  const auto c = publish::compare_versions(a, {}, b, {});
  REQUIRE(c.data.size() == 1);
  CHECK(c.data[0].key == "change_term_renamed");
  CHECK(c.data[0].args == std::vector<std::string>{"Zelfzorg", "Eigen zorg"});
}

TEST_CASE("citations, cross-references and placeholders in changes read as on the page") {
  const test::RenderFixture fixture;
  core::Diagnostics diags;
  const auto before = fixture.render_linked(
      {test::chapter("h", "## Kern {#kern}\n\nZoals [@bron2002] laat zien, zie [@sec:kern].\n")}, diags);
  const auto after = fixture.render_linked(
      {test::chapter("h", "## Kern {#kern}\n\nZoals [@bron2002] goed laat zien, zie [@sec:kern].\n\n"
                          "Nieuw: [@bron2002] in {{version.label}}.\n")},
      diags);
  REQUIRE_MESSAGE(diags.all().empty(), test::all(diags));
  const auto r = report(before, after);
  INFO(r);
  CHECK(r.find("[@") == std::string::npos);
  CHECK(r.find("{{") == std::string::npos);
  CHECK(r.find("(Jansen et al., 2002) {+goed+} laat zien, zie paragraaf 1.1.") != std::string::npos);
  CHECK(r.find("Nieuw: (Jansen et al., 2002) in Concept 1.") != std::string::npos);
}
