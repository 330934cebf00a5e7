// A model drawn as a grid of cards (typology and cards, and any model whose parts fit no picture).
#include "render/detail/figure_kit.hpp"

namespace visie::render::figures {

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
        card.push_back({p.quote, fit_text(in_quotes(p.quote), w, text_font, Style::oblique),
                        Style::oblique});
      }
      return card;
    });
  }
  const double bottom = card_grid(canvas, cards, margin, margin, width, columns, "fig-f1");
  return std::move(canvas).finish(frame, frame.width, bottom + margin);
}

}  // namespace visie::render::figures
