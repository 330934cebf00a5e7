// The print edition: one document per version with unique ids, working
// links, page footnotes, the site's numbers of figures and tables, and the concept mark
// only where it belongs.
#include <doctest/doctest.h>

#include <map>
#include <regex>
#include <set>

#include "build/build.hpp"
#include "publish/publish.hpp"
#include "render/markdown/markdown.hpp"
#include "render/render.hpp"
#include "support/fixtures.hpp"
#include "support/support.hpp"

using namespace visie;
namespace fs = std::filesystem;

namespace {

/// Every id="…" in the document, as written (a plain regex, independent of
/// the tokenizer under test), with how often it occurs.
std::map<std::string, int> ids_of(const std::string& html) {
  std::map<std::string, int> ids;
  static const std::regex id_re(R"re(\sid="([^"]*)")re");
  for (std::sregex_iterator it(html.begin(), html.end(), id_re), end; it != end; ++it) {
    ++ids[(*it)[1].str()];
  }
  return ids;
}

/// The targets of the table of contents' links.
std::vector<std::string> toc_targets(const std::string& html) {
  const auto start = html.find("<nav class=\"toc\"");
  const auto end = html.find("</nav>", start);
  REQUIRE(start != std::string::npos);
  const auto toc = html.substr(start, end - start);
  std::vector<std::string> targets;
  static const std::regex href_re(R"re(href="#([^"]*)")re");
  for (std::sregex_iterator it(toc.begin(), toc.end(), href_re), e; it != e; ++it) {
    targets.push_back((*it)[1].str());
  }
  return targets;
}

/// Every internal link target (href="#…") of the document.
std::vector<std::string> internal_links(const std::string& html) {
  std::vector<std::string> targets;
  static const std::regex href_re(R"re(href="#([^"]*)")re");
  for (std::sregex_iterator it(html.begin(), html.end(), href_re), e; it != e; ++it) {
    targets.push_back((*it)[1].str());
  }
  return targets;
}

/// A print edition of hand-written chapters, rendered from Markdown by
/// cmark-gfm as the real chapters are.
struct Edition {
  model::Project project;
  model::Version version;
  model::Templates templates = test::default_templates();  // a copy: a test changes a layout
  const nlohmann::json& strings = test::dutch_strings();
  core::Diagnostics diags;

  Edition() {
    project.title = "Visie <op> zelfmanagement";
    project.language = "nl";
    version.id = "concept-1";
    version.label = "Concept 1";
    version.status = model::Status::concept_;
  }

  std::string render(const std::vector<std::pair<std::string, std::string>>& chapters,
                     std::vector<publish::PrintAppendix> appendices = {}) {
    publish::PrintEdition e{project, version, {}, std::move(appendices)};
    for (const auto& [id, markdown] : chapters) {
      e.chapters.push_back({id, "Titel van " + id, render::markdown::to_html(markdown, {}).html});
    }
    return publish::render_print(e, templates, strings, diags);
  }
};

}  // namespace

TEST_CASE("every version of the bundled content has a print edition with unique ids") {
  const auto& site = test::bundled_site().files;
  const std::string sheet = "<link rel=\"stylesheet\" href=\"assets/print.css\">";
  for (const char* version : {"start", "concept-1", "concept-2", "concept-3", "final", "werkversie"}) {
    const auto path = std::string(version) + "/print.html";
    REQUIRE_MESSAGE(site.contains(path), path);
    const auto& html = site.at(path);
    const auto ids = ids_of(html);
    CHECK_MESSAGE(ids.size() > 20, path);
    for (const auto& [id, n] : ids) CHECK_MESSAGE(n == 1, path << ": id \"" << id << "\" occurs " << n << " times");
    // Every internal link lands on an id of the document.
    for (const auto& target : internal_links(html)) {
      CHECK_MESSAGE(ids.contains(target), path << ": link to missing #" << target);
    }
    // Self-contained but for the version's own copy of print.css: no other
    // stylesheet, script or image fetched from elsewhere (its one script,
    // for browsers without page footnotes, is inline).
    auto rest = html;
    if (const auto at = rest.find(sheet); at != std::string::npos) rest.erase(at, sheet.size());
    CHECK_FALSE(test::contains(rest, "<link"));
    CHECK_FALSE(test::contains(html, "<script "));
    CHECK(test::count(html, "<script>") == 1);
    CHECK_FALSE(test::contains(html, "src=\""));
    CHECK(test::contains(html + site.at(std::string(version) + "/assets/print.css"), "size: A4"));
  }
  // The paged-media CSS, which the Nu checker's CSS validator does not
  // know, is linked rather than inlined (frozen versions show it once
  // refrozen).
  const auto& draft = site.at("werkversie/print.html");
  CHECK(test::contains(draft, sheet));
  CHECK_FALSE(test::contains(draft, "@page"));
}

TEST_CASE("the table of contents links to every chapter and appendix, in order") {
  const auto& html = test::bundled_site().files.at("final/print.html");
  const auto targets = toc_targets(html);
  const auto ids = ids_of(html);
  // Eight chapters, then the literature, the glossary and the changes.
  REQUIRE(targets.size() == 11);
  CHECK(targets.front() == "aanleiding");
  CHECK(targets[7] == "wat-de-visie-vraagt");
  CHECK(targets[8] == "references");
  CHECK(targets[9] == "glossary");
  CHECK(targets[10] == "changes");
  std::size_t last = 0;
  for (const auto& t : targets) {
    CHECK_MESSAGE(ids.contains(t), "#" << t);
    // The target is a chapter section, and the sections come in TOC order.
    const auto at = html.find("<section class=\"", html.find("id=\"" + t + "\"") - 40);
    CHECK(at > last);
    last = at;
  }
  // A version without terms gets no glossary appendix.
  CHECK(toc_targets(test::bundled_site().files.at("start/print.html")).back() == "references");
}

TEST_CASE("the concept mark is on concept versions only") {
  const auto& site = test::bundled_site().files;
  for (const char* version : {"concept-1", "concept-2", "concept-3"}) {
    const auto& html = site.at(std::string(version) + "/print.html");
    CHECK_MESSAGE(test::count(html, "class=\"concept-mark\"") == 1, version);
    CHECK(test::contains(html, "CONCEPT — niet citeren"));
  }
  for (const char* version : {"start", "final"}) {
    const auto& html = site.at(std::string(version) + "/print.html");
    CHECK_FALSE_MESSAGE(test::contains(html, "concept-mark\""), version);
    CHECK_FALSE(test::contains(html, "niet citeren"));
  }
}

TEST_CASE("the cover shows title, subtitle, version label, status and period") {
  const auto& html = test::bundled_site().files.at("concept-2/print.html");
  const auto cover = html.substr(html.find("<section class=\"cover\""),
                                 html.find("</section>", html.find("<section class=\"cover\"")) -
                                     html.find("<section class=\"cover\""));
  CHECK(test::contains(cover, "<h1 class=\"document-title\">Visie op zelfmanagement</h1>"));
  CHECK(test::contains(cover, "Een gezamenlijke benadering"));
  CHECK(test::contains(cover, "<p class=\"edition-label\">Concept 2</p>"));
  CHECK(test::contains(cover, "<dd class=\"status\">concept</dd>"));
  CHECK(test::contains(cover, "tussen K3 2018 en K1 2019"));
}

TEST_CASE("cmark-gfm's footnote section becomes page footnotes in the text") {
  const auto& html = test::bundled_site().files.at("final/print.html");
  CHECK_FALSE(test::contains(html, "class=\"footnotes\""));
  CHECK_FALSE(test::contains(html, "footnote-backref"));
  CHECK_FALSE(test::contains(html, "↩"));
  CHECK(test::contains(html, "contact met een zorgverlener.<span class=\"footnote\" id=\"aanleiding_fn-uren\">"
                       "<span class=\"footnote-p\">Vilans, handleiding ‘Zorgen voor Zelfzorg’, "
                       "voorwoord.</span></span> De rest"));
  // Chapters 1 (two), 3, 4 and 7 (one each) have footnotes: five in all.
  CHECK(test::count(html, "<span class=\"footnote\"") == 5);
}

TEST_CASE("a print layout that shows a part twice, escaped or not at all still gets what it asks") {
  // The parts' HTML is put into the rendered layout after it; a layout that
  // does not show every part exactly once as HTML is rendered with the
  // parts themselves.
  Edition e;
  const std::vector<std::pair<std::string, std::string>> chapters = {
      {"een", "Tekst *een*."}, {"twee", "Tekst *twee*."}};
  const auto standard = e.render(chapters);
  CHECK(test::count(standard, "Tekst <em>een</em>.") == 1);
  CHECK(test::count(standard, "Tekst <em>twee</em>.") == 1);
  CHECK_FALSE(test::contains(standard, "<visie-part"));

  auto& layout = e.templates.files.at("layouts/print.html").text;
  const auto original = layout;
  layout = "{{#chapters}}[{{{html}}}|{{{html}}}]{{/chapters}}";
  const auto twice = e.render(chapters);
  CHECK(test::count(twice, "Tekst <em>een</em>.") == 2);
  CHECK(test::count(twice, "Tekst <em>twee</em>.") == 2);
  CHECK_FALSE(test::contains(twice, "<visie-part"));

  layout = "{{#chapters}}[{{html}}]{{/chapters}}";
  const auto escaped = e.render(chapters);
  CHECK(test::contains(escaped, "Tekst &lt;em&gt;een&lt;/em&gt;."));
  CHECK_FALSE(test::contains(escaped, "visie-part"));

  layout = "{{#chapters}}{{title}};{{/chapters}}";
  const auto none = e.render(chapters);
  CHECK(none == "Titel van een;Titel van twee;");
  CHECK(e.diags.all().empty());
  layout = original;
}

TEST_CASE("ids are prefixed per chapter and links between chapters become anchors") {
  Edition e;
  const auto html = e.render({{"een", "Zie [twee](twee.html), [de noot](twee.html#fn-x), "
                                      "[de inhoud](index.html) en [elders](../concept-2/een.html).\n"},
                              {"twee", "Tekst[^x] en nog eens[^x].\n\n[^x]: De noot, met *nadruk*.\n\n"
                                       "Tweede alinea van de noot? Nee: tekst.\n"}});
  CHECK(test::all(e.diags).empty());
  CHECK(test::contains(html, "<a href=\"#twee\">twee</a>"));
  CHECK(test::contains(html, "<a href=\"#twee_fn-x\">de noot</a>"));
  CHECK(test::contains(html, "<a href=\"#contents\">de inhoud</a>"));
  CHECK(test::contains(html, "<a href=\"../concept-2/een.html\">elders</a>"));
  // The first call carries the footnote; the second refers to its number.
  CHECK(test::contains(html, "Tekst<span class=\"footnote\" id=\"twee_fn-x\"><span class=\"footnote-p\">"
                       "De noot, met <em>nadruk</em>.</span></span> en nog eens"
                       "<sup class=\"footnote-ref\"><a href=\"#twee_fn-x\">1</a></sup>."));
  for (const auto& [id, n] : ids_of(html)) CHECK_MESSAGE(n == 1, id);
  // Text from the project is escaped where it lands.
  CHECK(test::contains(html, "Visie &lt;op&gt; zelfmanagement"));
  CHECK_FALSE(test::contains(html, "<op>"));
}

TEST_CASE("the same id twice, and an id that a chapter id would take, stay unique") {
  Edition e;
  e.version.status = model::Status::final;
  publish::PrintAppendix twice{"references", "Literatuur",
                               "<ol><li id=\"ref-a\">A</li><li id=\"ref-a\">A again</li></ol>"
                               "<p><a href=\"#ref-a\">a</a></p>"};
  // A chapter named like a document part ("cover") and one like an appendix.
  const auto html = e.render({{"cover", "Omslag.\n"}, {"references", "Lijst.\n"}}, {twice});
  const auto ids = ids_of(html);
  for (const auto& [id, n] : ids) CHECK_MESSAGE(n == 1, id);
  CHECK(ids.contains("cover"));       // the chapter keeps its page id
  CHECK(ids.contains("cover-2"));     // the cover moves aside
  CHECK(ids.contains("references"));  // the chapter
  CHECK(ids.contains("references-2_ref-a"));
  CHECK(ids.contains("references-2_ref-a-2"));
  CHECK(test::contains(html, "<a href=\"#references-2_ref-a\">a</a>"));
  CHECK_FALSE(test::contains(html, "concept-mark\""));
}

TEST_CASE("figures and tables keep the numbers the site gave them, and get no others") {
  Edition e;
  publish::PrintEdition edition{e.project, e.version, {}, {}};
  edition.chapters.push_back({"een", "Een", "<p>x</p>"});
  edition.chapters.push_back(
      {"twee", "Twee",
       "<figure class=\"component model fig\" id=\"fig-twee-1\">\n<figcaption><span "
       "class=\"fig-number\">Figuur 2.1:</span> <strong>LAZ</strong></figcaption></figure>\n"
       "<table>\n<caption><span class=\"caption-label\">Tabel 2.1</span> Programma</caption>"
       "<tr><td>1</td></tr></table>\n"
       "<table><tr><td>zonder bijschrift</td></tr></table>\n"});
  const auto html = publish::render_print(edition, e.templates, e.strings, e.diags);
  CHECK(test::contains(html, "<figcaption><span class=\"fig-number\">Figuur 2.1:</span> <strong>LAZ</strong>"));
  CHECK(test::contains(html, "<caption><span class=\"caption-label\">Tabel 2.1</span> Programma</caption>"));
  CHECK(test::contains(html, "<table><tr><td>zonder bijschrift</td></tr></table>"));
  CHECK_FALSE(test::contains(html, "Tabel 2.2"));
  CHECK(test::contains(html, "id=\"twee_fig-twee-1\""));
}

TEST_CASE("external links print their address unless their text is the address") {
  Edition e;
  const auto html = e.render({{"een", "[Vilans](https://www.vilans.nl/zelfzorg) en https://example.org/.\n"}});
  CHECK(test::contains(html, "<a href=\"https://www.vilans.nl/zelfzorg\">Vilans</a>"));
  CHECK(test::contains(html, "<a href=\"https://example.org/\" class=\"url-shown\">https://example.org/</a>"));
  // The rule is in the stylesheet print.html links.
  CHECK(test::contains(html, "<link rel=\"stylesheet\" href=\"assets/print.css\">"));
  const auto* css = test::default_templates().find("assets/print.css");
  REQUIRE(css != nullptr);
  CHECK(test::contains(css->text, "a[href^=\"http\"]:not(.url-shown)::after"));
}

TEST_CASE("chapter pages link to the print edition, and to the PDF only when asked") {
  core::Diagnostics diags;
  const auto& templates = test::default_templates();
  const auto content = test::fixture_content();
  const auto plain = build::render_site(content, templates, {}, {}, diags).files;
  CHECK(test::contains(plain.at("concept-1/inleiding.html"), "<a href=\"print.html\">Afdrukken / PDF</a>"));
  CHECK_FALSE(test::contains(plain.at("concept-1/inleiding.html"), ".pdf"));
  CHECK(test::contains(plain.at("versions.js"), "\"pdf\":\"\""));
  // The link is filled in from versions.js, so that a frozen page stays the
  // same whether or not PDFs were made.
  build::Options with_pdf_options;
  with_pdf_options.pdf_links = true;
  const auto with_pdf = build::render_site(content, templates, with_pdf_options, {}, diags).files;
  CHECK(with_pdf.at("concept-1/index.html") == plain.at("concept-1/index.html"));
  CHECK(test::contains(with_pdf.at("versions.js"), "\"pdf\":\"testvisie-concept-1.pdf\""));
  CHECK(test::all(diags).empty());
}

TEST_CASE("PDF names: the project title's slug and the version id") {
  model::Project p;
  model::Version v;
  v.id = "concept-2";
  p.title = "Visie op zelfmanagement";
  CHECK(publish::pdf_file_name(p, v) == "visie-op-zelfmanagement-concept-2.pdf");
  // The slug itself is core::slug (tests/core/text_test.cpp).
  p.title = "Зелёный";
  CHECK(publish::pdf_file_name(p, v) == "visie-concept-2.pdf");
}

TEST_CASE("the changes appendix has its own title only, the changes page keeps its <h1>") {
  // The working draft: a frozen version's files are what it published.
  const auto& site = test::bundled_site().files;
  const auto& print = site.at("werkversie/print.html");
  // The changes are rendered without their page title for the appendix
  // (layouts/changes.html's has_title), so the appendix title is the only
  // heading that names them.
  const auto appendix = print.find("<section class=\"appendix\" id=\"changes\">");
  REQUIRE(appendix != std::string::npos);
  const auto body = print.substr(appendix);
  CHECK(test::count(body, "<h1") == 1);
  CHECK_FALSE(test::contains(body, "<h1>Wijzigingen ten opzichte van"));
  CHECK(test::contains(site.at("werkversie/changes.html"), "<h1>Wijzigingen ten opzichte van "));
}

TEST_CASE("every drawing of the print edition carries the drawings' print style") {
  const auto& print = test::bundled_site().files.at("werkversie/print.html");
  const auto drawings = test::count(print, "<svg");
  REQUIRE(drawings > 0);
  static const std::regex styled(R"re(<svg[^>]*><style>)re");
  const auto count = std::distance(std::sregex_iterator(print.begin(), print.end(), styled),
                                   std::sregex_iterator());
  CHECK(static_cast<std::size_t>(count) == drawings);
}
