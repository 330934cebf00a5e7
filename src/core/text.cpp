#include "core/text.hpp"

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

std::size_t find_invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = 0;
    unsigned min = 0;
    unsigned cp = 0;
    if (c < 0x80U) {
      ++i;
      continue;
    } else if ((c & 0xE0U) == 0xC0U) {
      len = 2; min = 0x80U; cp = c & 0x1FU;
    } else if ((c & 0xF0U) == 0xE0U) {
      len = 3; min = 0x800U; cp = c & 0x0FU;
    } else if ((c & 0xF8U) == 0xF0U) {
      len = 4; min = 0x10000U; cp = c & 0x07U;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0U) != 0x80U) return i;
      cp = (cp << 6U) | (cc & 0x3FU);
    }
    // Overlong forms, surrogates and values past U+10FFFF are invalid.
    if (cp < min || cp > 0x10FFFFU || (cp >= 0xD800U && cp <= 0xDFFFU)) return i;
    i += len;
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

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > 100 || id[0] < 'a' || id[0] > 'z') return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace visie::core
