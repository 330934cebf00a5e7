#include <doctest/doctest.h>

#include "build/build.hpp"
#include "publish/publish.hpp"
#include "support/fixtures.hpp"
#include "support/support.hpp"

using namespace visie;

namespace {

model::ReviewComment comment(std::string id, std::string block, std::string text,
                             model::Disposition d, std::string response = {}) {
  model::ReviewComment c;
  c.id = std::move(id);
  c.block = std::move(block);
  c.quote = "De tekst van toen.";
  c.role = model::ReviewRole::client;
  c.comment = std::move(text);
  c.created = "2019-02-01T10:00:00Z";
  c.disposition = d;
  c.response = std::move(response);
  return c;
}

/// The minimal fixture as two versions: "concept-1", frozen in memory, with
/// the comments `reviews` on its first chapter, and "concept-2" after it.
model::Content two_versions(std::vector<model::ReviewComment> reviews, bool example = false) {
  auto content = test::fixture_content();
  auto next = content.versions[0];
  next.version.id = "concept-2";
  next.version.label = "Concept 2";
  content.versions[0].reviews.push_back(
      {{"inleiding", {}}, example, std::move(reviews), {}});
  content.versions.push_back(std::move(next));
  return content;
}

/// The ids of the paragraphs of a version's first chapter. (A string search:
/// GCC's sanitizer build warns about <regex>.)
std::vector<std::string> paragraphs(const publish::SiteTree& site, const std::string& version) {
  const auto& page = site.at(version + "/inleiding.html");
  const std::string open = "<p id=\"";
  std::vector<std::string> ids;
  for (auto at = page.find(open); at != std::string::npos; at = page.find(open, at + 1)) {
    const auto start = at + open.size();
    const auto end = page.find('"', start);
    if (page.compare(start, 2, "p-") == 0 && end != std::string::npos) {
      ids.push_back(page.substr(start, end - start));
    }
  }
  REQUIRE(ids.size() >= 2);
  return ids;
}

}  // namespace

TEST_CASE("the next version shows how each comment was handled, with a link where the block still is") {
  core::Diagnostics diags;
  const auto& templates = test::default_templates();
  const auto plain = build::render_site(two_versions({}), templates, {}, {}, diags).files;
  CHECK_FALSE(plain.contains("concept-2/commentaar.html"));
  // The first paragraph names the version, so it changes; the last stays.
  const auto block = paragraphs(plain, "concept-1").front();
  const auto kept = paragraphs(plain, "concept-1").back();

  const auto content = two_versions(
      {comment("c-00000000000000b2", "p-weg0000", "Deze alinea kan weg.",
               model::Disposition::accepted, "Geschrapt."),
       comment("c-00000000000000a1", block, "Graag eenvoudiger.", model::Disposition::partly),
       comment("c-00000000000000a0", kept, "Mooi.", model::Disposition::open)});
  const auto site = build::render_site(content, templates, {}, {}, diags).files;
  INFO(test::all(diags));
  CHECK(diags.error_count() == 0);
  REQUIRE(site.contains("concept-2/commentaar.html"));
  CHECK_FALSE(site.contains("concept-1/commentaar.html"));
  const auto& page = site.at("concept-2/commentaar.html");
  CHECK(test::contains(page, "<h1>Verwerking van commentaar</h1>"));
  CHECK(test::contains(page, "<a href=\"../concept-1/index.html\">Concept 1</a>"));
  CHECK(test::contains(page, "<span class=\"disposition-role\">Cliënt</span>"));
  CHECK(test::contains(page, "Deels overgenomen"));
  CHECK(test::contains(page, "Geschrapt."));
  // The comment on a paragraph that is still there links to it in the new
  // version (here edited: it names its version), the other says it is gone.
  const auto edited = paragraphs(site, "concept-2").front();
  CHECK(edited != block);
  CHECK(test::contains(page, "<a href=\"inleiding.html#" + kept + "\">Bekijk in deze versie (§1 ¶3)</a>"));
  CHECK(test::contains(page, "<a href=\"inleiding.html#" + edited +
                           "\">Bekijk in deze versie (§1 ¶1, gewijzigd)</a>"));
  CHECK(test::count(page, "Deze alinea komt in deze versie niet meer voor.") == 1);
  // A comment without a response says so; in time order, not file order.
  CHECK(test::contains(page, "Geen toelichting vastgelegd."));
  CHECK(page.find("c-00000000000000a1") < page.find("c-00000000000000b2"));
  CHECK_FALSE(test::contains(page, "Voorbeeldgegevens"));
  // The page is listed with the version's other extra pages and is part of
  // the print edition.
  CHECK(test::contains(site.at("concept-2/index.html"), "<a href=\"commentaar.html\">Verwerking van commentaar</a>"));
  CHECK(test::contains(site.at("concept-2/print.html"), "Graag eenvoudiger."));
}

TEST_CASE("comment texts are escaped on the disposition page, and example data says so") {
  core::Diagnostics diags;
  const auto& templates = test::default_templates();
  const auto content =
      two_versions({comment("c-00000000000000c3", "p-x", "<script>alert(1)</script><img src=x onerror=alert(2)>",
                            model::Disposition::not_accepted, "<b>nee</b>")},
                   true);
  const auto site = build::render_site(content, templates, {}, {}, diags).files;
  const auto& page = site.at("concept-2/commentaar.html");
  CHECK(test::contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"));
  CHECK(test::contains(page, "&lt;b&gt;nee&lt;/b&gt;"));
  CHECK_FALSE(test::contains(page, "<script>alert"));
  CHECK_FALSE(test::contains(page, "<img src=x"));
  CHECK(test::contains(page, "<strong>Voorbeeldgegevens.</strong>"));
  CHECK(test::contains(page, "Niet overgenomen"));
}
