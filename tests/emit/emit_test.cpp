#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "emit/emit.hpp"
#include "support/support.hpp"

using namespace visie;
namespace fs = std::filesystem;

namespace {

/// The hidden siblings that visie makes beside `name` in `dir` (staging
/// folders, lock files), which must all be gone after a run.
std::vector<std::string> leftovers(const fs::path& dir, const std::string& name) {
  std::vector<std::string> found;
  for (const auto& e : fs::directory_iterator(dir)) {
    const auto entry = e.path().filename().string();
    if (entry.starts_with("." + name + ".visie-")) found.push_back(entry);
  }
  return found;
}

/// This process's staging folder for `dir`/site.
fs::path own_staging(const fs::path& dir) {
  return dir / (".site.visie-staging-" + std::to_string(::getpid()));
}

}  // namespace

TEST_CASE("a site is written into a new folder with its marker") {
  test::TempDir dir;
  core::Diagnostics diags;
  const publish::SiteTree site{{"index.html", "<p>hoi</p>"}, {"v/a.html", "a"}};
  REQUIRE(emit::write_site(site, dir / "site", dir / "content", diags));
  const auto tree = test::read_tree(dir / "site");
  CHECK(tree.size() == 3);
  CHECK(tree.at("index.html") == "<p>hoi</p>");
  CHECK(tree.at("v/a.html") == "a");
  CHECK(tree.contains(emit::marker_file));
  CHECK(leftovers(dir.path(), "site").empty());
}

TEST_CASE("a rebuild replaces the old site completely, stale files included") {
  test::TempDir dir;
  core::Diagnostics diags;
  REQUIRE(emit::write_site({{"old.html", "oud"}}, dir / "site", dir / "content", diags));
  REQUIRE(emit::write_site({{"new.html", "nieuw"}}, dir / "site", dir / "content", diags));
  const auto tree = test::read_tree(dir / "site");
  CHECK_FALSE(tree.contains("old.html"));
  CHECK(tree.at("new.html") == "nieuw");
  CHECK(leftovers(dir.path(), "site").empty());
}

TEST_CASE("a failed write leaves the previous site exactly as it was") {
  test::TempDir dir;
  core::Diagnostics diags;
  REQUIRE(emit::write_site({{"index.html", "vorige"}}, dir / "site", dir / "content", diags));
  const auto before = test::read_tree(dir / "site");
  // "a" is written as a file, so "a/b.html" cannot be created beneath it.
  core::Diagnostics failing;
  CHECK_FALSE(emit::write_site({{"a", "bestand"}, {"a/b.html", "x"}, {"index.html", "nieuw"}},
                               dir / "site", dir / "content", failing));
  CHECK(failing.has_errors());
  CHECK(test::read_tree(dir / "site") == before);
  CHECK(leftovers(dir.path(), "site").empty());
}

TEST_CASE("a site writer takes files from many threads while the site is built, then the rest") {
  test::TempDir dir;
  core::Diagnostics diags;
  REQUIRE(emit::write_site({{"oud.html", "oud"}}, dir / "site", dir / "content", diags));
  auto writer = emit::SiteWriter::open(dir / "site", dir / "content", diags);
  REQUIRE(writer);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&writer, t] {
      for (int i = 0; i < 50; ++i) {
        writer->put("v/" + std::to_string(t) + "/p" + std::to_string(i) + ".html", "pagina");
      }
    });
  }
  for (auto& t : threads) t.join();
  // Until finish(), the old site is what readers see.
  CHECK(test::read_tree(dir / "site").contains("oud.html"));
  publish::SiteTree site{{"index.html", "start"}, {"v/0/p0.html", ""}};
  REQUIRE(writer->finish(site, {"v/0/p0.html"}, diags));
  const auto tree = test::read_tree(dir / "site");
  CHECK(tree.size() == 4 * 50 + 2);  // the pages, index.html and the marker
  CHECK(tree.at("v/0/p0.html") == "pagina");
  CHECK(tree.at("v/3/p49.html") == "pagina");
  CHECK(tree.at("index.html") == "start");
  CHECK_FALSE(tree.contains("oud.html"));
  CHECK(leftovers(dir.path(), "site").empty());
}

TEST_CASE("a site writer left unfinished, or whose writes failed, leaves the previous site") {
  test::TempDir dir;
  core::Diagnostics diags;
  REQUIRE(emit::write_site({{"index.html", "vorige"}}, dir / "site", dir / "content", diags));
  const auto before = test::read_tree(dir / "site");
  {
    auto writer = emit::SiteWriter::open(dir / "site", dir / "content", diags);
    REQUIRE(writer);
    writer->put("index.html", "half");
    CHECK(fs::exists(own_staging(dir.path()) / "index.html"));
  }  // a build with errors never calls finish()
  CHECK(test::read_tree(dir / "site") == before);
  CHECK(leftovers(dir.path(), "site").empty());

  auto writer = emit::SiteWriter::open(dir / "site", dir / "content", diags);
  REQUIRE(writer);
  writer->put("a", "bestand");
  writer->put("a/b.html", "x");  // "a" is a file: the folder cannot be made
  writer->put("../buiten.html", "x");
  core::Diagnostics failing;
  CHECK_FALSE(writer->finish({{"index.html", "nieuw"}}, {"a", "a/b.html"}, failing));
  CHECK(failing.error_count() == 1);
  CHECK(test::mentions(failing, "cannot create folder"));
  CHECK(test::read_tree(dir / "site") == before);
  CHECK(leftovers(dir.path(), "site").empty());
  CHECK_FALSE(fs::exists(dir / "buiten.html"));
}

TEST_CASE("a site writer refuses what write_site refuses, before anything is written") {
  test::TempDir dir;
  test::write_file(dir / "home/thesis.docx", "precious");
  core::Diagnostics diags;
  CHECK_FALSE(emit::SiteWriter::open(dir / "home", dir / "content", diags));
  CHECK(test::mentions(diags, "refusing to replace a folder that visie did not write"));
  CHECK(test::read_tree(dir / "home").size() == 1);
  CHECK(leftovers(dir.path(), "home").empty());
  auto writer = emit::SiteWriter::open(dir / "site", dir / "content", diags);
  REQUIRE(writer);
  writer->put("../../buiten.html", "x");
  core::Diagnostics failing;
  CHECK_FALSE(writer->finish({}, {}, failing));
  CHECK(test::mentions(failing, "refusing to write outside the output folder"));
  CHECK_FALSE(fs::exists(dir / "site"));
  CHECK_FALSE(fs::exists(dir.path().parent_path() / "buiten.html"));
}

TEST_CASE("visie refuses to replace a folder it did not write") {
  test::TempDir dir;
  test::write_file(dir / "home/thesis.docx", "precious");
  core::Diagnostics diags;
  CHECK_FALSE(emit::write_site({{"index.html", "x"}}, dir / "home", dir / "content", diags));
  CHECK(test::mentions(diags, "refusing to replace a folder that visie did not write"));
  CHECK(test::read_file(dir / "home/thesis.docx") == "precious");
}

TEST_CASE("the output folder can be neither the content folder nor inside or around it") {
  test::TempDir dir;
  fs::create_directories(dir / "content/sub");
  for (const auto& out : {dir / "content", dir / "content/sub/site", dir.path()}) {
    core::Diagnostics diags;
    CHECK_FALSE(emit::write_site({{"index.html", "x"}}, out, dir / "content", diags));
    CHECK(test::mentions(diags, "must not be, contain or lie inside the content folder"));
  }
  CHECK(fs::exists(dir / "content/sub"));
}

TEST_CASE("paths that would leave the output folder are refused before anything is written") {
  test::TempDir dir;
  for (const std::string bad : {"../escape.html", "/etc/x", "a/../../b", ""}) {
    core::Diagnostics diags;
    CHECK_FALSE(emit::write_site({{bad, "x"}}, dir / "site", dir / "content", diags));
    CHECK(test::mentions(diags, "refusing to write outside the output folder"));
  }
  CHECK_FALSE(fs::exists(dir / "site"));
  CHECK_FALSE(fs::exists(dir.path().parent_path() / "escape.html"));
}

TEST_CASE("find_program looks through the folders of a PATH-like list, in order") {
  test::TempDir dir;
  test::write_file(dir / "a/weasyprint", "#!/bin/sh\n");  // not executable
  test::write_file(dir / "b/weasyprint", "#!/bin/sh\n");
  test::write_file(dir / "c/weasyprint", "#!/bin/sh\n");
  fs::permissions(dir / "b/weasyprint", fs::perms::owner_all);
  fs::permissions(dir / "c/weasyprint", fs::perms::owner_all);
  fs::create_directories(dir / "d/weasyprint");  // a folder, not a program
  const auto list = (dir / "d").string() + ":" + (dir / "a").string() + ":" + (dir / "b").string() +
                    ":" + (dir / "c").string();
  CHECK(emit::find_program("weasyprint", list) == dir / "b/weasyprint");
  CHECK_FALSE(emit::find_program("weasyprint", (dir / "a").string()));
  CHECK_FALSE(emit::find_program("weasyprint", ""));
  CHECK_FALSE(emit::find_program("../b/weasyprint", (dir / "a").string()));
}

TEST_CASE("a PDF's pages are counted from its page objects, not its page tree") {
  CHECK(emit::pdf_page_count("") == 0);
  CHECK(emit::pdf_page_count("%PDF-1.7 nep") == 0);
  CHECK(emit::pdf_page_count("<< /Type /Pages /Count 2 >> << /Type /Page >> <</Type/Page/Parent 1 0 R>>") == 2);
  CHECK(emit::pdf_page_count("<< /Type\r\n/Page\n>>") == 1);
  CHECK(emit::pdf_page_count("<< /Type /PageLabel >> << /Type /Page") == 1);
  CHECK(emit::pdf_page_count("/Type /Page/Type /Page(") == 2);
}

TEST_CASE("a version's date becomes the fixed SOURCE_DATE_EPOCH of its PDF") {
  CHECK(emit::epoch_of_date("1970-01-01") == 0);
  CHECK(emit::epoch_of_date("2019-06-30") == 1561852800);
  CHECK(emit::epoch_of_date("2020-02-29") == 1582934400);
  CHECK(emit::epoch_of_date("") == 0);
  CHECK(emit::epoch_of_date("2019-02-30") == 0);
  CHECK(emit::epoch_of_date("2019-6-30") == 0);
}

TEST_CASE("a folder lock makes a second taker wait, says so, and is gone once released") {
  test::TempDir dir;
  core::Diagnostics diags;
  auto first = emit::FolderLock::acquire(dir / "site", {}, diags);
  REQUIRE(first);
  CHECK(first->path() == dir / ".site.visie-lock");
  std::atomic<bool> told = false;
  std::atomic<bool> taken = false;
  std::thread second([&] {
    core::Diagnostics own;
    auto lock = emit::FolderLock::acquire(dir / "site", [&] { told = true; }, own);
    taken = lock != nullptr;
  });
  for (int i = 0; i < 500 && !told; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  CHECK(told);
  CHECK_FALSE(taken);  // still waiting while the first holds the lock
  first.reset();
  second.join();
  CHECK(taken);
  CHECK(leftovers(dir.path(), "site").empty());
  CHECK(diags.error_count() == 0);
}

TEST_CASE("a folder lock that cannot be made is an error at the lock file") {
  test::TempDir dir;
  test::write_file(dir / "file", "x");
  core::Diagnostics diags;
  CHECK_FALSE(emit::FolderLock::acquire(dir / "file/site", {}, diags));
  CHECK(test::mentions(diags, "cannot create the lock file"));
}

TEST_CASE("a site writer removes the staging folders of killed runs, not of running ones") {
  test::TempDir dir;
  // The id of a process that has ended: a child that exits at once.
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  REQUIRE(child > 0);
  ::waitpid(child, nullptr, 0);
  const auto dead = dir / (".site.visie-staging-" + std::to_string(child));
  const auto running = dir / (".site.visie-staging-" + std::to_string(::getppid()));
  test::write_file(dead / "index.html", "half");
  test::write_file(running / "index.html", "busy");
  core::Diagnostics diags;
  auto writer = emit::SiteWriter::open(dir / "site", dir / "content", diags);
  REQUIRE(writer);
  CHECK_FALSE(fs::exists(dead));
  CHECK(fs::exists(running / "index.html"));
  CHECK(fs::exists(own_staging(dir.path())));
}
