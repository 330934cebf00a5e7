// A workshop's perspectives drawn as a matrix of opportunities and barriers.
#include "render/detail/figure_kit.hpp"

#include <algorithm>
#include <array>

namespace visie::render::figures {

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

}  // namespace visie::render::figures
