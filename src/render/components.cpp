#include "render/components.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>

#include "core/text.hpp"
#include "render/citations.hpp"
#include "render/figures.hpp"
#include "render/inline.hpp"
#include "render/ui.hpp"

namespace visie::render {

namespace {

using core::Diagnostics;
using core::SourceLoc;
using nlohmann::json;

/// The options of one directive block, each with where it was written.
struct Options {
  std::map<std::string, std::pair<std::string, SourceLoc>, std::less<>> values;
  SourceLoc loc;  // the opening fence

  [[nodiscard]] std::string get(std::string_view key) const {
    const auto it = values.find(key);
    return it == values.end() ? std::string() : it->second.first;
  }
  [[nodiscard]] SourceLoc at(std::string_view key) const {
    const auto it = values.find(key);
    return it == values.end() ? loc : it->second.second;
  }
};

/// What a component needs to build its template data.
struct Call {
  const Context& ctx;
  const Options& options;
  Numbering& figures;
  Diagnostics& diags;
  const CitationStyle& style;
};

using Builder = std::function<std::optional<json>(const Call&)>;

/// A directive: its options and how to build its template's data.
struct Component {
  std::string_view name;
  std::vector<std::string_view> required;
  std::vector<std::string_view> optional;
  Builder build;
};

std::string str(const Call& c, std::string_view key) { return ui_text(c.ctx.strings, key); }

/// "Barlow et al., 2002": how a component names a source, which it thereby
/// cites (the reference list includes it).
std::string source_label(const Call& c, const model::Ref& ref) {
  if (const auto* r = model::find_by_id(c.ctx.version.data.references, ref.id)) {
    if (std::find(c.figures.cited.begin(), c.figures.cited.end(), r->id) == c.figures.cited.end()) {
      c.figures.cited.push_back(r->id);
    }
    return c.style.author_date(*r);
  }
  return ref.id;
}

/// The link to a source's entry in the literature list.
std::string source_href(const model::Ref& ref) {
  return std::string(references_page) + "#ref-" + ref.id;
}

/// Registers label `name` (e.g. "fig:huis") for the element `id` numbered
/// `number`, written at the directive.
void add_label(const Call& c, std::string name, const std::string& number, const std::string& id) {
  const bool chosen = !c.options.get("label").empty();
  c.figures.labels.push_back({std::move(name), number, id, c.options.at("label"), chosen});
}

/// The label a directive gives its figure or table: its `label` option, or
/// `fallback`.
std::string label_of(const Call& c, const std::string& fallback) {
  const auto label = c.options.get("label");
  return label.empty() ? fallback : label;
}

const model::Workshop* workshop(const Call& c) {
  const auto id = c.options.get("workshop");
  const auto* w = model::find_by_id(c.ctx.version.data.workshops, id);
  if (w == nullptr) {
    c.diags.error(c.options.at("workshop"), "unknown workshop \"" + id + "\" (no data/workshops/" +
                                                id + ".json in this version)");
  }
  return w;
}

const model::Activity* activity(const Call& c, const model::Workshop& w,
                                model::ActivityKind kind) {
  const auto id = c.options.get("activity");
  const auto* a = model::find_by_id(w.activities, id);
  if (a == nullptr) {
    c.diags.error(c.options.at("activity"),
                  "unknown activity \"" + id + "\" in workshop \"" + w.id + "\"");
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

// Layout widths of a figure, in SVG user units: the wide one is about the
// width of the text column on a screen (and on paper), the narrow one that
// of a phone, so that the text of either is drawn at about its size.
constexpr double wide_width = 640;
constexpr double narrow_width = 340;

/// False when the directive asks for its text only (`figure: false`).
bool wants_figure(const Call& c) { return c.options.get("figure") != "false"; }

std::string join_labels(const std::vector<std::string>& labels) {
  std::string out;
  for (const auto& l : labels) out += (out.empty() ? "" : "; ") + l;
  return out.empty() ? out : out + ".";
}

/// The words figures draw themselves, from the UI strings.
figures::Strings figure_strings(const Call& c);

/// Draws a figure in both layouts under the next number of the page and
/// returns what the templates show of it: number, label ("Figuur 3"), both
/// SVGs, and whether it shows everything (so the text version can fold).
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

/// Numbers a table a component shows under the next table number of the
/// page: its id and caption label ("Tabel 3.1"), registered as
/// "tbl:<label>" for cross-references.
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

// ------------------------------------------------------------ components

/// The label of element `id` in the matrix's vocabulary.
std::string element_label(const model::Dataset& data, const std::string& id) {
  const auto* e = model::find_by_id(data.elements, id);
  return e == nullptr ? id : e->label;
}

/// A definition as the templates show it, quoted with its source.
json definition_json(const Call& c, const model::Definition& d) {
  const auto& data = c.ctx.version.data;
  json elements = json::array();
  std::string element_ids;
  for (const auto& e : d.elements) {
    elements.push_back(element_label(data, e.id));
    element_ids += (element_ids.empty() ? "" : " ") + e.id;
  }
  const auto kind = std::string(model::to_string(d.kind));
  return {{"id", d.id},
          {"text", d.text},
          {"attribution", d.attribution},
          {"year", d.year ? std::to_string(*d.year) : std::string()},
          {"kind", kind},
          {"kind_label", str(c, model::label_key(d.kind))},
          {"source", source_label(c, d.source)},
          {"source_href", source_href(d.source)},
          {"elements", elements},
          {"element_ids", element_ids},
          {"has_elements", !elements.empty()}};
}

std::optional<json> definitions(const Call& c) {
  const auto& data = c.ctx.version.data;
  std::vector<const model::Definition*> defs;
  const auto kind = c.options.get("kind");
  for (const auto& d : data.definitions) {
    if (kind.empty() || model::to_string(d.kind) == kind) defs.push_back(&d);
  }
  const auto sort = c.options.get("sort");
  if (sort == "year") {
    // Undated definitions go last, in file order.
    std::stable_sort(defs.begin(), defs.end(), [](const auto* a, const auto* b) {
      return a->year.value_or(9999) < b->year.value_or(9999);
    });
  } else if (sort == "source") {
    std::stable_sort(defs.begin(), defs.end(),
                     [](const auto* a, const auto* b) { return a->attribution < b->attribution; });
  }
  json list = json::array();
  for (const auto* d : defs) list.push_back(definition_json(c, *d));
  // Without a `kind` the block is the overview of the whole inventory, with
  // controls to filter and sort it (assets/definitions.js).
  json kinds = json::array();
  for (const auto& k : model::source_kinds) {
    kinds.push_back({{"id", k.name}, {"label", str(c, k.label_key)}});
  }
  json elements = json::array();
  for (const auto& e : data.elements) elements.push_back({{"id", e.id}, {"label", e.label}});
  return json{{"definitions", list},
              {"count", defs.size()},
              {"empty", defs.empty()},
              {"overview", kind.empty() && !defs.empty()},
              {"kinds", kinds},
              {"elements", elements},
              {"controls_id", "defs-" + c.figures.page + "-" + std::to_string(c.options.loc.line)}};
}

/// Which elements each definition names, with a count per element and per
/// definition: the table the team uses to argue what the shared vision
/// must keep. A numbered table.
std::optional<json> definition_matrix(const Call& c) {
  const auto& data = c.ctx.version.data;
  json columns = json::array();
  std::map<std::string, int> per_element;
  for (const auto& e : data.elements) columns.push_back({{"id", e.id}, {"label", e.label}});
  std::vector<const model::Definition*> defs;
  // A definition whose wording is lost names no elements, and the matrix
  // would show that as a row of absences: it is left out.
  for (const auto& d : data.definitions) {
    if (!d.text.empty()) defs.push_back(&d);
  }
  std::stable_sort(defs.begin(), defs.end(), [](const auto* a, const auto* b) {
    return a->year.value_or(9999) < b->year.value_or(9999);
  });
  // Two definitions from one source are told apart: "…, 2016 (a)".
  std::map<std::string, int> attributions;
  for (const auto* d : defs) ++attributions[d->attribution];
  std::map<std::string, int> seen;
  json rows = json::array();
  for (const auto* d : defs) {
    std::string shown = d->attribution;
    if (attributions[d->attribution] > 1) {
      shown += " (" + std::string(1, static_cast<char>('a' + seen[d->attribution]++)) + ")";
    }
    json cells = json::array();
    int count = 0;
    for (const auto& e : data.elements) {
      const bool has = std::any_of(d->elements.begin(), d->elements.end(),
                                   [&](const auto& r) { return r.id == e.id; });
      cells.push_back({{"has", has}});
      if (has) {
        ++count;
        ++per_element[e.id];
      }
    }
    rows.push_back({{"id", d->id},
                    {"attribution", shown},
                    {"year", d->year ? std::to_string(*d->year) : std::string()},
                    {"cells", cells},
                    {"count", count}});
  }
  json totals = json::array();
  for (const auto& e : data.elements) totals.push_back(per_element[e.id]);
  const auto table = table_json(c, "definition-matrix");
  return json{{"id", table["id"]},
              {"caption_label", table["caption_label"]},
              {"columns", columns},
              {"rows", rows},
              {"totals", totals},
              {"definition_count", defs.size()},
              {"empty", defs.empty() || data.elements.empty()}};
}

/// The working definition of this version and how it came about, version
/// by version up to this one.
std::optional<json> working_definition(const Call& c) {
  const auto& data = c.ctx.version.data;
  json history = json::array();
  json current = false;
  std::string previous_text;
  for (const auto& vc : c.ctx.all_versions) {
    const auto& v = vc.version;
    const model::WorkingDefinition* w = nullptr;
    for (const auto& candidate : data.working_definitions) {
      if (candidate.version.id == v.id) w = &candidate;
    }
    json entry{{"version", v.label}, {"period", v.period}, {"recorded", w != nullptr},
               {"current", v.id == c.ctx.version.version.id}};
    if (w != nullptr) {
      std::string text = w->text;
      json quoted = false;
      if (w->definition) {
        if (const auto* d = model::find_by_id(data.definitions, w->definition->id)) {
          text = d->text;
          quoted = definition_json(c, *d);
        }
      }
      json elements = json::array();
      for (const auto& e : w->elements) elements.push_back(element_label(data, e.id));
      entry["text"] = text;
      entry["quoted"] = quoted;
      entry["own"] = quoted == false;
      entry["elements"] = elements;
      entry["has_elements"] = !elements.empty();
      entry["rationale"] = w->rationale;
      entry["changed"] = !previous_text.empty() && text != previous_text;
      entry["unchanged"] = !previous_text.empty() && text == previous_text;
      // An unchanged wording is not repeated.
      entry["show_text"] = previous_text.empty() || text != previous_text;
      previous_text = text;
    }
    if (entry["current"] == true) current = entry;
    history.push_back(std::move(entry));
    if (v.id == c.ctx.version.version.id) break;
  }
  const auto show = c.options.get("show");
  return json{{"current", current},
              {"has_current", current != false && current["recorded"] == true},
              {"history", history},
              {"show_current", show != "history"},
              {"show_history", show != "current"}};
}

std::optional<json> perspective_emphases(const Call& c) {
  const auto& data = c.ctx.version.data;
  json items = json::array();
  for (const auto& e : data.emphases) {
    items.push_back({{"id", e.id}, {"perspective", e.perspective}, {"emphasis", e.emphasis}});
  }
  return json{{"items", items},
              {"empty", items.empty()},
              {"source", data.emphases_source ? source_label(c, *data.emphases_source) : ""},
              {"source_href", data.emphases_source ? source_href(*data.emphases_source) : ""}};
}

std::optional<json> glossary(const Call& c) {
  // Every term's source is cited by the glossary.
  std::vector<const model::Term*> terms;
  for (const auto& t : c.ctx.version.data.terms) terms.push_back(&t);
  std::stable_sort(terms.begin(), terms.end(),
                   [](const auto* a, const auto* b) { return a->term < b->term; });
  json list = json::array();
  for (const auto* t : terms) {
    list.push_back({{"id", t->id},
                    {"term", t->term},
                    {"definition", t->definition},
                    {"source", source_label(c, t->source)},
                    {"source_href", source_href(t->source)}});
  }
  return json{{"terms", list}, {"empty", list.empty()}};
}

std::optional<json> programme(const Call& c) {
  const auto* w = workshop(c);
  if (w == nullptr) return std::nullopt;
  json parts = json::array();
  long total = 0;
  for (const auto& p : w->programme) {
    total += p.minutes;
    std::string presenters;
    for (const auto& name : p.presenters) presenters += (presenters.empty() ? "" : ", ") + name;
    parts.push_back({{"id", p.id},
                     {"title", p.title},
                     {"minutes", p.minutes},
                     {"presenters", presenters},
                     {"steps", p.steps},
                     {"has_steps", !p.steps.empty()}});
  }
  return json{{"workshop", workshop_json(*w)},
              {"parts", parts},
              {"total_minutes", total},
              {"table", table_json(c, "programme")}};
}

std::optional<json> clusters(const Call& c) {
  const auto* w = workshop(c);
  if (w == nullptr) return std::nullopt;
  json list = json::array();
  std::vector<std::string> labels;
  for (const auto& cl : w->clusters) {
    list.push_back({{"id", cl.id},
                    {"label", cl.label},
                    {"aspects", items_json(cl.aspects)},
                    {"count", cl.aspects.size()}});
    labels.push_back(cl.label);
  }
  json figure = false;
  if (wants_figure(c) && !w->clusters.empty()) {
    figure = figure_json(c, "clusters", str(c, "fig_clusters") + " (" + w->title + ")", join_labels(labels),
                         true, [&](const figures::Frame& f) {
                           return figures::draw_clusters(w->clusters, f);
                         });
  }
  return json{{"workshop", workshop_json(*w)},
              {"clusters", list},
              {"empty", list.empty()},
              {"figure", figure}};
}

std::optional<json> perspectives(const Call& c) {
  const auto* w = workshop(c);
  if (w == nullptr) return std::nullopt;
  json list = json::array();
  std::vector<std::string> labels;
  for (const auto& p : w->perspectives) {
    list.push_back({{"id", p.id},
                    {"label", p.label},
                    {"scope", p.scope},
                    {"opportunities", items_json(p.opportunities)},
                    {"barriers", items_json(p.barriers)}});
    labels.push_back(p.label);
  }
  json figure = false;
  if (wants_figure(c) && !w->perspectives.empty()) {
    figure = figure_json(c, "perspectives", str(c, "fig_perspectives") + " (" + w->title + ")",
                         str(c, "opportunities") + " / " + str(c, "barriers") + ": " +
                             join_labels(labels),
                         true, [&](const figures::Frame& f) {
                           return figures::draw_perspectives(w->perspectives, f, figure_strings(c));
                         });
  }
  // Beside a figure the table is the figure's text; alone it is a table.
  return json{{"workshop", workshop_json(*w)},
              {"perspectives", list},
              {"empty", list.empty()},
              {"figure", figure},
              {"table", figure == false ? table_json(c, "perspectives") : json(false)}};
}

std::string item_text(const model::Workshop& w, std::string_view id) {
  for (const auto& cl : w.clusters) {
    if (cl.id == id) return cl.label;
    for (const auto& a : cl.aspects) {
      if (a.id == id) return a.text;
    }
  }
  for (const auto& p : w.perspectives) {
    for (const auto* list : {&p.opportunities, &p.barriers}) {
      for (const auto& i : *list) {
        if (i.id == id) return i.text;
      }
    }
  }
  return std::string(id);
}

std::optional<json> votes(const Call& c) {
  const auto* w = workshop(c);
  if (w == nullptr) return std::nullopt;
  const auto* a = activity(c, *w, model::ActivityKind::vote);
  if (a == nullptr) return std::nullopt;
  std::vector<const model::VoteResult*> results;
  for (const auto& v : a->votes) results.push_back(&v);
  std::stable_sort(results.begin(), results.end(),
                   [](const auto* x, const auto* y) { return x->votes > y->votes; });
  json list = json::array();
  std::vector<figures::Bar> bars;
  std::vector<std::string> labels;
  for (const auto* v : results) {
    const auto label = item_text(*w, v->item.id);
    list.push_back({{"item", v->item.id}, {"label", label}, {"votes", v->votes}});
    bars.push_back({label, v->votes});
    labels.push_back(label + ": " + std::to_string(v->votes));
  }
  json figure = false;
  // Without recorded votes there is nothing to draw: the template says so.
  if (wants_figure(c) && !bars.empty()) {
    figure = figure_json(c, a->id, a->title + " (" + w->title + ")", join_labels(labels), true,
                         [&](const figures::Frame& f) { return figures::draw_votes(bars, f); });
  }
  return json{{"workshop", workshop_json(*w)},
              {"title", a->title},
              {"prompt", a->prompt},
              {"results", list},
              {"has_results", !list.empty()},
              {"figure", figure}};
}

std::optional<json> questions(const Call& c) {
  const auto* w = workshop(c);
  if (w == nullptr) return std::nullopt;
  const auto* a = activity(c, *w, model::ActivityKind::questions);
  if (a == nullptr) return std::nullopt;
  json list = json::array();
  for (const auto& answer : a->answers) {
    std::string perspective;
    if (answer.perspective) {
      if (const auto* p = model::find_by_id(w->perspectives, answer.perspective->id)) {
        perspective = p->label;
      }
    }
    list.push_back({{"text", answer.text}, {"perspective", perspective}});
  }
  return json{{"workshop", workshop_json(*w)},
              {"title", a->title},
              {"prompt", a->prompt},
              {"answers", list},
              {"has_results", !list.empty()}};
}

std::optional<json> model_component(const Call& c) {
  const auto id = c.options.get("id");
  const auto* m = model::find_by_id(c.ctx.version.data.models, id);
  if (m == nullptr) {
    c.diags.error(c.options.at("id"),
                  "unknown model \"" + id + "\" (no data/models/" + id + ".json in this version)");
    return std::nullopt;
  }
  json parts = json::array();
  std::vector<std::string> labels;
  for (const auto& p : m->parts) {
    const std::string percent = p.percent ? figures::percent_text(*p.percent, str(c, "decimal_mark")) + " %" : "";
    labels.push_back(percent.empty() ? p.label : p.label + " (" + percent + ")");
    // Part ids are unique within a model only: the anchor carries the
    // model's id, so two models on one page never share an id.
    parts.push_back({{"id", p.id},
                     {"anchor", "model-" + m->id + "-" + p.id},
                     {"role", p.role},
                     {"label", p.label},
                     {"description", p.description},
                     {"items", p.items},
                     {"has_items", !p.items.empty()},
                     {"quote", p.quote},
                     {"percent", percent}});
  }
  json figure = false;
  if (wants_figure(c)) {
    figure = figure_json(c, m->id, m->title, join_labels(labels), figures::shows_everything(*m),
                         [&](const figures::Frame& f) {
                           return figures::draw_model(*m, f, figure_strings(c));
                         });
  }
  return json{{"id", m->id},
              {"kind", model::to_string(m->kind)},
              {"title", m->title},
              {"description", m->description},
              {"source", source_label(c, m->source)},
              {"source_href", source_href(m->source)},
              {"ordered", model::word_of(model::model_kinds, m->kind).ordered},
              {"parts", parts},
              {"figure", figure}};
}

/// The reference list stands as a marker until every chapter is rendered:
/// it lists what the whole version cites (see link_chapters()).
std::optional<json> references(const Call&) { return json::object(); }

std::optional<json> timeline(const Call& c) {
  // The process as it stood when this version was written: a frozen
  // version must not change when later versions are added.
  json list = json::array();
  std::vector<figures::Stage> stages;
  std::vector<std::string> labels;
  for (const auto& vc : c.ctx.all_versions) {
    const auto& v = vc.version;
    if (!list.empty() && list.back()["current"] == true) break;
    const auto status = str(c, model::label_key(v.status));
    const bool current = v.id == c.ctx.version.version.id;
    list.push_back({{"id", v.id},
                    {"label", v.label},
                    {"period", v.period},
                    {"milestone", v.milestone},
                    {"inputs", v.inputs},
                    {"status_label", status},
                    {"current", current}});
    stages.push_back({v.period, v.label, v.milestone, status, current});
    labels.push_back(v.period + ": " + v.label);
  }
  json figure = false;
  if (wants_figure(c) && !stages.empty()) {
    figure = figure_json(c, "timeline", str(c, "fig_timeline"), join_labels(labels), true,
                         [&](const figures::Frame& f) {
                           return figures::draw_timeline(stages, f, figure_strings(c));
                         });
  }
  return json{{"versions", list}, {"figure", figure}};
}

const std::vector<Component>& components() {
  static const std::vector<Component> all = {
      {"clusters", {"workshop"}, {"figure", "label"}, clusters},
      {"definition-matrix", {}, {"label"}, definition_matrix},
      {"definitions", {}, {"sort", "kind"}, definitions},
      {"glossary", {}, {}, glossary},
      {"model", {"id"}, {"figure", "label"}, model_component},
      {"perspective-emphases", {}, {}, perspective_emphases},
      {"perspectives", {"workshop"}, {"figure", "label"}, perspectives},
      {"programme", {"workshop"}, {"label"}, programme},
      {"questions", {"workshop", "activity"}, {}, questions},
      {"references", {}, {}, references},
      {"timeline", {}, {"figure", "label"}, timeline},
      {"votes", {"workshop", "activity"}, {"figure", "label"}, votes},
      {"working-definition", {}, {"show"}, working_definition},
  };
  return all;
}

/// Allowed values of options that take a fixed set.
const std::map<std::string_view, std::vector<std::string_view>>& option_values() {
  static const std::map<std::string_view, std::vector<std::string_view>> values = {
      {"sort", {"year", "source"}},
      {"kind", model::names(model::source_kinds)},
      {"figure", {"true", "false"}},
      {"show", {"current", "history", "both"}},
  };
  return values;
}

std::string join(const std::vector<std::string_view>& words) {
  std::string out;
  for (auto w : words) out += (out.empty() ? "" : ", ") + std::string(w);
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

std::string number_text(int chapter, int n) {
  return (chapter > 0 ? std::to_string(chapter) + "." : "") + std::to_string(n);
}

std::string render_directive(const Context& ctx, const markdown::Directive& d,
                             const std::string& file, std::size_t first_line,
                             const CitationStyle& style, Numbering& figures, Diagnostics& diags) {
  const SourceLoc fence{file, first_line + d.line - 1, d.col};
  const Component* component = nullptr;
  for (const auto& c : components()) {
    if (c.name == d.name) component = &c;
  }
  if (component == nullptr) {
    std::vector<std::string_view> names;
    for (const auto& c : components()) names.push_back(c.name);
    diags.error(fence, (d.name.empty() ? std::string("a visie block needs a directive name")
                                       : "unknown directive \"" + d.name + "\"") +
                           " (known: " + join(names) + ")");
    return {};
  }

  Options options;
  options.loc = fence;
  const auto errors_before = diags.error_count();
  std::size_t line_no = fence.line;
  std::string_view body = d.body;
  while (!body.empty()) {
    ++line_no;
    const auto end = body.find('\n');
    const auto raw = body.substr(0, end);
    body = end == std::string_view::npos ? std::string_view() : body.substr(end + 1);
    const auto line = trim(raw);
    if (line.empty() || line.starts_with('#')) continue;
    const SourceLoc at{file, line_no, fence.col};
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) {
      diags.error(at, "expected an option as 'key: value', found \"" + std::string(line) + "\"");
      continue;
    }
    const std::string key(trim(line.substr(0, colon)));
    const std::string value(trim(line.substr(colon + 1)));
    const bool known =
        std::find(component->required.begin(), component->required.end(), key) !=
            component->required.end() ||
        std::find(component->optional.begin(), component->optional.end(), key) !=
            component->optional.end();
    if (!known) {
      auto all = component->required;
      all.insert(all.end(), component->optional.begin(), component->optional.end());
      diags.error(at, "unknown option \"" + key + "\" for directive \"" + d.name + "\"" +
                          (all.empty() ? " (it takes none)" : " (expected: " + join(all) + ")"));
      continue;
    }
    if (const auto it = option_values().find(key); it != option_values().end()) {
      if (std::find(it->second.begin(), it->second.end(), value) == it->second.end()) {
        diags.error(at, "option \"" + key + "\" must be one of " + join(it->second) +
                            "; found \"" + value + "\"");
        continue;
      }
    }
    if (!options.values.emplace(key, std::make_pair(value, at)).second) {
      diags.error(at, "option \"" + key + "\" is given twice");
    }
  }
  for (auto key : component->required) {
    if (options.values.find(key) == options.values.end()) {
      diags.error(fence, "directive \"" + d.name + "\" needs option \"" + std::string(key) + "\"");
    }
  }
  if (diags.error_count() > errors_before) return {};

  const auto data = component->build(Call{ctx, options, figures, diags, style});
  if (!data) return {};
  if (component->name == "references") return std::string(references_marker);
  auto with_strings = *data;
  with_strings["t"] = ctx.strings;
  return render_template(ctx.templates, "components/" + d.name + ".html", with_strings, diags);
}

std::string render_component(const Context& ctx, std::string_view name, Diagnostics& diags) {
  markdown::Directive d;
  d.name = std::string(name);
  d.line = 1;
  d.col = 1;
  // References and glossary draw no figure; the numbering is a formality.
  Numbering figures;
  figures.page = d.name;
  std::optional<CitationStyle> own;
  if (ctx.citations == nullptr) {
    own.emplace(ctx.version.data.references, ctx.strings, ctx.project.citation_style);
  }
  const CitationStyle& style = ctx.citations != nullptr ? *ctx.citations : *own;
  return render_directive(ctx, d, "templates/components/" + d.name + ".html", 1, style, figures,
                          diags);
}

std::string render_reference_list(const Context& ctx,
                                  const std::vector<const model::Reference*>& refs,
                                  Diagnostics& diags) {
  const CitationStyle style(ctx.version.data.references, ctx.strings, ctx.project.citation_style);
  json list = json::array();
  for (const auto* r : refs) {
    // Only web addresses become links (a DOI as https://doi.org/…); the
    // note is for the author, not the reader (APA prints none).
    const auto url = CitationStyle::link(*r);
    const bool link = url.starts_with("https://") || url.starts_with("http://");
    list.push_back({{"id", r->id}, {"html", style.entry_html(*r)}, {"url", link ? url : ""}});
  }
  json data{{"references", list}, {"empty", list.empty()}, {"t", ctx.strings}};
  return render_template(ctx.templates, "components/references.html", data, diags);
}

}  // namespace visie::render
