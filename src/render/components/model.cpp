// The model component: a model's parts as text and its figure.
#include "render/detail/component_kit.hpp"

#include "core/text.hpp"

namespace visie::render::component {

std::optional<json> model_component(const Call& c) {
  const auto id = c.options.get("id");
  const auto* m = model::find_by_id(c.ctx.version.data.models, id);
  if (m == nullptr) {
    std::vector<std::string_view> ids;
    for (const auto& known : c.ctx.version.data.models) ids.push_back(known.id);
    c.diags.error(c.options.at("id"), "unknown model \"" + id + "\"" + core::did_you_mean(id, ids) +
                                          " (no data/models/" + id + ".json in this version)");
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

}  // namespace visie::render::component
