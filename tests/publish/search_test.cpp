#include <doctest/doctest.h>

#include <map>
#include <string_view>

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

/// The sections of a stem's postings, either form: [d0,w0,d1,w1,…] or
/// {"bits","rest","top"} (search.js's eachPosting), with their weights.
std::map<std::size_t, int> sections_of(const nlohmann::json& postings) {
  std::map<std::size_t, int> out;
  const auto& list = postings.is_array() ? postings : postings.at("top");
  std::size_t section = 0;
  for (std::size_t i = 0; i + 1 < list.size(); i += 2) {
    section += list[i].get<std::size_t>();
    out[section] = list[i + 1].get<int>();
  }
  if (postings.is_array()) return out;
  static constexpr std::string_view alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const auto bits = postings.at("bits").get<std::string>();
  for (std::size_t k = 0; k < bits.size(); ++k) {
    const auto v = alphabet.find(bits[k]);
    REQUIRE(v != std::string_view::npos);
    for (std::size_t j = 0; j < 6; ++j) {
      if ((v >> j & 1U) != 0) out.try_emplace(6 * k + j, postings.at("rest").get<int>());
    }
  }
  return out;
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
      if (postings.is_array()) CHECK(postings.size() % 2 == 0);
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

TEST_CASE("a stem in very many sections keeps every section, as a bitmap with its best weights") {
  // 200 sections hold "zorg", 3 of them "regie"; 20 sections keep exact
  // weights (ranked_postings).
  std::vector<search::Section> sections;
  for (int i = 0; i < 200; ++i) {
    std::string text = "zorg";
    for (int k = 0; k < i % 7; ++k) text += " zorg";  // weights that differ
    text += " vulling" + std::to_string(i) + " en nog wat andere woorden erbij";
    if (i == 5 || i == 77 || i == 199) text += " regie";
    sections.push_back({"Hoofdstuk", "Deel", "h.html#d" + std::to_string(i), 2, text});
  }
  const auto files = search::build_index(sections, {"nl", 24 * 1024, 20});
  nlohmann::json postings;
  for (std::size_t i = 0; files.contains("search/w" + std::to_string(i) + ".js"); ++i) {
    postings.update(data_of(files.at("search/w" + std::to_string(i) + ".js")));
  }
  // The common stem: a bitmap (smaller than 200 pairs), every section in it.
  const auto& zorg = postings.at("zorg");
  REQUIRE(zorg.is_object());
  CHECK(zorg.at("top").size() == 2 * 20);
  const auto all = sections_of(zorg);
  CHECK(all.size() == 200);
  CHECK(all.begin()->first == 0);
  CHECK(all.rbegin()->first == 199);
  // The best weights are exact; the rest share one no higher than those.
  int lowest_top = 1 << 30;
  for (std::size_t i = 1; i < zorg.at("top").size(); i += 2) {
    lowest_top = std::min(lowest_top, zorg.at("top")[i].get<int>());
  }
  CHECK(zorg.at("rest").get<int>() >= 1);
  CHECK(zorg.at("rest").get<int>() <= lowest_top);
  // A rare stem: the plain list, exact weights.
  const auto& regie = postings.at("regie");
  REQUIRE(regie.is_array());
  const auto few = sections_of(regie);
  CHECK(few.size() == 3);
  CHECK(few.contains(5));
  CHECK(few.contains(77));
  CHECK(few.contains(199));
  // So is every word in every section.
  CHECK(postings.at("en").is_object());
  CHECK(sections_of(postings.at("en")).size() == 200);
}
