#include "core/text.hpp"
#include "render/figures.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <functional>
#include <iterator>

namespace visie::render::figures {

namespace {

struct GlyphWidths {
  char32_t cp;
  int regular;
  int bold;
  int oblique;
};

#include "render/glyph_widths.inc"

// A character outside the table (another script, an emoji) counts as a
// full em: a label is over- rather than underestimated.
constexpr double unknown_width = font_units_per_em;

// Browsers round glyph positions and may substitute a font with slightly
// different widths (Verdana); lines are filled to this share of the room.
constexpr double safety = 1.03;

constexpr double margin = 3;    // around the drawing, so outlines are not cut
constexpr double pad = 8;       // between a shape's edge and its text
constexpr double gap = 12;      // between shapes
constexpr double corner = 6;    // corner radius of boxes

constexpr FontRange heading_font{15, 11};
constexpr FontRange text_font{13.5, 10.5};
constexpr FontRange small_font{12, 10};

/// `text` escaped for XML character data and attribute values. Characters
/// XML 1.0 does not allow (most control characters, surrogates, U+FFFE/F)
/// become U+FFFD; tabs and line breaks become spaces.
std::string xml(std::string_view text) {
  std::string allowed;
  allowed.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = core::decode_utf8(text, i);
    if (cp == '\t' || cp == '\n' || cp == '\r') {
      allowed += ' ';
    } else if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF) {
      core::append_utf8(allowed, 0xFFFD);
    } else {
      core::append_utf8(allowed, cp);
    }
  }
  return core::escape_html(allowed);
}

/// A number as SVG writes it: at most two decimals, no trailing zeros, the
/// same in every locale.
std::string num(double v) {
  v = std::round(v * 100) / 100;
  if (v == 0) v = 0;  // no "-0"
  std::array<char, 64> buf{};
  const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::fixed, 2);
  std::string s(buf.data(), r.ptr);
  if (s.find('.') != std::string::npos) {
    s.erase(s.find_last_not_of('0') + 1);
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

std::string box_attr(const Box& b) {
  return num(b.x) + " " + num(b.y) + " " + num(b.w) + " " + num(b.h);
}

// ------------------------------------------------------------ measuring

/// A piece of a text between break opportunities; `glued` when it follows
/// the previous piece without a space (after a `-` or `/`).
struct Piece {
  std::string text;
  bool glued = false;
};

std::vector<Piece> pieces_of(std::string_view text) {
  std::vector<Piece> out;
  std::string word;
  bool glued = false;
  const auto flush = [&](bool next_glued) {
    if (!word.empty()) out.push_back({word, glued});
    word.clear();
    glued = next_glued;
  };
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      flush(false);
    } else {
      word += c;
      // Break after a slash inside a word ("cliënten/patiënten"), and after
      // a hyphen unless it ends a prefix of one or two letters ("e-health").
      if ((c == '-' && word.size() > 3) || (c == '/' && word.size() > 1)) flush(true);
    }
  }
  flush(false);
  return out;
}

struct Wrapped {
  std::vector<std::string> lines;
  bool overflow = false;  // a word is wider than the room
  bool broke = false;     // a word was broken
};

Wrapped wrap(std::string_view text, double max_width, double size, Style style,
             bool break_words) {
  const auto fits = [&](std::string_view s) {
    return text_width(s, size, style) * safety <= max_width;
  };
  Wrapped out;
  std::string line;
  for (const auto& piece : pieces_of(text)) {
    const std::string candidate =
        line.empty() ? piece.text : line + (piece.glued ? "" : " ") + piece.text;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (!line.empty()) out.lines.push_back(std::move(line));
    line.clear();
    if (fits(piece.text)) {
      line = piece.text;
      continue;
    }
    if (!break_words) {
      out.overflow = true;
      out.lines.push_back(piece.text);
      continue;
    }
    // Break the word between characters, with a hyphen at each break.
    std::string part;
    for (std::size_t i = 0; i < piece.text.size();) {
      const auto start = i;
      core::decode_utf8(piece.text, i);
      const auto ch = piece.text.substr(start, i - start);
      if (!part.empty() && !fits(part + ch + std::string(break_hyphen))) {
        out.lines.push_back(part + std::string(break_hyphen));
        out.broke = true;
        part.clear();
      }
      part += ch;
    }
    // Never leave one or two letters alone on the last line
    // ("Patiëntenvereniginge-n"): move letters down from the line before.
    const auto letters = [](const std::string& t) {
      std::size_t n = 0;
      for (char b : t) n += (static_cast<unsigned char>(b) & 0xC0U) != 0x80U ? 1U : 0U;
      return n;
    };
    const std::string hyphen(break_hyphen);
    while (letters(part) < 3 && !out.lines.empty() && out.lines.back().ends_with(hyphen) &&
           letters(out.lines.back()) > 4) {
      auto& previous = out.lines.back();
      previous.erase(previous.size() - hyphen.size());
      std::size_t cut = previous.size() - 1;
      while (cut > 0 && (static_cast<unsigned char>(previous[cut]) & 0xC0U) == 0x80U) --cut;
      part.insert(0, previous.substr(cut));
      previous.erase(cut);
      previous += hyphen;
    }
    line = part;
  }
  if (!line.empty()) out.lines.push_back(std::move(line));
  return out;
}

Lines make_lines(std::vector<std::string> lines, double size, Style style) {
  Lines out;
  out.size = size;
  out.line_height = size * 1.25;
  for (const auto& l : lines) out.width = std::max(out.width, text_width(l, size, style));
  if (!lines.empty()) {
    out.height = static_cast<double>(lines.size() - 1) * out.line_height + text_ascent(size) +
                 text_descent(size);
  }
  out.lines = std::move(lines);
  return out;
}

/// Of the ways to set `text` at widths from `widest` down to `narrowest`
/// in full size and whole words (or, with `may_break`, broken words), the
/// one `cost` likes best (the lowest); when there is none, the text as set
/// at `widest`.
Lines best_fit(std::string_view text, double widest, double narrowest, FontRange font,
               Style style, const std::function<double(const Lines&)>& cost,
               bool may_break = false) {
  Lines best = fit_text(text, widest, font, style);
  double best_cost = cost(best) + (best.broken ? 20 : 0);
  for (double w = widest * 0.9; w >= narrowest; w *= 0.9) {
    auto candidate = fit_text(text, w, font, style);
    if (candidate.size < font.size || (candidate.broken && !may_break)) break;
    // A broken word is worth it only when it saves a good deal.
    const double c = cost(candidate) + (candidate.broken ? 20 : 0);
    if (c < best_cost - 1e-9) {
      best = std::move(candidate);
      best_cost = c;
    }
  }
  return best;
}

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

Shape rect_shape(const Box& b) {
  Shape s;
  s.kind = Shape::Kind::rect;
  s.box = b;
  return s;
}

Box inset(const Box& b, double by) { return {b.x + by, b.y + by, b.w - 2 * by, b.h - 2 * by}; }

/// A block of lines and where it goes: the unit the layouts stack.
struct Block {
  std::string source;
  Lines lines;
  Style style = Style::regular;
  std::string cls = "fig-ink";
};

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

/// Writes `blocks` one under the other from the top of `area` (inside
/// `shape`), each in a fit box as wide as `area`.
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

/// The size at which each of `texts` fits `max_width` (the smallest any of
/// them needs), so that peers are set alike.
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

// ------------------------------------------------------------ cards

/// One card of a grid: its blocks of text.
using Card = std::vector<Block>;

/// Lays `cards` out in a grid of `columns` columns from `top`; returns the
/// bottom. Cards of a row share their height.
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

std::string quoted(std::string_view quote) { return "\u201C" + std::string(quote) + "\u201D"; }

Figure draw_cards(const model::Model& m, const Frame& frame) {
  Canvas canvas;
  const double width = frame.width - 2 * margin;
  const auto columns = columns_for(width, 150, m.parts.size(), 3);
  const double col_w =
      (width - gap * static_cast<double>(columns - 1)) / static_cast<double>(columns);
  const auto label_font = common_font(labels_of(m), col_w - 2 * pad, heading_font, Style::bold);
  std::vector<std::function<Card(double)>> cards;
  for (const auto& p : m.parts) {
    cards.emplace_back([&p, label_font](double w) {
      Card card;
      card.push_back({p.label, fit_text(p.label, w, label_font, Style::bold), Style::bold});
      if (!p.description.empty()) {
        card.push_back({p.description, fit_text(p.description, w, text_font, Style::regular)});
      }
      for (const auto& item : p.items) {
        card.push_back({item, fit_text("\u2022 " + item, w, text_font, Style::regular)});
      }
      if (!p.quote.empty()) {
        card.push_back({p.quote, fit_text(quoted(p.quote), w, text_font, Style::oblique),
                        Style::oblique});
      }
      return card;
    });
  }
  const double bottom = card_grid(canvas, cards, margin, margin, width, columns, "fig-f1");
  return std::move(canvas).finish(frame, frame.width, bottom + margin);
}

// ------------------------------------------------------------ steps

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

// ------------------------------------------------------------ phases

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

// ------------------------------------------------------------ rings

/// A legend: for each entry a swatch of `classes[i]` and blocks of text.
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

// ------------------------------------------------------------ house

/// Width of the widest word of `text` at `size`, with the safety margin.
double widest_word(std::string_view text, double size, Style style) {
  double w = 0;
  for (const auto& piece : pieces_of(text)) w = std::max(w, text_width(piece.text, size, style));
  return w * safety;
}

/// The heart of the house: a heart shape around centre `c`, `s` high.
std::string heart_path(Point c, double s) {
  const auto pt = [&](double dx, double dy) { return num(c.x + dx * s) + "," + num(c.y + dy * s); };
  return "M" + pt(0, 0.45) + " C" + pt(-0.6, 0.05) + " " + pt(-0.55, -0.5) + " " + pt(0, -0.22) +
         " C" + pt(0.55, -0.5) + " " + pt(0.6, 0.05) + " " + pt(0, 0.45) + " Z";
}

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

// ------------------------------------------------------------ pyramid

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

// ------------------------------------------------------------ proportions

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

/// Whether the parts of `m` have the roles its kind allows, and the roles
/// its kind allows once at most once.
bool parts_fit(const model::Model& m) {
  const auto& kind = model::word_of(model::model_kinds, m.kind);
  const auto has = [](std::span<const std::string_view> roles, std::string_view role) {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
  };
  for (const auto& p : m.parts) {
    if (!has(kind.roles, p.role)) return false;
  }
  for (const auto role : kind.single_roles) {
    const auto n = std::count_if(m.parts.begin(), m.parts.end(),
                                 [&](const auto& p) { return p.role == role; });
    if (n > 1) return false;
  }
  return true;
}

}  // namespace

// ------------------------------------------------------------ public

double text_width(std::string_view text, double size, Style style) {
  double units = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = core::decode_utf8(text, i);
    const auto* end = std::end(glyph_widths);
    const auto* it = std::lower_bound(std::begin(glyph_widths), end, cp,
                                      [](const GlyphWidths& g, char32_t c) { return g.cp < c; });
    if (it == end || it->cp != cp) {
      units += unknown_width;
    } else {
      units += style == Style::bold ? it->bold : style == Style::oblique ? it->oblique : it->regular;
    }
  }
  return units / font_units_per_em * size;
}

double text_ascent(double size) { return font_ascent / font_units_per_em * size; }

double text_descent(double size) { return font_descent / font_units_per_em * size; }

Lines fit_text(std::string_view text, double max_width, FontRange font, Style style,
               std::size_t max_lines) {
  // Half-point steps from the size down to the minimum.
  const int steps = std::max(0, static_cast<int>(std::floor((font.size - font.min_size) * 2)));
  for (int step = 0; step <= steps; ++step) {
    const double size = font.size - 0.5 * step;
    auto w = wrap(text, max_width, size, style, false);
    if (!w.overflow && w.lines.size() <= max_lines) return make_lines(std::move(w.lines), size, style);
  }
  const double size = font.size - 0.5 * steps;
  auto w = wrap(text, max_width, size, style, true);
  auto lines = make_lines(std::move(w.lines), size, style);
  lines.broken = w.broke;
  return lines;
}

std::string percent_text(const model::Percent& percent, std::string_view decimal_mark) {
  const auto format = [&](double v) {
    std::array<char, 64> buf{};
    const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    std::string s(buf.data(), r.ptr);
    if (const auto dot = s.find('.'); dot != std::string::npos) s.replace(dot, 1, decimal_mark);
    return s;
  };
  if (percent.value) return format(*percent.value);
  return format(percent.min.value_or(0)) + "\u2013" + format(percent.max.value_or(0));
}

bool shows_everything(const model::Model& m) {
  using model::ModelKind;
  const bool cards = m.kind == ModelKind::typology || m.kind == ModelKind::cards;
  const bool rings = m.kind == ModelKind::rings;
  const bool proportions = m.kind == ModelKind::proportions;
  for (const auto& p : m.parts) {
    if (rings && (!p.items.empty() || !p.quote.empty())) return false;
    if (proportions && !p.quote.empty()) return false;
    if (!cards && !rings && !proportions &&
        (!p.description.empty() || !p.items.empty() || !p.quote.empty())) {
      return false;
    }
  }
  return true;
}

Figure draw_model(const model::Model& m, const Frame& frame, const Strings& strings) {
  if (m.parts.empty()) return Canvas().finish(frame, frame.width, 2 * margin);
  // A model whose parts do not fit its kind's picture is drawn as cards.
  const bool fits = parts_fit(m);
  switch (m.kind) {
    case model::ModelKind::rings:
      if (fits && m.parts.front().role == "core") return draw_rings(m, frame);
      break;
    case model::ModelKind::house:
      if (fits) return draw_house(m, frame);
      break;
    case model::ModelKind::pyramid:
      if (fits) return draw_pyramid(m, frame, strings.decimal_mark);
      break;
    case model::ModelKind::proportions:
      if (fits) return draw_proportions(m, frame, strings.decimal_mark);
      break;
    case model::ModelKind::steps: return draw_steps(m, frame);
    case model::ModelKind::phases: return draw_phases(m, frame);
    case model::ModelKind::typology:
    case model::ModelKind::cards: break;
  }
  return draw_cards(m, frame);
}

Figure draw_clusters(const std::vector<model::Cluster>& clusters, const Frame& frame) {
  Canvas canvas;
  const double width = frame.width - 2 * margin;
  const auto columns = columns_for(width - 2 * pad, 170, clusters.size(), 3);
  const double inner_w = width - 2 * pad;
  const double col_w =
      (inner_w - gap * static_cast<double>(columns - 1)) / static_cast<double>(columns);
  const double note_gap = 6;
  const double note_pad = 6;
  // First the layout, then the board behind it, then the clusters on it.
  struct Laid {
    Lines heading;
    std::vector<Lines> notes;
    double height = 0;
  };
  std::vector<Laid> laid;
  for (const auto& cl : clusters) {
    Laid l;
    l.heading = fit_text(cl.label, col_w - 2 * pad, heading_font, Style::bold);
    l.height = pad + l.heading.height + pad;
    for (const auto& a : cl.aspects) {
      l.notes.push_back(fit_text(a.text, col_w - 2 * pad - 2 * note_pad, text_font, Style::regular));
      l.height += l.notes.back().height + 2 * note_pad + note_gap;
    }
    l.height += pad - (l.notes.empty() ? 0 : note_gap);
    laid.push_back(std::move(l));
  }
  std::vector<double> row_heights;
  for (std::size_t i = 0; i < laid.size(); i += columns) {
    double h = 0;
    for (std::size_t k = i; k < std::min(laid.size(), i + columns); ++k) h = std::max(h, laid[k].height);
    row_heights.push_back(h);
  }
  double board_h = 2 * pad;
  for (const double h : row_heights) board_h += h + gap;
  if (!row_heights.empty()) board_h -= gap;
  const Box board{margin, margin, width, board_h};
  canvas.rect(board, "fig-board", corner);
  double y = margin + pad;
  for (std::size_t i = 0; i < laid.size(); ++i) {
    const std::size_t row = i / columns;
    const std::size_t col = i % columns;
    if (col == 0 && row > 0) y += row_heights[row - 1] + gap;
    const double x = margin + pad + static_cast<double>(col) * (col_w + gap);
    const Box box{x, y, col_w, row_heights[row]};
    canvas.rect(box, "fig-f1", corner);
    const auto& l = laid[i];
    canvas.text(clusters[i].label, l.heading, {x + pad, y + pad, col_w - 2 * pad, l.heading.height},
                rect_shape(box), Align::start, VAlign::top, Style::bold);
    double ny = y + pad + l.heading.height + pad;
    for (std::size_t k = 0; k < l.notes.size(); ++k) {
      const Box note{x + pad, ny, col_w - 2 * pad, l.notes[k].height + 2 * note_pad};
      canvas.rect(note, "fig-note", 2);
      canvas.text(clusters[i].aspects[k].text, l.notes[k], inset(note, note_pad), rect_shape(note),
                  Align::start, VAlign::top, Style::regular);
      ny += note.h + note_gap;
    }
  }
  return std::move(canvas).finish(frame, frame.width, board_h + 2 * margin);
}

Figure draw_perspectives(const std::vector<model::Perspective>& perspectives, const Frame& frame,
                         const Strings& strings) {
  Canvas canvas;
  const double width = frame.width - 2 * margin;
  const double note_gap = 5;
  const double note_pad = 5;
  const double col_w = (width - gap) / 2;
  const std::array<std::string, 2> headings{strings.opportunities, strings.barriers};
  // Opportunities solid, barriers dashed (figures.css): told apart by
  // their column and heading, and by outline in greyscale.
  const std::array<std::string, 2> note_class{"fig-plus", "fig-minus"};
  const auto notes_of = [&](const model::Perspective& p, std::size_t k) {
    std::vector<Lines> out;
    for (const auto& it : k == 0 ? p.opportunities : p.barriers) {
      out.push_back(fit_text(it.text, col_w - 2 * note_pad, small_font, Style::regular));
    }
    return out;
  };
  // Each perspective: a band with its name (and who belongs to it), under
  // it the two columns of notes.
  double y = margin;
  for (const auto& p : perspectives) {
    const auto label = fit_text(p.label, width - 2 * pad, heading_font, Style::bold);
    const auto scope = fit_text(p.scope, width - 2 * pad, small_font, Style::regular);
    const Box band{margin, y, width,
                   label.height + (scope.lines.empty() ? 0 : 3 + scope.height) + 2 * pad};
    canvas.rect(band, "fig-f2", corner);
    stack(canvas, {{p.label, label, Style::bold}, {p.scope, scope, Style::regular}},
          inset(band, pad), rect_shape(band), Align::start, 3);
    y += band.h + pad;
    std::array<Lines, 2> heads{fit_text(headings[0], col_w, heading_font, Style::bold),
                               fit_text(headings[1], col_w, heading_font, Style::bold)};
    const double heads_h = std::max(heads[0].height, heads[1].height);
    double bottom = y;
    for (std::size_t k = 0; k < 2; ++k) {
      const double x = margin + static_cast<double>(k) * (col_w + gap);
      const Box head{x, y, col_w, heads_h};
      canvas.text(headings[k], heads[k], head, rect_shape(head), Align::start, VAlign::top,
                  Style::bold);
      const auto& items = k == 0 ? p.opportunities : p.barriers;
      const auto notes = notes_of(p, k);
      double ny = y + heads_h + pad;
      for (std::size_t i = 0; i < notes.size(); ++i) {
        const Box note{x, ny, col_w, notes[i].height + 2 * note_pad};
        canvas.rect(note, note_class[k], 2);
        canvas.text(items[i].text, notes[i], inset(note, note_pad), rect_shape(note), Align::start,
                    VAlign::top, Style::regular);
        ny += note.h + note_gap;
      }
      bottom = std::max(bottom, ny - note_gap);
    }
    y = bottom + 2 * gap;
  }
  return std::move(canvas).finish(frame, frame.width, y - 2 * gap + margin);
}

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
