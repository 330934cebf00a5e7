// Freezing versions: what was published never changes.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdio>

#include "support/support.hpp"

using namespace visie;
namespace fs = std::filesystem;

namespace {

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

/// The minimal fixture in a temp folder, with a working draft `concept-1`.
struct Project {
  test::TempDir dir;
  fs::path content = dir / "content";
  fs::path site = dir / "site";
  Project() { test::copy_fixture("good/minimal", content); }
  test::RunResult run(const std::string& args) {
    return test::run_visie(args + " --content " + q(content));
  }
  void add_draft(const std::string& id) {
    // A next version after the frozen one, built from the working draft.
    auto text = test::read_file(content / "versions.json");
    const auto end = text.rfind(']');
    text.insert(end, ", { \"id\": \"" + id + "\", \"label\": \"Concept 2\", \"period\": \"K4 2018\", "
                     "\"status\": \"concept\", \"milestone\": \"m\" }\n");
    test::write_file(content / "versions.json", text);
  }
};

/// The command between the first pair of backticks in `output`, or, with
/// `after`, the rest of the line after `after`: a hint visie printed.
std::string hint_in(const std::string& output, const std::string& after = "") {
  if (!after.empty()) {
    const auto at = output.find(after);
    if (at == std::string::npos) return {};
    const auto start = at + after.size();
    return output.substr(start, output.find('\n', start) - start);
  }
  const auto open = output.find('`');
  const auto close = output.find('`', open + 1);
  if (open == std::string::npos || close == std::string::npos) return {};
  return output.substr(open + 1, close - open - 1);
}

/// Runs `command` as a user who pasted it into a shell in folder `cwd`,
/// with the visie under test first on PATH.
test::RunResult run_pasted(const std::string& command, const fs::path& cwd) {
  const auto script = cwd / "pasted.sh";
  test::write_file(script, command + "\n");
  const auto bin_dir = fs::path(VISIE_BIN).parent_path();
  test::RunResult r;
  const std::string cmd = "cd " + q(cwd) + " && PATH=" + q(bin_dir) + ":\"$PATH\" sh " + q(script) +
                          " 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return r;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) r.output.append(buffer, n);
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  fs::remove(script);
  return r;
}

}  // namespace

TEST_CASE("freeze snapshots the draft with a lock, and marks it frozen") {
  Project p;
  const auto r = p.run("freeze concept-1");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  const auto snap = p.content / "versions/concept-1";
  CHECK(fs::exists(snap / "chapters/01-inleiding.md"));
  CHECK(fs::exists(snap / "data/workshops/sessie.json"));
  CHECK(fs::exists(snap / "site/inleiding.html"));
  CHECK(fs::exists(snap / "visie.lock"));
  CHECK(test::read_file(p.content / "versions.json").find("\"frozen\": true") != std::string::npos);
  CHECK(p.run("check").exit_code == 0);
}

TEST_CASE("freeze changes only the one field of versions.json, keeping its layout") {
  Project p;
  const auto before = test::read_file(p.content / "versions.json");
  REQUIRE(p.run("freeze concept-1").exit_code == 0);
  auto expected = before;
  expected.replace(expected.find("\"frozen\": false"), 15, "\"frozen\": true");
  CHECK(test::read_file(p.content / "versions.json") == expected);

  // A version without the field gets it added after its last value.
  p.add_draft("concept-2");
  const auto without = test::read_file(p.content / "versions.json");
  const std::string last = "\"milestone\": \"m\" }";
  REQUIRE(without.find(last) != std::string::npos);
  REQUIRE(p.run("freeze concept-2").exit_code == 0);
  auto added = without;
  added.replace(added.find(last), last.size(), "\"milestone\": \"m\", \"frozen\": true }");
  CHECK(test::read_file(p.content / "versions.json") == added);
}

TEST_CASE("a frozen version without its lock: the advice, followed as printed, freezes it again") {
  Project p;
  REQUIRE(p.run("freeze concept-1").exit_code == 0);
  fs::remove(p.content / "versions/concept-1/visie.lock");
  const auto r = p.run("check");
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("versions/concept-1/visie.lock: error: frozen version \"concept-1\" has no "
                      "lock file: set \"frozen\": false for it in versions.json, move the folder " +
                      (p.content / "versions/concept-1").string() + " away, then run `visie "
                      "freeze concept-1 --content ") != std::string::npos);
  auto versions = test::read_file(p.content / "versions.json");
  versions.replace(versions.find("\"frozen\": true"), 14, "\"frozen\": false");
  test::write_file(p.content / "versions.json", versions);
  fs::rename(p.content / "versions/concept-1", p.dir / "kept-aside");
  test::TempDir elsewhere;
  const auto pasted = run_pasted(hint_in(r.output), elsewhere.path());
  INFO(pasted.output);
  CHECK(pasted.exit_code == 0);
  CHECK(p.run("check").exit_code == 0);
}

TEST_CASE("freeze of an unknown id names the working draft and a command that works when pasted") {
  Project p;
  const auto r = p.run("freeze v9");
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("there is no version \"v9\" in versions.json to freeze; the working draft "
                      "is \"concept-1\": change its \"id\" in versions.json to \"v9\" first") !=
        std::string::npos);
  const auto hint = hint_in(r.output, "or freeze it as it is: ");
  CHECK(hint.starts_with("visie freeze concept-1 --content "));
  test::TempDir elsewhere;
  const auto pasted = run_pasted(hint, elsewhere.path());
  INFO(pasted.output);
  CHECK(pasted.exit_code == 0);
  CHECK(fs::exists(p.content / "versions/concept-1/visie.lock"));
}

TEST_CASE("freezing twice, or an unknown version, is refused and changes nothing") {
  Project p;
  REQUIRE(p.run("freeze concept-1").exit_code == 0);
  const auto before = test::read_tree(p.content);
  const auto again = p.run("freeze concept-1");
  CHECK(again.exit_code == 1);
  CHECK(again.output.find("already frozen") != std::string::npos);
  const auto unknown = p.run("freeze concept-9");
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.output.find("there is no version \"concept-9\"") != std::string::npos);
  CHECK(test::read_tree(p.content) == before);
}

TEST_CASE("an edited frozen snapshot is detected, and nothing is built") {
  Project p;
  REQUIRE(p.run("freeze concept-1").exit_code == 0);
  REQUIRE(p.run("build -q --out " + q(p.site)).exit_code == 0);
  const auto site_before = test::read_tree(p.site);
  auto chapter = test::read_file(p.content / "versions/concept-1/chapters/01-inleiding.md");
  test::write_file(p.content / "versions/concept-1/chapters/01-inleiding.md", chapter + "\nStiekem erbij.\n");
  test::write_file(p.content / "versions/concept-1/chapters/09-nieuw.md", "---\ntitle: N\norder: 9\n---\nN\n");
  const auto r = p.run("build --out " + q(p.site));
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("versions/concept-1/chapters/01-inleiding.md: error: file of the frozen version "
                      "\"concept-1\" was edited after it was published") != std::string::npos);
  CHECK(r.output.find("09-nieuw.md: error: file added to the frozen version") != std::string::npos);
  CHECK(test::read_tree(p.site) == site_before);
}

TEST_CASE("a template change does not alter frozen output without --refreeze") {
  Project p;
  REQUIRE(p.run("freeze concept-1").exit_code == 0);
  p.add_draft("concept-2");
  REQUIRE(p.run("build -q --out " + q(p.site)).exit_code == 0);
  const auto published = test::read_file(p.site / "concept-1/inleiding.html");

  test::TempDir templates;
  test::write_file(templates / "layouts/page.html", "<main>NIEUW {{title}}</main>{{{content}}}");
  const auto r = p.run("build --out " + q(p.site) + " --templates " + q(templates.path()));
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("frozen version \"concept-1\" differently") != std::string::npos);
  CHECK(r.output.find("visie build --refreeze concept-1") != std::string::npos);
  CHECK(test::read_file(p.site / "concept-1/inleiding.html") == published);
  // The working draft does get the new template.
  CHECK(test::read_file(p.site / "concept-2/inleiding.html").starts_with("<main>NIEUW"));

  // The hint is the command to run, with this run's folders and templates:
  // pasted in another folder, it refreezes with the new templates.
  const auto hint = hint_in(r.output);
  CHECK(hint.find(" --templates ") != std::string::npos);
  test::TempDir elsewhere;
  const auto re = run_pasted(hint, elsewhere.path());
  INFO(re.output);
  CHECK(re.exit_code == 0);
  CHECK(test::read_file(p.site / "concept-1/inleiding.html").starts_with("<main>NIEUW"));
  // Refrozen: the next build with the new templates is quiet and keeps it.
  const auto after = p.run("build --out " + q(p.site) + " --templates " + q(templates.path()));
  CHECK(after.output.find("differently") == std::string::npos);
  CHECK(p.run("check").exit_code == 0);
}

TEST_CASE("visie.json's defaults name the templates and the output folder, and flags win") {
  Project p;
  const auto templates = p.dir / "templates";
  test::write_file(templates / "layouts/page.html", "<main>EERST {{title}}</main>{{{content}}}");
  auto project = test::read_file(p.content / "visie.json");
  project.insert(project.rfind('}'),
                 ",  \"defaults\": { \"templates\": \"../templates\", \"out\": \"../site\" }\n");
  test::write_file(p.content / "visie.json", project);
  REQUIRE(p.run("freeze concept-1").exit_code == 0);
  p.add_draft("concept-2");
  // Neither --templates nor --out: visie.json supplies both.
  const auto first = p.run("build -q");
  INFO(first.output);
  REQUIRE(first.exit_code == 0);
  CHECK(test::read_file(p.site / "concept-2/inleiding.html").starts_with("<main>EERST"));

  // A template change: the hint needs no flags that visie.json supplies,
  // and pasted elsewhere it refreezes with the project's templates.
  test::write_file(templates / "layouts/page.html", "<main>NIEUW {{title}}</main>{{{content}}}");
  const auto r = p.run("build");
  INFO(r.output);
  CHECK(r.output.find("frozen version \"concept-1\" differently") != std::string::npos);
  const auto hint = hint_in(r.output);
  CHECK(hint.find("visie build --refreeze concept-1") == 0);
  CHECK(hint.find("--templates") == std::string::npos);
  CHECK(hint.find("--out") == std::string::npos);
  test::TempDir elsewhere;
  const auto re = run_pasted(hint, elsewhere.path());
  INFO(re.output);
  CHECK(re.exit_code == 0);
  CHECK(test::read_file(p.site / "concept-1/inleiding.html").starts_with("<main>NIEUW"));
  CHECK(p.run("build").output.find("differently") == std::string::npos);

  // The command line wins over visie.json.
  const auto other = p.dir / "elders";
  fs::create_directories(p.dir / "leeg");  // no overrides: the built-in templates
  const auto flags = p.run("build -q --out " + q(other) + " --templates " + q(p.dir / "leeg"));
  INFO(flags.output);
  CHECK(fs::exists(other / "concept-2/inleiding.html"));
  CHECK_FALSE(test::read_file(other / "concept-2/inleiding.html").starts_with("<main>NIEUW"));
}

TEST_CASE("--refreeze of a version that is not frozen is an error") {
  Project p;
  const auto r = p.run("build --out " + q(p.site) + " --refreeze concept-1");
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("there is no frozen version \"concept-1\"") != std::string::npos);
}

TEST_CASE("the changes page of the next version lists what changed") {
  Project p;
  REQUIRE(p.run("freeze concept-1").exit_code == 0);
  p.add_draft("concept-2");
  auto chapter = test::read_file(p.content / "chapters/01-inleiding.md");
  chapter.replace(chapter.find("Dit is"), 6, "Dit was");
  test::write_file(p.content / "chapters/01-inleiding.md", chapter + "\nEen nieuwe alinea.\n");
  auto defs = test::read_file(p.content / "data/definitions.json");
  defs.replace(defs.find("Een latere definitie."), 21, "Een herschreven definitie.");
  test::write_file(p.content / "data/definitions.json", defs);
  REQUIRE(p.run("build -q --out " + q(p.site)).exit_code == 0);
  const auto changes = test::read_file(p.site / "concept-2/changes.html");
  CHECK(changes.find("Wijzigingen ten opzichte van Concept 1") != std::string::npos);
  CHECK(changes.find("<ins>was</ins>") != std::string::npos);
  CHECK(changes.find("<del>is</del>") != std::string::npos);
  CHECK(changes.find("Een nieuwe alinea.") != std::string::npos);
  CHECK(changes.find("Definitie Rapport 2010 anders geformuleerd") != std::string::npos);
}

TEST_CASE("a renamed term keeps its old links and is reported as renamed") {
  Project p;
  REQUIRE(p.run("freeze concept-1").exit_code == 0);
  p.add_draft("concept-2");
  test::write_file(p.content / "data/terms.json",
                   R"({ "terms": [ { "id": "eigen-zorg", "former_ids": ["zelfzorg"], "term": "Eigen zorg",)"
                   R"( "definition": "Zorg voor jezelf.", "source": "rapport" } ] })");
  const auto r = p.run("build -q --out " + q(p.site));
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  // The old link lands on the renamed term.
  const auto glossary = test::read_file(p.site / "concept-2/begrippenlijst.html");
  CHECK(glossary.find("id=\"term-eigen-zorg\"") != std::string::npos);
  CHECK(glossary.find("id=\"term-zelfzorg\"") != std::string::npos);
  const auto changes = test::read_file(p.site / "concept-2/changes.html");
  CHECK(changes.find("Begrip Zelfzorg heet nu Eigen zorg") != std::string::npos);
  CHECK(changes.find("toegevoegd") == std::string::npos);
  CHECK(changes.find("Begrip Zelfzorg verwijderd") == std::string::npos);
  // A former id is an id: another term cannot have it.
  test::write_file(p.content / "data/terms.json",
                   R"({ "terms": [ { "id": "eigen-zorg", "former_ids": ["zelfzorg"], "term": "Eigen zorg",)"
                   R"( "definition": "Zorg voor jezelf.", "source": "rapport" },)"
                   "\n"
                   R"({ "id": "zelfzorg", "term": "Zelfzorg", "definition": "Z.", "source": "rapport" } ] })");
  const auto twice = p.run("check");
  CHECK(twice.exit_code == 1);
  CHECK(twice.output.find("terms.json:2:9: error: duplicate term id \"zelfzorg\"") != std::string::npos);
}

TEST_CASE("visie diff prints the changes between two versions") {
  Project p;
  REQUIRE(p.run("freeze concept-1").exit_code == 0);
  p.add_draft("concept-2");
  auto chapter = test::read_file(p.content / "chapters/01-inleiding.md");
  chapter.replace(chapter.find("Dit is"), 6, "Dit was");
  test::write_file(p.content / "chapters/01-inleiding.md", chapter + "\nEen nieuwe alinea.\n");
  const auto r = p.run("diff concept-1 concept-2");
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("Concept 1 → Concept 2") != std::string::npos);
  CHECK(r.output.find("+ §1 ¶4  Een nieuwe alinea.") != std::string::npos);
  // Not a terminal: no colour codes, word changes in brackets.
  CHECK(r.output.find("\x1b[") == std::string::npos);
  // The text as written is compared: the version label that differs is no
  // change, the edited word next to it is; both read as on the page.
  CHECK(r.output.find("Dit [-is-]{+was+} Concept 2 van") != std::string::npos);
  CHECK(r.output.find("[-1-]") == std::string::npos);
  const auto unknown = p.run("diff concept-1 concept-7");
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.output.find("there is no version \"concept-7\"") != std::string::npos);
}

TEST_CASE("a frozen version that rendered its lock cleanly is cached, with the same output") {
  Project p;
  REQUIRE(p.run("freeze concept-1").exit_code == 0);
  p.add_draft("concept-2");
  test::TempDir cache;
  const auto env = "XDG_CACHE_HOME=" + q(cache.path());
  const auto build = [&](const std::string& args) {
    return test::run_visie("build -q --content " + q(p.content) + " --out " + q(p.site) + args,
                           env);
  };
  const auto first = build("");
  INFO(first.output);
  REQUIRE(first.exit_code == 0);
  const auto entries = [&] {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(cache / "visie/frozen")) ++n;
    return n;
  };
  CHECK(entries() == 1);  // concept-1; the working draft is never cached
  const auto frozen = test::read_file(p.site / "concept-1/inleiding.html");
  const auto changes = test::read_file(p.site / "concept-2/changes.html");

  // The second build uses the entry: the same files.
  REQUIRE(build("").exit_code == 0);
  CHECK(entries() == 1);
  CHECK(test::read_file(p.site / "concept-1/inleiding.html") == frozen);
  CHECK(test::read_file(p.site / "concept-2/changes.html") == changes);

  // Other templates are another key: the drift is found as without a cache.
  test::TempDir templates;
  test::write_file(templates / "layouts/page.html", "<main>NIEUW {{title}}</main>{{{content}}}");
  const auto r = test::run_visie("build --content " + q(p.content) + " --out " + q(p.site) +
                                     " --templates " + q(templates.path()),
                                 env);
  INFO(r.output);
  CHECK(r.output.find("frozen version \"concept-1\" differently") != std::string::npos);
  CHECK(test::read_file(p.site / "concept-1/inleiding.html") == frozen);
  CHECK(entries() == 1);  // a version that drifts is not remembered
}
