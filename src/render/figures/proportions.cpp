// A model of kind "proportions" drawn as one bar of shares, with a legend.
#include "render/detail/figure_kit.hpp"

#include <algorithm>
#include <string>

namespace visie::render::figures {

Figure draw_proportions(const model::Model& m, const Frame& frame, std::string_view mark) {
  Canvas canvas;
  const double width = frame.width - 2 * margin;
  // A share without a percentage gets an equal part of what is left.
  double known = 0;
  std::size_t unknown = 0;
  for (const auto& p : m.parts) {
    if (p.percent) {
      known += p.percent->value.value_or((p.percent->min.value_or(0) + p.percent->max.value_or(0)) / 2);
    } else {
      ++unknown;
    }
  }
  const double rest = unknown ? std::max(100.0 - known, 10.0 * static_cast<double>(unknown)) /
                                    static_cast<double>(unknown)
                              : 0;
  std::vector<double> shares;
  double total = 0;
  for (const auto& p : m.parts) {
    const double v = p.percent ? p.percent->value.value_or((p.percent->min.value_or(0) +
                                                            p.percent->max.value_or(0)) / 2)
                               : rest;
    shares.push_back(std::max(v, 0.0));
    total += shares.back();
  }
  if (total <= 0) total = 1;
  const auto cls = [](std::size_t i) { return "fig-f" + std::to_string(3 - i % 3); };
  // The bar: each share as wide as its part of the whole, its percentage
  // in it.
  std::vector<Box> segments;
  std::vector<Lines> numbers;
  double x = margin;
  double bar_h = 44;
  for (std::size_t i = 0; i < m.parts.size(); ++i) {
    const double w = width * shares[i] / total;
    segments.push_back({x, margin, w, 0});
    const auto& p = m.parts[i];
    const auto text = p.percent ? percent_text(*p.percent, mark) + " %" : std::string();
    // A number is never broken: a share too narrow for it shows it in the
    // legend only.
    auto number = fit_text(text, std::max(w - 2 * 3.0, 1.0), {18, 9}, Style::bold, 1);
    if (number.lines.size() != 1 || number.lines[0] != text) number = Lines{};
    numbers.push_back(number);
    bar_h = std::max(bar_h, numbers.back().height + 2 * pad);
    x += w;
  }
  for (std::size_t i = 0; i < segments.size(); ++i) {
    auto& s = segments[i];
    s.h = bar_h;
    canvas.rect(s, cls(i));
    if (!numbers[i].lines.empty()) {
      const auto& p = m.parts[i];
      canvas.text(percent_text(*p.percent, mark) + " %", numbers[i], {s.x + 3, s.y + pad, s.w - 6, s.h - 2 * pad},
                  rect_shape(s), Align::middle, VAlign::middle, Style::bold);
    }
  }
  // The legend: swatch, percentage with label, description.
  std::vector<std::string> classes;
  std::vector<std::vector<std::pair<std::string, Style>>> entries;
  for (std::size_t i = 0; i < m.parts.size(); ++i) {
    const auto& p = m.parts[i];
    classes.push_back(cls(i));
    std::vector<std::pair<std::string, Style>> entry;
    entry.emplace_back((p.percent ? percent_text(*p.percent, mark) + " % " : std::string()) + p.label,
                       Style::bold);
    if (!p.description.empty()) entry.emplace_back(p.description, Style::regular);
    for (const auto& item : p.items) entry.emplace_back(item, Style::regular);
    entries.push_back(std::move(entry));
  }
  const double bottom = legend(canvas, classes, entries, margin, margin + bar_h + 2 * gap, width);
  return std::move(canvas).finish(frame, frame.width, bottom + margin);
}

}  // namespace visie::render::figures
