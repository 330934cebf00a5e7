// The one citation formatter (render/citations): APA 7 as docs/citations.md
// describes it, and Vancouver. Each case names the rule it proves.
#include <doctest/doctest.h>

#include <fstream>

#include "render/citations.hpp"

using namespace visie;

namespace {

model::Name person(std::string family, std::string given, std::string particle = "") {
  model::Name n;
  n.family = std::move(family);
  n.given = std::move(given);
  n.particle = std::move(particle);
  return n;
}

model::Name org(std::string name) {
  model::Name n;
  n.literal = std::move(name);
  return n;
}

model::Reference work(std::string id, std::string type, std::vector<model::Name> authors,
                      std::optional<long> year, std::string title) {
  model::Reference r;
  r.id = std::move(id);
  r.type = std::move(type);
  r.authors = std::move(authors);
  r.year = year;
  r.issued.year = year;
  r.title = std::move(title);
  return r;
}

/// The Dutch UI strings the formatter reads (templates/i18n/nl.json).
nlohmann::json dutch() {
  std::ifstream in(std::string(VISIE_SOURCE_DIR) + "/templates/i18n/nl.json");
  return nlohmann::json::parse(in);
}

std::string cite(const render::CitationStyle& style, std::vector<const model::Reference*> refs,
                 std::string locator = "") {
  std::vector<render::CiteItem> items;
  for (const auto* r : refs) items.push_back({r, "", ""});
  if (!locator.empty()) items.back().locator = std::move(locator);
  return style.parenthetical(items, "");
}

/// The text of an HTML fragment, without tags.
std::string text_of(std::string_view html) {
  std::string out;
  bool tag = false;
  for (const char c : html) {
    if (c == '<') tag = true;
    if (!tag) out += c;
    if (c == '>') tag = false;
  }
  return out;
}

}  // namespace

TEST_CASE("APA: works of the same authors share one name: (Ministerie van VWS, 2008, 2009)") {
  const auto strings = dutch();
  const std::vector refs{
      work("b", "report", {org("Ministerie van VWS")}, 2009, "Visie"),
      work("a", "report", {org("Ministerie van VWS")}, 2008, "Programma"),
  };
  const render::CitationStyle style(refs, strings);
  CHECK(text_of(cite(style, {&refs[0], &refs[1]})) == "(Ministerie van VWS, 2008, 2009)");
}

TEST_CASE("APA: same author and year get a and b by title, cited in that order") {
  const auto strings = dutch();
  const std::vector refs{
      work("z", "article-journal", {person("Smit", "Anna")}, 2017, "Zelfmanagement"),
      work("e", "article-journal", {person("Smit", "Anna")}, 2017, "Eigen regie"),
  };
  const render::CitationStyle style(refs, strings);
  CHECK(text_of(cite(style, {&refs[0], &refs[1]})) == "(Smit, 2017a, 2017b)");
  CHECK(style.year(refs[0]) == "2017b");
}

TEST_CASE("APA: et al. forms that read alike get more names, not letters") {
  const auto strings = dutch();
  const std::vector refs{
      work("a", "article-journal",
           {person("Smit", "Anna"), person("Jansen", "Piet"), person("Vos", "Eva")}, 2020, "A"),
      work("b", "article-journal",
           {person("Smit", "Anna"), person("Bakker", "Daan"), person("Vos", "Eva")}, 2020, "B"),
      work("c", "article-journal",
           {person("Smit", "Anna"), person("Bakker", "Daan"), person("Kok", "Roos")}, 2021, "C"),
  };
  const render::CitationStyle style(refs, strings);
  CHECK(style.author_date(refs[0]) == "Smit, Jansen, et al., 2020");
  CHECK(style.author_date(refs[1]) == "Smit, Bakker, et al., 2020");
  // Another year: no clash, the short form.
  CHECK(style.author_date(refs[2]) == "Smit et al., 2021");
}

TEST_CASE("APA: first authors with the same family name are cited with initials") {
  const auto strings = dutch();
  const std::vector refs{
      work("k", "article-journal", {person("Visser", "Karel")}, 2018, "A"),
      work("l", "article-journal", {person("Visser", "Lotte"), person("Bos", "Iris")}, 2019, "B"),
      work("m", "article-journal", {person("Meijer", "Sanne")}, 2019, "C"),
  };
  const render::CitationStyle style(refs, strings);
  CHECK(style.author_date(refs[0]) == "K. Visser, 2018");
  CHECK(style.author_date(refs[1]) == "L. Visser & Bos, 2019");
  CHECK(style.author_date(refs[2]) == "Meijer, 2019");
}

TEST_CASE("APA: the list names 20 authors, of 21 or more the first 19, an ellipsis, the last") {
  const auto strings = dutch();
  std::vector<model::Name> many;
  for (int i = 1; i <= 21; ++i) many.push_back(person("Auteur" + std::to_string(i), "A."));
  std::vector refs{work("x", "article-journal", many, 2019, "Kernset")};
  const render::CitationStyle style(refs, strings);
  const auto entry = style.entry_text(refs[0]);
  CHECK(entry.starts_with("Auteur1, A., Auteur2, A.,"));
  CHECK(entry.find("Auteur19, A., \u2026 Auteur21, A. (2019).") != std::string::npos);
  CHECK(entry.find("Auteur20") == std::string::npos);
  many.pop_back();
  refs[0].authors = many;
  const render::CitationStyle twenty(refs, strings);
  CHECK(twenty.entry_text(refs[0]).find("Auteur19, A., & Auteur20, A. (2019).") !=
        std::string::npos);
}

TEST_CASE("APA: a journal article with volume, issue, pages and its DOI as a link") {
  const auto strings = dutch();
  auto r = work("a", "article-journal", {person("Smit", "Anna"), person("Jansen", "Piet")}, 2017,
                "Zelfmanagement in de eerste lijn");
  r.container_title = "Tijdschrift voor Gezondheidswetenschappen";
  r.volume = "95";
  r.issue = "3";
  r.page = "112-120";
  r.doi = "10.1007/s12508-017-0042-1";
  r.note = "Interne notitie";
  const std::vector refs{r};
  const render::CitationStyle style(refs, strings);
  CHECK(style.entry_html(refs[0]) ==
        "Smit, A., &amp; Jansen, P. (2017). Zelfmanagement in de eerste lijn. <i>Tijdschrift voor "
        "Gezondheidswetenschappen</i>, <i>95</i>(3), 112–120.");
  CHECK(render::CitationStyle::link(refs[0]) == "https://doi.org/10.1007/s12508-017-0042-1");
  // The note is the author's, never printed.
  CHECK(style.entry_text(refs[0]).find("notitie") == std::string::npos);
}

TEST_CASE("APA: a web page keeps its full date") {
  const auto strings = dutch();
  auto r = work("w", "webpage", {org("Vilans")}, 2023, "Wat is zelfmanagement?");
  r.issued.month = 3;
  r.issued.day = 15;
  r.container_title = "Vilans";
  const std::vector refs{r};
  const render::CitationStyle style(refs, strings);
  CHECK(style.entry_html(refs[0]) == "Vilans. (2023, maart 15). <i>Wat is zelfmanagement?</i>");
}

TEST_CASE("APA: a web page without a date says when it was read") {
  const auto strings = dutch();
  auto r = work("w", "webpage", {org("NHG")}, std::nullopt, "Zelfmanagement");
  r.container_title = "Thuisarts";
  r.url = "https://www.thuisarts.nl/z";
  r.accessed.year = 2024;
  r.accessed.month = 3;
  r.accessed.day = 1;
  const std::vector refs{r};
  const render::CitationStyle style(refs, strings);
  CHECK(style.entry_text(refs[0]) ==
        "NHG. (z.d.). Zelfmanagement. Thuisarts. Geraadpleegd 1 maart 2024, van "
        "https://www.thuisarts.nl/z");
}

TEST_CASE("APA: a chapter names its editors after \"In\", with edition and pages") {
  const auto strings = dutch();
  auto r = work("c", "chapter", {person("Berg", "Jan", "van den")}, 2019, "Zorg dichtbij");
  r.editors = {person("Vries", "Karin", "de"), person("Bakker", "Lars")};
  r.container_title = "Handboek chronische zorg";
  r.edition = "2";
  r.page = "45-67";
  r.publisher = "Bohn Stafleu van Loghum";
  const std::vector refs{r};
  const render::CitationStyle style(refs, strings);
  CHECK(style.entry_html(refs[0]) ==
        "van den Berg, J. (2019). Zorg dichtbij. In K. de Vries &amp; L. Bakker (Red.), "
        "<i>Handboek chronische zorg</i> (2de dr., pp. 45–67). Bohn Stafleu van Loghum.");
  CHECK(style.author_date(refs[0]) == "van den Berg, 2019");
}

TEST_CASE("APA: a personal communication is cited with its date and has no entry") {
  const auto strings = dutch();
  auto r = work("p", "personal_communication", {person("Bos", "Marieke")}, 2021, "Gesprek");
  r.issued.month = 5;
  r.issued.day = 4;
  const std::vector refs{r};
  const render::CitationStyle style(refs, strings);
  CHECK_FALSE(style.listed(refs[0]));
  const auto html = cite(style, {&refs[0]});
  CHECK(html == "<span class=\"citation\">(M. Bos, persoonlijke communicatie, 4 mei 2021)</span>");
  CHECK(text_of(style.narrative({&refs[0], "", ""}, "")) ==
        "M. Bos (persoonlijke communicatie, 4 mei 2021)");
}

TEST_CASE("APA: a work without author is cited by its title, italic when it stands alone") {
  const auto strings = dutch();
  const std::vector refs{
      work("b", "book", {}, 2015, "Zelfzorg"),
      work("a", "article-journal", {}, 2016, "Het nieuwe normaal"),
  };
  const render::CitationStyle style(refs, strings);
  CHECK(cite(style, {&refs[0]}) ==
        "<span class=\"citation\">(<a href=\"ref-b\"><i>Zelfzorg</i>, 2015</a>)</span>");
  CHECK(text_of(cite(style, {&refs[1]})) == "(‘Het nieuwe normaal’, 2016)");
  CHECK(style.entry_html(refs[0]) == "<i>Zelfzorg</i>. (2015).");
}

TEST_CASE("APA: the list is sorted ignoring case and accents, particles after the name") {
  const auto strings = dutch();
  const std::vector refs{
      work("zorg", "book", {}, 2012, "De zorg"),
      work("ozturk", "book", {person("Öztürk", "Ayşe")}, 2015, "T"),
      work("berg", "book", {person("Berg", "Marc", "van den")}, 2019, "T"),
      work("pieters", "book", {person("Pieters", "Anna")}, 2019, "T"),
      work("aalst", "book", {person("aalst", "Inge")}, 2021, "T"),
      work("bakker", "book", {person("Bakker", "Lars")}, 2010, "T"),
  };
  const render::CitationStyle style(refs, strings);
  std::vector<const model::Reference*> list;
  for (const auto& r : refs) list.push_back(&r);
  style.sort(list);
  std::vector<std::string> ids;
  for (const auto* r : list) ids.push_back(r->id);
  CHECK(ids == std::vector<std::string>{"aalst", "bakker", "berg", "ozturk", "pieters", "zorg"});
}

TEST_CASE("APA: page ranges in locators take an en dash") {
  const auto strings = dutch();
  const std::vector refs{work("a", "book", {person("Barlow", "J.")}, 2002, "T")};
  const render::CitationStyle style(refs, strings);
  CHECK(text_of(cite(style, {&refs[0]}, "pp. 178-180")) == "(Barlow, 2002, pp. 178–180)");
}

TEST_CASE("Vancouver: works are numbered in the order first cited, runs as ranges") {
  const auto strings = dutch();
  auto a = work("a", "article-journal", {person("Smit", "Anna"), person("Jansen", "Piet")}, 2017,
                "Zelfmanagement");
  a.container_title = "Huisarts Wet";
  a.volume = "60";
  a.issue = "2";
  a.page = "70-74";
  const std::vector refs{a, work("b", "book", {person("Lorig", "Kate")}, 2016, "Boek"),
                         work("c", "report", {org("RIVM")}, 2018, "Rapport"),
                         work("d", "report", {org("Nivel")}, 2019, "Monitor")};
  const render::CitationStyle style(refs, strings, model::CitationFormat::vancouver,
                                    {"c", "a", "d", "b"});
  CHECK(style.author_date(refs[2]) == "1");
  CHECK(style.author_date(refs[0]) == "2");
  CHECK(text_of(cite(style, {&refs[3], &refs[0], &refs[2]})) == "(1\u20133)");
  CHECK(text_of(cite(style, {&refs[1], &refs[2]})) == "(1, 4)");
  CHECK(text_of(style.narrative({&refs[3], "", ""}, "")) == "Nivel (3)");
  CHECK(style.entry_text(refs[0]) == "Smit A, Jansen P. Zelfmanagement. Huisarts Wet. 2017;60(2):70-4.");
  // A personal communication has no number, and is cited as in APA.
  auto talk = work("p", "personal_communication", {person("Bos", "Marieke")}, 2021, "Gesprek");
  talk.issued.month = 5;
  talk.issued.day = 4;
  const std::vector with_talk{refs[0], talk};
  const render::CitationStyle style2(with_talk, strings, model::CitationFormat::vancouver, {"p", "a"});
  CHECK(text_of(cite(style2, {&with_talk[0], &with_talk[1]})) ==
        "(1; M. Bos, persoonlijke communicatie, 4 mei 2021)");
  std::vector<const model::Reference*> list{&refs[0], &refs[1], &refs[2], &refs[3]};
  style.sort(list);
  CHECK(list[0]->id == "c");
  CHECK(list[3]->id == "b");
}
