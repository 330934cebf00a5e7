// The helpers components share: UI strings, sources, labels, numbered figures and tables.
#include "render/detail/component_kit.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "render/ui.hpp"

namespace visie::render::component {

namespace {

// Layout widths of a figure, in SVG user units: the wide one is about the
// width of the text column on a screen (and on paper), the narrow one that
// of a phone, so that the text of either is drawn at about its size.
constexpr double wide_width = 640;
constexpr double narrow_width = 340;

}  // namespace

std::string str(const Call& c, std::string_view key) { return ui_text(c.ctx.strings, key); }

std::string source_label(const Call& c, const model::Ref& ref) {
  if (const auto* r = model::find_by_id(c.ctx.version.data.references, ref.id)) {
    if (std::find(c.figures.cited.begin(), c.figures.cited.end(), r->id) == c.figures.cited.end()) {
      c.figures.cited.push_back(r->id);
    }
    return c.style.author_date(*r);
  }
  return ref.id;
}

std::string source_href(const model::Ref& ref) {
  return std::string(references_page) + "#ref-" + ref.id;
}

void add_label(const Call& c, std::string name, const std::string& number, const std::string& id) {
  const bool chosen = !c.options.get("label").empty();
  c.figures.labels.push_back({std::move(name), number, id, c.options.at("label"), chosen});
}

std::string label_of(const Call& c, const std::string& fallback) {
  const auto label = c.options.get("label");
  return label.empty() ? fallback : label;
}

const model::Workshop* workshop(const Call& c) {
  const auto id = c.options.get("workshop");
  const auto* w = model::find_by_id(c.ctx.version.data.workshops, id);
  if (w == nullptr) {
    std::vector<std::string_view> ids;
    for (const auto& known : c.ctx.version.data.workshops) ids.push_back(known.id);
    c.diags.error(c.options.at("workshop"), "unknown workshop \"" + id + "\"" +
                                                core::did_you_mean(id, ids) + " (no data/workshops/" +
                                                id + ".json in this version)");
  }
  return w;
}

const model::Activity* activity(const Call& c, const model::Workshop& w,
                                model::ActivityKind kind) {
  const auto id = c.options.get("activity");
  const auto* a = model::find_by_id(w.activities, id);
  if (a == nullptr) {
    std::vector<std::string_view> ids;
    for (const auto& known : w.activities) ids.push_back(known.id);
    c.diags.error(c.options.at("activity"), "unknown activity \"" + id + "\" in workshop \"" +
                                                w.id + "\"" + core::did_you_mean(id, ids));
  } else if (a->kind != kind) {
    c.diags.error(c.options.at("activity"),
                  "activity \"" + id + "\" is a " +
                      (a->kind == model::ActivityKind::vote ? "vote" : "question round") +
                      "; use the " +
                      (a->kind == model::ActivityKind::vote ? "votes" : "questions") +
                      " directive");
    return nullptr;
  }
  return a;
}

bool wants_figure(const Call& c) { return c.options.get("figure") != "false"; }

std::string join_labels(const std::vector<std::string>& labels) {
  std::string out;
  for (const auto& l : labels) out += (out.empty() ? "" : "; ") + l;
  return out.empty() ? out : out + ".";
}

json figure_json(const Call& c, const std::string& label, const std::string& title,
                 const std::string& desc, bool complete,
                 const std::function<figures::Figure(const figures::Frame&)>& draw) {
  const int n = ++c.figures.count;
  const auto id = "fig-" + c.figures.page + "-" + std::to_string(n);
  add_label(c, "fig:" + label_of(c, label), number_text(c.figures.chapter, n), id);
  const auto wide = draw({id + "-wide", wide_width, title, desc, "fig-wide"});
  const auto narrow = draw({id + "-narrow", narrow_width, title, desc, "fig-narrow"});
  return {{"id", id},
          {"number", n},
          {"label", str(c, "figure") + " " + number_text(c.figures.chapter, n)},
          {"wide", wide.svg},
          {"narrow", narrow.svg},
          {"complete", complete}};
}

json table_json(const Call& c, const std::string& label) {
  const int n = ++c.figures.tables;
  const auto number = number_text(c.figures.chapter, n);
  const auto id = "tbl-" + c.figures.page + "-" + std::to_string(n);
  add_label(c, "tbl:" + label_of(c, label), number, id);
  return {{"id", id}, {"caption_label", str(c, "table") + " " + number}};
}

json items_json(const std::vector<model::Item>& items) {
  json out = json::array();
  for (const auto& i : items) out.push_back({{"id", i.id}, {"text", i.text}});
  return out;
}

json workshop_json(const model::Workshop& w) {
  return {{"id", w.id}, {"title", w.title}, {"event", w.event}, {"period", w.period}};
}

figures::Strings figure_strings(const Call& c) {
  return {str(c, "opportunities"), str(c, "barriers"), str(c, "this_version"),
          str(c, "decimal_mark")};
}

}  // namespace visie::render::component
