// End-to-end: the visie binary on hostile and broken content
// (tests/fixtures/bad/ and inputs generated here). Each gets a precise
// `file:line:col: error:` or is handled correctly; none crashes, hangs,
// reads or writes outside the content and output folders, or changes the
// previous site.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <string>
#include <vector>

#include "support/support.hpp"

using namespace visie;
namespace fs = std::filesystem;

namespace {

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

fs::path fixture(const std::string& name) { return fs::path(VISIE_FIXTURES) / name; }

/// The entries directly in `dir`, to prove nothing appeared next to the
/// output folder.
std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

/// Builds the good minimal fixture into `dir/site`, then builds `content`
/// over it and checks the run failed with every line of `expected` (each
/// prefixed with the content folder as shown) and left the site and the
/// folder around it as they were.
test::RunResult expect_refused(const test::TempDir& dir, const fs::path& content,
                               const std::vector<std::string>& expected) {
  REQUIRE(test::run_visie("build -q --content " + q(fixture("good/minimal")) + " --out " +
                          q(dir / "site"))
              .exit_code == 0);
  const auto before = test::read_tree(dir / "site");
  const auto around = entries(dir.path());
  const auto r = test::run_visie("build --content " + q(content) + " --out " + q(dir / "site"));
  INFO(r.output);
  CHECK(r.exit_code == 1);
  const auto shown = content.lexically_normal().generic_string();
  for (const auto& line : expected) {
    CHECK_MESSAGE(r.output.find(shown + "/" + line) != std::string::npos, line);
  }
  CHECK(r.output.find("nothing was written") != std::string::npos);
  CHECK(test::read_tree(dir / "site") == before);
  CHECK(entries(dir.path()) == around);
  return r;
}

/// Every .html file of a built site.
std::map<std::string, std::string> html_files(const fs::path& site) {
  std::map<std::string, std::string> out;
  for (auto& [path, bytes] : test::read_tree(site)) {
    if (path.ends_with(".html")) out.emplace(path, std::move(bytes));
  }
  return out;
}

}  // namespace

TEST_CASE("invalid UTF-8 in a chapter and in a data file is reported where it is") {
  test::TempDir dir;
  expect_refused(dir, fixture("bad/encoding"),
                 {"chapters/03-latin1.md:7:29: error: invalid UTF-8; save the file as UTF-8",
                  "data/terms.json:2:35: error: invalid UTF-8; save the file as UTF-8"});
}

TEST_CASE("a BOM and CRLF line endings in every file give the same site as plain files") {
  test::TempDir dir;
  const auto r = test::run_visie("build -q --content " + q(fixture("bad/bom-crlf")) + " --out " +
                                 q(dir / "a"));
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  REQUIRE(test::run_visie("build -q --content " + q(fixture("good/minimal")) + " --out " +
                          q(dir / "b"))
              .exit_code == 0);
  CHECK(test::read_tree(dir / "a") == test::read_tree(dir / "b"));
}

TEST_CASE("deep nesting, duplicate keys, wrong types and empty files: each at its place") {
  test::TempDir dir;
  expect_refused(
      dir, fixture("bad/structure"),
      {"chapters/03-leeg.md:1:1: error: a chapter must start with YAML front matter",
       "data/definitions.json:3:13: error: \"id\" must be a string, found an integer",
       "data/definitions.json:3:24: error: \"text\" must be a string, found an array",
       "data/definitions.json:3:57: error: \"attribution\" must be a string, found null",
       "data/definitions.json:4:36: error: \"year\" must be an integer, found a string",
       "data/definitions.json:4:52: error: \"kind\" must be a string, found a boolean",
       "data/definitions.json:4:70: error: \"elements\" must be an array, found a string",
       "data/terms.json:3:26: error: duplicate key \"term\" in this object",
       "data/references.json:3:75: error: nesting deeper than 64 levels",
       "data/workshops/sessie.json:1:50: error: \"programme\" must be an array, found an object",
       "data/workshops/sessie.json:1:79: error: \"clusters\" must be an array, found a string",
       "data/workshops/sessie.json:1:185: error: \"votes\" must be an integer, found a number",
       "data/models/leeg.json:1:1: error: invalid JSON: unexpected end of input"});
}

TEST_CASE("empty visie.json and versions.json are errors, not crashes") {
  test::TempDir dir;
  test::copy_fixture("good/minimal", dir / "c");
  test::write_file(dir / "c/visie.json", "");
  test::write_file(dir / "c/versions.json", "");
  expect_refused(dir, dir / "c",
                 {"visie.json:1:1: error: invalid JSON: unexpected end of input",
                  "versions.json:1:1: error: invalid JSON: unexpected end of input"});
}

TEST_CASE("a version id like ../../etc is refused before any path is made from it") {
  test::TempDir dir;
  expect_refused(dir, fixture("bad/version-id"),
                 {"versions.json:3:13: error: \"../../etc\" is not a valid id"});
}

TEST_CASE("../ in the id and reference fields of chapters and data is an error at its place") {
  test::TempDir dir;
  expect_refused(dir, fixture("bad/paths"),
                 {"chapters/03-paden.md:4:5: error: \"id\" must be lowercase letters",
                  "data/models/ringen.json:2:9: error: \"../ringen\" is not a valid id",
                  "data/definitions.json:4:17: error: unknown citation key \"../../rapport\""});
}

TEST_CASE("../ in directive options names nothing: an unknown id at the option's line") {
  test::TempDir dir;
  expect_refused(
      dir, fixture("bad/traversal"),
      {"chapters/04-verwijzingen.md:8:1: error: unknown workshop \"../../../etc/passwd\"",
       "chapters/04-verwijzingen.md:12:1: error: unknown model \"../models/ringen\"",
       "chapters/04-verwijzingen.md:17:1: error: unknown activity \"../stemronde\""});
}

TEST_CASE("HTML and script in every data field come out escaped, dangerous links are dropped") {
  test::TempDir dir;
  // A frozen first version and a changed draft, so that changes.html and
  // the data diff carry the payload too.
  test::copy_fixture("bad/html-everywhere", dir / "c");
  const auto c = q(dir / "c");
  REQUIRE(test::run_visie("freeze -q concept-1 --content " + c).exit_code == 0);
  auto versions = test::read_file(dir / "c/versions.json");
  const auto end = versions.rfind(']');
  REQUIRE(end != std::string::npos);
  versions.insert(end, R"(, {"id": "concept-2", "label": "Concept 2 <b>vet</b>", "period": "K4",
    "status": "concept", "milestone": "<script>alert('m')</script>"})");
  test::write_file(dir / "c/versions.json", versions);
  auto terms = test::read_file(dir / "c/data/terms.json");
  terms.replace(terms.find("Zorg voor jezelf."), 17, "Zorg <script>alert('diff')</script> voor jezelf.");
  test::write_file(dir / "c/data/terms.json", terms);
  auto intro = test::read_file(dir / "c/chapters/01-inleiding.md");
  intro.replace(intro.find("Dit is"), 6, "Dit `<b>vet</b>`");
  test::write_file(dir / "c/chapters/01-inleiding.md", intro);

  // The draft's image that points out of the site fails the build.
  const auto refused = test::run_visie("build --content " + c + " --out " + q(dir / "site"));
  CHECK(refused.exit_code == 1);
  CHECK(refused.output.find("03-aanval.md:7:76: error: image \"../../../../etc/passwd\" does not "
                            "exist in the site") != std::string::npos);
  const auto chapter = dir / "c/chapters/03-aanval.md";
  auto text = test::read_file(chapter);
  text.erase(text.find(" ![plaatje]"), std::string_view(" ![plaatje](../../../../etc/passwd)").size());
  test::write_file(chapter, text);

  const auto r = test::run_visie("build --content " + c + " --out " + q(dir / "site"));
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  const auto pages = html_files(dir / "site");
  REQUIRE(pages.contains("concept-2/changes.html"));
  // The word diff of an edited paragraph (its placeholder, which took the
  // new label, is compared as written).
  CHECK(pages.at("concept-2/changes.html").find("<ins>&lt;b&gt;vet&lt;/b&gt;</ins>") != std::string::npos);
  CHECK(pages.at("concept-2/changes.html").find("anders omschreven") != std::string::npos);
  CHECK(pages.at("concept-2/aanval.html").find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") !=
        std::string::npos);
  for (const auto& [path, html] : pages) {
    for (const char* bad : {"<script>alert", "<img src=x", "<iframe", "<b>vet", "href=\"javascript:",
                            "href=\"file:", "src=\"javascript:", "onerror=alert(1)>"}) {
      const std::string what = path + " contains " + bad;
      CHECK_MESSAGE(html.find(bad) == std::string::npos, what);
    }
  }
  // The one external link in the data that is not http(s) is shown as text.
  CHECK(pages.at("concept-2/aanval.html").find("javascript:alert(1)") == std::string::npos);
}

TEST_CASE("symbolic links out of the content folder are refused: a data file, a folder, a snapshot, a pipe is not read") {
  test::TempDir dir;
  test::copy_fixture("good/minimal", dir / "outside");
  test::write_file(dir / "outside/data/terms.json",
                   R"({ "terms": [ { "id": "geheim", "term": "GEHEIM", "definition": "x", "source": "rapport" } ] })");
  test::copy_fixture("good/minimal", dir / "c");
  fs::remove(dir / "c/data/terms.json");
  fs::create_symlink(dir / "outside/data/terms.json", dir / "c/data/terms.json");
  fs::remove_all(dir / "c/data/workshops");
  fs::create_directory_symlink(dir / "outside/data/workshops", dir / "c/data/workshops");
  // A frozen version whose snapshot folder is a link to a complete,
  // self-consistent folder elsewhere.
  fs::create_directories(dir / "c/versions");
  fs::create_directory_symlink(dir / "outside", dir / "c/versions/oud");
  test::write_file(dir / "c/versions.json", R"({"versions": [
    {"id": "oud", "label": "Oud", "period": "p", "status": "draft", "milestone": "m", "frozen": true},
    {"id": "concept-1", "label": "Concept 1", "period": "K3 2018", "status": "concept",
     "milestone": "m", "workshops": ["sessie"]}]})");
  // A named pipe would block a reader forever.
  REQUIRE(mkfifo((dir / "c/chapters/05-pijp.md").c_str(), 0600) == 0);
  const auto r = expect_refused(
      dir, dir / "c",
      {"chapters/05-pijp.md: error: not a regular file",
       "data/terms.json: error: refusing to read outside the content folder",
       "data/workshops/sessie.json: error: refusing to read outside the content folder",
       "versions/oud: error: refusing to read outside the content folder"});
  CHECK(r.output.find("GEHEIM") == std::string::npos);
}

TEST_CASE("a chapter that is a link to nothing says so - not \"not a regular file\"") {
  // The same check reports a chapter removed between listing and reading
  // as "was removed during the build".
  test::TempDir dir;
  test::copy_fixture("good/minimal", dir / "c");
  fs::create_symlink("99-bestaat-niet.md", dir / "c/chapters/06-weg.md");
  expect_refused(dir, dir / "c",
                 {"chapters/06-weg.md: error: is a symbolic link to a file that does not exist"});
}

TEST_CASE("a 50 MB chapter builds in bounded time, a file over 64 MiB is refused unread") {
  test::TempDir dir;
  test::copy_fixture("good/minimal", dir / "c");
  std::string big = "---\ntitle: Groot\norder: 3\n---\n";
  big.reserve(50'500'000);
  for (int n = 0; big.size() < 50'000'000; ++n) {
    if (n % 40 == 0) big += "## Deel " + std::to_string(n / 40) + "\n\n";
    big += "Alinea " + std::to_string(n) + ": zelfmanagement vraagt *iets* van de cliënt, " +
           std::string(900, 'x') + " {{version.label}}.\n\n";
  }
  test::write_file(dir / "c/chapters/03-groot.md", big);
  const auto r = test::run_visie("build -q --content " + q(dir / "c") + " --out " + q(dir / "site"));
  INFO(r.output.substr(0, 2000));
  CHECK(r.exit_code == 0);
  CHECK(fs::file_size(dir / "site/concept-1/groot.html") > 50'000'000);

  big.resize(65U * 1024U * 1024U, 'x');
  test::write_file(dir / "c/chapters/03-groot.md", big);
  expect_refused(dir, dir / "c", {"chapters/03-groot.md: error: file is larger than 64 MiB"});
}

TEST_CASE("errors found while rendering, after pages were written to staging: old site intact") {
  // The working version's pages go into the staging folder as they are
  // made; errors that only rendering finds (an unknown citation key or
  // term) must still leave the previous site and no staging folder.
  test::TempDir dir;
  test::copy_fixture("good/minimal", dir / "c");
  auto chapter = test::read_file(dir / "c/chapters/02-werkbijeenkomst.md");
  const auto lines = std::count(chapter.begin(), chapter.end(), '\n');
  chapter += "\nZie [@bestaatniet] en [[geenterm]].\n";
  test::write_file(dir / "c/chapters/02-werkbijeenkomst.md", chapter);
  const auto line = std::to_string(lines + 2);
  expect_refused(dir, dir / "c",
                 {"chapters/02-werkbijeenkomst.md:" + line + ":6: error: unknown citation key \"@bestaatniet\"",
                  "chapters/02-werkbijeenkomst.md:" + line + ":23: error: unknown term \"geenterm\""});
}

TEST_CASE("an output folder that cannot be written: clear error, old site intact, no staging left") {
  test::TempDir dir;
  fs::create_directories(dir / "ro");
  REQUIRE(test::run_visie("build -q --content " + q(fixture("good/minimal")) + " --out " +
                          q(dir / "ro/site"))
              .exit_code == 0);
  const auto before = test::read_tree(dir / "ro/site");
  // root ignores permissions; then the build runs as nobody, for whom the
  // root-owned folder is just as read-only.
  std::string as_user;
  if (geteuid() == 0) {
    as_user = "setpriv --reuid=65534 --regid=65534 --clear-groups";
  } else {
    fs::permissions(dir / "ro", fs::perms::owner_read | fs::perms::owner_exec);
  }
  const auto r = test::run_visie("build --content " + q(fixture("good/minimal")) + " --out " +
                                     q(dir / "ro/site"),
                                 as_user);
  fs::permissions(dir / "ro", fs::perms::owner_all);
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("ro/.site.visie-lock: error: cannot create the lock file: Permission denied") !=
        std::string::npos);
  CHECK(r.output.find("nothing was written") != std::string::npos);
  CHECK(test::read_tree(dir / "ro/site") == before);
  CHECK(entries(dir / "ro") == std::vector<std::string>{"site"});
}

TEST_CASE("a full disk (a file size limit) fails the build cleanly, old site intact") {
  test::TempDir dir;
  REQUIRE(test::run_visie("build -q --content " + q(fixture("good/minimal")) + " --out " +
                          q(dir / "site"))
              .exit_code == 0);
  const auto before = test::read_tree(dir / "site");
  // ulimit -f counts 512-byte blocks in sh: no file may grow past 8 KiB,
  // and the pages are larger.
  const auto r = test::run_visie("build --content " + q(fixture("good/minimal")) + " --out " +
                                     q(dir / "site"),
                                 "ulimit -f 16;");
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("error: cannot write file: File too large") != std::string::npos);
  CHECK(r.output.find("nothing was written") != std::string::npos);
  CHECK(test::read_tree(dir / "site") == before);
  CHECK(entries(dir.path()) == std::vector<std::string>{"site"});
}

TEST_CASE("a missing image and one outside the site fail the build at their place") {
  test::TempDir dir;
  test::copy_fixture("good/minimal", dir / "c");
  const auto chapter = dir / "c/chapters/01-inleiding.md";
  test::write_file(chapter, test::read_file(chapter) +
                                "\n![Weg](bestaat-niet.png)\n\n![Geheim](../../../../etc/passwd)\n");
  expect_refused(dir, dir / "c",
                 {"chapters/01-inleiding.md:17:8: error: image \"bestaat-niet.png\" does not exist in the site",
                  "chapters/01-inleiding.md:19:11: error: image \"../../../../etc/passwd\" does not exist in the site"});
}
