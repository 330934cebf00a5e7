#include <doctest/doctest.h>

#include <set>

#include <nlohmann/json.hpp>

#include "load/load.hpp"
#include "build/build.hpp"
#include "emit/emit.hpp"
#include "publish/publish.hpp"
#include "render/render.hpp"
#include "support/fixtures.hpp"
#include "support/support.hpp"

using namespace visie;
namespace fs = std::filesystem;

TEST_CASE("the site has a landing page, a contents page and a page per chapter") {
  core::Diagnostics diags;
  const auto& templates = test::default_templates();
  const auto content = test::fixture_content();
  const auto site = build::render_site(content, templates, {}, {}, diags).files;
  CHECK(test::all(diags).empty());
  for (const char* path : {"index.html", "concept-1/index.html", "concept-1/inleiding.html",
                           "concept-1/sessie.html", "versions.json", "versions.js",
                           "assets/style.css", "concept-1/assets/style.css",
                           "concept-1/assets/visie.js"}) {
    CHECK_MESSAGE(site.contains(path), path);
  }
  const auto& chapter = site.at("concept-1/inleiding.html");
  CHECK(test::contains(chapter, "<html lang=\"nl\">"));
  CHECK(test::contains(chapter, "<a href=\"sessie.html\">De werkbijeenkomst</a>"));
  CHECK(test::contains(chapter, "aria-current=\"page\">Inleiding</a>"));
  // A version's pages use its own copy of the assets, so a frozen version
  // keeps its look when the theme changes later.
  CHECK(test::contains(chapter, "href=\"assets/style.css\""));
  CHECK(test::contains(chapter, "src=\"../versions.js\""));
  CHECK(test::contains(site.at("index.html"), "href=\"concept-1/inleiding.html\""));
  const auto versions = nlohmann::json::parse(site.at("versions.json"));
  CHECK(versions["latest"] == "concept-1");
}

TEST_CASE("the blocks a comment may be on come from the rendered chapters, frozen or not") {
  core::Diagnostics diags;
  const auto& templates = test::default_templates();
  const auto& content = test::bundled_content();
  build::Options options;
  // As `visie serve --review --version concept-2` builds: the frozen
  // version's published pages are reused, yet its blocks are known.
  options.blocks_of = {"concept-2"};
  const auto site = build::render_site(content, templates, options, test::frozen_versions(content), diags);
  REQUIRE_FALSE(diags.has_errors());
  REQUIRE(site.blocks.size() == 1);
  const auto& chapters = site.blocks.at("concept-2");
  REQUIRE(chapters.size() == content.versions[2].chapters.size());
  std::size_t count = 0;
  for (const auto& [chapter, ids] : chapters) {
    const auto& page = site.files.at("concept-2/" + chapter + ".html");
    // The blocks are exactly the targets of the page's reference links.
    std::vector<std::string> linked;
    constexpr std::string_view link = "<a class=\"ref\" href=\"#";
    for (auto at = page.find(link); at != std::string::npos; at = page.find(link, at)) {
      at += link.size();
      linked.push_back(page.substr(at, page.find('"', at) - at));
    }
    CHECK_MESSAGE(ids == linked, chapter);
    for (const auto& id : ids) CHECK(test::contains(page, "id=\"" + id + "\""));
    count += ids.size();
  }
  CHECK(count > 100);
}

TEST_CASE("ids repeated on a chapter page are renamed, the first keeping its name") {
  test::TempDir dir;
  test::copy_fixture("good/minimal", dir / "c");
  {
    std::ofstream more(dir / "c/chapters/02-werkbijeenkomst.md", std::ios::app);
    more << "\n```visie definitions\nsort: year\n```\n";
  }
  core::Diagnostics diags;
  const auto templates = load::load_templates(std::nullopt, diags);
  const auto content = load::load_content(dir / "c", diags);
  REQUIRE(content);
  const auto site = build::render_site(*content, templates, {}, {}, diags);
  REQUIRE_FALSE(diags.has_errors());
  const auto& page = site.files.at("concept-1/sessie.html");
  const auto first = page.find("<figure class=\"definition\" id=\"def-eerder\" data-year=\"2002\"");
  const auto second = page.find("<figure class=\"definition\" id=\"def-eerder-2\" data-year=\"2002\"");
  CHECK(first != std::string::npos);
  CHECK(second != std::string::npos);
  CHECK(first < second);
  std::set<std::string> ids;
  for (const auto& id : render::index_fragment(page).ids) CHECK_MESSAGE(ids.insert(id.value).second, id.value);
}

TEST_CASE("versions.js names the newest published version and each version's pages") {
  core::Diagnostics diags;
  const auto& templates = test::default_templates();
  auto content = test::fixture_content();
  content.versions[0].version.frozen = true;
  auto draft = content.versions[0];
  draft.version.id = "werkversie";
  draft.version.frozen = false;
  draft.chapters.pop_back();
  content.versions.push_back(draft);
  const auto site = build::render_site(content, templates, {}, {}, diags).files;
  const auto& js = site.at("versions.js");
  REQUIRE(js.starts_with("window.visieVersions = "));
  const auto data = nlohmann::json::parse(js.substr(23, js.size() - 25));
  // The landing page and the switcher point at the newest frozen version,
  // not at the working draft after it.
  CHECK(data["latest"] == "concept-1");
  CHECK(data["versions"][1]["pages"] ==
        nlohmann::json::array({"begrippenlijst.html", "changes.html", "index.html", "inleiding.html", "literatuur.html", "print.html"}));
  CHECK(test::contains(site.at("index.html"), "href=\"concept-1/inleiding.html\""));
  CHECK(test::contains(site.at("werkversie/index.html"), "href=\"changes.html\""));
}

TEST_CASE("a template override replaces the default of the same path") {
  test::TempDir dir;
  test::write_file(dir / "layouts/page.html", "<p>eigen: {{title}}</p>");
  test::write_file(dir / "onbekend.html", "x");
  core::Diagnostics diags;
  const auto templates = load::load_templates(dir.path(), diags);
  const auto content = test::fixture_content();
  const auto site = build::render_site(content, templates, {}, {}, diags).files;
  CHECK(site.at("concept-1/inleiding.html") == "<p>eigen: Inleiding</p>");
  CHECK(test::mentions(diags, "onbekend.html: warning: not a template visie uses"));
  CHECK_FALSE(diags.has_errors());
}

TEST_CASE("reusing frozen versions (serve) gives the same site as rendering them again") {
  core::Diagnostics diags;
  const auto& templates = test::default_templates();
  const auto& content = test::bundled_content();
  const auto& full = test::bundled_site();
  const auto served = build::render_site(content, templates, {}, test::frozen_versions(content), diags);
  CHECK(test::all(diags).empty());
  REQUIRE(full.drifted.empty());
  CHECK(served.drifted.empty());
  REQUIRE(full.files.size() > 100);  // the loop below compares something
  CHECK(served.files.size() == full.files.size());
  for (const auto& [path, bytes] : full.files) {
    INFO(path);
    CHECK((served.files.contains(path) && served.files.at(path) == bytes));
  }
}

TEST_CASE("streamed, a working version's files go to the writer as they are made, the same bytes") {
  core::Diagnostics diags;
  const auto& templates = test::default_templates();
  const auto& content = test::bundled_content();
  const auto& whole = test::bundled_site();
  const test::TempDir tmp;
  const auto out = tmp.path() / "site";
  auto writer = emit::SiteWriter::open(out, tmp.path() / "content", diags);
  REQUIRE(writer);
  build::Options options;
  options.writer = writer.get();
  const auto streamed = build::render_site(content, templates, options, {}, diags);
  CHECK(test::all(diags).empty());
  // The bundled content's working version is "werkversie"; the frozen
  // versions are compared with what they published, so they stay in memory.
  std::string working;
  for (const auto& vc : content.versions) {
    if (!vc.version.frozen) working = vc.version.id;
  }
  REQUIRE_FALSE(working.empty());
  for (const auto* path : {"/index.html", "/print.html", "/search/index.js"}) {
    CHECK(streamed.streamed.contains(working + path));
  }
  REQUIRE(streamed.files.size() == whole.files.size());
  for (const auto& [path, bytes] : whole.files) {
    INFO(path);
    REQUIRE(streamed.files.contains(path));
    if (path.starts_with(working + "/")) {
      CHECK(streamed.streamed.contains(path));
      CHECK(streamed.files.at(path).empty());
    } else {
      CHECK_FALSE(streamed.streamed.contains(path));
      CHECK(streamed.files.at(path) == bytes);
    }
  }
  // What was written, streamed or not, is the whole site, byte for byte.
  REQUIRE(writer->finish(streamed.files, streamed.streamed, diags));
  std::size_t written = 0;
  for (const auto& entry : fs::recursive_directory_iterator(out)) {
    if (!entry.is_regular_file() || entry.path().filename() == emit::marker_file) continue;
    ++written;
    const auto path = fs::relative(entry.path(), out).generic_string();
    INFO(path);
    CHECK((whole.files.contains(path) && test::read_file(entry.path()) == whole.files.at(path)));
  }
  CHECK(written == whole.files.size());
}

TEST_CASE("a base URL gives canonical links and a sitemap, and without one there are none") {
  core::Diagnostics diags;
  const auto& templates = test::default_templates();
  auto content = test::fixture_content();
  auto site = build::render_site(content, templates, {}, {}, diags).files;
  CHECK_FALSE(site.contains("sitemap.xml"));
  CHECK_FALSE(test::contains(site.at("concept-1/inleiding.html"), "rel=\"canonical\""));
  CHECK(site.contains("404.html"));

  content.project.base_url = "https://example.org/visie/";
  site = build::render_site(content, templates, {}, {}, diags).files;
  CHECK(test::all(diags).empty());
  CHECK(test::contains(site.at("concept-1/inleiding.html"),
                 "<link rel=\"canonical\" href=\"https://example.org/visie/concept-1/inleiding.html\">"));
  CHECK(test::contains(site.at("index.html"), "href=\"https://example.org/visie/index.html\""));
  const auto& sitemap = site.at("sitemap.xml");
  CHECK(test::contains(sitemap, "<loc>https://example.org/visie/concept-1/inleiding.html</loc>"));
  CHECK(test::contains(sitemap, "<loc>https://example.org/visie/index.html</loc>"));
  CHECK_FALSE(test::contains(sitemap, "print.html"));
  CHECK_FALSE(test::contains(sitemap, "404.html"));
  // The 404 page may be served at any depth: its links go through <base>.
  CHECK(test::contains(site.at("404.html"), "<base href=\"https://example.org/visie/\">"));
}

TEST_CASE("every version gets a search index, and long chapters their own contents") {
  core::Diagnostics diags;
  const auto& templates = test::default_templates();
  const auto content = test::fixture_content();
  const auto site = build::render_site(content, templates, {}, {}, diags).files;
  CHECK(site.contains("concept-1/search/index.js"));
  CHECK(site.contains("concept-1/search/w0.js"));
  CHECK(site.contains("concept-1/search/f0.js"));
  CHECK(site.contains("concept-1/assets/search.js"));
  CHECK(test::contains(site.at("concept-1/inleiding.html"), "class=\"breadcrumbs\""));
  CHECK(test::contains(site.at("index.html"), "data-search-root=\"concept-1/\""));
}

namespace {

/// The minimal fixture's version with `n` chapters of one line each.
model::Content with_chapters(std::size_t n) {
  auto content = test::fixture_content();
  auto& chapters = content.versions[0].chapters;
  const auto first = chapters.front();
  chapters.clear();
  for (std::size_t i = 1; i <= n; ++i) {
    auto c = first;
    c.id = "h" + std::to_string(i);
    c.title = "Hoofdstuk " + std::to_string(i);
    c.order = static_cast<long>(i);
    c.body = "Tekst van hoofdstuk " + std::to_string(i) + ".\n";
    chapters.push_back(c);
  }
  return content;
}

/// The chapter links in the sidebar of `page`, in order.
std::vector<std::string> sidebar_chapters(const std::string& page) {
  const auto start = page.find("<ol class=\"toc\"");
  const auto end = page.find("</ol>", start);
  std::vector<std::string> titles;
  for (auto at = page.find("\">Hoofdstuk ", start); at < end; at = page.find("\">Hoofdstuk ", at + 1)) {
    titles.push_back(page.substr(at + 2, page.find('<', at) - at - 2));
  }
  return titles;
}

}  // namespace

TEST_CASE("the sidebar lists every chapter of a version of up to 100") {
  core::Diagnostics diags;
  const auto& templates = test::default_templates();
  const auto content = with_chapters(100);
  const auto site = build::render_site(content, templates, {}, {}, diags).files;
  REQUIRE(!diags.has_errors());
  const auto& page = site.at("concept-1/h50.html");
  CHECK(sidebar_chapters(page).size() == 100);
  CHECK(test::contains(page, "<ol class=\"toc\">"));
  CHECK(!test::contains(page, "toc-all"));
}

TEST_CASE("above 100 chapters the sidebar shows 21 around the page and links to all") {
  core::Diagnostics diags;
  const auto& templates = test::default_templates();
  const auto content = with_chapters(150);
  const auto site = build::render_site(content, templates, {}, {}, diags).files;
  REQUIRE(!diags.has_errors());
  const auto window = [&](const std::string& path) { return sidebar_chapters(site.at(path)); };

  const auto middle = window("concept-1/h75.html");
  REQUIRE(middle.size() == 21);
  CHECK(middle.front() == "Hoofdstuk 65");
  CHECK(middle.back() == "Hoofdstuk 85");
  const auto& page = site.at("concept-1/h75.html");
  CHECK(test::contains(page, "<ol class=\"toc\" start=\"65\">"));
  CHECK(test::contains(page, "aria-current=\"page\">Hoofdstuk 75</a>"));
  CHECK(test::contains(page, "<p class=\"toc-all\"><a href=\"index.html\">Alle hoofdstukken (150)</a></p>"));

  // At the ends the window shifts rather than shrinks.
  CHECK(window("concept-1/h1.html").front() == "Hoofdstuk 1");
  CHECK(window("concept-1/h1.html").size() == 21);
  CHECK(window("concept-1/h150.html").front() == "Hoofdstuk 130");
  CHECK(window("concept-1/h150.html").back() == "Hoofdstuk 150");
  // Pages that are no chapter show the first ones; the contents page lists all.
  CHECK(window("concept-1/index.html").front() == "Hoofdstuk 1");
  const auto& contents = site.at("concept-1/index.html");
  CHECK(test::contains(contents, "<li><a href=\"h150.html\">Hoofdstuk 150</a></li>"));
  CHECK(test::contains(contents, "<li><a href=\"h101.html\">Hoofdstuk 101</a></li>"));
}

TEST_CASE("a Vancouver version numbers its works in the order of their first citation in all chapters") {
  core::Diagnostics diags;
  auto content = test::bundled_content();
  content.project.citation_style = model::CitationFormat::vancouver;
  const auto site =
      build::render_site(content, test::default_templates(), {}, test::frozen_versions(content), diags);
  REQUIRE_FALSE(diags.has_errors());
  // The draft's first citation (chapter 1) is of the third work in
  // references.json: numbered 1, not 3 (its place in the file).
  const auto& page = site.files.at("werkversie/aanleiding.html");
  const auto at = page.find("<span class=\"citation\">");
  REQUIRE(at != std::string::npos);
  const auto citation = page.substr(at, page.find("</span>", at) - at);
  INFO(citation);
  CHECK(test::contains(citation, "#ref-vilans-zelfzorg-ondersteund\">1</a>"));
}
