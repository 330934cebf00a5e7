#include "core/text.hpp"

#include <algorithm>
#include <vector>

namespace visie::core {

LineCol line_col(std::string_view text, std::size_t offset) {
  if (offset > text.size()) offset = text.size();
  LineCol lc;
  for (std::size_t i = 0; i < offset; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++lc.line;
      lc.col = 1;
    } else if ((c & 0xC0U) != 0x80U) {
      // Continuation bytes do not start a new column.
      ++lc.col;
    }
  }
  return lc;
}

std::size_t byte_offset(std::string_view text, LineCol at) {
  std::size_t i = 0;
  for (std::size_t line = 1; line < at.line && i < text.size(); ++i) {
    if (text[i] == '\n') ++line;
  }
  for (std::size_t col = 1; i < text.size() && text[i] != '\n'; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0U) != 0x80U && col++ == at.col) break;
  }
  return i;
}

char32_t decode_utf8(std::string_view text, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  std::size_t len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (b0 < 0x80U) {
    ++i;
    return b0;
  } else if ((b0 & 0xE0U) == 0xC0U) {
    len = 2; min = 0x80U; cp = b0 & 0x1FU;
  } else if ((b0 & 0xF0U) == 0xE0U) {
    len = 3; min = 0x800U; cp = b0 & 0x0FU;
  } else if ((b0 & 0xF8U) == 0xF0U) {
    len = 4; min = 0x10000U; cp = b0 & 0x07U;
  }
  bool ok = len > 0 && i + len <= text.size();
  for (std::size_t k = 1; ok && k < len; ++k) {
    const auto c = static_cast<unsigned char>(text[i + k]);
    ok = (c & 0xC0U) == 0x80U;
    cp = (cp << 6U) | (c & 0x3FU);
  }
  if (!ok || cp < min || cp > 0x10FFFFU || (cp >= 0xD800U && cp <= 0xDFFFU)) {
    ++i;
    return 0xFFFDU;
  }
  i += len;
  return cp;
}

std::size_t find_invalid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto at = i;
    // A real U+FFFD takes three bytes; a broken sequence decodes as one.
    if (decode_utf8(text, i) == 0xFFFDU && i == at + 1) return at;
  }
  return std::string_view::npos;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp == 0 || cp > 0x10FFFFU || (cp >= 0xD800U && cp <= 0xDFFFU)) cp = 0xFFFDU;
  if (cp < 0x80U) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800U) {
    out += static_cast<char>(0xC0U | (cp >> 6U));
    out += static_cast<char>(0x80U | (cp & 0x3FU));
  } else if (cp < 0x10000U) {
    out += static_cast<char>(0xE0U | (cp >> 12U));
    out += static_cast<char>(0x80U | ((cp >> 6U) & 0x3FU));
    out += static_cast<char>(0x80U | (cp & 0x3FU));
  } else {
    out += static_cast<char>(0xF0U | (cp >> 18U));
    out += static_cast<char>(0x80U | ((cp >> 12U) & 0x3FU));
    out += static_cast<char>(0x80U | ((cp >> 6U) & 0x3FU));
    out += static_cast<char>(0x80U | (cp & 0x3FU));
  }
}

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string escape_markdown(std::string_view text) {
  static constexpr std::string_view special = "\\`*_{}[]()<>#+-.!|~&\"'";
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      if (special.find(c) != std::string_view::npos) out += '\\';
      out += c;
    }
  }
  return out;
}

std::string slug(std::string_view text) {
  // The base letters of U+00C0–U+00FF ('-': × and ÷ are no letters).
  static constexpr std::string_view latin1 =
      "aaaaaaaceeeeiiiidnooooo-ouuuuyts"   // U+00C0–U+00DF (upper case)
      "aaaaaaaceeeeiiiidnooooo-ouuuuyty";  // U+00E0–U+00FF
  std::string out;
  bool dash = false;
  const auto put = [&](char c) {
    if (c == '-') {
      dash = !out.empty();
      return;
    }
    if (dash) out += '-';
    dash = false;
    out += c;
  };
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = decode_utf8(text, i);
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
      put(static_cast<char>(cp));
    } else if (cp >= 'A' && cp <= 'Z') {
      put(static_cast<char>(cp - 'A' + 'a'));
    } else if (cp >= 0xC0U && cp <= 0xFFU) {
      const auto index = static_cast<std::size_t>(cp - 0xC0U);
      put(latin1[index]);
      if (index == 0x1FU) put('s');                    // ß → ss
      if (index == 0x06U || index == 0x26U) put('e');  // æ → ae
    } else {
      put('-');
    }
  }
  return out;
}

std::string percent_decode(std::string_view text) {
  const auto hex = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int hi = hex(text[i + 1]);
      const int lo = hex(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

bool is_utc_time(std::string_view t) {
  constexpr std::string_view shape = "dddd-dd-ddTdd:dd:ddZ";
  if (t.size() != shape.size()) return false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (shape[i] == 'd' ? (t[i] < '0' || t[i] > '9') : t[i] != shape[i]) return false;
  }
  const auto number = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) v = v * 10 + (t[i] - '0');
    return v;
  };
  const int year = number(0, 4);
  const int month = number(5, 2);
  const int day = number(8, 2);
  if (month < 1 || month > 12 || day < 1) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int last = days[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= last && number(11, 2) < 24 && number(14, 2) < 60 && number(17, 2) < 61;
}

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > 100 || id[0] < 'a' || id[0] > 'z') return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string shell_quoted(std::string_view arg) {
  const bool plain = !arg.empty() && arg.find_first_not_of(
                                         "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                         "0123456789_./-=:,+@%") == std::string::npos;
  if (plain) return std::string(arg);
  std::string quoted = "'";
  for (const char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

namespace {

/// The code points of `text`, ASCII letters lowercased.
std::u32string folded(std::string_view text) {
  std::u32string out;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = decode_utf8(text, i);
    if (cp >= U'A' && cp <= U'Z') cp = static_cast<char32_t>(cp + (U'a' - U'A'));
    out.push_back(cp);
  }
  return out;
}

/// The optimal string alignment distance of `a` and `b`.
std::size_t osa_distance(const std::u32string& a, const std::u32string& b) {
  const std::size_t w = b.size() + 1;
  std::vector<std::size_t> d((a.size() + 1) * w);
  for (std::size_t i = 0; i <= a.size(); ++i) d[i * w] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      auto best = std::min({d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1,
                            d[(i - 1) * w + j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        best = std::min(best, d[(i - 2) * w + j - 2] + 1);
      }
      d[i * w + j] = best;
    }
  }
  return d[a.size() * w + b.size()];
}

}  // namespace

std::string nearest_match(std::string_view word, std::span<const std::string_view> candidates) {
  const auto wanted = folded(word);
  if (wanted.empty()) return {};
  const std::size_t limit = std::min<std::size_t>(std::max<std::size_t>(1, wanted.size() / 4),
                                                  wanted.size() - 1);
  std::string_view best;
  std::size_t best_distance = limit + 1;
  for (const auto candidate : candidates) {
    if (candidate == word) return {};
    const auto c = folded(candidate);
    // The distance is at least the difference in length.
    const auto gap = c.size() > wanted.size() ? c.size() - wanted.size() : wanted.size() - c.size();
    if (gap >= best_distance) continue;
    const auto distance = osa_distance(wanted, c);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return std::string(best);
}

std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates,
                         std::string_view prefix) {
  const auto match = nearest_match(word, candidates);
  if (match.empty()) return {};
  return " (did you mean \"" + std::string(prefix) + match + "\"?)";
}

}  // namespace visie::core
