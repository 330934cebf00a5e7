// End-to-end: the visie binary on fixture folders, as a user runs it.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "support/support.hpp"

using namespace visie;
namespace fs = std::filesystem;

namespace {

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

}  // namespace

TEST_CASE("build writes an index page and a page per chapter, and exits 0") {
  test::TempDir dir;
  const auto r = test::run_visie("build --content " + q(fs::path(VISIE_FIXTURES) / "good/minimal") +
                                 " --out " + q(dir / "site"));
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("built ") != std::string::npos);
  CHECK(fs::exists(dir / "site/index.html"));
  CHECK(fs::exists(dir / "site/concept-1/index.html"));
  CHECK(fs::exists(dir / "site/concept-1/inleiding.html"));
  CHECK(fs::exists(dir / "site/concept-1/sessie.html"));
}

TEST_CASE("two builds of the same content give byte-identical trees") {
  test::TempDir dir;
  const auto content = q(fs::path(VISIE_FIXTURES) / "good/minimal");
  REQUIRE(test::run_visie("build -q --content " + content + " --out " + q(dir / "a")).exit_code == 0);
  REQUIRE(test::run_visie("build -q --content " + content + " --out " + q(dir / "b")).exit_code == 0);
  const auto a = test::read_tree(dir / "a");
  CHECK(a.size() > 5);
  // Figures are part of it: drawn in two processes, they come out the same.
  std::size_t with_svg = 0;
  for (const auto& [path, bytes] : a) with_svg += bytes.find("<svg") != std::string::npos ? 1U : 0U;
  CHECK(with_svg > 0);
  CHECK(a == test::read_tree(dir / "b"));
}

TEST_CASE("concurrent builds into one folder: one waits for the other, the site stays whole") {
  test::TempDir dir;
  const auto content = q(fs::path(VISIE_FIXTURES) / "good/minimal");
  REQUIRE(test::run_visie("build -q --content " + content + " --out " + q(dir / "ref")).exit_code == 0);
  const auto reference = test::read_tree(dir / "ref");
  REQUIRE(reference.size() > 5);
  for (int pair = 0; pair < 20; ++pair) {
    CAPTURE(pair);
    std::array<test::RunResult, 2> runs;
    std::array<std::thread, 2> threads;
    for (std::size_t i = 0; i < 2; ++i) {
      threads[i] = std::thread([&, i] {
        runs[i] = test::run_visie("build -q --content " + content + " --out " + q(dir / "site"));
      });
    }
    for (auto& t : threads) t.join();
    for (const auto& r : runs) {
      INFO(r.output);
      CHECK(r.exit_code == 0);
    }
    CHECK(test::read_tree(dir / "site") == reference);
  }
  // No staging folder or lock file is left beside the site.
  std::vector<std::string> beside;
  for (const auto& e : fs::directory_iterator(dir.path())) beside.push_back(e.path().filename().string());
  std::sort(beside.begin(), beside.end());
  CHECK(beside == std::vector<std::string>{"ref", "site"});
}

TEST_CASE("a build that finds another one running says that it waits") {
  test::TempDir dir;
  const auto content = q(fs::path(VISIE_FIXTURES) / "good/minimal");
  // flock(1) from util-linux holds the lock file while the build starts.
  const auto held = test::run_visie(
      "build --content " + content + " --out " + q(dir / "site"),
      "flock " + q(dir / ".site.visie-lock") + " -c 'sleep 1' & sleep 0.3;");
  INFO(held.output);
  CHECK(held.exit_code == 0);
  CHECK(held.output.find("waiting: another visie run is writing " + (dir / "site").generic_string()) !=
        std::string::npos);
  CHECK(fs::exists(dir / "site/index.html"));
}

TEST_CASE("broken content: every error with file, line and column, exit 1, old site untouched") {
  test::TempDir dir;
  const auto good = q(fs::path(VISIE_FIXTURES) / "good/minimal");
  REQUIRE(test::run_visie("build -q --content " + good + " --out " + q(dir / "site")).exit_code == 0);
  const auto before = test::read_tree(dir / "site");

  const auto bad = fs::path(VISIE_FIXTURES) / "bad/many-errors";
  const auto r = test::run_visie("build --content " + q(bad) + " --out " + q(dir / "site"));
  INFO(r.output);
  CHECK(r.exit_code == 1);
  const auto shown = bad.lexically_normal().generic_string();
  CHECK(r.output.find(shown + "/visie.json:1:1: error: missing required field \"language\"") !=
        std::string::npos);
  CHECK(r.output.find(shown + "/versions.json:4:17: error:") != std::string::npos);
  CHECK(r.output.find(shown + "/data/definitions.json:3:14: error: invalid JSON") != std::string::npos);
  CHECK(r.output.find(shown + "/chapters/01-kapot.md:3:8: error:") != std::string::npos);
  CHECK(r.output.find("nothing was written") != std::string::npos);
  CHECK(test::read_tree(dir / "site") == before);
}

TEST_CASE("errors found while rendering are reported together with their lines") {
  test::TempDir dir;
  test::copy_fixture("good/minimal", dir / "c");
  test::write_file(dir / "c/chapters/03-fout.md",
                   "---\ntitle: Fout\norder: 3\n---\n{{onbekend}}\n\n```visie model\nid: geen\n```\n");
  const auto r = test::run_visie("check --content " + q(dir / "c"));
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("03-fout.md:5:1: error: unknown placeholder") != std::string::npos);
  CHECK(r.output.find("03-fout.md:8:1: error: unknown model \"geen\"") != std::string::npos);
  CHECK(r.output.find("2 errors") != std::string::npos);
}

TEST_CASE("check validates without writing anything") {
  test::TempDir dir;
  const auto r = test::run_visie("check --content " + q(fs::path(VISIE_FIXTURES) / "good/minimal"));
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("no problems") != std::string::npos);
  CHECK_FALSE(fs::exists("site/.visie-check"));
}

TEST_CASE("--version prints the program's version and exits 0") {
  for (const char* flag : {"--version", "-V"}) {
    const auto r = test::run_visie(flag);
    CHECK(r.exit_code == 0);
    CHECK(r.output == "visie 0.1.0\n");
  }
}

TEST_CASE("usage errors exit 2") {
  CHECK(test::run_visie("").exit_code == 2);
  CHECK(test::run_visie("build --no-such-option").exit_code == 2);
  CHECK(test::run_visie("publish").exit_code == 2);
  CHECK(test::run_visie("--help").exit_code == 0);
}

TEST_CASE("a missing content folder is a clear error") {
  test::TempDir dir;
  const auto r = test::run_visie("build --content " + q(dir / "nope") + " --out " + q(dir / "site"));
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("content folder not found") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "site"));
}

namespace {

/// A stand-in for WeasyPrint: a shell script in its own folder that
/// records its arguments and SOURCE_DATE_EPOCH, then runs `body`.
fs::path fake_weasyprint(const test::TempDir& dir, const std::string& body) {
  const auto bin = dir / "bin";
  test::write_file(bin / "weasyprint",
                   "#!/bin/sh\nprintf '%s\\n' \"$@\" \"SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH\" >> \"" +
                       (dir / "calls").string() + "\"\n" + body + "\n");
  fs::permissions(bin / "weasyprint", fs::perms::owner_all);
  return bin;
}

std::vector<std::string> lines_of(const fs::path& p) {
  std::vector<std::string> out;
  std::istringstream in(test::read_file(p));
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("build --pdf runs WeasyPrint on each print.html inside the new site, before the swap") {
  test::TempDir dir;
  test::copy_fixture("good/minimal", dir / "c");
  auto versions = test::read_file(dir / "c/versions.json");
  versions.replace(versions.find("\"period\""), 8, "\"date\": \"2019-06-30\", \"period\"");
  test::write_file(dir / "c/versions.json", versions);
  const auto bin = fake_weasyprint(dir, "printf '%%PDF-1.7 nep' > \"$2\"");
  const auto r = test::run_visie("build --pdf --content " + q(dir / "c") + " --out " + q(dir / "site"),
                                 "PATH=" + q(bin.string() + ":/usr/bin:/bin"));
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  const auto calls = lines_of(dir / "calls");
  REQUIRE(calls.size() == 3);
  // Absolute paths into the staging folder next to the output folder.
  // The staging folder is the build's own: ".site.visie-staging-<pid>".
  const auto staging = (dir / ".site.visie-staging-").string();
  REQUIRE(calls[0].starts_with(staging));
  const auto own = calls[0].substr(0, calls[0].find('/', staging.size()));
  CHECK(own.find_first_not_of("0123456789", staging.size()) == std::string::npos);
  CHECK(calls[0] == own + "/concept-1/print.html");
  CHECK(calls[1] == own + "/concept-1/testvisie-concept-1.pdf");
  CHECK(calls[2] == "SOURCE_DATE_EPOCH=1561852800");  // 2019-06-30, the version's date
  const auto site = test::read_tree(dir / "site");
  CHECK(site.at("concept-1/testvisie-concept-1.pdf") == "%PDF-1.7 nep");
  // The pages learn about the PDF from versions.js (a frozen page never
  // changes, with or without PDFs).
  CHECK(site.at("versions.js").find("\"pdf\":\"testvisie-concept-1.pdf\"") != std::string::npos);
  for (const auto& [path, bytes] : site) CHECK_MESSAGE(path.find(".log") == std::string::npos, path);
  CHECK_FALSE(fs::exists(dir / ".site.visie-staging"));
}

TEST_CASE("build --pdf tells the download link how many pages and bytes each PDF has") {
  test::TempDir dir;
  const auto content = q(fs::path(VISIE_FIXTURES) / "good/minimal");
  // Three page objects under one page tree, as WeasyPrint writes them.
  const std::string pdf =
      "%PDF-1.7\n1 0 obj\n<< /Type /Pages /Kids [2 0 R 3 0 R 4 0 R] /Count 3 >>\nendobj\n"
      "2 0 obj\n<< /Type /Page /Parent 1 0 R >>\nendobj\n3 0 obj\n<</Type/Page/Parent 1 0 R>>\n"
      "endobj\n4 0 obj\n<< /Type\n/Page\n/Parent 1 0 R >>\nendobj\n%%EOF\n";
  test::write_file(dir / "three-pages.pdf", pdf);
  const auto bin = fake_weasyprint(dir, "cp " + q(dir / "three-pages.pdf") + " \"$2\"");
  const auto r = test::run_visie("build --pdf --content " + content + " --out " + q(dir / "site"),
                                 "PATH=" + q(bin.string() + ":/usr/bin:/bin"));
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  const auto site = test::read_tree(dir / "site");
  const auto index = nlohmann::json::parse(site.at("versions.json"));
  const auto& v = index["versions"][0];
  CHECK(v["pdf"] == "testvisie-concept-1.pdf");
  CHECK(v["pdf_pages"] == 3);
  CHECK(v["pdf_bytes"] == pdf.size());
  CHECK(site.at("versions.js").find("\"pdf_pages\":3") != std::string::npos);
  // Without --pdf there is nothing to count.
  const auto plain = test::run_visie("build -q --content " + content + " --out " + q(dir / "plain"));
  REQUIRE(plain.exit_code == 0);
  CHECK(test::read_file(dir / "plain/versions.json").find("pdf_pages") == std::string::npos);
}

TEST_CASE("a failing WeasyPrint fails the build and leaves the previous site as it was") {
  test::TempDir dir;
  const auto content = q(fs::path(VISIE_FIXTURES) / "good/minimal");
  REQUIRE(test::run_visie("build -q --content " + content + " --out " + q(dir / "site")).exit_code == 0);
  const auto before = test::read_tree(dir / "site");
  const auto bin = fake_weasyprint(dir, "echo 'ERROR: kapotte pagina' >&2\nexit 3");
  const auto r = test::run_visie("build --pdf --content " + content + " --out " + q(dir / "site"),
                                 "PATH=" + q(bin.string() + ":/usr/bin:/bin"));
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("concept-1/print.html: error: WeasyPrint failed (exit code 3): ERROR: kapotte pagina") !=
        std::string::npos);
  CHECK(r.output.find("nothing was written") != std::string::npos);
  CHECK(test::read_tree(dir / "site") == before);
  CHECK_FALSE(fs::exists(dir / ".site.visie-staging"));
}

TEST_CASE("build --pdf without WeasyPrint warns, builds the HTML site and links no PDF") {
  test::TempDir dir;
  fs::create_directories(dir / "empty-bin");
  const auto r = test::run_visie("build --pdf --content " + q(fs::path(VISIE_FIXTURES) / "good/minimal") +
                                     " --out " + q(dir / "site"),
                                 "PATH=" + q((dir / "empty-bin").string()));
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("visie: warning: --pdf: WeasyPrint is not installed") != std::string::npos);
  const auto site = test::read_tree(dir / "site");
  CHECK(site.contains("concept-1/print.html"));
  for (const auto& [path, bytes] : site) {
    CHECK_MESSAGE(!path.ends_with(".pdf"), path);
    CHECK_MESSAGE(bytes.find(".pdf\"") == std::string::npos, path);
  }
}

TEST_CASE("build --pdf with Debian's WeasyPrint gives byte-identical PDFs twice") {
  const char* path = std::getenv("PATH");
  if (path == nullptr || std::string(path).empty() || std::system("command -v weasyprint >/dev/null") != 0) {
    MESSAGE("weasyprint is not installed: skipped (scripts/test installs it)");
    return;
  }
  test::TempDir dir;
  const auto content = q(fs::path(VISIE_FIXTURES) / "good/minimal");
  REQUIRE(test::run_visie("build -q --pdf --content " + content + " --out " + q(dir / "a")).exit_code == 0);
  REQUIRE(test::run_visie("build -q --pdf --content " + content + " --out " + q(dir / "b")).exit_code == 0);
  const auto a = test::read_tree(dir / "a");
  REQUIRE(a.contains("concept-1/testvisie-concept-1.pdf"));
  CHECK(a.at("concept-1/testvisie-concept-1.pdf").starts_with("%PDF-"));
  CHECK(a == test::read_tree(dir / "b"));
}

TEST_CASE("a page: escaped syntax stays text, headings never take a footnote's or the layout's id") {
  test::TempDir dir;
  test::copy_fixture("good/minimal", dir / "c");
  test::write_file(dir / "c/chapters/03-ids.md",
                   "---\ntitle: Ids\norder: 3\n---\n## Sidebar\n\n## Fn 1\n\n"
                   "Mail \\@bron2002 over \\{{project.title}}, met een noot[^1].\n\n[^1]: De noot.\n");
  const auto r = test::run_visie("build -q --content " + q(dir / "c") + " --out " + q(dir / "site"));
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  const auto page = test::read_file(dir / "site/concept-1/ids.html");
  const auto count = [&](const std::string& needle) {
    std::size_t n = 0;
    for (auto p = page.find(needle); p != std::string::npos; p = page.find(needle, p + 1)) ++n;
    return n;
  };
  CHECK(count("id=\"sidebar\"") == 1);
  CHECK(count("id=\"fn-1\"") == 1);
  CHECK(page.find("<li id=\"fn-1\">") != std::string::npos);
  CHECK(page.find("<h2 id=\"sidebar-2\">") != std::string::npos);
  CHECK(page.find("<h2 id=\"h-fn-1\">") != std::string::npos);
  CHECK(page.find("Mail @bron2002 over {{project.title}}, met een noot") != std::string::npos);
}
