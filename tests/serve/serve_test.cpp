#include <doctest/doctest.h>

#include "serve/serve.hpp"

using namespace visie;

TEST_CASE("serve: request paths map to site files and never leave the site") {
  CHECK(serve::site_key("/") == "index.html");
  CHECK(serve::site_key("/final/") == "final/index.html");
  CHECK(serve::site_key("/final/aanpak.html") == "final/aanpak.html");
  CHECK_FALSE(serve::site_key("/../etc/passwd"));
  CHECK_FALSE(serve::site_key("/final/../../x"));
  CHECK_FALSE(serve::site_key("/a//b"));
}

TEST_CASE("serve: the reload script goes before </body>, the overlay only with errors") {
  const std::string page = "<html><body><p>x</p></body></html>";
  const auto plain = serve::inject(page, 7, {});
  CHECK(plain.find("var g=7;") != std::string::npos);
  CHECK(plain.find("EventSource(\"/__visie/events\")") < plain.find("</body>"));
  CHECK(plain.find("visie-overlay") == std::string::npos);
  const auto broken = serve::inject(
      page, 8, {{core::Severity::error, {"c/a.md", 3, 4}, "unknown directive \"x\" <b>"}});
  CHECK(broken.find("visie-overlay") != std::string::npos);
  CHECK(broken.find("c/a.md:3:4: error: unknown directive &quot;x&quot; &lt;b&gt;") !=
        std::string::npos);
}

TEST_CASE("serve: only changed files count as changed") {
  const serve::SiteFiles before{{"a.html", "1"}, {"b.html", "2"}, {"c.css", "3"}};
  const serve::SiteFiles after{{"a.html", "1"}, {"b.html", "22"}, {"d.js", "4"}};
  const auto changes = serve::compare_trees(before, after);
  CHECK(changes.changed == std::vector<std::string>{"b.html", "d.js"});
  CHECK(changes.removed == std::vector<std::string>{"c.css"});
  CHECK(serve::content_type("x/y.css") == "text/css; charset=utf-8");
}

TEST_CASE("serve --review: the API's meta element goes before the first </head>") {
  const std::string meta = "<meta name=\"visie-review\" content=\"/api\">";
  CHECK(serve::inject_head("<html><head><title>t</title></head><body></body></html>", meta) ==
        "<html><head><title>t</title>" + meta + "</head><body></body></html>");
  CHECK(serve::inject_head("<p>no head</p>", meta) == "<p>no head</p>");
}
