// draw_model(): which drawing a model gets, by its kind and whether its parts fit it.
#include "render/detail/figure_kit.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <span>

namespace visie::render::figures {

namespace {

/// Whether the parts of `m` have the roles its kind allows, and the roles
/// its kind allows once at most once.
bool parts_fit(const model::Model& m) {
  const auto& kind = model::word_of(model::model_kinds, m.kind);
  const auto has = [](std::span<const std::string_view> roles, std::string_view role) {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
  };
  for (const auto& p : m.parts) {
    if (!has(kind.roles, p.role)) return false;
  }
  for (const auto role : kind.single_roles) {
    const auto n = std::count_if(m.parts.begin(), m.parts.end(),
                                 [&](const auto& p) { return p.role == role; });
    if (n > 1) return false;
  }
  return true;
}

}  // namespace

std::string percent_text(const model::Percent& percent, std::string_view decimal_mark) {
  const auto format = [&](double v) {
    std::array<char, 64> buf{};
    const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    std::string s(buf.data(), r.ptr);
    if (const auto dot = s.find('.'); dot != std::string::npos) s.replace(dot, 1, decimal_mark);
    return s;
  };
  if (percent.value) return format(*percent.value);
  return format(percent.min.value_or(0)) + "\u2013" + format(percent.max.value_or(0));
}

bool shows_everything(const model::Model& m) {
  using model::ModelKind;
  const bool cards = m.kind == ModelKind::typology || m.kind == ModelKind::cards;
  const bool rings = m.kind == ModelKind::rings;
  const bool proportions = m.kind == ModelKind::proportions;
  for (const auto& p : m.parts) {
    if (rings && (!p.items.empty() || !p.quote.empty())) return false;
    if (proportions && !p.quote.empty()) return false;
    if (!cards && !rings && !proportions &&
        (!p.description.empty() || !p.items.empty() || !p.quote.empty())) {
      return false;
    }
  }
  return true;
}

Figure draw_model(const model::Model& m, const Frame& frame, const Strings& strings) {
  if (m.parts.empty()) return Canvas().finish(frame, frame.width, 2 * margin);
  // A model whose parts do not fit its kind's picture is drawn as cards.
  const bool fits = parts_fit(m);
  switch (m.kind) {
    case model::ModelKind::rings:
      if (fits && m.parts.front().role == "core") return draw_rings(m, frame);
      break;
    case model::ModelKind::house:
      if (fits) return draw_house(m, frame);
      break;
    case model::ModelKind::pyramid:
      if (fits) return draw_pyramid(m, frame, strings.decimal_mark);
      break;
    case model::ModelKind::proportions:
      if (fits) return draw_proportions(m, frame, strings.decimal_mark);
      break;
    case model::ModelKind::steps: return draw_steps(m, frame);
    case model::ModelKind::phases: return draw_phases(m, frame);
    case model::ModelKind::typology:
    case model::ModelKind::cards: break;
  }
  return draw_cards(m, frame);
}

}  // namespace visie::render::figures
