#include "render/detail/html.hpp"

#include <algorithm>
#include <cstdint>

#include "core/text.hpp"

namespace visie::render::html {

namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = lower(c);
  return out;
}

/// Position of `</tag` (any case) at or after `from`, or npos.
std::size_t find_end_tag(std::string_view s, std::size_t from, std::string_view tag) {
  for (auto at = s.find("</", from); at != std::string_view::npos; at = s.find("</", at + 2)) {
    if (to_lower(s.substr(at + 2, tag.size())) == tag) return at;
  }
  return std::string_view::npos;
}


/// Parses a start tag at `pos` (which holds '<' followed by a letter).
/// Returns the position after its '>', or npos when the tag never ends.
std::size_t parse_start_tag(std::string_view s, std::size_t pos, Token& tok) {
  std::size_t i = pos + 1;
  const std::size_t n = s.size();
  const auto name_start = i;
  while (i < n && !is_space(s[i]) && s[i] != '>' && s[i] != '/') ++i;
  tok.kind = Token::Kind::start_tag;
  tok.name = to_lower(s.substr(name_start, i - name_start));
  while (i < n) {
    while (i < n && is_space(s[i])) ++i;
    if (i >= n) break;
    if (s[i] == '>') return i + 1;
    if (s[i] == '/') {
      if (i + 1 < n && s[i + 1] == '>') {
        tok.self_closing = true;
        return i + 2;
      }
      ++i;
      continue;
    }
    Attribute attr;
    const auto attr_start = i;
    while (i < n && !is_space(s[i]) && s[i] != '=' && s[i] != '>' && s[i] != '/') ++i;
    // A stray '=' (or quote) as the first character still makes progress.
    if (i == attr_start) ++i;
    attr.name = to_lower(s.substr(attr_start, i - attr_start));
    auto j = i;
    while (j < n && is_space(s[j])) ++j;
    if (j < n && s[j] == '=') {
      ++j;
      while (j < n && is_space(s[j])) ++j;
      attr.has_value = true;
      if (j < n && (s[j] == '"' || s[j] == '\'')) {
        const char quote = s[j];
        const auto close = s.find(quote, j + 1);
        if (close == std::string_view::npos) return std::string_view::npos;
        attr.value = decode(s.substr(j + 1, close - j - 1));
        i = close + 1;
      } else {
        const auto value_start = j;
        while (j < n && !is_space(s[j]) && s[j] != '>') ++j;
        attr.value = decode(s.substr(value_start, j - value_start));
        i = j;
      }
    }
    attr.raw = std::string(s.substr(attr_start, i - attr_start));
    attr.offset = attr_start - pos;
    tok.attributes.push_back(std::move(attr));
  }
  return std::string_view::npos;
}

}  // namespace

std::optional<std::string> Token::get(std::string_view attr) const {
  for (const auto& a : attributes) {
    if (a.name == attr) return a.value;
  }
  return std::nullopt;
}

bool Token::has(std::string_view attr) const {
  return std::any_of(attributes.begin(), attributes.end(),
                     [&](const Attribute& a) { return a.name == attr; });
}

bool Token::has_class(std::string_view cls) const {
  const auto value = get("class");
  if (!value) return false;
  std::string_view rest = *value;
  while (!rest.empty()) {
    while (!rest.empty() && is_space(rest.front())) rest.remove_prefix(1);
    std::size_t len = 0;
    while (len < rest.size() && !is_space(rest[len])) ++len;
    if (len > 0 && rest.substr(0, len) == cls) return true;
    rest.remove_prefix(len);
  }
  return false;
}

void Token::set(std::string_view attr, std::string value) {
  changed = true;
  for (auto& a : attributes) {
    if (a.name == attr) {
      a.value = std::move(value);
      a.has_value = true;
      a.changed = true;
      return;
    }
  }
  Attribute a;
  a.name = std::string(attr);
  a.value = std::move(value);
  a.has_value = true;
  a.changed = true;
  attributes.push_back(std::move(a));
}

void Token::remove(std::string_view attr) {
  const auto it = std::remove_if(attributes.begin(), attributes.end(),
                                 [&](const Attribute& a) { return a.name == attr; });
  if (it != attributes.end()) {
    attributes.erase(it, attributes.end());
    changed = true;
  }
}

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  std::size_t text_start = 0;
  std::size_t pos = 0;
  const std::size_t n = s.size();
  const auto flush_text = [&](std::size_t end) {
    if (end > text_start) {
      Token t;
      t.raw = std::string(s.substr(text_start, end - text_start));
      t.offset = text_start;
      out.push_back(std::move(t));
    }
  };
  out.reserve(n / 24);
  while (pos < n) {
    if (s[pos] != '<' || pos + 1 >= n) {
      pos = std::min(s.find('<', pos + 1), n);
      continue;
    }
    const char next = s[pos + 1];
    Token tok;
    std::size_t end = std::string_view::npos;
    if (s.substr(pos, 4) == "<!--") {
      const auto close = s.find("-->", pos + 4);
      end = close == std::string_view::npos ? n : close + 3;
      tok.kind = Token::Kind::other;
    } else if (next == '!' || next == '?') {
      const auto close = s.find('>', pos);
      end = close == std::string_view::npos ? n : close + 1;
      tok.kind = Token::Kind::other;
    } else if (next == '/' && pos + 2 < n && is_alpha(s[pos + 2])) {
      const auto close = s.find('>', pos);
      if (close != std::string_view::npos) {
        auto name_end = pos + 2;
        while (name_end < close && !is_space(s[name_end]) && s[name_end] != '/') ++name_end;
        tok.kind = Token::Kind::end_tag;
        tok.name = to_lower(s.substr(pos + 2, name_end - pos - 2));
        end = close + 1;
      }
    } else if (is_alpha(next)) {
      end = parse_start_tag(s, pos, tok);
    }
    if (end == std::string_view::npos) {
      // Not a tag after all: the '<' is text.
      ++pos;
      continue;
    }
    flush_text(pos);
    tok.raw = std::string(s.substr(pos, end - pos));
    tok.offset = pos;
    const bool raw_text_element = tok.kind == Token::Kind::start_tag &&
                                  (tok.name == "script" || tok.name == "style" ||
                                   tok.name == "textarea" || tok.name == "title");
    out.push_back(std::move(tok));
    pos = end;
    text_start = pos;
    if (raw_text_element) {
      // Their content is not markup: keep it as one untouched piece.
      auto close = find_end_tag(s, pos, out.back().name);
      if (close == std::string_view::npos) close = n;
      if (close > pos) {
        Token body;
        body.kind = Token::Kind::other;
        body.raw = std::string(s.substr(pos, close - pos));
        body.offset = pos;
        out.push_back(std::move(body));
      }
      pos = close;
      text_start = pos;
    }
  }
  flush_text(n);
  return out;
}

std::string serialize(const std::vector<Token>& tokens) {
  std::string out;
  std::size_t size = 0;
  for (const auto& t : tokens) size += t.raw.size();
  out.reserve(size + size / 16);
  for (const auto& t : tokens) {
    if (!t.changed || t.kind != Token::Kind::start_tag) {
      out += t.raw;
      continue;
    }
    out += '<';
    out += t.name;
    for (const auto& a : t.attributes) {
      out += ' ';
      if (!a.changed) {
        out += a.raw;
        continue;
      }
      out += a.name;
      if (a.has_value) out += "=\"" + core::escape_html(a.value) + "\"";
    }
    out += t.self_closing ? " />" : ">";
  }
  return out;
}

Token raw_text(std::string html) {
  Token t;
  t.raw = std::move(html);
  return t;
}

std::string decode(std::string_view text) {
  std::size_t i = text.find('&');
  if (i == std::string_view::npos) return std::string(text);
  std::string out(text.substr(0, i));
  out.reserve(text.size());
  while (i < text.size()) {
    if (text[i] != '&') {
      out += text[i++];
      continue;
    }
    const auto semi = text.find(';', i);
    if (semi == std::string_view::npos || semi - i > 12) {
      out += text[i++];
      continue;
    }
    const auto name = text.substr(i + 1, semi - i - 1);
    if (name == "amp") out += '&';
    else if (name == "lt") out += '<';
    else if (name == "gt") out += '>';
    else if (name == "quot") out += '"';
    else if (name == "apos") out += '\'';
    else if (name == "nbsp") out += "\xC2\xA0";
    else if (name.size() > 1 && name[0] == '#') {
      const bool hex = name[1] == 'x' || name[1] == 'X';
      const auto digits = name.substr(hex ? 2 : 1);
      std::uint32_t cp = 0;
      bool ok = !digits.empty() && digits.size() <= 7;
      for (char c : digits) {
        std::uint32_t d = 0;
        if (c >= '0' && c <= '9') d = static_cast<std::uint32_t>(c - '0');
        else if (hex && c >= 'a' && c <= 'f') d = static_cast<std::uint32_t>(c - 'a' + 10);
        else if (hex && c >= 'A' && c <= 'F') d = static_cast<std::uint32_t>(c - 'A' + 10);
        else ok = false;
        cp = cp * (hex ? 16U : 10U) + d;
      }
      if (!ok) {
        out += text[i++];
        continue;
      }
      core::append_utf8(out, cp);
    } else {
      // A reference visie never writes: left as it was.
      out += text.substr(i, semi - i + 1);
    }
    i = semi + 1;
  }
  return out;
}

std::size_t find_close(const std::vector<Token>& tokens, std::size_t open) {
  const auto& name = tokens[open].name;
  int depth = 0;
  for (std::size_t i = open; i < tokens.size(); ++i) {
    if (tokens[i].is_start(name) && !tokens[i].self_closing) ++depth;
    if (tokens[i].is_end(name) && --depth == 0) return i;
  }
  return tokens.size();
}

}  // namespace visie::render::html
