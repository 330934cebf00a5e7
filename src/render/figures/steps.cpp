// A model of kind "steps" drawn as numbered boxes on a thread.
#include "render/detail/figure_kit.hpp"

#include <algorithm>
#include <string>

namespace visie::render::figures {

namespace {

/// A numbered badge: a circle with the number in it.
void badge(Canvas& canvas, Point c, double r, std::size_t n) {
  canvas.circle(c, r, "fig-f3");
  const auto text = std::to_string(n);
  const double side = r * 1.35;
  const Box fit{c.x - side / 2, c.y - side / 2, side, side};
  Shape disc;
  disc.kind = Shape::Kind::disc;
  disc.centre = c;
  disc.r_outer = r;
  canvas.text(text, fit_text(text, side, {13, 8}, Style::bold), fit, disc, Align::middle,
              VAlign::middle, Style::bold);
}

}  // namespace

Figure draw_steps(const model::Model& m, const Frame& frame) {
  Canvas canvas;
  const double r = 14;
  const double x_box = margin + 2 * r + gap;
  const double box_w = frame.width - margin - x_box;
  std::vector<Box> boxes;
  std::vector<Lines> labels;
  double y = margin;
  for (const auto& p : m.parts) {
    // Steps are sentences: set in the text's weight, not as headings.
    labels.push_back(fit_text(p.label, box_w - 2 * pad, {14, 10.5}, Style::regular));
    const double h = std::max(2 * r + 8, labels.back().height + 2 * pad);
    boxes.push_back({x_box, y, box_w, h});
    y += h + gap;
  }
  // The thread through the badges, under them.
  if (boxes.size() > 1) {
    canvas.line({margin + r, boxes.front().y + boxes.front().h / 2},
                {margin + r, boxes.back().y + boxes.back().h / 2}, "fig-thread");
  }
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    const auto& b = boxes[i];
    canvas.rect(b, "fig-f1", corner);
    canvas.text(m.parts[i].label, labels[i], inset(b, pad), rect_shape(b), Align::start,
                VAlign::middle, Style::regular);
    badge(canvas, {margin + r, b.y + b.h / 2}, r, i + 1);
  }
  return std::move(canvas).finish(frame, frame.width, y - gap + margin);
}

}  // namespace visie::render::figures
