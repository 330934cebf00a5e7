// A model of kind "house" drawn as a house: roof, walls, the room with the heart, foundation.
#include "render/detail/figure_kit.hpp"

#include <algorithm>

namespace visie::render::figures {

namespace {

/// The heart of the house: a heart shape around centre `c`, `s` high.
std::string heart_path(Point c, double s) {
  const auto pt = [&](double dx, double dy) { return num(c.x + dx * s) + "," + num(c.y + dy * s); };
  return "M" + pt(0, 0.45) + " C" + pt(-0.6, 0.05) + " " + pt(-0.55, -0.5) + " " + pt(0, -0.22) +
         " C" + pt(0.55, -0.5) + " " + pt(0.6, 0.05) + " " + pt(0, 0.45) + " Z";
}

}  // namespace

Figure draw_house(const model::Model& m, const Frame& frame) {
  const auto part = [&](std::string_view role) -> const model::ModelPart* {
    for (const auto& p : m.parts) {
      if (p.role == role) return &p;
    }
    return nullptr;
  };
  const auto text_of = [&](std::string_view role) {
    const auto* p = part(role);
    return p ? p->label : std::string();
  };
  const auto roof = text_of("roof");
  const auto left = text_of("wall-left");
  const auto right = text_of("wall-right");
  const auto heart = text_of("heart");
  const auto foundation = text_of("foundation");

  Canvas canvas;
  const double width = frame.width - 2 * margin;
  const double body_x = margin + width * 0.05;
  const double body_w = width * 0.9;
  const double icon = 30;

  // The walls stand left and right of the room with the heart when each
  // one's longest word fits at a readable size; on a narrow drawing the
  // room goes above the two walls instead.
  FontRange font = heading_font;
  bool beside = false;
  double wall_w = body_w * 0.3;
  for (double size = heading_font.size; size >= 12; size -= 1) {
    const double need_l = widest_word(left, size, Style::bold) + 2 * pad;
    const double need_r = widest_word(right, size, Style::bold) + 2 * pad;
    const double need_h = widest_word(heart, size, Style::bold) + 2 * pad;
    if (need_l + need_r + need_h <= body_w) {
      beside = true;
      font = {size, heading_font.min_size};
      // What is left over is shared so that the walls are equal and at
      // least 30 % each when there is room for that.
      wall_w = std::max({need_l, need_r, std::min(body_w * 0.3, (body_w - need_h) / 2)});
      break;
    }
  }
  const double room_w = beside ? body_w - 2 * wall_w : body_w;
  if (!beside) wall_w = body_w / 2;

  // The roof: a triangle as wide as the drawing; its label sits on the
  // base, where the triangle is widest, and the roof is as high as needs.
  const double roof_w = width;
  const auto roof_height = [&](const Lines& l) {
    const double share = (l.width + 2 * pad) / roof_w;
    if (share >= 0.95) return 1e9;
    return std::max(roof_w * 0.16, (l.height + 2 * pad) / (1 - share));
  };
  const auto roof_label = best_fit(roof, roof_w * 0.7, 60, font, Style::bold, roof_height);
  const double roof_h = roof_label.lines.empty() ? roof_w * 0.16 : roof_height(roof_label);
  const double roof_base = margin + roof_h;

  const auto left_label = fit_text(left, wall_w - 2 * pad, font, Style::bold);
  const auto right_label = fit_text(right, wall_w - 2 * pad, font, Style::bold);
  const auto heart_label = fit_text(heart, room_w - 2 * pad, font, Style::bold);
  const double room_need = pad + icon + pad + heart_label.height + pad;
  const double walls_need = std::max(left_label.height, right_label.height) + 2 * pad;
  const double room_h = beside ? std::max({room_need, walls_need, 110.0}) : room_need;
  const double wall_h = beside ? room_h : std::max(walls_need, 60.0);
  const double room_top = roof_base;
  const double walls_top = beside ? roof_base : roof_base + room_h;
  const double foundation_top = walls_top + wall_h;
  const auto foundation_label = fit_text(foundation, width - 2 * pad, font, Style::bold);
  const double foundation_h = std::max(40.0, foundation_label.height + 2 * pad);

  const std::vector<Point> tri{{margin, roof_base}, {margin + roof_w / 2, margin},
                               {margin + roof_w, roof_base}};
  canvas.polygon(tri, "fig-f3");
  if (!roof_label.lines.empty()) {
    Shape shape;
    shape.kind = Shape::Kind::polygon;
    shape.points = tri;
    const Box fit{margin + roof_w / 2 - roof_label.width / 2 - pad / 2,
                  roof_base - pad - roof_label.height, roof_label.width + pad, roof_label.height};
    canvas.text(roof, roof_label, fit, shape, Align::middle, VAlign::top, Style::bold);
  }
  const Box room{beside ? body_x + wall_w : body_x, room_top, room_w, room_h};
  const Box left_box{body_x, walls_top, wall_w, wall_h};
  const Box right_box{body_x + (beside ? wall_w + room_w : wall_w), walls_top, wall_w, wall_h};
  canvas.rect(room, "fig-f1");
  canvas.rect(left_box, "fig-f2");
  canvas.rect(right_box, "fig-f2");
  canvas.text(left, left_label, inset(left_box, pad), rect_shape(left_box), Align::middle,
              VAlign::middle, Style::bold);
  canvas.text(right, right_label, inset(right_box, pad), rect_shape(right_box), Align::middle,
              VAlign::middle, Style::bold);
  const double block_h = icon + pad + heart_label.height;
  const double block_top = room.y + (room.h - block_h) / 2;
  canvas.path(heart_path({room.x + room.w / 2, block_top + icon / 2}, icon), "fig-heart");
  const Box heart_fit{room.x + pad, block_top + icon + pad, room.w - 2 * pad, heart_label.height};
  canvas.text(heart, heart_label, heart_fit, rect_shape(room), Align::middle, VAlign::top,
              Style::bold);
  const Box base{margin, foundation_top, width, foundation_h};
  canvas.rect(base, "fig-f4");
  canvas.text(foundation, foundation_label, inset(base, pad), rect_shape(base), Align::middle,
              VAlign::middle, Style::bold);
  return std::move(canvas).finish(frame, frame.width, foundation_top + foundation_h + margin);
}

}  // namespace visie::render::figures
