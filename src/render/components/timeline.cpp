// The timeline component: the versions up to this one, as a list and a figure.
#include "render/detail/component_kit.hpp"

namespace visie::render::component {

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

}  // namespace visie::render::component
