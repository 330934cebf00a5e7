// A model of kind "phases" drawn as chevrons, across the page or down it.
#include "render/detail/figure_kit.hpp"

#include <algorithm>

namespace visie::render::figures {

Figure draw_phases(const model::Model& m, const Frame& frame) {
  Canvas canvas;
  const double width = frame.width - 2 * margin;
  const double point = 14;  // depth of a chevron's point and notch
  const auto n = static_cast<double>(m.parts.size());
  const double col_w = (width - 4 * (n - 1)) / n;
  const bool across = m.parts.size() <= 5 && col_w - 2 * point - pad >= 110;
  if (across) {
    const double inner = col_w - 2 * point - pad;
    const auto font = common_font(labels_of(m), inner, heading_font, Style::bold);
    std::vector<Lines> labels;
    double h = 0;
    for (const auto& p : m.parts) {
      labels.push_back(fit_text(p.label, inner, font, Style::bold));
      h = std::max(h, labels.back().height + 2 * pad);
    }
    h = std::max(h, 56.0);
    for (std::size_t i = 0; i < labels.size(); ++i) {
      const double x = margin + static_cast<double>(i) * (col_w + 4);
      const double y = margin;
      std::vector<Point> pts{{x, y}, {x + col_w - point, y}, {x + col_w, y + h / 2},
                             {x + col_w - point, y + h}, {x, y + h}};
      if (i > 0) pts.push_back({x + point, y + h / 2});
      canvas.polygon(pts, i % 2 ? "fig-f2" : "fig-f1");
      // The text keeps right of the notch: the chevron without it.
      Shape shape;
      shape.kind = Shape::Kind::polygon;
      shape.points = {{x + point, y}, {x + col_w - point, y}, {x + col_w, y + h / 2},
                      {x + col_w - point, y + h}, {x + point, y + h}};
      const Box fit{x + point + pad / 2, y + pad, inner, h - 2 * pad};
      canvas.text(m.parts[i].label, labels[i], fit, shape, Align::middle, VAlign::middle,
                  Style::bold);
    }
    return std::move(canvas).finish(frame, frame.width, h + 2 * margin);
  }
  // Down the page: chevrons pointing down.
  double y = margin;
  for (std::size_t i = 0; i < m.parts.size(); ++i) {
    const auto label = fit_text(m.parts[i].label, width - 2 * pad, heading_font, Style::bold);
    const double top_room = i > 0 ? point : 0;
    const double h = std::max(44.0, label.height + 2 * pad) + top_room + point;
    const double x = margin;
    std::vector<Point> pts{{x, y}};
    if (i > 0) pts.push_back({x + width / 2, y + point});
    pts.insert(pts.end(), {{x + width, y}, {x + width, y + h - point}, {x + width / 2, y + h},
                           {x, y + h - point}});
    canvas.polygon(pts, i % 2 ? "fig-f2" : "fig-f1");
    // The text keeps below the notch: the chevron without it.
    Shape shape;
    shape.kind = Shape::Kind::polygon;
    shape.points = {{x, y + top_room}, {x + width, y + top_room}, {x + width, y + h - point},
                    {x + width / 2, y + h}, {x, y + h - point}};
    const Box fit{x + pad, y + top_room + pad / 2, width - 2 * pad, h - top_room - point - pad};
    canvas.text(m.parts[i].label, label, fit, shape, Align::middle, VAlign::middle, Style::bold);
    y += h + 4;
  }
  return std::move(canvas).finish(frame, frame.width, y - 4 + margin);
}

}  // namespace visie::render::figures
