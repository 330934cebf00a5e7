// A workshop's clusters drawn as a post-it board.
#include "render/detail/figure_kit.hpp"

#include <algorithm>

namespace visie::render::figures {

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

}  // namespace visie::render::figures
