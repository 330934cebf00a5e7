#pragma once
/// What the figure drawings share: the house measures, the measuring and
/// fitting of text beyond fit_text(), the SVG Canvas and the layouts built
/// on it (stacks of text, card grids, legends). Private to render/.
#ifndef VISIE_STAGE_RENDER
#error "render/detail is private to the render stage"
#endif

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "render/detail/figures.hpp"

namespace visie::render::figures {

// ------------------------------------------------------------ measures

inline constexpr double margin = 3;    // around the drawing, so outlines are not cut
inline constexpr double pad = 8;       // between a shape's edge and its text
inline constexpr double gap = 12;      // between shapes
inline constexpr double corner = 6;    // corner radius of boxes

inline constexpr FontRange heading_font{15, 11};
inline constexpr FontRange text_font{13.5, 10.5};
inline constexpr FontRange small_font{12, 10};

// ------------------------------------------------------------ text (text_fit.cpp)

/// `text` escaped for XML character data and attribute values. Characters
/// XML 1.0 does not allow (most control characters, surrogates, U+FFFE/F)
/// become U+FFFD; tabs and line breaks become spaces.
std::string xml(std::string_view text);
/// A number as SVG writes it: at most two decimals, no trailing zeros, the
/// same in every locale.
std::string num(double v);
std::string box_attr(const Box& b);

/// A piece of a text between break opportunities; `glued` when it follows
/// the previous piece without a space (after a `-` or `/`).
struct Piece {
  std::string text;
  bool glued = false;
};

/// `text` cut at its break opportunities.
std::vector<Piece> pieces_of(std::string_view text);

/// Of the ways to set `text` at widths from `widest` down to `narrowest`
/// in full size and whole words (or, with `may_break`, broken words), the
/// one `cost` likes best (the lowest); when there is none, the text as set
/// at `widest`.
Lines best_fit(std::string_view text, double widest, double narrowest, FontRange font,
               Style style, const std::function<double(const Lines&)>& cost,
               bool may_break = false);

/// Width of the widest word of `text` at `size`, with the safety margin.
double widest_word(std::string_view text, double size, Style style);

// ------------------------------------------------------------ drawing

/// How a block of lines sits in its box.
enum class Align { start, middle };
enum class VAlign { top, middle, bottom };

/// The SVG being drawn: shapes and texts in drawing order.
class Canvas {
 public:
  void rect(const Box& b, std::string_view cls, double radius = 0) {
    out_ += "<rect class=\"" + std::string(cls) + "\" x=\"" + num(b.x) + "\" y=\"" + num(b.y) +
            "\" width=\"" + num(b.w) + "\" height=\"" + num(b.h) + "\"";
    if (radius > 0) out_ += " rx=\"" + num(radius) + "\"";
    out_ += "/>";
  }
  void circle(Point c, double r, std::string_view cls) {
    out_ += "<circle class=\"" + std::string(cls) + "\" cx=\"" + num(c.x) + "\" cy=\"" +
            num(c.y) + "\" r=\"" + num(r) + "\"/>";
  }
  void polygon(const std::vector<Point>& points, std::string_view cls) {
    out_ += "<polygon class=\"" + std::string(cls) + "\" points=\"";
    for (std::size_t i = 0; i < points.size(); ++i) {
      out_ += (i ? " " : "") + num(points[i].x) + "," + num(points[i].y);
    }
    out_ += "\"/>";
  }
  void line(Point a, Point b, std::string_view cls) {
    out_ += "<line class=\"" + std::string(cls) + "\" x1=\"" + num(a.x) + "\" y1=\"" + num(a.y) +
            "\" x2=\"" + num(b.x) + "\" y2=\"" + num(b.y) + "\"/>";
  }
  void path(std::string_view d, std::string_view cls) {
    out_ += "<path class=\"" + std::string(cls) + "\" d=\"" + std::string(d) + "\"/>";
  }

  /// Writes `lines` (set from `source`) inside `fit`, which lies in `shape`.
  void text(std::string_view source, const Lines& lines, const Box& fit, const Shape& shape,
            Align align, VAlign valign, Style style, std::string_view cls = "fig-ink") {
    if (lines.lines.empty()) return;
    double top = fit.y;
    if (valign == VAlign::middle) top = fit.y + (fit.h - lines.height) / 2;
    if (valign == VAlign::bottom) top = fit.y + fit.h - lines.height;
    const double x = align == Align::middle ? fit.x + fit.w / 2 : fit.x;
    out_ += "<text class=\"" + std::string(cls) + "\" font-size=\"" + num(lines.size) + "\"";
    if (style == Style::bold) out_ += " font-weight=\"bold\"";
    if (style == Style::oblique) out_ += " font-style=\"italic\"";
    if (align == Align::middle) out_ += " text-anchor=\"middle\"";
    out_ += " data-fit=\"" + box_attr(fit) + "\">";
    double baseline = top + text_ascent(lines.size);
    for (const auto& l : lines.lines) {
      out_ += "<tspan x=\"" + num(x) + "\" y=\"" + num(baseline) + "\">" + xml(l) + "</tspan>";
      baseline += lines.line_height;
    }
    out_ += "</text>";
    placements_.push_back({std::string(source), fit, shape});
  }

  /// The finished figure, `height` high.
  Figure finish(const Frame& frame, double width, double height) && {
    Figure f;
    f.view = {0, 0, width, height};
    const auto title_id = frame.id + "-title";
    const auto desc_id = frame.id + "-desc";
    f.svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"fig-svg" +
            (frame.css_class.empty() ? std::string() : " " + xml(frame.css_class)) +
            "\" viewBox=\"0 0 " + num(width) + " " + num(height) +
            "\" width=\"100%\" role=\"img\" aria-labelledby=\"" + xml(title_id) +
            "\" aria-describedby=\"" + xml(desc_id) +
            "\" font-family=\"'DejaVu Sans', Verdana, sans-serif\">" + "<title id=\"" +
            xml(title_id) + "\">" + xml(frame.title) + "</title><desc id=\"" + xml(desc_id) +
            "\">" + xml(frame.desc) + "</desc>" + out_ + "</svg>";
    f.placements = std::move(placements_);
    return f;
  }

 private:
  std::string out_;
  std::vector<Placement> placements_;
};

// ------------------------------------------------------------ layouts (layout.cpp)

Shape rect_shape(const Box& b);
Box inset(const Box& b, double by);

/// A block of lines and where it goes: the unit the layouts stack.
struct Block {
  std::string source;
  Lines lines;
  Style style = Style::regular;
  std::string cls = "fig-ink";
};

double stack_height(const std::vector<Block>& blocks, double spacing);
/// Writes `blocks` one under the other from the top of `area` (inside
/// `shape`), each in a fit box as wide as `area`.
void stack(Canvas& canvas, const std::vector<Block>& blocks, const Box& area, const Shape& shape,
           Align align, double spacing);
/// The size at which each of `texts` fits `max_width` (the smallest any of
/// them needs), so that peers are set alike.
FontRange common_font(const std::vector<std::string>& texts, double max_width, FontRange font,
                      Style style);
std::vector<std::string> labels_of(const model::Model& m);

/// One card of a grid: its blocks of text.
using Card = std::vector<Block>;

/// Lays `cards` out in a grid of `columns` columns from `top`; returns the
/// bottom. Cards of a row share their height.
double card_grid(Canvas& canvas, const std::vector<std::function<Card(double)>>& cards,
                 double left, double top, double width, std::size_t columns,
                 std::string_view cls);
std::size_t columns_for(double width, double min_column, std::size_t count, std::size_t most);
std::string in_quotes(std::string_view quote);
/// A legend: for each entry a swatch of `classes[i]` and blocks of text.
double legend(Canvas& canvas, const std::vector<std::string>& classes,
              const std::vector<std::vector<std::pair<std::string, Style>>>& entries,
              double left, double top, double width);

// ------------------------------------------------------------ the drawings of a model, one file each

Figure draw_cards(const model::Model& m, const Frame& frame);
Figure draw_steps(const model::Model& m, const Frame& frame);
Figure draw_phases(const model::Model& m, const Frame& frame);
Figure draw_rings(const model::Model& m, const Frame& frame);
Figure draw_house(const model::Model& m, const Frame& frame);
Figure draw_pyramid(const model::Model& m, const Frame& frame, std::string_view mark);
Figure draw_proportions(const model::Model& m, const Frame& frame, std::string_view mark);

}  // namespace visie::render::figures
