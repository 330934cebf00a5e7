#pragma once
/// The one id space of a workshop's items: its clusters with their aspects,
/// and its perspectives' opportunities and barriers.

#include <string>
#include <string_view>

#include "model/model.hpp"

namespace visie::model {

/// Calls `each(id)` for every item id of `w`: each cluster and its aspects,
/// then each perspective's opportunities and barriers.
template <class F>
void for_each_item_id(const Workshop& w, F each) {
  for (const auto& c : w.clusters) {
    each(c.id);
    for (const auto& a : c.aspects) each(a.id);
  }
  for (const auto& p : w.perspectives) {
    for (const auto& o : p.opportunities) each(o.id);
    for (const auto& b : p.barriers) each(b.id);
  }
}

/// The kind of item `id` of `w` as a vote's `targets` names it
/// ("clusters", "aspects", "opportunities", "barriers"), or "" when `w` has
/// no such item.
inline std::string_view item_kind(const Workshop& w, std::string_view id) {
  for (const auto& c : w.clusters) {
    if (c.id == id) return "clusters";
    for (const auto& a : c.aspects) {
      if (a.id == id) return "aspects";
    }
  }
  for (const auto& p : w.perspectives) {
    for (const auto& o : p.opportunities) {
      if (o.id == id) return "opportunities";
    }
    for (const auto& b : p.barriers) {
      if (b.id == id) return "barriers";
    }
  }
  return {};
}

}  // namespace visie::model
