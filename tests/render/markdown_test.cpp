#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <tuple>
#include <vector>

#include "render/markdown/markdown.hpp"
#include "support/support.hpp"

using namespace visie::render;
namespace test = visie::test;

TEST_CASE("GFM extensions are on: tables, strikethrough, autolinks, task lists, footnotes") {
  const auto out = markdown::to_html(
      "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~weg~~ www.example.org\n\n- [x] klaar\n\nNoot[^n].\n\n[^n]: Tekst.\n",
      {});
  CHECK(test::contains(out.html, "<table data-sourcepos="));
  CHECK(test::contains(out.html, "<del>weg</del>"));
  CHECK(test::contains(out.html, "<a href=\"http://www.example.org\">"));
  CHECK(test::contains(out.html, "type=\"checkbox\" checked"));
  CHECK(test::contains(out.html, "class=\"footnotes\""));
}

TEST_CASE("raw HTML is filtered, never passed through") {
  const auto out = markdown::to_html("<script>alert(1)</script>\n\nText <img src=x onerror=y>\n", {});
  CHECK_FALSE(test::contains(out.html, "<script"));
  CHECK_FALSE(test::contains(out.html, "<img"));
  CHECK(test::contains(out.html, "raw HTML omitted"));
  const auto link = markdown::to_html("[x](javascript:alert(1))\n", {});
  CHECK_FALSE(test::contains(link.html, "javascript:"));
}

TEST_CASE("directive blocks are replaced by the hook's HTML, other code blocks stay") {
  std::vector<markdown::Directive> seen;
  markdown::Hooks hooks;
  hooks.directive = [&](const markdown::Directive& d) {
    seen.push_back(d);
    return "<div class=\"component\">" + d.name + "</div>";
  };
  const auto out = markdown::to_html(
      "Tekst\n\n```visie model\nid: laz\n```\n\n```visiebank\nniet\n```\n\n```js\ncode\n```\n", hooks);
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].name == "model");
  CHECK(seen[0].body == "id: laz\n");
  CHECK(seen[0].line == 3);
  CHECK(test::contains(out.html, "<div class=\"component\">model</div>"));
  CHECK(test::contains(out.html, "<code class=\"language-visiebank\">niet"));
  CHECK(test::contains(out.html, "<code class=\"language-js\">code"));
}

TEST_CASE("the placeholder hook fills placeholders only in text, not in code or when escaped") {
  markdown::Hooks hooks;
  std::vector<std::string> names;
  std::vector<std::size_t> lines;
  hooks.placeholder = [&](const markdown::Placeholder& p) -> std::optional<std::string> {
    names.emplace_back(p.name);
    lines.push_back(p.line);
    if (p.name == "x") return "<waarde>";
    CHECK(p.written == "{{ onbekend }}");
    return std::nullopt;
  };
  const auto out = markdown::to_html(
      "Eerst\n\nDit is {{x}}, \\{{x}} en\n{{ onbekend }}.\n\n`{{x}}`\n", hooks);
  CHECK(test::contains(out.html, ">Dit is &lt;waarde&gt;, {{x}} en\n{{ onbekend }}.</p>"));
  CHECK(test::contains(out.html, "<code>{{x}}</code>"));
  CHECK(names == std::vector<std::string>{"x", "onbekend"});
  CHECK(lines == std::vector<std::size_t>{3, 4});
}

TEST_CASE("citable blocks are collected with kind, text and a trailing {#id}") {
  const auto out = markdown::to_html(
      "## Een *kop* {#eigen-kop}\n\nEen alinea.\n\n- punt\n\n| a |\n|---|\n| 1 |\n\nNoot[^1].\n\n[^1]: In de noot.\n", {});
  REQUIRE(out.blocks.size() == 5);
  CHECK(out.blocks[0].kind == markdown::BlockKind::heading);
  CHECK(out.blocks[0].level == 2);
  CHECK(out.blocks[0].text == "Een kop");
  CHECK(out.blocks[0].explicit_id == "eigen-kop");
  CHECK(out.blocks[1].kind == markdown::BlockKind::paragraph);
  CHECK(out.blocks[2].kind == markdown::BlockKind::item);
  CHECK(out.blocks[3].kind == markdown::BlockKind::table);
  CHECK(out.blocks[4].text == "Noot.");  // the footnote's own paragraph is not cited
  CHECK(test::contains(out.html, "<h2 data-sourcepos=\"" + out.blocks[0].sourcepos + "\">Een <em>kop</em></h2>"));
}

TEST_CASE("parsing on many threads at once gives every parse its autolinks and strikethrough") {
  // cmark-gfm keeps a global table of special characters that each parse
  // changed; unserialised, a parse on one thread now and then lost the
  // autolinks of another.
  // The parse now runs unserialised: the table is filled once for good.
  REQUIRE(markdown::parses_in_parallel());
  const std::string source = "Zie https://example.org en www.example.org, ~~weg~~.\n";
  const auto expected = markdown::to_html(source, {}).html;
  REQUIRE(test::contains(expected, "<a href=\"https://example.org\">"));
  REQUIRE(test::contains(expected, "<del>weg</del>"));
  std::atomic<int> different{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 300; ++i) {
        if (markdown::to_html(source, {}).html != expected) ++different;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(different.load() == 0);
}

namespace {

/// Hooks that turn every "X" in prose into a span of HTML, as citations do.
markdown::Hooks span_hooks() {
  markdown::Hooks hooks;
  hooks.inlines = [](std::string_view literal, const markdown::TextSpot&) {
    std::vector<markdown::Span> spans;
    const auto at = literal.find('X');
    if (at == std::string_view::npos) return spans;
    spans.push_back({"", std::string(literal.substr(0, at)), ""});
    spans.push_back({"<b class=\"span\">", "x", "</b>"});
    spans.push_back({"", std::string(literal.substr(at + 1)), ""});
    return spans;
  };
  return hooks;
}

}  // namespace

TEST_CASE("text can never forge the marker of a span of HTML") {
  const auto hooks = span_hooks();
  // What the marker once was (U+E000 index U+E001), in text, a table cell,
  // code and a directive's HTML: all of it stays as written.
  const std::string forged = "\xEE\x80\x80" "0" "\xEE\x80\x81";
  auto with_directive = hooks;
  with_directive.directive = [&](const markdown::Directive&) { return "<div>" + forged + "</div>"; };
  const auto out = markdown::to_html("Een X en " + forged + ".\n\n| " + forged + " |\n|---|\n| a |\n\n`" +
                                         forged + "`\n\n```visie x\n```\n",
                                     with_directive);
  CHECK(test::count(out.html, "<b class=\"span\">x</b>") == 1);
  CHECK(test::count(out.html, forged) == 4);
}

TEST_CASE("control characters U+0080 to U+009F in the input become U+FFFD") {
  // The module keeps these for itself (escaped characters, span markers);
  // HTML has no use for them.
  const auto hooks = span_hooks();
  std::string c1;
  for (unsigned char b = 0x80; b <= 0x9F; ++b) c1 += std::string("\xC2") + static_cast<char>(b);
  auto with_directive = hooks;
  with_directive.directive = [&](const markdown::Directive&) { return "<div>" + c1 + "</div>"; };
  const auto out = markdown::to_html("Een X en " + c1 + " `" + c1 + "`.\n\n```visie x\n```\n", with_directive);
  CHECK(test::count(out.html, "<b class=\"span\">x</b>") == 1);
  CHECK(test::count(out.html, "\xEF\xBF\xBD") == 3 * 32);
  CHECK(out.html.find("\xC2\x80") == std::string::npos);
  CHECK(out.html.find("\xC2\x98") == std::string::npos);
}

TEST_CASE("an escape is undone where cmark-gfm undoes one and kept where it keeps the backslash") {
  markdown::Hooks hooks;
  std::vector<std::string> literals;
  std::vector<std::vector<std::size_t>> escaped;
  hooks.inlines = [&](std::string_view literal, const markdown::TextSpot& where) {
    if (where.in_heading) return std::vector<markdown::Span>{};  // the running text only
    literals.emplace_back(literal);
    escaped.push_back(where.escaped);
    return std::vector<markdown::Span>{};
  };
  const auto out = markdown::to_html(
      "## Kop \\{#eigen}\n\nA \\@b \\[c \\{d \\\\@e.\n\n[link](mailto:a\\@b \"t\\@\") "
      "<https://x.nl/\\@y> `\\@z` noot[^a\\@b][^c\\[d].\n\n[^a\\@b]: N.\n\n[^c\\[d]: M.\n\n"
      "Geen noot: [^ \\@e \\[x].\n\n```visie\\@x\n\\{{y}}\n```\n",
      hooks);
  INFO(out.html);
  // `\{#` is no explicit id: the heading keeps its text.
  REQUIRE_FALSE(out.blocks.empty());
  CHECK(out.blocks[0].explicit_id.empty());
  CHECK(out.blocks[0].text == "Kop {#eigen}");
  CHECK(test::contains(out.html, ">Kop {#eigen}</h2>"));
  // The hooks see the characters, and where they were escaped.
  REQUIRE_FALSE(literals.empty());
  CHECK(literals[0] == "A @b [c {d \\@e.");
  CHECK(escaped[0] == std::vector<std::size_t>{2, 5, 8});
  CHECK(test::contains(out.html, ">A @b [c {d \\@e.</p>"));
  // cmark-gfm keeps any "[^…]" as written, a footnote or not: so does visie.
  CHECK(test::contains(out.html, ">Geen noot: [^ \\@e \\[x].</p>"));
  // A link target undoes it; an autolink, code and a footnote label keep it.
  CHECK(test::contains(out.html, "<a href=\"mailto:a@b\" title=\"t@\">link</a>"));
  CHECK(test::contains(out.html, "<a href=\"https://x.nl/%5C@y\">https://x.nl/\\@y</a>"));
  CHECK(test::contains(out.html, "<code>\\@z</code>"));
  CHECK(test::contains(out.html, "href=\"#fn-a%5C@b\""));
  CHECK(test::contains(out.html, "href=\"#fn-c%5C%5Bd\""));
  // An info string undoes it too (as cmark-gfm does); the code keeps it.
  CHECK(test::contains(out.html, "<code class=\"language-visie@x\">\\{{y}}\n</code></pre>"));
}

TEST_CASE("place_blocks replaces each block's source position: placed, wrapped or dropped") {
  const auto out = markdown::to_html("Alinea *nadruk*.\n\n| a |\n|---|\n| 1 |\n\nLaatste.\n", {});
  REQUIRE(out.blocks.size() == 3);
  const auto& para = out.blocks[0].sourcepos;
  const auto& table = out.blocks[1].sourcepos;
  std::vector<std::pair<std::string, bool>> asked;
  const auto html = markdown::place_blocks(
      out.html, [&](const std::string& key, bool is_table) -> std::optional<markdown::BlockPlacement> {
        asked.emplace_back(key, is_table);
        markdown::BlockPlacement p;
        if (key == para) {
          p.attributes = " id=\"p\"";
          p.after_tag = "<a>1</a>";
        } else if (key == table) {
          p.before = "<div id=\"t\">";
          p.after_tag = "\n<caption>T</caption>";
          p.close = "</div>";
        } else {
          return std::nullopt;
        }
        return p;
      });
  CHECK_FALSE(test::contains(html, "data-sourcepos"));
  CHECK(test::contains(html, "<p id=\"p\"><a>1</a>Alinea <em>nadruk</em>.</p>"));
  CHECK(test::contains(html, "<div id=\"t\"><table>\n<caption>T</caption>"));
  CHECK(test::contains(html, "</table></div>"));
  CHECK(test::contains(html, "<p>Laatste.</p>"));
  // Every block element is asked about, the table as a table.
  CHECK(std::find(asked.begin(), asked.end(), std::make_pair(table, true)) != asked.end());
  CHECK(std::find(asked.begin(), asked.end(), std::make_pair(para, false)) != asked.end());
}

TEST_CASE("a footnote's back-link carries the caller's label, escaped, and only cmark-gfm's is touched") {
  const std::string source =
      "Noot[^n]. Tekst met data-footnote-backref aria-label=\"Back to content\" erin.\n\n[^n]: Tekst.\n";
  const auto english = markdown::to_html(source, {});
  CHECK(test::contains(english.html, "data-footnote-backref aria-label=\"Back to content\">"));
  markdown::Hooks hooks;
  hooks.footnote_back = "Terug naar \"de\" tekst";
  const auto out = markdown::to_html(source, hooks);
  CHECK(test::contains(out.html,
                       "data-footnote-backref aria-label=\"Terug naar &quot;de&quot; tekst\">"));
  CHECK_FALSE(test::contains(out.html, "aria-label=\"Back to content\""));
  // The author's text keeps what it says (its quotes escaped by cmark-gfm).
  CHECK(test::contains(out.html, "aria-label=&quot;Back to content&quot; erin."));
}

TEST_CASE("the hook sees the text of headings and links, marked as such, but not of images") {
  markdown::Hooks hooks;
  std::vector<std::tuple<std::string, bool, bool>> seen;
  hooks.inlines = [&](std::string_view literal, const markdown::TextSpot& where) {
    seen.emplace_back(std::string(literal), where.in_heading, where.in_link);
    return std::vector<markdown::Span>{};
  };
  markdown::to_html("## Kop [@a]\n\nTekst [link [@b]](x.html) ![beeld](y.png).\n", hooks);
  CHECK(seen == std::vector<std::tuple<std::string, bool, bool>>{
                    {"Kop [@a]", true, false}, {"Tekst ", false, false},
                    {"link [@b]", false, true}, {" ", false, false}, {".", false, false}});
}
