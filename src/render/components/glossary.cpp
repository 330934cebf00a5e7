// The glossary component: every term with its definition and source.
#include "render/detail/component_kit.hpp"

#include <algorithm>

namespace visie::render::component {

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
                    {"former_ids", t->former_ids},
                    {"definition", t->definition},
                    {"source", source_label(c, t->source)},
                    {"source_href", source_href(t->source)}});
  }
  return json{{"terms", list}, {"empty", list.empty()}};
}

}  // namespace visie::render::component
