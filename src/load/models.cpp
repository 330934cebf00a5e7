// A model's JSON file, data/models/<id>.json: its kind, parts, roles and shares.
#include <map>

#include "load/detail/readers.hpp"
#include "load/object_reader.hpp"

namespace visie::load {

using core::Diagnostics;
using core::SourceLoc;

model::Model read_model(const JsonDocument& doc, Diagnostics& diags) {
  model::Model m;
  ObjectReader r(doc, "", diags);
  m.loc = r.loc();
  m.id = r.id("id", Need::required);
  m.kind = r.word("kind", Need::required, model::model_kinds, model::ModelKind::cards);
  m.title = r.string("title", Need::required);
  m.source = r.ref("source", Need::required);
  m.description = r.string("description", Need::optional);
  std::map<std::string, SourceLoc> ids;
  const auto read_model_part = [&](ObjectReader& pr, model::ModelPart& p) {
    p.role = pr.string("role", Need::optional);
    p.label = pr.string("label", Need::required);
    p.description = pr.string("description", Need::optional);
    p.items = pr.strings("items", Need::optional);
    p.quote = pr.string("quote", Need::optional);
    if (pr.has("percent")) {
      ObjectReader cr(doc, pr.pointer("percent"), diags);
      pr.accept("percent");
      model::Percent pc;
      pc.value = cr.number("value", Need::optional);
      pc.min = cr.number("min", Need::optional);
      pc.max = cr.number("max", Need::optional);
      cr.finish();
      const bool range = pc.min.has_value() && pc.max.has_value();
      if (cr.ok() && pc.value.has_value() == range) {
        diags.error(cr.loc(), "\"percent\" needs either \"value\" or both \"min\" and \"max\"");
      }
      for (auto v : {pc.value, pc.min, pc.max}) {
        if (v && (*v < 0 || *v > 100)) {
          diags.error(cr.loc(), "a percentage must lie between 0 and 100");
          break;
        }
      }
      if (range && *pc.min > *pc.max) diags.error(cr.loc(), "\"min\" is larger than \"max\"");
      p.percent = pc;
    }
  };
  m.parts = r.list<model::ModelPart>("parts", Need::required, ids, "part", read_model_part);
  if (r.ok() && r.has("parts") && m.parts.empty()) {
    diags.error(r.loc("parts"), "a model needs at least one part");
  }
  r.finish();
  return m;
}

}  // namespace visie::load
