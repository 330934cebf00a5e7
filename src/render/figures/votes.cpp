// A vote's results drawn as a horizontal bar chart.
#include "render/detail/figure_kit.hpp"

#include <algorithm>
#include <string>

namespace visie::render::figures {

Figure draw_votes(const std::vector<Bar>& bars, const Frame& frame) {
  Canvas canvas;
  const double width = frame.width - 2 * margin;
  const bool wide = width >= 520;
  const double label_w = wide ? width * 0.45 : width;
  const double value_w = 40;
  const double bar_x = wide ? margin + label_w + gap : margin;
  const double bar_room = margin + width - value_w - bar_x;
  const double bar_h = 18;
  long most = 1;
  for (const auto& b : bars) most = std::max(most, b.value);
  double y = margin;
  for (const auto& b : bars) {
    const auto label = fit_text(b.label, label_w, text_font, Style::regular);
    const double label_h = label.height;
    const double row_h = wide ? std::max(label_h, bar_h + 4) : label_h + 4 + bar_h + 4;
    const double bar_y = wide ? y + (row_h - bar_h) / 2 : y + label_h + 4;
    const Box label_box{margin, wide ? y + (row_h - label_h) / 2 : y, label_w, label_h};
    canvas.text(b.label, label, label_box, rect_shape(label_box), Align::start, VAlign::top,
                Style::regular);
    const double len = bar_room * static_cast<double>(std::max(0L, b.value)) / static_cast<double>(most);
    if (len > 0) canvas.rect({bar_x, bar_y, len, bar_h}, "fig-bar");
    // Under the labels of a narrow chart, each bar has its own stretch of
    // the axis.
    if (!wide) canvas.line({bar_x, bar_y - 3}, {bar_x, bar_y + bar_h + 3}, "fig-axis");
    const auto value = std::to_string(b.value);
    const auto value_lines = fit_text(value, value_w - 6, text_font, Style::bold);
    const Box value_box{bar_x + len + 6, bar_y + (bar_h - value_lines.height) / 2, value_w - 6,
                        value_lines.height};
    canvas.text(value, value_lines, value_box, rect_shape(value_box), Align::start, VAlign::top,
                Style::bold);
    y += row_h + gap;
  }
  // The axis the bars start from.
  if (wide && !bars.empty()) canvas.line({bar_x, margin}, {bar_x, y - gap}, "fig-axis");
  return std::move(canvas).finish(frame, frame.width, std::max(y - gap, margin) + margin);
}

}  // namespace visie::render::figures
