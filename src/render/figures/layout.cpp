// The layouts figures share: shapes, stacks of text, card grids and legends.
#include "render/detail/figure_kit.hpp"

#include <algorithm>
#include <cmath>

namespace visie::render::figures {

Shape rect_shape(const Box& b) {
  Shape s;
  s.kind = Shape::Kind::rect;
  s.box = b;
  return s;
}

Box inset(const Box& b, double by) { return {b.x + by, b.y + by, b.w - 2 * by, b.h - 2 * by}; }

double stack_height(const std::vector<Block>& blocks, double spacing) {
  double h = 0;
  bool first = true;
  for (const auto& b : blocks) {
    if (b.lines.lines.empty()) continue;
    h += (first ? 0 : spacing) + b.lines.height;
    first = false;
  }
  return h;
}

void stack(Canvas& canvas, const std::vector<Block>& blocks, const Box& area, const Shape& shape,
           Align align, double spacing) {
  double y = area.y;
  for (const auto& b : blocks) {
    if (b.lines.lines.empty()) continue;
    canvas.text(b.source, b.lines, {area.x, y, area.w, b.lines.height}, shape, align, VAlign::top,
                b.style, b.cls);
    y += b.lines.height + spacing;
  }
}

FontRange common_font(const std::vector<std::string>& texts, double max_width, FontRange font,
                      Style style) {
  double size = font.size;
  for (const auto& t : texts) size = std::min(size, fit_text(t, max_width, font, style).size);
  return {size, font.min_size};
}

std::vector<std::string> labels_of(const model::Model& m) {
  std::vector<std::string> out;
  for (const auto& p : m.parts) out.push_back(p.label);
  return out;
}

double card_grid(Canvas& canvas, const std::vector<std::function<Card(double)>>& cards,
                 double left, double top, double width, std::size_t columns,
                 std::string_view cls) {
  const double col_w =
      (width - gap * static_cast<double>(columns - 1)) / static_cast<double>(columns);
  double y = top;
  for (std::size_t row = 0; row * columns < cards.size(); ++row) {
    std::vector<Card> set;
    double row_h = 0;
    for (std::size_t c = 0; c < columns && row * columns + c < cards.size(); ++c) {
      set.push_back(cards[row * columns + c](col_w - 2 * pad));
      row_h = std::max(row_h, stack_height(set.back(), 6) + 2 * pad);
    }
    for (std::size_t c = 0; c < set.size(); ++c) {
      const Box box{left + static_cast<double>(c) * (col_w + gap), y, col_w, row_h};
      canvas.rect(box, cls, corner);
      stack(canvas, set[c], inset(box, pad), rect_shape(box), Align::start, 6);
    }
    y += row_h + gap;
  }
  return y - gap;
}

std::size_t columns_for(double width, double min_column, std::size_t count, std::size_t most) {
  const auto fit = static_cast<std::size_t>(std::floor((width + gap) / (min_column + gap)));
  return std::max<std::size_t>(1, std::min({fit, count, most}));
}

std::string in_quotes(std::string_view quote) { return "\u201C" + std::string(quote) + "\u201D"; }

double legend(Canvas& canvas, const std::vector<std::string>& classes,
              const std::vector<std::vector<std::pair<std::string, Style>>>& entries,
              double left, double top, double width) {
  const double swatch = 14;
  const double text_x = left + swatch + pad;
  const double text_w = left + width - text_x;
  double y = top;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    std::vector<Block> blocks;
    for (const auto& [text, style] : entries[i]) {
      blocks.push_back({text, fit_text(text, text_w, style == Style::bold ? heading_font : text_font,
                                       style),
                        style});
    }
    const double h = std::max(swatch, stack_height(blocks, 3));
    canvas.rect({left, y + 1, swatch, swatch}, classes[i], 2);
    const Box area{text_x, y, text_w, h};
    stack(canvas, blocks, area, rect_shape(area), Align::start, 3);
    y += h + gap;
  }
  return y - gap;
}

}  // namespace visie::render::figures
