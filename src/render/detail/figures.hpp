#pragma once
/// Figures: the models and the workshop results drawn as inline SVG. Pure
/// functions of the data (no I/O, no state): the same data gives the same
/// bytes. Every text is real SVG text, measured with the advance widths of
/// DejaVu Sans and wrapped, or shrunk and then broken, so that it stays
/// inside the shape it labels. Colours come only from CSS classes
/// (templates/assets/figures.css), never from the SVG itself.
/// Private to render/: the drawings are in render/figures/, one file each.
#ifndef VISIE_STAGE_RENDER
#error "render/detail is private to the render stage"
#endif

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.hpp"

namespace visie::render::figures {

/// A point in SVG user units (y grows downwards).
struct Point {
  double x = 0;
  double y = 0;
};

/// An axis-aligned rectangle in SVG user units.
struct Box {
  double x = 0;
  double y = 0;
  double w = 0;
  double h = 0;
};

/// The region a text must stay inside: a rectangle, a disc, the ring
/// between two circles, or a convex polygon.
struct Shape {
  /// Which of the members below describe the region.
  enum class Kind { rect, disc, ring, polygon };
  Kind kind = Kind::rect;
  Box box;                    ///< rect
  Point centre;               ///< disc and ring
  double r_inner = 0;         ///< ring
  double r_outer = 0;         ///< disc and ring
  std::vector<Point> points;  ///< polygon, convex, in drawing order
};

/// One text of a figure: the data it shows, the box its lines were fitted
/// into (also written as the text's `data-fit` attribute) and the shape
/// that box lies in.
struct Placement {
  std::string text;
  Box fit;
  Shape shape;
};

/// A drawn figure. Owns its SVG text.
struct Figure {
  std::string svg;                    ///< one <svg> element, well-formed XML
  Box view;                           ///< the viewBox
  std::vector<Placement> placements;  ///< every <text>, in drawing order
};

/// What every figure needs besides its data.
struct Frame {
  std::string id;         ///< unique in the page; prefixes the ids inside the SVG
  double width = 640;     ///< the layout width in user units
  std::string title;      ///< the SVG's <title>: the figure's name
  std::string desc;       ///< the SVG's <desc>: what it shows
  std::string css_class;  ///< extra class on the <svg> (e.g. the layout variant)
};

/// Words the figures draw themselves, in the document's language.
struct Strings {
  std::string opportunities = "Kansen";
  std::string barriers = "Belemmeringen";
  std::string this_version = "deze versie";
  std::string decimal_mark = ",";  ///< in percentages: "99,5" in Dutch
};

/// The style a text is set in.
enum class Style { regular, bold, oblique };

/// Width in user units of `text` set in DejaVu Sans at `size`, without
/// kerning (so slightly more than a browser draws). Characters the table
/// does not know count as a full em.
double text_width(std::string_view text, double size, Style style = Style::regular);
/// Height of DejaVu Sans above the baseline at `size`.
double text_ascent(double size);
/// Depth of DejaVu Sans below the baseline at `size`.
double text_descent(double size);

/// The largest and the smallest font size a text may be set in.
struct FontRange {
  double size = 14;
  double min_size = 10.5;
};

/// A text set in lines.
struct Lines {
  std::vector<std::string> lines;
  double size = 0;         ///< font size
  double line_height = 0;  ///< baseline to baseline
  double width = 0;        ///< of the widest line
  double height = 0;       ///< from the first line's ascent to the last line's descent
  bool broken = false;     ///< a word had to be broken with a hyphen
};

/// The hyphen `fit_text` adds where it had to break a word (U+2010).
inline constexpr std::string_view break_hyphen = "\u2010";

/// Sets `text` in lines no wider than `max_width`: wraps at spaces (and
/// after `-` and `/`) at `font.size`; when a word does not fit, or more
/// than `max_lines` lines are needed, shrinks the font in half steps down to
/// `font.min_size`; below that breaks words with a hyphen. The result never
/// exceeds `max_width`; only `max_lines` may be exceeded at the minimum size.
Lines fit_text(std::string_view text, double max_width, FontRange font, Style style,
               std::size_t max_lines = std::numeric_limits<std::size_t>::max());

/// "70", "3–5", "99,5": a model part's share without the percent sign,
/// with `decimal_mark` before decimals.
std::string percent_text(const model::Percent& percent, std::string_view decimal_mark = ",");

/// True when the figure of `m` shows everything its parts say (labels,
/// descriptions, items, quotes), so the text version may be folded away.
bool shows_everything(const model::Model& m);

/// Draws model `m` as its kind asks: rings, house, pyramid, proportions,
/// or a card grid / step flow for typology, cards, steps and phases. A
/// model whose parts do not fit its kind's picture is drawn as cards.
Figure draw_model(const model::Model& m, const Frame& frame, const Strings& strings = {});

/// The workshop's post-it board: each cluster with its aspects.
Figure draw_clusters(const std::vector<model::Cluster>& clusters, const Frame& frame);

/// The matrix of opportunities and barriers, one row per perspective.
Figure draw_perspectives(const std::vector<model::Perspective>& perspectives,
                         const Frame& frame, const Strings& strings);

/// One bar of a bar chart.
struct Bar {
  std::string label;
  long value = 0;
};
/// A horizontal bar chart, bars in the given order.
Figure draw_votes(const std::vector<Bar>& bars, const Frame& frame);

/// One version on the timeline.
struct Stage {
  std::string period;
  std::string label;
  std::string milestone;
  std::string status;
  bool current = false;
};
/// The process as a timeline, stages in the given order.
Figure draw_timeline(const std::vector<Stage>& stages, const Frame& frame,
                     const Strings& strings);

}  // namespace visie::render::figures
