// The versions drawn as a timeline, across the page or down it.
#include "render/detail/figure_kit.hpp"

#include <algorithm>

namespace visie::render::figures {

Figure draw_timeline(const std::vector<Stage>& stages, const Frame& frame, const Strings& strings) {
  Canvas canvas;
  const double width = frame.width - 2 * margin;
  const auto n = std::max<std::size_t>(1, stages.size());
  const double col_w = width / static_cast<double>(n);
  const bool across = col_w >= 100;
  const auto blocks_of = [&](const Stage& s, double w) {
    std::vector<Block> blocks;
    blocks.push_back({s.label, fit_text(s.label, w, heading_font, Style::bold), Style::bold});
    blocks.push_back({s.milestone, fit_text(s.milestone, w, small_font, Style::regular)});
    blocks.push_back({s.status, fit_text(s.status, w, small_font, Style::regular)});
    if (s.current) {
      const auto here = "(" + strings.this_version + ")";
      blocks.push_back({here, fit_text(here, w, small_font, Style::bold), Style::bold});
    }
    return blocks;
  };
  const auto node = [&](Point c, bool current) {
    if (current) {
      canvas.circle(c, 10, "fig-node-current");
      canvas.circle(c, 4, "fig-node-dot");
    } else {
      canvas.circle(c, 7, "fig-node");
    }
  };
  if (across) {
    const double w = col_w - pad;
    std::vector<Lines> periods;
    double period_h = 0;
    double below_h = 0;
    for (const auto& s : stages) {
      periods.push_back(fit_text(s.period, w, small_font, Style::regular));
      period_h = std::max(period_h, periods.back().height);
      below_h = std::max(below_h, stack_height(blocks_of(s, w), 3));
    }
    const double axis = margin + period_h + 18;
    if (stages.size() > 1) {
      canvas.line({margin + col_w / 2, axis}, {margin + width - col_w / 2, axis}, "fig-thread");
    }
    for (std::size_t i = 0; i < stages.size(); ++i) {
      const double x = margin + static_cast<double>(i) * col_w;
      const Box column{x, margin, col_w, axis - margin + 18 + below_h};
      const Box period_box{x + pad / 2, margin, w, period_h};
      canvas.text(stages[i].period, periods[i], period_box, rect_shape(column), Align::middle,
                  VAlign::bottom, Style::regular);
      node({x + col_w / 2, axis}, stages[i].current);
      stack(canvas, blocks_of(stages[i], w), {x + pad / 2, axis + 18, w, below_h},
            rect_shape(column), Align::middle, 3);
    }
    return std::move(canvas).finish(frame, frame.width, axis + 18 + below_h + margin);
  }
  // Down the page: the thread on the left, the text beside each node.
  const double text_x = margin + 34;
  const double w = margin + width - text_x;
  std::vector<std::vector<Block>> all;
  std::vector<double> tops;
  double y = margin;
  for (const auto& s : stages) {
    auto blocks = blocks_of(s, w);
    blocks.insert(blocks.begin(), {s.period, fit_text(s.period, w, small_font, Style::regular)});
    tops.push_back(y);
    y += std::max(24.0, stack_height(blocks, 3)) + 2 * gap;
    all.push_back(std::move(blocks));
  }
  if (stages.size() > 1) {
    canvas.line({margin + 12, tops.front() + 8}, {margin + 12, tops.back() + 8}, "fig-thread");
  }
  for (std::size_t i = 0; i < stages.size(); ++i) {
    node({margin + 12, tops[i] + 8}, stages[i].current);
    const Box area{text_x, tops[i], w, std::max(24.0, stack_height(all[i], 3))};
    stack(canvas, all[i], area, rect_shape(area), Align::start, 3);
  }
  return std::move(canvas).finish(frame, frame.width, y - 2 * gap + margin);
}

}  // namespace visie::render::figures
