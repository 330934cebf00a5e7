#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "publish/search.hpp"

using namespace visie::publish;

namespace {

/// The data a search script file hands to visieSearch.load(name, data).
nlohmann::json data_of(const std::string& script) {
  const auto comma = script.find(',');
  REQUIRE(script.starts_with("visieSearch.load(\""));
  REQUIRE(script.ends_with(");\n"));
  return nlohmann::json::parse(script.substr(comma + 1, script.size() - comma - 4));
}

}  // namespace

TEST_CASE("folding removes case and accents, as the search script does") {
  CHECK(search::fold("Cliënten") == "clienten");
  CHECK(search::fold("ÉÉN Ré-integratie") == "een re-integratie");
  CHECK(search::fold("Straße") == "strasse");
  CHECK(search::words("Cliënt, zorgverleners; 70-80 %") ==
        std::vector<std::string>{"client", "zorgverleners", "70", "80"});
}

TEST_CASE("the Dutch stemmer joins the forms of a word") {
  const search::Stemmer stemmer("nl");
  CHECK(stemmer.name() == "dutch");
  auto stem = [&](const char* word) { return stemmer.stem(search::fold(word)); };
  CHECK(stem("cliënten") == stem("clienten"));
  CHECK(stem("cliënten") == stem("cliënt"));
  CHECK(stem("zorgverleners") == stem("zorgverlener"));
  CHECK(stem("zelfmanagement") == "zelfmanagement");
  CHECK(stem("mogelijkheden") == "mogelijk");
  // Other languages: no stemming, because the script has only Dutch rules.
  const search::Stemmer english("en");
  CHECK(english.name() == "none");
  CHECK(english.stem("carers") == "carers");
}

TEST_CASE("a chapter's sections point into its page") {
  visie::render::RenderedChapter chapter;
  chapter.id = "aanleiding";
  chapter.title = "Aanleiding";
  chapter.sections = {{1, "", "", "Eerst & vooral."}, {2, "kloof", "Een kloof", "Tekst erna."}};
  const auto parts = search::sections(chapter);
  REQUIRE(parts.size() == 2);
  CHECK(parts[0].chapter == "Aanleiding");
  CHECK(parts[0].heading.empty());
  CHECK(parts[0].href == "aanleiding.html");
  CHECK(parts[0].level == 1);
  CHECK(parts[0].text == "Eerst & vooral.");
  CHECK(parts[1].heading == "Een kloof");
  CHECK(parts[1].href == "aanleiding.html#kloof");
  CHECK(parts[1].level == 2);
  CHECK(parts[1].text == "Tekst erna.");
}

TEST_CASE("the index is a manifest, word chunks by stem range and a fragment per section") {
  std::vector<search::Section> sections;
  for (int i = 0; i < 40; ++i) {
    sections.push_back({"Hoofdstuk", "Deel " + std::to_string(i), "h.html#d" + std::to_string(i), 2,
                        "zorgverleners en cliënten woord" + std::to_string(i)});
  }
  sections.push_back({"Hoofdstuk", "Over regie", "h.html#regie", 2, "Regie voeren."});
  const auto files = search::build_index(sections, {"nl", 256, 10});
  const auto manifest = data_of(files.at("search/index.js"));
  CHECK(manifest["stemmer"] == "dutch");
  CHECK(manifest["sections"] == 41);
  const auto& chunks = manifest["chunks"];
  REQUIRE(chunks.size() > 1);  // 256 bytes per chunk: the words spread out
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    const auto chunk = data_of(files.at("search/w" + std::to_string(i) + ".js"));
    for (const auto& [stem, postings] : chunk.items()) {
      CHECK(stem >= chunks[i].get<std::string>());
      if (i + 1 < chunks.size()) CHECK(stem < chunks[i + 1].get<std::string>());
      CHECK(postings.size() % 2 == 0);
      CHECK(postings.size() / 2 <= 10);  // max_postings
    }
  }
  const auto fragment = data_of(files.at("search/f40.js"));
  CHECK(fragment["heading"] == "Over regie");
  CHECK(fragment["href"] == "h.html#regie");
  CHECK(fragment["text"] == "Regie voeren.");
  // The index depends on the sections alone: an index of other sections
  // made in between, then a copy of these sections, give the same bytes
  // (nothing is carried from one build to the next).
  const auto other = search::build_index({{"Hoofdstuk", "Anders", "a.html#x", 2, "Geheel andere woorden."}},
                                         {"nl", 256, 10});
  CHECK(other != files);
  const std::vector<search::Section> copy(sections);
  CHECK(search::build_index(copy, {"nl", 256, 10}) == files);
}
