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
