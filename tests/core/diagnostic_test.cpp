#include <doctest/doctest.h>

#include <sstream>

#include "core/diagnostic.hpp"

using namespace visie::core;

TEST_CASE("a diagnostic prints like a compiler's") {
  CHECK(format({Severity::error, {"content/visie.json", 3, 14}, "missing \"title\""}) ==
        "content/visie.json:3:14: error: missing \"title\"");
  CHECK(format({Severity::warning, {"templates/x.html", 0, 0}, "ignored"}) ==
        "templates/x.html: warning: ignored");
}

TEST_CASE("Diagnostics keeps every finding in order and counts errors only") {
  Diagnostics d;
  d.warning({"a", 1, 1}, "w");
  CHECK_FALSE(d.has_errors());
  d.error({"b", 2, 1}, "e1");
  d.error({"c", 3, 1}, "e2");
  CHECK(d.error_count() == 2);
  std::ostringstream out;
  d.print(out);
  CHECK(out.str() == "a:1:1: warning: w\nb:2:1: error: e1\nc:3:1: error: e2\n");
}

TEST_CASE("Diagnostics prints by file, line and column, whatever the order found") {
  Diagnostics d;
  d.error({"content/chapters/b.md", 3, 1}, "late");
  d.warning({"content/chapters/a.md", 12, 4}, "second");
  d.error({"content/chapters/a.md", 2, 9}, "first, later column");
  d.note({"content/chapters/a.md", 2, 1}, "first");
  d.error({"content/chapters/a.md", 0, 0}, "whole file");
  d.warning({"content/chapters/a.md", 2, 1}, "first, recorded after");
  std::ostringstream out;
  d.print(out);
  CHECK(out.str() ==
        "content/chapters/a.md: error: whole file\n"
        "content/chapters/a.md:2:1: note: first\n"
        "content/chapters/a.md:2:1: warning: first, recorded after\n"
        "content/chapters/a.md:2:9: error: first, later column\n"
        "content/chapters/a.md:12:4: warning: second\n"
        "content/chapters/b.md:3:1: error: late\n");
  CHECK(d.all().front().message == "late");  // all() keeps the order recorded
}
