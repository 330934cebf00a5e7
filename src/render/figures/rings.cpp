// A model of kind "rings" drawn as concentric rings around its core, with a legend.
#include "render/detail/figure_kit.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace visie::render::figures {

Figure draw_rings(const model::Model& m, const Frame& frame) {
  Canvas canvas;
  const double width = frame.width - 2 * margin;
  const double inner_gap = 5;
  const auto& core = m.parts.front();
  const auto radius_for = [](const Lines& l) {
    return std::hypot(l.width / 2, l.height / 2) + pad;
  };
  std::vector<double> radii;
  std::vector<Lines> labels;
  // The rings at a label size: the core's label in the square inscribed in
  // its circle; each ring's label just above the ring inside it, its top
  // corners inside the outer circle, the ring as thick as that needs.
  const auto lay_out = [&](FontRange font, bool may_break) {
    const auto core_label =
        best_fit(core.label, 160, 50, font, Style::bold, radius_for, may_break);
    radii = {std::max(40.0, radius_for(core_label))};
    labels = {core_label};
    for (std::size_t i = 1; i < m.parts.size(); ++i) {
      const double inner = radii.back();
      const auto outer_for = [&](const Lines& l) {
        // The top corners of the label keep 5 units from the outer circle.
        return std::max(inner + 30, std::hypot(l.width / 2, inner + inner_gap + l.height) + 5);
      };
      labels.push_back(best_fit(m.parts[i].label, std::max(120.0, width * 0.8),
                                may_break ? 40 : 60, font, Style::bold, outer_for, may_break));
      radii.push_back(outer_for(labels.back()));
    }
    return 2 * radii.back();
  };
  // The legend beside the rings when it fits there with labels down to 13;
  // otherwise under them, with the largest labels whose rings fit the
  // width; at the smallest size, broken words.
  double diameter = 0;
  bool done = false;
  for (double size = heading_font.size; size >= 13 && !done; size -= 1) {
    diameter = lay_out({size, heading_font.min_size}, false);
    done = width - diameter - 2 * gap >= 220;
  }
  for (double size = heading_font.size; size >= heading_font.min_size && !done; size -= 1) {
    diameter = lay_out({size, heading_font.min_size}, false);
    done = diameter <= width;
  }
  if (!done) diameter = lay_out({heading_font.min_size, heading_font.min_size}, true);
  const double big = radii.back();
  const double legend_w = width - diameter - 2 * gap;
  const bool beside = legend_w >= 220;
  const double draw_w = std::max(frame.width, diameter + 2 * margin);
  const Point c{beside ? margin + big : draw_w / 2, margin + big};
  const auto level = [&](std::size_t i) {
    const std::size_t from_outside = m.parts.size() - i;
    return "fig-f" + std::to_string(std::min<std::size_t>(4, from_outside));
  };
  for (std::size_t i = m.parts.size(); i-- > 0;) canvas.circle(c, radii[i], level(i));
  {
    Shape disc;
    disc.kind = Shape::Kind::disc;
    disc.centre = c;
    disc.r_outer = radii[0];
    const auto& l = labels[0];
    const Box fit{c.x - l.width / 2 - 1, c.y - l.height / 2 - 1, l.width + 2, l.height + 2};
    canvas.text(core.label, l, fit, disc, Align::middle, VAlign::middle, Style::bold);
  }
  for (std::size_t i = 1; i < m.parts.size(); ++i) {
    Shape ring;
    ring.kind = Shape::Kind::ring;
    ring.centre = c;
    ring.r_inner = radii[i - 1];
    ring.r_outer = radii[i];
    const auto& l = labels[i];
    const double bottom = c.y - radii[i - 1] - inner_gap;
    const Box fit{c.x - l.width / 2 - 1, bottom - l.height - 1, l.width + 2, l.height + 2};
    canvas.text(m.parts[i].label, l, fit, ring, Align::middle, VAlign::middle, Style::bold);
  }
  std::vector<std::string> classes;
  std::vector<std::vector<std::pair<std::string, Style>>> entries;
  for (std::size_t i = 0; i < m.parts.size(); ++i) {
    classes.push_back(level(i));
    std::vector<std::pair<std::string, Style>> entry{{m.parts[i].label, Style::bold}};
    if (!m.parts[i].description.empty()) entry.emplace_back(m.parts[i].description, Style::regular);
    entries.push_back(std::move(entry));
  }
  double bottom = margin + diameter;
  if (beside) {
    const double left = margin + diameter + 2 * gap;
    bottom = std::max(bottom, legend(canvas, classes, entries, left, margin, width - diameter - 2 * gap));
  } else {
    bottom = legend(canvas, classes, entries, margin, bottom + 2 * gap, draw_w - 2 * margin);
  }
  return std::move(canvas).finish(frame, draw_w, bottom + margin);
}

}  // namespace visie::render::figures
