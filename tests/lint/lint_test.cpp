// The linter's rules on hand-made content (the end-to-end check tests run
// them on fixture folders through `visie check`).

#include <doctest/doctest.h>

#include "lint/lint.hpp"
#include "support.hpp"

using namespace visie;

namespace {

model::Term term(const std::string& id, std::size_t line) {
  model::Term t;
  t.id = id;
  t.term = id;
  t.loc = {"content/data/terms.json", line, 5};
  return t;
}

}  // namespace

TEST_CASE("lint unused-terms: a term of a working version its chapters never use") {
  model::Content content;
  model::VersionContent frozen;
  frozen.version.id = "concept-1";
  frozen.version.frozen = true;
  frozen.data.terms = {term("regie", 3)};
  model::VersionContent draft;
  draft.version.id = "werkversie";
  draft.data.terms = {term("regie", 3), term("netwerk", 9), term("eigen-kracht", 15)};
  content.versions = {frozen, draft};
  const lint::SiteFiles site;
  const lint::TermUses uses{{"concept-1", {{"regie", 0}}},
                            {"werkversie", {{"regie", 0}, {"netwerk", 2}, {"eigen-kracht", 0}}}};
  core::Diagnostics findings;
  lint::run({content, lint::linted_version(content), site, uses}, findings);
  INFO(test::all(findings));
  // Only the working version's, in the order of the file; never the frozen one's.
  REQUIRE(findings.all().size() == 2);
  CHECK(core::format(findings.all()[0]) ==
        "content/data/terms.json:3:5: warning: term \"regie\" is defined but never used in the "
        "chapters of \"werkversie\" (add a variant the text uses, or link it with [[regie]])");
  CHECK(test::mentions(findings, "terms.json:15:5: warning: term \"eigen-kracht\""));

  // The rule is in the table, so `check` lists and runs it with the others.
  bool listed = false;
  for (const auto& rule : lint::rules()) listed = listed || rule.name == "unused-terms";
  CHECK(listed);
}
