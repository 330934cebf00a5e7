// Text in figures: DejaVu Sans advance widths, XML escapes and SVG numbers, wrapping and fitting.
#include "render/detail/figure_kit.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <iterator>

#include "core/text.hpp"

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

}  // namespace

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

Lines best_fit(std::string_view text, double widest, double narrowest, FontRange font,
               Style style, const std::function<double(const Lines&)>& cost,
               bool may_break) {
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

double widest_word(std::string_view text, double size, Style style) {
  double w = 0;
  for (const auto& piece : pieces_of(text)) w = std::max(w, text_width(piece.text, size, style));
  return w * safety;
}

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

}  // namespace visie::render::figures
