// The figures: well-formed SVG (parsed with libxml2), every label of the
// data in the drawing's text, every text's estimated box inside the box it
// was fitted into and that box inside its shape, for the bundled content
// and for a fixture of very long labels; deterministic output; numbered
// figures; and WCAG AA contrast of the theme's colours.
#include <doctest/doctest.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cmath>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <sstream>

#include "render/figures.hpp"
#include "render/render.hpp"
#include "support/fixtures.hpp"
#include "support/support.hpp"

using namespace visie;
using namespace visie::render::figures;
namespace fs = std::filesystem;

namespace {

// Coordinates are written with two decimals.
constexpr double eps = 0.02;

const double widths[] = {640, 340};

// ------------------------------------------------------------ XML

using XmlDoc = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

/// Parses `text` as XML; null when it is not well-formed.
XmlDoc parse_xml(const std::string& text) {
  return {xmlReadMemory(text.data(), static_cast<int>(text.size()), "figure.svg", "UTF-8",
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
          &xmlFreeDoc};
}

std::string name_of(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }

std::string attr(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (v == nullptr) return {};
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

std::string text_content(const xmlNode* n) {
  xmlChar* v = xmlNodeGetContent(n);
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

std::vector<const xmlNode*> elements(const xmlNode* n, const std::string& name) {
  std::vector<const xmlNode*> out;
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (name_of(c) == name) out.push_back(c);
    const auto deeper = elements(c, name);
    out.insert(out.end(), deeper.begin(), deeper.end());
  }
  return out;
}

std::vector<double> numbers(const std::string& s) {
  std::vector<double> out;
  std::istringstream in(s);
  double v = 0;
  while (in >> v) out.push_back(v);
  return out;
}

/// The text of the data without spaces and break hyphens: how a label is
/// found again in lines the figure wrapped and broke.
std::string squeeze(std::string_view s) {
  std::string out;
  const std::string hyphen(break_hyphen);
  for (std::size_t i = 0; i < s.size();) {
    if (s.compare(i, hyphen.size(), hyphen) == 0) {
      i += hyphen.size();
    } else if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r') {
      ++i;
    } else {
      out += s[i++];
    }
  }
  return out;
}

// ------------------------------------------------------------ geometry

bool box_in_box(const Box& inner, const Box& outer) {
  return inner.x >= outer.x - eps && inner.y >= outer.y - eps &&
         inner.x + inner.w <= outer.x + outer.w + eps && inner.y + inner.h <= outer.y + outer.h + eps;
}

std::vector<Point> corners(const Box& b) {
  return {{b.x, b.y}, {b.x + b.w, b.y}, {b.x + b.w, b.y + b.h}, {b.x, b.y + b.h}};
}

bool box_in_shape(const Box& b, const Shape& s) {
  switch (s.kind) {
    case Shape::Kind::rect: return box_in_box(b, s.box);
    case Shape::Kind::disc:
    case Shape::Kind::ring: {
      for (const auto& c : corners(b)) {
        if (std::hypot(c.x - s.centre.x, c.y - s.centre.y) > s.r_outer + eps) return false;
      }
      if (s.kind == Shape::Kind::disc) return true;
      // The point of the box nearest to the centre lies outside the inner circle.
      const double nx = std::clamp(s.centre.x, b.x, b.x + b.w);
      const double ny = std::clamp(s.centre.y, b.y, b.y + b.h);
      return std::hypot(nx - s.centre.x, ny - s.centre.y) >= s.r_inner - eps;
    }
    case Shape::Kind::polygon: {
      const auto& p = s.points;
      for (const auto& c : corners(b)) {
        int sign = 0;
        for (std::size_t i = 0; i < p.size(); ++i) {
          const auto& a = p[i];
          const auto& d = p[(i + 1) % p.size()];
          const double cross = (d.x - a.x) * (c.y - a.y) - (d.y - a.y) * (c.x - a.x);
          const double len = std::hypot(d.x - a.x, d.y - a.y);
          if (std::abs(cross) <= eps * len) continue;  // on the edge
          const int side = cross > 0 ? 1 : -1;
          if (sign != 0 && side != sign) return false;
          sign = side;
        }
      }
      return true;
    }
  }
  return false;
}

std::string describe(const Box& b) {
  std::ostringstream s;
  s << "[" << b.x << " " << b.y << " " << b.w << " " << b.h << "]";
  return s.str();
}

// ------------------------------------------------------------ checks

/// Checks everything a figure promises and returns the text of each
/// <text>, squeezed, for finding labels in it.
std::vector<std::string> check_figure(const Figure& f, const std::string& what) {
  INFO(what);
  const auto doc = parse_xml(f.svg);
  REQUIRE_MESSAGE(doc != nullptr, "not well-formed XML: " << f.svg.substr(0, 400));
  const xmlNode* svg = xmlDocGetRootElement(doc.get());
  REQUIRE(name_of(svg) == "svg");
  CHECK(attr(svg, "role") == "img");
  CHECK(attr(svg, "width") == "100%");
  CHECK(attr(svg, "height").empty());
  const auto vb = numbers(attr(svg, "viewBox"));
  REQUIRE(vb.size() == 4);
  CHECK(vb[2] > 0);
  CHECK(vb[3] > 0);
  const auto titles = elements(svg, "title");
  const auto descs = elements(svg, "desc");
  REQUIRE(titles.size() == 1);
  REQUIRE(descs.size() == 1);
  CHECK(attr(svg, "aria-labelledby") == attr(titles[0], "id"));
  CHECK(attr(svg, "aria-describedby") == attr(descs[0], "id"));
  CHECK_FALSE(text_content(titles[0]).empty());

  // Colours come from the theme's classes only: no element sets one.
  std::vector<const xmlNode*> all{svg};
  for (std::size_t i = 0; i < all.size(); ++i) {
    for (const xmlNode* c = all[i]->children; c != nullptr; c = c->next) {
      if (c->type == XML_ELEMENT_NODE) all.push_back(c);
    }
    for (const xmlAttr* a = all[i]->properties; a != nullptr; a = a->next) {
      const std::string name(reinterpret_cast<const char*>(a->name));
      for (const char* colour : {"fill", "stroke", "style", "color", "stop-color", "opacity"}) {
        CHECK_MESSAGE(name != colour, name_of(all[i]) << " sets " << name);
      }
    }
  }

  const auto texts = elements(svg, "text");
  REQUIRE(texts.size() == f.placements.size());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const auto* t = texts[i];
    const auto& placement = f.placements[i];
    const auto fit_numbers = numbers(attr(t, "data-fit"));
    REQUIRE(fit_numbers.size() == 4);
    const Box fit{fit_numbers[0], fit_numbers[1], fit_numbers[2], fit_numbers[3]};
    INFO("text: " << text_content(t));
    CHECK(std::abs(fit.x - placement.fit.x) <= eps);
    CHECK(std::abs(fit.y - placement.fit.y) <= eps);
    CHECK(std::abs(fit.w - placement.fit.w) <= eps);
    CHECK(std::abs(fit.h - placement.fit.h) <= eps);
    CHECK_MESSAGE(box_in_shape(placement.fit, placement.shape),
                  "fit " << describe(placement.fit) << " leaves its shape");
    CHECK(box_in_box(fit, {vb[0], vb[1], vb[2], vb[3]}));
    // The text as drawn, measured again from the SVG alone.
    const double size = std::stod(attr(t, "font-size"));
    const auto style = attr(t, "font-weight") == "bold"      ? Style::bold
                       : attr(t, "font-style") == "italic" ? Style::oblique
                                                           : Style::regular;
    const bool middle = attr(t, "text-anchor") == "middle";
    std::string joined;
    for (const auto* span : elements(t, "tspan")) {
      const auto line = text_content(span);
      const double w = text_width(line, size, style);
      const double x = std::stod(attr(span, "x"));
      const double y = std::stod(attr(span, "y"));
      const Box box{middle ? x - w / 2 : x, y - text_ascent(size), w,
                    text_ascent(size) + text_descent(size)};
      CHECK_MESSAGE(box_in_box(box, fit),
                    "\"" << line << "\" " << describe(box) << " leaves " << describe(fit));
      joined += line + " ";
    }
    out.push_back(squeeze(joined));
  }
  return out;
}

void check_labels(const std::vector<std::string>& texts, const std::vector<std::string>& labels,
                  const std::string& what) {
  for (const auto& label : labels) {
    if (label.empty()) continue;
    const auto needle = squeeze(label);
    const bool found = std::any_of(texts.begin(), texts.end(), [&](const auto& t) {
      return t.find(needle) != std::string::npos;
    });
    CHECK_MESSAGE(found, what << ": \"" << label << "\" is not in the drawing");
  }
}

Frame frame_of(double width) {
  return {"f", width, "Titel", "Beschrijving", width < 480 ? "fig-narrow" : "fig-wide"};
}

std::vector<std::string> model_labels(const model::Model& m) {
  std::vector<std::string> out;
  for (const auto& p : m.parts) {
    out.push_back(p.label);
    if (shows_everything(m)) {
      out.push_back(p.description);
      out.push_back(p.quote);
      for (const auto& i : p.items) out.push_back(i);
    }
  }
  return out;
}

/// Draws and checks every model and workshop of `content`.
int check_content(const model::Content& content, const std::string& name) {
  int figures = 0;
  for (const auto& vc : content.versions) {
    const auto what = name + "/" + vc.version.id;
    for (const auto& m : vc.data.models) {
      for (const double w : widths) {
        const auto texts = check_figure(draw_model(m, frame_of(w)), what + " model " + m.id);
        check_labels(texts, model_labels(m), what + " model " + m.id);
        ++figures;
      }
    }
    for (const auto& ws : vc.data.workshops) {
      for (const double w : widths) {
        std::vector<std::string> labels;
        for (const auto& c : ws.clusters) {
          labels.push_back(c.label);
          for (const auto& a : c.aspects) labels.push_back(a.text);
        }
        check_labels(check_figure(draw_clusters(ws.clusters, frame_of(w)), what + " clusters"),
                     labels, what + " clusters");
        labels.clear();
        for (const auto& p : ws.perspectives) {
          labels.insert(labels.end(), {p.label, p.scope});
          for (const auto& i : p.opportunities) labels.push_back(i.text);
          for (const auto& i : p.barriers) labels.push_back(i.text);
        }
        check_labels(check_figure(draw_perspectives(ws.perspectives, frame_of(w), {}),
                                  what + " perspectives"),
                     labels, what + " perspectives");
        figures += 2;
      }
    }
    std::vector<Stage> stages;
    std::vector<std::string> labels;
    for (const auto& v : content.versions) {
      stages.push_back({v.version.period, v.version.label, v.version.milestone, "concept",
                        v.version.id == vc.version.id});
      labels.insert(labels.end(), {v.version.period, v.version.label, v.version.milestone});
    }
    for (const double w : widths) {
      check_labels(check_figure(draw_timeline(stages, frame_of(w), {}), what + " timeline"),
                   labels, what + " timeline");
      ++figures;
    }
  }
  return figures;
}

model::Model model_of(std::string kind, std::vector<std::pair<std::string, std::string>> parts) {
  model::Model m;
  m.id = "m";
  m.kind = model::parse(model::model_kinds, kind).value();
  m.title = "M";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    model::ModelPart p;
    p.id = "p" + std::to_string(i);
    p.role = parts[i].first;
    p.label = parts[i].second;
    m.parts.push_back(p);
  }
  return m;
}

}  // namespace

TEST_CASE("text is measured with DejaVu Sans' advance widths") {
  CHECK(text_width("", 14) == 0);
  // 'a' is 1255 units of 2048 in DejaVu Sans, 1382 in the bold.
  CHECK(text_width("a", 2048) == doctest::Approx(1255));
  CHECK(text_width("a", 2048, Style::bold) == doctest::Approx(1382));
  CHECK(text_width("aa", 10) == doctest::Approx(2 * text_width("a", 10)));
  CHECK(text_width("ë", 10) == doctest::Approx(text_width("e", 10)));
  // A character the table does not know counts as a full em.
  CHECK(text_width("\u4E2D", 10) == doctest::Approx(10));
  CHECK(text_width("W", 12) > text_width("i", 12));
}

TEST_CASE("labels wrap at spaces, shrink when a word does not fit, and break only below the minimum") {
  // In bold 14 "Omgevingsfactoren" is 155 wide, "en randvoorwaarden" 164.
  const auto wrapped = fit_text("Omgevingsfactoren en randvoorwaarden", 175, {14, 10}, Style::bold);
  CHECK(wrapped.size == 14);
  CHECK(wrapped.lines == std::vector<std::string>{"Omgevingsfactoren", "en randvoorwaarden"});
  CHECK_FALSE(wrapped.broken);

  // "Omgevingsfactoren" is 155 wide in bold 14: too wide for 130, so the
  // size goes down until it fits.
  const auto shrunk = fit_text("Omgevingsfactoren", 130, {14, 10}, Style::bold);
  CHECK(shrunk.size < 14);
  CHECK(shrunk.size >= 10);
  CHECK(shrunk.lines.size() == 1);
  CHECK_FALSE(shrunk.broken);

  const auto broken = fit_text("Omgevingsfactoren", 60, {14, 10}, Style::bold);
  CHECK(broken.size == 10);
  CHECK(broken.broken);
  CHECK(broken.lines.size() > 1);
  CHECK(broken.lines[0].ends_with(std::string(break_hyphen)));
  CHECK(squeeze(broken.lines[0] + broken.lines[1] + (broken.lines.size() > 2 ? broken.lines[2] : "")) ==
        "Omgevingsfactoren");
  for (const auto& l : broken.lines) CHECK(text_width(l, broken.size, Style::bold) <= 60);

  // A broken word never leaves one or two letters alone on its last line.
  for (double width : {60.0, 70.0, 80.0, 90.0, 100.0, 110.0, 120.0}) {
    const auto word = fit_text("Patiëntenverenigingen", width, {11, 10}, Style::bold);
    REQUIRE(!word.lines.empty());
    const auto& last = word.lines.back();
    std::size_t letters = 0;
    for (char b : last) letters += (static_cast<unsigned char>(b) & 0xC0U) != 0x80U ? 1U : 0U;
    CHECK_MESSAGE(letters >= 3, "at " << width << ": \"" << last << "\"");
    for (const auto& l : word.lines) CHECK(text_width(l, word.size, Style::bold) <= width);
  }

  // Too many lines for the room: smaller before more lines.
  // In 14 "een twee drie" is 96 wide: three lines at 90.
  const auto two = fit_text("een twee drie vier vijf zes", 90, {14, 10}, Style::regular, 2);
  CHECK(two.lines.size() <= 2);
  CHECK(two.size < 14);

  // A slash is a place to break; the parts stay glued.
  const auto slash = fit_text("Cliënten/patiënten", 80, {14, 14}, Style::regular);
  CHECK(slash.lines == std::vector<std::string>{"Cliënten/", "patiënten"});
  CHECK(fit_text("", 100, {14, 10}, Style::regular).lines.empty());
}

TEST_CASE("every figure of the bundled content is well-formed, shows all its labels and keeps every text inside its shape") {
  const auto& content = test::bundled_content();
  CHECK(check_content(content, "content") > 40);
  // Every kind of drawing appears in the bundled content.
  std::set<std::string> kinds;
  for (const auto& m : content.versions.back().data.models) kinds.emplace(model::to_string(m.kind));
  CHECK(kinds == std::set<std::string>{"cards", "house", "phases", "proportions", "pyramid",
                                       "rings", "steps", "typology"});
}

TEST_CASE("very long labels are wrapped, shrunk or broken but never leave their shapes") {
  const auto content = test::fixture_content("good/long-labels");
  CHECK(check_content(content, "long-labels") > 10);
  const auto& ws = content.versions[0].data.workshops[0];
  std::vector<Bar> bars;
  for (const auto& c : ws.clusters) bars.push_back({c.label, 3});
  bars.push_back({"nul", 0});
  for (const double w : widths) {
    std::vector<std::string> labels;
    for (const auto& b : bars) labels.push_back(b.label);
    check_labels(check_figure(draw_votes(bars, frame_of(w)), "votes"), labels, "votes");
  }
}

TEST_CASE("data is escaped and characters XML does not allow are replaced") {
  auto m = model_of("cards", {{"", "<b>vet</b> & \"meer\" 'nog'"}, {"", "stuur\x01teken"}});
  m.parts[0].description = "a < b > c";
  for (const auto& kind : {"cards", "steps", "phases", "typology"}) {
    m.kind = model::parse(model::model_kinds, kind).value();
    const auto f = draw_model(m, frame_of(640));
    check_figure(f, kind);
    CHECK(f.svg.find("&lt;b&gt;vet&lt;/b&gt; &amp; &quot;meer&quot; &#39;nog&#39;") != std::string::npos);
    CHECK(f.svg.find("<b>") == std::string::npos);
    CHECK(f.svg.find('\x01') == std::string::npos);
  }
  Frame frame = frame_of(340);
  frame.title = "Titel <met> & tekens";
  const auto f = draw_votes({{"x", 1}}, frame);
  check_figure(f, "votes");
  CHECK(f.svg.find("<title id=\"f-title\">Titel &lt;met&gt; &amp; tekens</title>") != std::string::npos);
}

TEST_CASE("each kind draws its own picture") {
  const auto& content = test::bundled_content();
  const auto& models = content.versions.back().data.models;
  const auto svg_of = [&](std::string_view id) {
    return draw_model(*model::find_by_id(models, id), frame_of(640)).svg;
  };
  CHECK(test::count(svg_of("laz"), "<circle") == 4);             // core and three rings
  CHECK(test::count(svg_of("huis-persoonsgerichte-zorg"), "<path class=\"fig-heart\"") == 1);
  CHECK(test::count(svg_of("risicopiramide"), "<polygon") == 4);  // four tiers
  CHECK(svg_of("risicopiramide").find("3\u20135 %") != std::string::npos);
  CHECK(svg_of("leerprincipe-70-20-10").find(">70 %<") != std::string::npos);
  CHECK(test::count(svg_of("tienstappenplan"), "<circle") == 10);  // numbered badges
  CHECK(test::count(svg_of("van-patient-naar-ervaringsdeskundige"), "<polygon") == 4);
  CHECK(test::count(svg_of("vereisten"), "<rect class=\"fig-f1\"") == 7);  // one card each
}

TEST_CASE("pyramid tiers widen from top to bottom, and a tier without a percentage is drawn") {
  const auto m = model_of("pyramid", {{"tier", "Top"}, {"tier", "Midden"}, {"tier", "Basis"}});
  auto with_percent = m;
  with_percent.parts[0].percent = model::Percent{5.0, std::nullopt, std::nullopt};
  const auto f = draw_model(with_percent, frame_of(640));
  check_figure(f, "pyramid");
  double last_width = -1;
  int tiers = 0;  // the loop proves nothing unless it met every tier
  for (const auto& p : f.placements) {
    if (p.text != "Top" && p.text != "Midden" && p.text != "Basis") continue;
    ++tiers;
    const auto& pts = p.shape.points;
    double lo = pts[0].x;
    double hi = pts[0].x;
    for (const auto& pt : pts) {
      lo = std::min(lo, pt.x);
      hi = std::max(hi, pt.x);
    }
    CHECK(hi - lo > last_width);
    last_width = hi - lo;
  }
  CHECK(tiers == 3);
  CHECK(f.svg.find(">5 %<") != std::string::npos);
}

TEST_CASE("percentages are written with the language's decimal mark") {
  CHECK(percent_text({70.0, std::nullopt, std::nullopt}) == "70");
  CHECK(percent_text({std::nullopt, 3.0, 5.0}) == "3\u20135");
  CHECK(percent_text({99.5, std::nullopt, std::nullopt}) == "99,5");
  CHECK(percent_text({99.5, std::nullopt, std::nullopt}, ".") == "99.5");
  auto m = model_of("pyramid", {{"tier", "Top"}});
  m.parts[0].percent = model::Percent{std::nullopt, 0.5, 1.5};
  CHECK(draw_model(m, frame_of(640)).svg.find(">0,5\u20131,5 %<") != std::string::npos);
  Strings english;
  english.decimal_mark = ".";
  CHECK(draw_model(m, frame_of(640), english).svg.find(">0.5\u20131.5 %<") != std::string::npos);
}

TEST_CASE("a proportional bar gives each share its width") {
  auto m = model_of("proportions", {{"share", "A"}, {"share", "B"}, {"share", "C"}});
  m.parts[0].percent = model::Percent{70.0, std::nullopt, std::nullopt};
  m.parts[1].percent = model::Percent{20.0, std::nullopt, std::nullopt};
  m.parts[2].percent = model::Percent{10.0, std::nullopt, std::nullopt};
  const auto f = draw_model(m, frame_of(640));
  check_figure(f, "proportions");
  std::vector<double> bar_widths;
  for (const auto& p : f.placements) {
    if (p.text.ends_with(" %") && p.shape.box.y < 10) bar_widths.push_back(p.shape.box.w);
  }
  REQUIRE(bar_widths.size() == 3);
  CHECK(bar_widths[0] / bar_widths[2] == doctest::Approx(7));
  CHECK(bar_widths[1] / bar_widths[2] == doctest::Approx(2));
}

TEST_CASE("a model whose parts do not make its picture is drawn as cards, not dropped") {
  const auto house = model_of("house", {{"roof", "Dak"}, {"roof", "Tweede dak"}});
  const auto f = draw_model(house, frame_of(640));
  check_labels(check_figure(f, "house as cards"), {"Dak", "Tweede dak"}, "house as cards");
}

TEST_CASE("a figure depends only on its data: a fresh copy drawn after other figures gives the same SVG") {
  // Hidden state carried from one drawing to the next (a cache, a counter)
  // or an order that follows addresses would show here: the second round
  // draws copies of the data (other addresses) in the reverse order, after
  // every other figure was drawn. (Two processes: see the e2e test "two
  // builds of the same content give byte-identical trees".)
  const auto& content = test::bundled_content();
  const auto& data = content.versions.back().data;
  REQUIRE(data.models.size() > 5);
  REQUIRE_FALSE(data.workshops.empty());
  const auto draw_all = [](const std::vector<model::Model>& models,
                           const std::vector<model::Workshop>& workshops, bool reverse) {
    const std::size_t n = std::size(widths);
    std::vector<std::string> svgs((models.size() + 2 * workshops.size()) * n);
    for (std::size_t k = 0; k < models.size(); ++k) {
      const auto i = reverse ? models.size() - 1 - k : k;
      for (std::size_t w = 0; w < n; ++w) svgs[i * n + w] = draw_model(models[i], frame_of(widths[w])).svg;
    }
    for (std::size_t k = 0; k < workshops.size(); ++k) {
      const auto i = reverse ? workshops.size() - 1 - k : k;
      const auto at = (models.size() + 2 * i) * n;
      for (std::size_t w = 0; w < n; ++w) {
        svgs[at + w] = draw_clusters(workshops[i].clusters, frame_of(widths[w])).svg;
        svgs[at + n + w] = draw_perspectives(workshops[i].perspectives, frame_of(widths[w]), {}).svg;
      }
    }
    return svgs;
  };
  const auto first = draw_all(data.models, data.workshops, false);
  const std::vector<model::Model> models(data.models);
  const std::vector<model::Workshop> workshops(data.workshops);
  const auto second = draw_all(models, workshops, true);
  REQUIRE(first.size() == second.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    CHECK_MESSAGE(first[i] == second[i], "figure " << i << " differs between the rounds");
  }
}

// ------------------------------------------------------------ in chapters

TEST_CASE("figures are numbered per chapter in document order, with page-unique ids") {
  test::RenderFixture f;
  core::Diagnostics diags;
  // A chapter of one figure, before a chapter of five: see the end.
  const std::string single = "```visie model\nid: ringen\n```\n";
  const auto before = f.render_markdown(single, diags).html;
  const auto html = f.render_markdown(
      "```visie model\nid: ringen\n```\n\nTekst.\n\n```visie model\nid: ringen\nfigure: false\n```\n\n"
      "```visie votes\nworkshop: sessie\nactivity: stemronde\n```\n\n"
      "```visie clusters\nworkshop: sessie\n```\n\n```visie perspectives\nworkshop: sessie\n```\n\n"
      "```visie timeline\n```\n",
      diags).html;
  CHECK(test::all(diags).empty());
  const auto one = html.find("Figuur 1.1:");
  const auto two = html.find("Figuur 1.2:");
  const auto five = html.find("Figuur 1.5:");
  REQUIRE(one != std::string::npos);
  REQUIRE(two != std::string::npos);
  REQUIRE(five != std::string::npos);
  CHECK(one < two);
  CHECK(two < five);
  CHECK(html.find("Figuur 1.6:") == std::string::npos);  // `figure: false` takes no number
  CHECK(html.find(">Stickers<") > one);                 // the votes are figure 2
  // Both layouts of each figure, each SVG with its own title.
  CHECK(test::count(html, "<svg ") == 10);
  CHECK(test::count(html, "class=\"fig-svg fig-wide\"") == 5);
  std::set<std::string> ids;
  const std::regex id_attr(" id=\"([^\"]+)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), id_attr); it != std::sregex_iterator();
       ++it) {
    if ((*it)[1].str().starts_with("fig-")) CHECK_MESSAGE(ids.insert((*it)[1]).second, (*it)[1]);
  }
  CHECK(ids.contains("fig-t-1-wide-title"));
  CHECK(ids.contains("fig-t-5-narrow-desc"));
  // Numbering starts again in every chapter: the one-figure chapter is
  // figure 1.1 and gives the same bytes after the chapter of five as
  // before it (no counter or id carried from one render to the next).
  CHECK(test::contains(before, "Figuur 1.1:"));
  CHECK(test::contains(before, "id=\"fig-t-1\""));
  CHECK_FALSE(test::contains(before, "Figuur 1.2:"));
  CHECK(f.render_markdown(single, diags).html == before);
  CHECK(test::all(diags).empty());
}

TEST_CASE("a figure keeps its text alternative, a folded one only when the drawing says it all") {
  test::RenderFixture f;
  core::Diagnostics diags;
  // The fixture's ring has items the drawing does not show: the list stays open.
  const auto rings = f.render_markdown("```visie model\nid: ringen\n```\n", diags).html;
  CHECK(rings.find("<details") == std::string::npos);
  CHECK(rings.find("<span class=\"label\">Ring 1</span>") != std::string::npos);
  // Clusters are drawn completely: the list is one click away.
  const auto clusters = f.render_markdown("```visie clusters\nworkshop: sessie\n```\n", diags).html;
  CHECK(clusters.find("<details class=\"fig-text\"><summary>Figuur 1.1 als tekst</summary>") !=
        std::string::npos);
  CHECK(clusters.find("<li id=\"aspect-privacy\">Privacy</li>") != std::string::npos);
  // Without a figure: the list alone, and no number.
  const auto text_only = f.render_markdown("```visie model\nid: ringen\nfigure: false\n```\n", diags).html;
  CHECK(text_only.find("<svg") == std::string::npos);
  CHECK(text_only.find("Figuur") == std::string::npos);
  CHECK(test::all(diags).empty());
  f.render_markdown("```visie model\nid: ringen\nfigure: nee\n```\n", diags);
  INFO(test::all(diags));
  CHECK(test::mentions(diags, "t.md:7:1: error: option \"figure\" must be one of true, false; found \"nee\""));
}

TEST_CASE("votes without results say so and draw nothing") {
  test::RenderFixture f;
  f.content.versions[0].data.workshops[0].activities[0].votes.clear();
  core::Diagnostics diags;
  const auto html = f.render_markdown("```visie votes\nworkshop: sessie\nactivity: stemronde\n```\n", diags).html;
  CHECK(html.find("Er zijn geen stemmen vastgelegd.") != std::string::npos);
  CHECK(html.find("<svg") == std::string::npos);
  CHECK(html.find("Figuur") == std::string::npos);
}

// ------------------------------------------------------------ contrast

namespace {

struct Rgb {
  double r = 0, g = 0, b = 0;
};

Rgb parse_hex(const std::string& hex) {
  REQUIRE_MESSAGE((hex.size() == 7 && hex[0] == '#'), hex);
  const auto part = [&](std::size_t i) { return std::stoi(hex.substr(i, 2), nullptr, 16) / 255.0; };
  return {part(1), part(3), part(5)};
}

double luminance(const Rgb& c) {
  const auto lin = [](double v) {
    return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

double contrast(const std::string& a, const std::string& b) {
  const double la = luminance(parse_hex(a));
  const double lb = luminance(parse_hex(b));
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

/// The `--fig-*` colours of figures.css: the light theme, and the dark
/// theme and print each over it.
std::map<std::string, std::map<std::string, std::string>> themes(const std::string& css) {
  const auto block_after = [&](const std::string& marker) {
    const auto at = css.find(marker);
    REQUIRE_MESSAGE(at != std::string::npos, marker);
    const auto open = css.find(":root", at);
    const auto start = css.find('{', open);
    const auto end = css.find('}', start);
    return css.substr(start + 1, end - start - 1);
  };
  const auto vars = [](const std::string& block) {
    std::map<std::string, std::string> out;
    const std::regex decl(R"((--fig-[a-z0-9-]+)\s*:\s*([^;]+);)");
    for (auto it = std::sregex_iterator(block.begin(), block.end(), decl);
         it != std::sregex_iterator(); ++it) {
      out[(*it)[1]] = (*it)[2];
    }
    return out;
  };
  const auto light = vars(block_after(":root"));
  auto dark = light;
  for (const auto& [k, v] : vars(block_after("prefers-color-scheme: dark"))) dark[k] = v;
  auto print = light;
  for (const auto& [k, v] : vars(block_after("@media print"))) print[k] = v;
  return {{"light", light}, {"dark", dark}, {"print", print}};
}

}  // namespace

TEST_CASE("the figures' colours meet WCAG AA in the light, dark and print themes") {
  const auto css = test::read_file(fs::path(VISIE_SOURCE_DIR) / "templates/assets/figures.css");
  // Text (always --fig-ink) sits on these; outlines and marks are drawn on them.
  const std::set<std::string> surfaces{"--fig-page", "--fig-board", "--fig-f1",   "--fig-f2",
                                       "--fig-f3",   "--fig-f4",    "--fig-note", "--fig-plus",
                                       "--fig-minus"};
  const std::set<std::string> marks{"--fig-line", "--fig-heart", "--fig-bar", "--fig-current",
                                    "--fig-thread"};
  for (const auto& [theme, colours] : themes(css)) {
    INFO(theme);
    for (const auto& [name, value] : colours) {
      const bool known = surfaces.contains(name) || marks.contains(name) || name == "--fig-ink";
      CHECK_MESSAGE(known, name << " is neither a surface, a mark nor the ink: classify it here");
    }
    for (const auto& s : surfaces) {
      REQUIRE(colours.contains(s));
      // Text: 4.5:1 (WCAG 1.4.3); the outline that separates a shape: 3:1 (1.4.11).
      CHECK_MESSAGE(contrast(colours.at("--fig-ink"), colours.at(s)) >= 4.5, s);
      CHECK_MESSAGE(contrast(colours.at("--fig-line"), colours.at(s)) >= 3, s);
    }
    // Marks that carry meaning on the page or a shape they sit on.
    for (const auto& [mark, on] : std::vector<std::pair<std::string, std::string>>{
             {"--fig-bar", "--fig-page"},
             {"--fig-current", "--fig-page"},
             {"--fig-thread", "--fig-page"},
             {"--fig-heart", "--fig-f1"}}) {
      CHECK_MESSAGE(contrast(colours.at(mark), colours.at(on)) >= 3, mark << " on " << on);
    }
  }
}

TEST_CASE("every class a figure uses is styled by the theme") {
  const auto css = test::read_file(fs::path(VISIE_SOURCE_DIR) / "templates/assets/figures.css");
  const auto& content = test::bundled_content();
  std::string all;
  for (const auto& m : content.versions.back().data.models) all += draw_model(m, frame_of(640)).svg;
  const auto& ws = content.versions.back().data.workshops[0];
  all += draw_clusters(ws.clusters, frame_of(640)).svg;
  all += draw_perspectives(ws.perspectives, frame_of(640), {}).svg;
  all += draw_votes({{"a", 1}}, frame_of(340)).svg;
  all += draw_timeline({{"K1", "A", "m", "s", true}, {"K2", "B", "m", "s", false}}, frame_of(340), {}).svg;
  const std::regex cls("class=\"([^\"]+)\"");
  std::set<std::string> used;
  for (auto it = std::sregex_iterator(all.begin(), all.end(), cls); it != std::sregex_iterator(); ++it) {
    std::istringstream words((*it)[1]);
    std::string w;
    while (words >> w) used.insert(w);
  }
  CHECK(used.size() > 10);
  for (const auto& c : used) CHECK_MESSAGE(css.find("." + c) != std::string::npos, c);
}
