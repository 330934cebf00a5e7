// A model of kind "pyramid" drawn as stacked tiers, each as high as its text needs.
#include "render/detail/figure_kit.hpp"

#include <algorithm>
#include <string>

namespace visie::render::figures {

namespace {

struct Tier {
  Lines label;
  Lines percent;
  double top = 0;
  double bottom = 0;
};

/// The tiers of a pyramid whose half width grows by `slope` per unit of
/// height from its apex at y = 0; each tier as high as its text needs.
std::vector<Tier> stack_tiers(const model::Model& m, double slope, double widest,
                              std::string_view mark) {
  std::vector<Tier> tiers;
  double y = 0;
  for (const auto& p : m.parts) {
    const auto percent = p.percent ? percent_text(*p.percent, mark) + " %" : std::string();
    const auto percent_lines = fit_text(percent, widest, text_font, Style::regular);
    const double extra = percent_lines.lines.empty() ? 0 : percent_lines.height + 3;
    // The text sits at the tier's bottom, where it is widest; its top
    // corners must lie inside the sides.
    const auto bottom_for = [&](const Lines& l) {
      const double w = std::max(l.width, percent_lines.width);
      const double h = l.height + extra;
      const double top_needed = std::max(y + pad, (w / 2 + pad) / slope);
      return std::max(y + 44, top_needed + h + pad);
    };
    auto label = best_fit(p.label, widest, 60, heading_font, Style::bold, bottom_for);
    // A word so long that the tier would tower over the others: at the
    // smallest size, broken where the pyramid is wide enough.
    if (bottom_for(label) - y > 150) {
      auto broken = best_fit(p.label, widest, 40, {heading_font.min_size, heading_font.min_size},
                             Style::bold, bottom_for, true);
      if (bottom_for(broken) < bottom_for(label)) label = std::move(broken);
    }
    const double bottom = bottom_for(label);
    tiers.push_back({std::move(label), percent_lines, y, bottom});
    y = bottom;
  }
  return tiers;
}

}  // namespace

Figure draw_pyramid(const model::Model& m, const Frame& frame, std::string_view mark) {
  const double width = frame.width - 2 * margin;
  // The flattest slope, up to a classic 1:1, whose base still fits the
  // width: the more room, the less the labels need to wrap.
  double lo = 0.25;
  double hi = 1.0;
  const auto base_of = [&](double slope) {
    const auto tiers = stack_tiers(m, slope, width - 2 * pad, mark);
    return 2 * slope * tiers.back().bottom;
  };
  if (base_of(lo) <= width) {
    for (int i = 0; i < 30; ++i) {
      const double mid = (lo + hi) / 2;
      (base_of(mid) <= width ? lo : hi) = mid;
    }
  }
  const double slope = lo;
  const auto tiers = stack_tiers(m, slope, width - 2 * pad, mark);
  const double base = 2 * slope * tiers.back().bottom;
  const double draw_w = std::max(frame.width, base + 2 * margin);
  const double cx = draw_w / 2;
  Canvas canvas;
  for (std::size_t i = 0; i < tiers.size(); ++i) {
    const auto& t = tiers[i];
    const double top = margin + t.top;
    const double bottom = margin + t.bottom;
    const double top_half = slope * t.top;
    const double bottom_half = slope * t.bottom;
    std::vector<Point> pts;
    if (top_half < 0.01) {
      pts = {{cx, top}, {cx + bottom_half, bottom}, {cx - bottom_half, bottom}};
    } else {
      pts = {{cx - top_half, top}, {cx + top_half, top}, {cx + bottom_half, bottom},
             {cx - bottom_half, bottom}};
    }
    canvas.polygon(pts, "fig-f" + std::to_string(4 - std::min<std::size_t>(i, 3)));
    Shape shape;
    shape.kind = Shape::Kind::polygon;
    shape.points = pts;
    const double extra = t.percent.lines.empty() ? 0 : t.percent.height + 3;
    const double text_top = bottom - pad - t.label.height - extra;
    const auto& p = m.parts[i];
    canvas.text(p.label, t.label, {cx - t.label.width / 2 - 1, text_top, t.label.width + 2, t.label.height},
                shape, Align::middle, VAlign::top, Style::bold);
    if (!t.percent.lines.empty()) {
      canvas.text(percent_text(*p.percent, mark) + " %", t.percent,
                  {cx - t.percent.width / 2 - 1, text_top + t.label.height + 3, t.percent.width + 2,
                   t.percent.height},
                  shape, Align::middle, VAlign::top, Style::regular);
    }
  }
  return std::move(canvas).finish(frame, draw_w, margin + tiers.back().bottom + margin);
}

}  // namespace visie::render::figures
