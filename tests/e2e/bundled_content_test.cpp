// The bundled content/ is the seed vision: the test counts its items
// against the source documents (the numbers in the comments are what the
// seeds hold) and builds it.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>

#include "load/load.hpp"
#include "model/model.hpp"
#include "support/support.hpp"

using namespace visie;
namespace fs = std::filesystem;

namespace {

const fs::path content_dir = fs::path(VISIE_SOURCE_DIR) / "content";

const model::Content& bundled() {
  static const model::Content content = [] {
    core::Diagnostics diags;
    auto c = load::load_content(content_dir, diags);
    REQUIRE_MESSAGE(c, test::all(diags));
    return *c;
  }();
  return content;
}

const model::VersionContent& version(std::string_view id) {
  for (const auto& v : bundled().versions) {
    if (v.version.id == id) return v;
  }
  FAIL("no version " << id);
  throw;
}

}  // namespace

TEST_CASE("the bundled content passes visie check") {
  const auto r = test::run_visie("check --content '" + content_dir.string() + "'");
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("warning") == std::string::npos);
}

TEST_CASE("the five published versions of the process, in order, and the working draft") {
  std::vector<std::string> ids;
  for (const auto& v : bundled().versions) ids.push_back(v.version.id);
  CHECK(ids == std::vector<std::string>{"start", "concept-1", "concept-2", "concept-3", "final",
                                        "werkversie"});
  for (const auto& v : bundled().versions) {
    CHECK_MESSAGE(v.version.frozen == (v.version.id != "werkversie"), v.version.id);
    CHECK_MESSAGE(v.lock.has_value() == v.version.frozen, v.version.id);
  }
  CHECK(version("werkversie").version.status == model::Status::draft);
  CHECK(version("start").version.period == "K1 2018");
  CHECK(version("concept-1").version.period == "K3 2018");
  CHECK(version("concept-3").version.period == "K1 2019");
  CHECK(version("final").version.period == "K2 2019");
  for (const auto& v : bundled().versions) {
    CHECK_MESSAGE(v.chapters.size() >= 4, v.version.id);
    CHECK_MESSAGE(v.chapters.size() <= 8, v.version.id);
  }
}

TEST_CASE("every definition of the inventory, quoted with its source") {
  const auto& defs = version("final").data.definitions;
  // The inventory in the workshop deck quotes 19 definitions.
  CHECK(defs.size() == 19);
  std::set<std::string> attributions;
  for (const auto& d : defs) {
    attributions.insert(d.attribution);
    CHECK_MESSAGE(d.text.size() > 40, d.id);
  }
  for (const char* expected :
       {"Barlow et al. 2002", "Lorig et al. 2003", "Packer et al. 2013", "Wilkinson et al. 2009",
        "Ouwens et al. 2012"}) {
    CHECK_MESSAGE(attributions.contains(expected), expected);
  }
  int bzo = 0;
  for (const auto& d : defs) bzo += d.attribution.find("Begrippenkader Zelfzorg Ondersteund") != std::string::npos;
  CHECK(bzo == 2);
  // Three perspective emphases of the Vilans 2010 exploration.
  CHECK(version("final").data.emphases.size() == 3);
}

TEST_CASE("the workshop: programme, clusters, aspects, perspectives, activities") {
  const auto& ws = version("final").data.workshops;
  REQUIRE(ws.size() == 1);
  const auto& w = ws[0];
  CHECK(w.id == "close-the-gap");
  CHECK(w.programme.size() == 5);
  long minutes = 0;
  for (const auto& p : w.programme) minutes += p.minutes;
  CHECK(minutes == 90);  // 15 + 20 + 20 + 20 + 15
  // Seven clusters on the "geclusterd + geordend" slide, 20 post-its.
  CHECK(w.clusters.size() == 7);
  std::size_t aspects = 0;
  for (const auto& c : w.clusters) aspects += c.aspects.size();
  CHECK(aspects == 20);
  // Four perspectives with the opportunities and barriers of their slides.
  REQUIRE(w.perspectives.size() == 4);
  const std::vector<std::pair<std::size_t, std::size_t>> expected = {{4, 7}, {10, 9}, {7, 8}, {5, 5}};
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK_MESSAGE(w.perspectives[i].opportunities.size() == expected[i].first, w.perspectives[i].label);
    CHECK_MESSAGE(w.perspectives[i].barriers.size() == expected[i].second, w.perspectives[i].label);
  }
  // The rounds are defined; the seeds record no results, so none are invented.
  const auto* stickers = model::find_by_id(w.activities, "stickers");
  const auto* questions = model::find_by_id(w.activities, "kennisvragen");
  REQUIRE(stickers);
  REQUIRE(questions);
  CHECK(stickers->kind == model::ActivityKind::vote);
  CHECK(questions->kind == model::ActivityKind::questions);
  for (const auto& a : w.activities) {
    CHECK(a.votes.empty());
    CHECK(a.answers.empty());
  }
  std::size_t presenters = 0;  // the loop proves nothing unless it met some
  for (const auto& p : w.programme) {
    for (const auto& who : p.presenters) {
      ++presenters;
      CHECK_MESSAGE(who.find("Henkjan") == std::string::npos, "presenters are roles, not names");
      CHECK_MESSAGE(who.find("Anita") == std::string::npos, "presenters are roles, not names");
    }
  }
  CHECK(presenters >= w.programme.size());
}

TEST_CASE("every model with its parts") {
  const std::map<std::string, std::pair<std::string, std::size_t>> expected = {
      {"laz", {"rings", 4}},                              // core and three rings
      {"huis-persoonsgerichte-zorg", {"house", 5}},        // heart, two walls, roof, foundation
      {"risicopiramide", {"pyramid", 4}},                  // 3-5 %, 15-20 %, 70-80 %, prevention
      {"soorten-zelfmanagement", {"typology", 3}},         // medical, role, emotional
      {"vereisten", {"cards", 7}},
      {"hindernissen", {"cards", 8}},
      {"ondersteuning", {"cards", 9}},
      {"leerprincipe-70-20-10", {"proportions", 3}},
      {"tienstappenplan", {"steps", 10}},
      {"van-patient-naar-ervaringsdeskundige", {"phases", 4}},
  };
  const auto& models = version("final").data.models;
  CHECK(models.size() == expected.size());
  for (const auto& [id, kind_parts] : expected) {
    const auto* m = model::find_by_id(models, id);
    REQUIRE_MESSAGE(m, id);
    CHECK_MESSAGE(model::to_string(m->kind) == kind_parts.first, id);
    CHECK_MESSAGE(m->parts.size() == kind_parts.second, id);
  }
  const auto* pyramid = model::find_by_id(models, "risicopiramide");
  REQUIRE(pyramid);
  // Top to bottom: the smallest group first.
  REQUIRE(pyramid->parts[0].percent);
  REQUIRE(pyramid->parts[2].percent);
  CHECK(pyramid->parts[0].percent->max.value_or(0) <= 5);
  CHECK(pyramid->parts[2].percent->min.value_or(0) >= 70);
  CHECK_FALSE(pyramid->parts[3].percent);  // the seed gives the base no share
}

TEST_CASE("the glossary holds the terms of the seeds, each with a source") {
  const auto& terms = version("final").data.terms;
  std::set<std::string> names;
  for (const auto& t : terms) {
    std::string lower;
    for (char c : t.term) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    names.insert(lower);
  }
  for (const char* term : {"gezondheid", "zelfzorg", "zelfmanagement"}) {
    CHECK_MESSAGE(names.contains(term), term);
  }
  CHECK(terms.size() >= 8);
}

TEST_CASE("the site of the bundled content builds, every version and chapter") {
  test::TempDir dir;
  const auto r = test::run_visie("build -q --content '" + content_dir.string() + "' --out '" +
                                 (dir / "site").string() + "'");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  for (const auto& v : bundled().versions) {
    CHECK(fs::exists(dir / "site" / v.version.id / "index.html"));
    for (const auto& c : v.chapters) {
      CHECK_MESSAGE(fs::exists(dir / "site" / v.version.id / (c.id + ".html")), c.loc.file);
    }
  }
  const auto final_pages = test::read_tree(dir / "site/final");
  std::string all;
  for (const auto& [path, html] : final_pages) all += html;
  CHECK(all.find("Er zijn geen resultaten vastgelegd.") != std::string::npos);
  CHECK(all.find("Barlow et al. 2002") != std::string::npos);

  // The landing page says once, under its own heading, that the versions
  // are a reconstruction.
  const auto landing = test::read_file(dir / "site/index.html");
  CHECK(landing.find("<aside class=\"edition-note\" aria-labelledby=\"about-heading\"><h2 "
                     "id=\"about-heading\">Over deze uitgave</h2><p>") != std::string::npos);
  CHECK(landing.find("Hun teksten zijn een reconstructie, geen historische documenten") !=
        std::string::npos);
  // The working draft records the inventory slide whose quotation is lost.
  const auto begrippen = test::read_file(dir / "site/werkversie/begrippen.html");
  const auto slide = begrippen.find("id=\"def-laz-2011-timmermans-2013\"");
  REQUIRE(slide != std::string::npos);
  CHECK(begrippen.find("De tekst van deze definitie ontbreekt in de bron", slide) <
        begrippen.find("</figure>", slide));
}

TEST_CASE("the working draft uses the language tools: terms, citations, numbering, the matrix") {
  test::TempDir dir;
  const auto r = test::run_visie("build -q --content '" + content_dir.string() + "' --out '" +
                                 (dir / "site").string() + "'");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  const auto& draft = version("werkversie");
  const auto pages = test::read_tree(dir / "site/werkversie");
  for (const auto& c : draft.chapters) {
    const auto& html = pages.at(c.id + ".html");
    // Every chapter links terms to the glossary, and nothing is left unresolved.
    CHECK_MESSAGE(test::count(html, "class=\"term\" href=\"begrippenlijst.html#term-") > 0, c.id);
    CHECK_MESSAGE(html.find("<visie-") == std::string::npos, c.id);
  }
  const auto& glossary = pages.at("begrippenlijst.html");
  for (const auto& t : draft.data.terms) {
    CHECK_MESSAGE(glossary.find("id=\"term-" + t.id + "\"") != std::string::npos, t.id);
  }
  // The overview quotes every definition and the matrix has a row for each
  // whose wording is known, with a count per element.
  const auto& begrippen = pages.at("begrippen.html");
  CHECK(test::count(begrippen, "<figure class=\"definition\" id=\"def-") == draft.data.definitions.size());
  const auto quoted = std::count_if(draft.data.definitions.begin(), draft.data.definitions.end(),
                                    [](const auto& d) { return !d.text.empty(); });
  CHECK(quoted + 1 == static_cast<long>(draft.data.definitions.size()));
  CHECK(test::count(begrippen, "<tr><th scope=\"row\"><a href=\"#def-") == static_cast<std::size_t>(quoted));
  CHECK(begrippen.find("Tabel 4.1</span> Welke elementen de definities noemen") != std::string::npos);
  CHECK(test::count(begrippen, "class=\"element-head\"") == draft.data.elements.size());
  // The literature lists exactly the works cited, each of which is cited
  // somewhere, and citations link to it.
  const auto& literature = pages.at("literatuur.html");
  std::string all;
  for (const auto& [path, html] : pages) {
    if (path != "literatuur.html" && path != "print.html") all += html;
  }
  std::size_t listed = 0;
  for (const auto& ref : draft.data.references) {
    const bool in_list = literature.find("id=\"ref-" + ref.id + "\"") != std::string::npos;
    const bool cited = all.find("literatuur.html#ref-" + ref.id + "\"") != std::string::npos;
    CHECK_MESSAGE(in_list == cited, ref.id);
    listed += in_list ? 1 : 0;
  }
  CHECK(listed > 0);
  CHECK(listed < draft.data.references.size());
  // Numbers agree between the site and the print edition.
  const auto& print = pages.at("print.html");
  for (const char* text : {">Tabel 4.1</a>", ">Figuur 5.2</a>", ">tabel 8.1</a>", ">hoofdstuk 8</a>"}) {
    CHECK_MESSAGE(all.find(text) != std::string::npos, text);
    CHECK_MESSAGE(print.find(text) != std::string::npos, text);
  }
}
