#include <doctest/doctest.h>

#include "render/citations.hpp"
#include "render/inline.hpp"
#include "render/markdown/markdown.hpp"
#include "support/support.hpp"

using namespace visie;

namespace {

model::Reference ref(std::string id, std::vector<model::Name> authors, std::optional<long> year,
                     std::string title = "Titel", std::string type = "report") {
  model::Reference r;
  r.id = std::move(id);
  r.authors = std::move(authors);
  r.year = year;
  r.title = std::move(title);
  r.type = std::move(type);
  return r;
}

model::Term term(std::string id, std::string name, std::vector<std::string> variants,
                 std::string definition) {
  model::Term t;
  t.id = std::move(id);
  t.term = std::move(name);
  t.variants = std::move(variants);
  t.definition = std::move(definition);
  return t;
}

/// A version's data with two nested terms and references of every shape
/// APA distinguishes.
struct Data {
  model::Dataset data;
  nlohmann::json strings = {{"and", "en"}, {"no_date", "z.d."}};

  Data() {
    data.terms = {term("zm", "Zelfmanagement", {"zelfmanagement"}, "Omgaan met ziekte. Meer."),
                  term("zmo", "Zelfmanagementondersteuning", {}, "Ondersteuning <bij> regie."),
                  term("er", "Eigen regie", {"eigen regie"}, "Zelf kiezen.")};
    data.references = {
        ref("een", {{"Grypdonk", "Mieke", ""}}, 1999),
        ref("twee", {{"Ouwens", "M.", ""}, {"Burg", "S. van der", ""}}, 2012),
        ref("drie", {{"Vlek", "Hans", ""}, {"Driessen", "Sanne", ""}, {"Hassink", "Jan-Willem", ""}},
            2013, "Persoonsgerichte zorg", "report"),
        ref("org", {{"", "", "Ministerie van VWS"}}, 2008),
        ref("zonder", {{"", "", "Vilans"}}, std::nullopt, "Zorgen voor zelfzorg"),
        ref("vilans-a", {{"", "", "Vilans"}}, 2014, "B-titel"),
        ref("vilans-b", {{"", "", "Vilans"}}, 2014, "A-titel"),
    };
  }
};

/// Renders `markdown` with the inline rewriter only, without the
/// data-sourcepos attributes, so that the expected HTML can be exact.
struct Rendered {
  std::string html;
  std::vector<render::PendingXref> xrefs;
  std::vector<std::string> cited;
  std::map<std::string, int> uses;
};

Rendered render_inline(const Data& d, const std::string& markdown, core::Diagnostics& diags) {
  const render::CitationStyle style(d.data.references, d.strings);
  render::InlineRewriter rewriter(d.data, style, d.strings, "c.md", markdown, 3, diags);
  render::markdown::Hooks hooks;
  hooks.inlines = [&](std::string_view literal, const render::markdown::TextSpot& where) {
    return rewriter.rewrite(literal, where);
  };
  auto out = render::markdown::to_html(markdown, hooks);
  std::string html;
  static constexpr std::string_view attr = " data-sourcepos=\"";
  for (std::size_t pos = 0;;) {
    const auto at = out.html.find(attr, pos);
    html.append(out.html, pos, at == std::string::npos ? std::string::npos : at - pos);
    if (at == std::string::npos) break;
    pos = out.html.find('"', at + attr.size()) + 1;
  }
  return {html, rewriter.xrefs(), rewriter.cited(), rewriter.term_uses()};
}

const std::string zm = R"(<a class="term" href="begrippenlijst.html#term-zm" title="Omgaan met ziekte.">)";
const std::string zmo =
    R"(<a class="term" href="begrippenlijst.html#term-zmo" title="Ondersteuning &lt;bij&gt; regie.">)";

}  // namespace

TEST_CASE("terms link longest match first, whole words only, case-insensitively") {
  Data d;
  core::Diagnostics diags;
  const auto out = render_inline(
      d, "Zelfmanagementondersteuning helpt bij zelfmanagement, niet bij zelfmanagementje.\n", diags);
  CHECK(test::all(diags).empty());
  CHECK(out.html == "<p>" + zmo + "Zelfmanagementondersteuning</a> helpt bij " + zm +
                        "zelfmanagement</a>, niet bij zelfmanagementje.</p>\n");
  CHECK(out.uses.at("zm") == 1);
  CHECK(out.uses.at("zmo") == 1);
}

TEST_CASE("a term links at its first occurrence per section only") {
  Data d;
  core::Diagnostics diags;
  const auto out = render_inline(
      d, "Zelfmanagement en ‘zelfmanagement’.\n\nWeer zelfmanagement.\n\n## Kop\n\nZelfmanagement.\n",
      diags);
  CHECK(out.html == "<p>" + zm + "Zelfmanagement</a> en ‘zelfmanagement’.</p>\n"
                    "<p>Weer zelfmanagement.</p>\n<h2>Kop</h2>\n<p>" + zm +
                    "Zelfmanagement</a>.</p>\n");
  CHECK(out.uses.at("zm") == 4);
}

TEST_CASE("terms never link inside headings, links or code, but do across a line break") {
  Data d;
  core::Diagnostics diags;
  const auto out = render_inline(
      d, "# Zelfmanagement\n\n[zelfmanagement](x.html) en `zelfmanagement` en eigen\nregie.\n",
      diags);
  CHECK(out.html ==
        "<h1>Zelfmanagement</h1>\n<p><a href=\"x.html\">zelfmanagement</a> en "
        "<code>zelfmanagement</code> en <a class=\"term\" href=\"begrippenlijst.html#term-er\" "
        "title=\"Zelf kiezen.\">eigen\nregie</a>.</p>\n");
}

TEST_CASE("[[term]] and [[term|text]] link explicitly, an unknown term is an error at its place") {
  Data d;
  core::Diagnostics diags;
  const auto out = render_inline(d, "Zie [[zm|de kern]] en [[Eigen regie]].\n\nOok [[regie]].\n",
                                 diags);
  CHECK(out.html == "<p>Zie " + zm + "de kern</a> en " +
                        R"(<a class="term" href="begrippenlijst.html#term-er" title="Zelf kiezen.">)" +
                        "Eigen regie</a>.</p>\n<p>Ook [[regie]].</p>\n");
  CHECK(test::all(diags) ==
        "c.md:5:5: error: unknown term \"regie\" (no term, variant or id in data/terms.json)\n");
}

TEST_CASE("parenthetical citations: one key, a locator, several keys with a prefix") {
  Data d;
  core::Diagnostics diags;
  const auto out = render_inline(d, "A [@een]. B [@twee, p. 12]. C [zie @drie; @org].\n", diags);
  CHECK(test::all(diags).empty());
  CHECK(out.html ==
        "<p>A <span class=\"citation\">(<a href=\"literatuur.html#ref-een\">Grypdonk, "
        "1999</a>)</span>. B <span class=\"citation\">(<a href=\"literatuur.html#ref-twee\">Ouwens "
        "&amp; Burg, 2012, p. 12</a>)</span>. C <span class=\"citation\">(zie <a "
        "href=\"literatuur.html#ref-drie\">Vlek et al., 2013</a>; <a "
        "href=\"literatuur.html#ref-org\">Ministerie van VWS, 2008</a>)</span>.</p>\n");
  CHECK(out.cited == std::vector<std::string>{"een", "twee", "drie", "org"});
}

TEST_CASE("narrative citations say 'en' and take a locator in brackets, e-mail stays text") {
  Data d;
  core::Diagnostics diags;
  const auto out =
      render_inline(d, "@twee stellen dat @zonder [p. 3] gelijk heeft. Mail info@voorbeeld.nl [sic].\n",
                    diags);
  CHECK(test::all(diags).empty());
  CHECK(out.html ==
        "<p><span class=\"citation\"><a href=\"literatuur.html#ref-twee\">Ouwens en Burg "
        "(2012)</a></span> stellen dat <span class=\"citation\"><a "
        "href=\"literatuur.html#ref-zonder\">Vilans (z.d., p. 3)</a></span> gelijk heeft. Mail "
        "<a href=\"mailto:info@voorbeeld.nl\">info@voorbeeld.nl</a> [sic].</p>\n");
}

TEST_CASE("unknown citation keys are errors with file:line:col, each reported once") {
  Data d;
  core::Diagnostics diags;
  const auto out = render_inline(d, "Regel een.\n\nZie [@een; @onbekend] en\n@ook.\n", diags);
  CHECK(test::all(diags) ==
        "c.md:5:12: error: unknown citation key \"@onbekend\" (no reference with this id in "
        "data/references.json)\n"
        "c.md:6:1: error: unknown citation key \"@ook\" (no reference with this id in "
        "data/references.json)\n");
  // The text stays as written.
  CHECK(out.html == "<p>Regel een.</p>\n<p>Zie [@een; @onbekend] en\n@ook.</p>\n");
}

TEST_CASE("cross-references become markers, capitalised at the start of a sentence") {
  Data d;
  core::Diagnostics diags;
  const auto out = render_inline(d, "[@fig:huis] toont het. Zie [@tbl:a; @sec:b].\n", diags);
  CHECK(out.html == "<p><visie-xref n=\"0\"></visie-xref> toont het. Zie "
                    "<visie-xref n=\"1\"></visie-xref> en <visie-xref n=\"2\"></visie-xref>.</p>\n");
  REQUIRE(out.xrefs.size() == 3);
  CHECK(out.xrefs[0].name == "fig:huis");
  CHECK(out.xrefs[0].capital);
  CHECK(out.xrefs[1].name == "tbl:a");
  CHECK_FALSE(out.xrefs[1].capital);
  CHECK(out.xrefs[2].loc.line == 3);
}

TEST_CASE("APA in-text: one, two, three or more authors, organisations, no date, a/b") {
  Data d;
  const render::CitationStyle style(d.data.references, d.strings);
  const auto& r = d.data.references;
  CHECK(style.author_date(r[0]) == "Grypdonk, 1999");
  CHECK(style.author_date(r[1]) == "Ouwens & Burg, 2012");
  CHECK(style.authors(r[1], true) == "Ouwens en Burg");
  CHECK(style.author_date(r[2]) == "Vlek et al., 2013");
  CHECK(style.author_date(r[3]) == "Ministerie van VWS, 2008");
  CHECK(style.author_date(r[4]) == "Vilans, z.d.");
  // Same authors, same year: ordered by title.
  CHECK(style.author_date(r[5]) == "Vilans, 2014b");
  CHECK(style.author_date(r[6]) == "Vilans, 2014a");
}

TEST_CASE("APA reference entries: initials, '&' before the last author, italics, no repeat") {
  Data d;
  auto article = ref("art", {{"Ouwens", "M.", ""}, {"Burg", "S. van der", ""}}, 2011,
                     "Een artikel", "article-journal");
  article.container_title = "Tijdschrift";
  d.data.references.push_back(article);
  auto report = ref("rap", {{"", "", "Vilans"}}, 2015, "White paper", "report");
  report.publisher = "Vilans";
  d.data.references.push_back(report);
  const render::CitationStyle style(d.data.references, d.strings);
  const auto& r = d.data.references;
  CHECK(style.entry_html(r[2]) ==
        "Vlek, H., Driessen, S., &amp; Hassink, J.-W. (2013). <i>Persoonsgerichte zorg</i>.");
  CHECK(style.entry_html(r[7]) ==
        "Ouwens, M., &amp; Burg, S. van der. (2011). Een artikel. <i>Tijdschrift</i>.");
  CHECK(style.entry_html(r[4]) == "Vilans. (z.d.). <i>Zorgen voor zelfzorg</i>.");
  // A publisher that is also the author is left out.
  CHECK(style.entry_text(r[8]) == "Vilans. (2015). White paper.");
  CHECK(render::initials("Jan Willem") == "J. W.");
  CHECK(render::initials("Élise") == "É.");
}

TEST_CASE("term links and citations work in table cells too") {
  Data d;
  core::Diagnostics diags;
  const auto out = render_inline(d, "| a |\n|---|\n| zelfmanagement [@een] |\n", diags);
  CHECK(test::all(diags).empty());
  CHECK(out.html.find("<td>" + zm + "zelfmanagement</a> <span class=\"citation\">(<a "
                      "href=\"literatuur.html#ref-een\">Grypdonk, 1999</a>)</span></td>") !=
        std::string::npos);
}

TEST_CASE("a backslash before @, a bracket-at or a double bracket gives the literal text, the rest of the text is still rewritten") {
  Data d;
  core::Diagnostics diags;
  const auto out = render_inline(
      d,
      "Mail \\@een, schrijf \\[@twee, p. 3] of \\[[Eigen regie]] en [\\@drie]; wel @org en\n"
      "\\\\@een. Ook \\@onbekend en @een \\[p. 4].\n",
      diags);
  CHECK(test::all(diags).empty());
  CHECK(out.html ==
        "<p>Mail @een, schrijf [@twee, p. 3] of [[Eigen regie]] en [@drie]; wel <span "
        "class=\"citation\"><a href=\"literatuur.html#ref-org\">Ministerie van VWS "
        "(2008)</a></span> en\n\\<span class=\"citation\"><a href=\"literatuur.html#ref-een\">Grypdonk "
        "(1999)</a></span>. Ook @onbekend en <span class=\"citation\"><a "
        "href=\"literatuur.html#ref-een\">Grypdonk (1999)</a></span> [p. 4].</p>\n");
  CHECK(out.cited == std::vector<std::string>{"org", "een"});
  CHECK(out.uses.empty());
}

TEST_CASE("an escaped cross-reference stays text and leaves no marker") {
  Data d;
  core::Diagnostics diags;
  const auto out = render_inline(d, "Zie \\[@fig:huis] en \\@tbl:x, maar wel [@sec:kop].\n", diags);
  CHECK(test::all(diags).empty());
  REQUIRE(out.xrefs.size() == 1);
  CHECK(out.xrefs[0].name == "sec:kop");
  CHECK(out.html == "<p>Zie [@fig:huis] en @tbl:x, maar wel " + render::xref_marker(0) + ".</p>\n");
}

TEST_CASE("a backslash in code stays as written, escape or not") {
  Data d;
  core::Diagnostics diags;
  const auto out = render_inline(d, "Code `\\@een \\[[x]] \\{{y}}`.\n\n```\n\\@een\n```\n", diags);
  CHECK(test::all(diags).empty());
  CHECK(out.html == "<p>Code <code>\\@een \\[[x]] \\{{y}}</code>.</p>\n<pre><code>\\@een\n</code></pre>\n");
}

TEST_CASE("fill_markers replaces exactly the markers this module makes") {
  const std::string html = "<p>Zie " + render::xref_marker(1) + " en " + render::xref_marker(0) +
                           ".</p>\n" + std::string(render::references_marker) +
                           "<visie-xref n=\"x\"></visie-xref><visie-xref n=\"\"></visie-xref><visie-part 2>";
  std::vector<std::size_t> asked;
  const auto out = render::fill_markers(
      html, [&](std::size_t i) { asked.push_back(i); return "[" + std::to_string(i) + "]"; }, "<ol/>");
  CHECK(out == "<p>Zie [1] en [0].</p>\n<ol/><visie-xref n=\"x\"></visie-xref><visie-xref "
               "n=\"\"></visie-xref><visie-part 2>");
  CHECK(asked == std::vector<std::size_t>{1, 0});
}

TEST_CASE("an unknown citation key or term suggests the nearest known one") {
  Data d;
  core::Diagnostics diags;
  render_inline(d, "Zie [@drei] en @vilans-c.\n\nOok [[Eigen regi]] en [[onbekend]].\n", diags);
  CHECK(test::all(diags) ==
        "c.md:3:6: error: unknown citation key \"@drei\" (did you mean \"@drie\"?)\n"
        "c.md:3:16: error: unknown citation key \"@vilans-c\" (did you mean \"@vilans-a\"?)\n"
        "c.md:5:5: error: unknown term \"Eigen regi\" (did you mean \"Eigen regie\"?)\n"
        "c.md:5:23: error: unknown term \"onbekend\" (no term, variant or id in data/terms.json)\n");
}

TEST_CASE("an @ that does not start a key is text, not an unknown citation") {
  Data d;
  core::Diagnostics diags;
  const auto out = render_inline(d, "* @a.b.c@. x\n\n(_A_@_.A\n\nZie @_een, @9x en @een.\n", diags);
  CHECK(test::all(diags).empty());
  CHECK(out.html == "<ul>\n<li>@a.b.c@. x</li>\n</ul>\n<p>(<em>A</em>@_.A</p>\n"
                    "<p>Zie @_een, @9x en <span class=\"citation\"><a "
                    "href=\"literatuur.html#ref-een\">Grypdonk (1999)</a></span>.</p>\n");
  // What looks like a key still counts, and is an error when unknown.
  render_inline(d, "Zie @onbekend.\n", diags);
  CHECK(test::all(diags) == "c.md:3:5: error: unknown citation key \"@onbekend\" (no reference "
                            "with this id in data/references.json)\n");
}

TEST_CASE("a citation in a heading renders, in link text it renders as text without a link") {
  Data d;
  core::Diagnostics diags;
  const auto out = render_inline(
      d, "## Kern [@een]\n\nZie [de nota [@twee]](x.html) en [zelfmanagement @een](y.html).\n",
      diags);
  CHECK(test::all(diags).empty());
  CHECK(out.html == "<h2>Kern <span class=\"citation\">(<a href=\"literatuur.html#ref-een\">Grypdonk, "
                    "1999</a>)</span></h2>\n<p>Zie <a href=\"x.html\">de nota <span "
                    "class=\"citation\">(Ouwens &amp; Burg, 2012)</span></a> en <a "
                    "href=\"y.html\">zelfmanagement @een</a>.</p>\n");
  CHECK(out.cited == std::vector<std::string>{"een", "twee"});
  const auto xrefs = render_inline(d, "[zie [@fig:huis]](x.html) en [@sec:kern].\n", diags);
  REQUIRE(xrefs.xrefs.size() == 2);
  CHECK(xrefs.xrefs[0].plain);
  CHECK_FALSE(xrefs.xrefs[1].plain);
}

TEST_CASE("terms do not link inside hyphenated compounds or proper names") {
  Data d;
  core::Diagnostics diags;
  const auto out = render_inline(
      d,
      "De presentatie-zelfmanagement-chronisch en zelfmanagement-x.\n\n"
      "Het Landelijk Actieprogramma Zelfmanagement.\n\n"
      "Wij doen aan zelfmanagement.\n",
      diags);
  CHECK(test::all(diags).empty());
  CHECK(out.html == "<p>De presentatie-zelfmanagement-chronisch en zelfmanagement-x.</p>\n"
                    "<p>Het Landelijk Actieprogramma Zelfmanagement.</p>\n"
                    "<p>Wij doen aan " + zm + "zelfmanagement</a>.</p>\n");
  // A sentence may start with the term, after a full stop, and a capital
  // that starts a sentence starts no name.
  const auto start = render_inline(d, "Het kan. Zelfmanagement telt.\n", diags);
  CHECK(start.html == "<p>Het kan. " + zm + "Zelfmanagement</a> telt.</p>\n");
  const auto after = render_inline(d, "Het Zelfmanagement telt.\n", diags);
  CHECK(after.html == "<p>Het " + zm + "Zelfmanagement</a> telt.</p>\n");
}

TEST_CASE("a term is never linked inside the phrases of its no_link_in") {
  Data d;
  d.data.terms[0].no_link_in = {"programma zelfmanagement thuis"};
  core::Diagnostics diags;
  const auto out = render_inline(
      d, "Het programma Zelfmanagement\nthuis loopt.\n\nMaar zelfmanagement thuis wel.\n", diags);
  CHECK(test::all(diags).empty());
  CHECK(out.html == "<p>Het programma Zelfmanagement\nthuis loopt.</p>\n<p>Maar " + zm +
                        "zelfmanagement</a> thuis wel.</p>\n");
}

TEST_CASE("a bracketed citation with an emphasised prefix is one citation") {
  Data d;
  core::Diagnostics diags;
  const auto out = render_inline(d, "Dit [*zie* @een] en [**vgl.** `x` @twee, p. 3] en [*sic*].\n", diags);
  CHECK(test::all(diags).empty());
  CHECK(out.html == "<p>Dit <span class=\"citation\">(<em>zie</em> <a "
                    "href=\"literatuur.html#ref-een\">Grypdonk, 1999</a>)</span> en <span "
                    "class=\"citation\">(<strong>vgl.</strong> <code>x</code> <a "
                    "href=\"literatuur.html#ref-twee\">Ouwens &amp; Burg, 2012, p. 3</a>)</span> en "
                    "[<em>sic</em>].</p>\n");
  // An unknown key leaves the bracket as written, its emphasis included.
  const auto unknown = render_inline(d, "Dit [*zie* @onbekend].\n", diags);
  CHECK(unknown.html == "<p>Dit [<em>zie</em> @onbekend].</p>\n");
  CHECK(test::mentions(diags, "unknown citation key \"@onbekend\""));
}
