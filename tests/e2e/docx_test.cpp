// End-to-end: `visie build --docx` with Debian's pandoc and rsvg-convert on
// the bundled content, the Word files read back with unzip; and the errors
// when the programs are missing or fail.
#include <doctest/doctest.h>

#include <cstdio>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "load/load.hpp"
#include "model/docx.hpp"
#include "support/support.hpp"

using namespace visie;
namespace fs = std::filesystem;

namespace {

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

/// The output of a shell command (stdout only).
std::string output_of(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  pclose(pipe);
  return out;
}

/// The member `name` of the zip file `zip`.
std::string unzipped(const fs::path& zip, const std::string& name) {
  return output_of("unzip -p " + q(zip) + " " + q(name));
}

bool has_tools() {
  return fs::exists("/usr/bin/pandoc") && fs::exists("/usr/bin/rsvg-convert") && fs::exists("/usr/bin/unzip");
}

/// The citable blocks of a chapter page, as the review loop knows them: the
/// elements with an id and a reference link to it.
std::vector<std::string> blocks_of(const std::string& page) {
  static const std::regex block(R"re(id="([^"]+)"[^>]*><a class="ref" href="#([^"]+)")re");
  std::vector<std::string> out;
  for (std::sregex_iterator it(page.begin(), page.end(), block), end; it != end; ++it) {
    if ((*it)[1] == (*it)[2]) out.push_back((*it)[1]);
  }
  return out;
}

}  // namespace

TEST_CASE("build --docx writes each version's Word file with a bookmark around every block") {
  if (!has_tools()) {
    MESSAGE("pandoc, rsvg-convert or unzip is not installed: skipped");
    return;
  }
  test::TempDir dir;
  const auto content_dir = fs::path(VISIE_SOURCE_DIR) / "content";
  const auto content = q(content_dir);
  const auto r = test::run_visie("build --docx --no-cache --content " + content + " --out " + q(dir / "a"));
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(r.output.find("writing 6 Word files with") != std::string::npos);
  core::Diagnostics diags;
  const auto loaded = load::load_content(content_dir, diags);
  REQUIRE(loaded);
  const auto versions = nlohmann::json::parse(test::read_file(dir / "a/versions.json"));
  std::size_t checked = 0;
  for (const auto& vc : loaded->versions) {
    const auto& id = vc.version.id;
    CAPTURE(id);
    const auto name = "visie-op-zelfmanagement-" + id + ".docx";
    const auto docx = dir / "a" / id / name;
    REQUIRE(fs::exists(docx));
    // The pages learn of it from versions.js, as of the PDF.
    bool listed = false;
    for (const auto& v : versions["versions"]) listed = listed || (v["id"] == id && v["docx"] == name);
    CHECK(listed);
    const auto document = unzipped(docx, "word/document.xml");
    REQUIRE(document.size() > 1000);
    std::set<std::string> bookmarks;
    static const std::regex bookmark(R"re(<w:bookmark(Start|End) w:id="(\d+)"(?: w:name="([^"]+)")?)re");
    std::string open;  // the id of the bookmark open here: each holds one block, none nest
    for (std::sregex_iterator it(document.begin(), document.end(), bookmark), end; it != end; ++it) {
      if ((*it)[1] == "Start") {
        CHECK_MESSAGE(open.empty(), (*it)[3], " starts inside ", open);
        open = (*it)[2];
        bookmarks.insert((*it)[3]);
      } else {
        CHECK((*it)[2] == open);
        open.clear();
      }
    }
    std::size_t blocks = 0;
    for (const auto& chapter : vc.chapters) {
      const auto page = test::read_file(dir / "a" / id / (chapter.id + ".html"));
      for (const auto& block : blocks_of(page)) {
        ++blocks;
        CHECK_MESSAGE(bookmarks.contains(model::docx_bookmark(chapter.id, block)), chapter.id, " ", block);
      }
    }
    CHECK(blocks > 5);
    CHECK(document.find("<w:pStyle w:val=\"Heading1\" />") != std::string::npos);
    CHECK(document.find("<w:pStyle w:val=\"Heading2\" />") != std::string::npos);
    const auto print = test::read_file(dir / "a" / id / "print.html");
    if (print.find("<table") != std::string::npos) CHECK(document.find("<w:tbl>") != std::string::npos);
    // Every page footnote of the print edition is a Word footnote.
    const auto notes = test::count(print, "<span class=\"footnote\"");
    CHECK(test::count(unzipped(docx, "word/footnotes.xml"), "<w:footnoteRef />") == notes);
    CHECK(test::count(document, "<w:footnoteReference ") == notes);
    if (print.find("fig-wide") != std::string::npos) {
      CHECK(output_of("unzip -l " + q(docx)).find("word/media/") != std::string::npos);
      CHECK(document.find("<w:drawing>") != std::string::npos);
    }
    // Nothing of the work folder is left behind.
    CHECK_FALSE(fs::exists(dir / "a" / id / ".visie-word"));
    ++checked;
  }
  CHECK(checked == 6);
  // The working version's pages link it beside the PDF; visie.js fills in
  // the address from versions.js, as for the PDF.
  CHECK(test::contains(test::read_file(dir / "a/werkversie/aanleiding.html"),
                       "<span class=\"docx-link\" hidden> · <a href=\"print.html\" download>Download "
                       "Word-bestand</a></span>"));
  CHECK(test::contains(test::read_file(dir / "a/werkversie/assets/visie.js"), "data.versions[here].docx"));
  // A second build gives the same bytes.
  REQUIRE(test::run_visie("build -q --docx --no-cache --content " + content + " --out " + q(dir / "b"))
              .exit_code == 0);
  for (const auto& vc : loaded->versions) {
    const auto name = vc.version.id + "/visie-op-zelfmanagement-" + vc.version.id + ".docx";
    CHECK_MESSAGE(test::read_file(dir / "a" / name) == test::read_file(dir / "b" / name), name);
  }
}

TEST_CASE("build --docx without pandoc or rsvg-convert is an error that names the packages") {
  test::TempDir dir;
  fs::create_directories(dir / "empty-bin");
  const auto r = test::run_visie("build --docx --content " + q(fs::path(VISIE_FIXTURES) / "good/minimal") +
                                     " --out " + q(dir / "site"),
                                 "PATH=" + q((dir / "empty-bin").string()));
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("error: --docx: pandoc and rsvg-convert are not installed (not on PATH), so no "
                      "Word files can be made. Install them with: apt-get install pandoc librsvg2-bin") !=
        std::string::npos);
  CHECK_FALSE(fs::exists(dir / "site"));
}

TEST_CASE("a failing pandoc fails the build and leaves the previous site as it was") {
  if (!has_tools()) return;
  test::TempDir dir;
  const auto content = q(fs::path(VISIE_FIXTURES) / "good/minimal");
  REQUIRE(test::run_visie("build -q --content " + content + " --out " + q(dir / "site")).exit_code == 0);
  const auto before = test::read_tree(dir / "site");
  // Without --docx, versions.json names no Word file.
  CHECK_FALSE(test::contains(before.at("versions.json"), "docx"));
  test::write_file(dir / "bin/pandoc", "#!/bin/sh\necho 'pandoc: kapot document' >&2\nexit 2\n");
  fs::permissions(dir / "bin/pandoc", fs::perms::owner_all);
  const auto r = test::run_visie("build --docx --content " + content + " --out " + q(dir / "site"),
                                 "PATH=" + q((dir / "bin").string() + ":/usr/bin:/bin"));
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("concept-1/print.html: error: pandoc failed (exit code 2): pandoc: kapot document") !=
        std::string::npos);
  CHECK(test::read_tree(dir / "site") == before);
}
