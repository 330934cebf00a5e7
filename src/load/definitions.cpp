// data/definitions.json, working-definitions.json and terms.json: the inventory.
#include <map>

#include "load/detail/readers.hpp"
#include "load/object_reader.hpp"

namespace visie::load {

using core::Diagnostics;
using core::SourceLoc;

void read_working_definitions(const JsonDocument& doc, model::Dataset& data, Diagnostics& diags) {
  ObjectReader top(doc, "", diags);
  top.array("versions", Need::required, [&](const std::string& ptr) {
    ObjectReader r(doc, ptr, diags);
    if (!r.ok()) return;
    model::WorkingDefinition w;
    w.loc = r.loc();
    w.version = r.ref("version", Need::required);
    if (r.has("definition")) w.definition = r.ref("definition", Need::required);
    w.text = r.string("text", Need::optional);
    w.elements = r.refs("elements");
    w.rationale = r.string("rationale", Need::optional);
    r.finish();
    if (w.definition && !w.text.empty()) {
      diags.error(w.loc, "a working definition is either one of the inventory (\"definition\") "
                         "or the team's own wording (\"text\"), not both");
    }
    data.working_definitions.push_back(std::move(w));
  });
  top.finish();
}

void read_definitions(const JsonDocument& doc, model::Dataset& data, Diagnostics& diags) {
  ObjectReader top(doc, "", diags);
  std::map<std::string, SourceLoc> ids;
  const auto read_definition = [&](ObjectReader& r, model::Definition& d) {
    // An empty text is allowed: a source that names a definition whose
    // wording is lost is recorded with its attribution, and the page says
    // that the text is missing. The field itself must be there.
    d.text = r.string("text", r.has("text") ? Need::optional : Need::required);
    d.attribution = r.string("attribution", Need::required);
    d.source = r.ref("source", Need::required);
    d.year = r.integer("year", Need::optional);
    d.kind = r.word("kind", Need::required, model::source_kinds, model::SourceKind::research);
    d.elements = r.refs("elements");
    if (r.has("concept")) d.defines = r.ref("concept", Need::optional);
  };
  data.definitions = top.list<model::Definition>("definitions", Need::required, ids, "definition",
                                                 read_definition);
  std::map<std::string, SourceLoc> element_ids;
  data.elements_declared = top.has("elements");
  const auto read_element = [&](ObjectReader& r, model::Element& e) {
    e.label = r.string("label", Need::required);
  };
  data.elements = top.list<model::Element>("elements", Need::optional, element_ids, "element",
                                           read_element);
  if (!data.elements_declared) {
    // Older data names its elements in words; they are their own labels.
    for (const auto& d : data.definitions) {
      for (const auto& e : d.elements) {
        if (model::find_by_id(data.elements, e.id) == nullptr) {
          data.elements.push_back({e.id, e.id, e.loc});
        }
      }
    }
  }
  if (top.has("perspective_emphases")) {
    ObjectReader pe(doc, top.pointer("perspective_emphases"), diags);
    top.accept("perspective_emphases");
    data.emphases_source = pe.ref("source", Need::required);
    std::map<std::string, SourceLoc> pids;
    const auto read_perspective_emphasis = [&](ObjectReader& r, model::PerspectiveEmphasis& e) {
      e.perspective = r.string("perspective", Need::required);
      e.emphasis = r.string("emphasis", Need::required);
    };
    data.emphases = pe.list<model::PerspectiveEmphasis>("items", Need::required, pids,
                                                        "perspective", read_perspective_emphasis);
    pe.finish();
  }
  top.finish();
}

void read_terms(const JsonDocument& doc, model::Dataset& data, Diagnostics& diags) {
  ObjectReader top(doc, "", diags);
  std::map<std::string, SourceLoc> ids;
  const auto read_term = [&](ObjectReader& r, model::Term& t) {
    t.term = r.string("term", Need::required);
    t.definition = r.string("definition", Need::required);
    t.source = r.ref("source", Need::required);
    t.short_text = r.string("short", Need::optional);
    t.no_link_in = r.strings("no_link_in", Need::optional);
    t.variants = r.strings("variants", Need::optional);
    // A former id names one term, as an id does: its anchor on the
    // glossary page is unique.
    for (auto& f : r.refs("former_ids")) {
      check_unique(ids, f.id, f.loc, "term", diags);
      t.former_ids.push_back(std::move(f.id));
    }
  };
  data.terms = top.list<model::Term>("terms", Need::required, ids, "term", read_term);
  top.finish();
}

}  // namespace visie::load
