// The inventory components: definitions, the matrix, the working definition, emphases.
#include "render/detail/component_kit.hpp"

#include <algorithm>
#include <map>

namespace visie::render::component {

namespace {

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
  const auto* term = d.defines ? model::find_by_id(data.terms, d.defines->id) : nullptr;
  return {{"id", d.id},
          {"concept", term != nullptr ? term->id : std::string()},
          {"concept_label", term != nullptr ? term->term : std::string()},
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

}  // namespace

std::optional<json> definitions(const Call& c) {
  const auto& data = c.ctx.version.data;
  std::vector<const model::Definition*> defs;
  const auto kind = c.options.get("kind");
  const auto defines = c.options.get("concept");
  if (!defines.empty() && model::find_by_id(data.terms, defines) == nullptr) {
    c.diags.error(c.options.at("concept"),
                  "unknown concept \"" + defines + "\": use the id of a term in data/terms.json");
    return std::nullopt;
  }
  for (const auto& d : data.definitions) {
    if (!kind.empty() && model::to_string(d.kind) != kind) continue;
    if (!defines.empty() && (!d.defines || d.defines->id != defines)) continue;
    defs.push_back(&d);
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
  // The concepts the listed definitions define, in the order of the terms.
  json concepts = json::array();
  for (const auto& t : data.terms) {
    if (std::any_of(defs.begin(), defs.end(),
                    [&](const auto* d) { return d->defines && d->defines->id == t.id; })) {
      concepts.push_back({{"id", t.id}, {"label", t.term}});
    }
  }
  return json{{"definitions", list},
              {"count", defs.size()},
              {"empty", defs.empty()},
              {"overview", kind.empty() && defines.empty() && !defs.empty()},
              {"kinds", kinds},
              {"elements", elements},
              {"concepts", concepts},
              {"has_concepts", !concepts.empty()},
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

}  // namespace visie::render::component
