// The workshop components: programme, clusters, perspectives, votes and questions.
#include "render/detail/component_kit.hpp"

#include <algorithm>

namespace visie::render::component {

namespace {

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

/// The figure of a workshop's clusters or perspectives, unless the
/// directive asks for text only or there are none (`empty`): labelled
/// `label`, titled with UI string `title_key` and the workshop's title.
json workshop_figure(const Call& c, const model::Workshop& w, bool empty, const std::string& label,
                     std::string_view title_key, const std::string& desc,
                     const std::function<figures::Figure(const figures::Frame&)>& draw) {
  if (!wants_figure(c) || empty) return false;
  return figure_json(c, label, str(c, title_key) + " (" + w.title + ")", desc, true, draw);
}

/// The JSON of each of `items` (by `to_json`), and their labels joined for
/// a figure's text description.
template <class Item, class ToJson>
std::pair<json, std::string> listed(const std::vector<Item>& items, ToJson to_json) {
  json list = json::array();
  std::vector<std::string> labels;
  for (const auto& item : items) {
    list.push_back(to_json(item));
    labels.push_back(item.label);
  }
  return {std::move(list), join_labels(labels)};
}

}  // namespace

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
              // Without a recorded programme there is no total, not a total of 0.
              {"total_minutes", w->programme.empty() ? json("—") : json(total)},
              {"table", table_json(c, "programme")}};
}

std::optional<json> clusters(const Call& c) {
  const auto* w = workshop(c);
  if (w == nullptr) return std::nullopt;
  const auto [list, labels] = listed(w->clusters, [](const model::Cluster& cl) {
    return json{{"id", cl.id}, {"label", cl.label}, {"aspects", items_json(cl.aspects)},
                {"count", cl.aspects.size()}};
  });
  const json figure = workshop_figure(c, *w, w->clusters.empty(), "clusters", "fig_clusters",
                                      labels, [&](const figures::Frame& f) {
                                        return figures::draw_clusters(w->clusters, f);
                                      });
  return json{{"workshop", workshop_json(*w)},
              {"clusters", list},
              {"empty", list.empty()},
              {"figure", figure}};
}

std::optional<json> perspectives(const Call& c) {
  const auto* w = workshop(c);
  if (w == nullptr) return std::nullopt;
  const auto [list, labels] = listed(w->perspectives, [](const model::Perspective& p) {
    return json{{"id", p.id}, {"label", p.label}, {"scope", p.scope},
                {"opportunities", items_json(p.opportunities)},
                {"barriers", items_json(p.barriers)}};
  });
  const json figure = workshop_figure(
      c, *w, w->perspectives.empty(), "perspectives", "fig_perspectives",
      str(c, "opportunities") + " / " + str(c, "barriers") + ": " + labels,
      [&](const figures::Frame& f) {
        return figures::draw_perspectives(w->perspectives, f, figure_strings(c));
      });
  // Beside a figure the table is the figure's text; alone it is a table.
  return json{{"workshop", workshop_json(*w)},
              {"perspectives", list},
              {"empty", list.empty()},
              {"figure", figure},
              {"table", figure == false ? table_json(c, "perspectives") : json(false)}};
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

}  // namespace visie::render::component
