#include "load/json.hpp"

#include <cmath>
#include <cstdlib>

#include "core/text.hpp"

namespace visie::load {

namespace {

using core::Diagnostics;
using core::SourceLoc;

/// Walks JSON text that nlohmann/json has already accepted and records the
/// start of every value and key by pointer. Because the text is known to be
/// valid, the scanner only needs to find token boundaries.
class LocationScanner {
 public:
  LocationScanner(std::string_view text, const std::string& file,
                  std::map<std::string, SourceLoc, std::less<>>& values,
                  std::map<std::string, SourceLoc, std::less<>>& keys,
                  Diagnostics& diags)
      : text_(text), file_(file), values_(values), keys_(keys), diags_(diags) {}

  bool scan() {
    skip_ws();
    return value("", 0);
  }

 private:
  SourceLoc here() {
    // Positions are found in increasing order, so the line and column are
    // advanced incrementally instead of recounted from the start.
    while (counted_ < pos_) {
      const auto c = static_cast<unsigned char>(text_[counted_]);
      if (c == '\n') {
        ++line_;
        col_ = 1;
      } else if ((c & 0xC0U) != 0x80U) {
        ++col_;
      }
      ++counted_;
    }
    return {file_, line_, col_};
  }

  void skip_ws() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' ||
            text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  std::string_view string_token() {
    const std::size_t start = pos_;
    ++pos_;  // opening quote
    while (pos_ < text_.size() && text_[pos_] != '"') {
      if (text_[pos_] == '\\') ++pos_;
      ++pos_;
    }
    ++pos_;  // closing quote
    return text_.substr(start, pos_ - start);
  }

  bool value(const std::string& pointer, int depth) {
    values_.emplace(pointer, here());
    if (pos_ >= text_.size()) return true;
    const char c = text_[pos_];
    if (c == '{' || c == '[') {
      if (depth >= max_json_depth) {
        diags_.error(here(), "nesting deeper than " + std::to_string(max_json_depth) +
                                 " levels; data files are never this deep");
        return false;
      }
      return c == '{' ? object(pointer, depth + 1) : array(pointer, depth + 1);
    }
    if (c == '"') {
      string_token();
      return true;
    }
    while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '}' &&
           text_[pos_] != ']' && text_[pos_] != ' ' && text_[pos_] != '\n' &&
           text_[pos_] != '\r' && text_[pos_] != '\t') {
      ++pos_;
    }
    return true;
  }

  bool object(const std::string& pointer, int depth) {
    ++pos_;  // {
    skip_ws();
    std::map<std::string, bool, std::less<>> seen;
    while (pos_ < text_.size() && text_[pos_] != '}') {
      const SourceLoc key_at = here();
      const auto token = string_token();
      // The key token is valid JSON, so nlohmann/json decodes its escapes.
      const auto key = nlohmann::json::parse(token).get<std::string>();
      const auto child = child_pointer(pointer, key);
      if (!seen.emplace(key, true).second) {
        diags_.error(key_at, "duplicate key \"" + key + "\" in this object");
      }
      keys_.emplace(child, key_at);
      skip_ws();
      ++pos_;  // :
      skip_ws();
      if (!value(child, depth)) return false;
      skip_ws();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        skip_ws();
      }
    }
    ++pos_;  // }
    return true;
  }

  bool array(const std::string& pointer, int depth) {
    ++pos_;  // [
    skip_ws();
    std::size_t index = 0;
    while (pos_ < text_.size() && text_[pos_] != ']') {
      if (!value(child_pointer(pointer, index++), depth)) return false;
      skip_ws();
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        skip_ws();
      }
    }
    ++pos_;  // ]
    return true;
  }

  std::string_view text_;
  const std::string& file_;
  std::map<std::string, SourceLoc, std::less<>>& values_;
  std::map<std::string, SourceLoc, std::less<>>& keys_;
  Diagnostics& diags_;
  std::size_t pos_ = 0;
  std::size_t counted_ = 0;
  std::size_t line_ = 1;
  std::size_t col_ = 1;
};

SourceLoc at_offset(const std::string& file, std::string_view text, std::size_t offset) {
  const auto lc = core::line_col(text, offset);
  return {file, lc.line, lc.col};
}

/// Offset of the first number outside strings that does not fit a double,
/// or 0.
std::size_t overflowing_number(std::string_view text) {
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t end = i;
      while (end < text.size() && std::string_view("+-.eE0123456789").find(text[end]) != std::string_view::npos) ++end;
      const std::string number(text.substr(i, end - i));
      if (std::isinf(std::strtod(number.c_str(), nullptr))) return i;
      i = end - 1;
    }
  }
  return 0;
}

}  // namespace

std::string child_pointer(const std::string& pointer, std::string_view key) {
  std::string out = pointer;
  out += '/';
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string child_pointer(const std::string& pointer, std::size_t index) {
  return pointer + '/' + std::to_string(index);
}

std::optional<JsonDocument> parse_json(std::string file, std::string_view text,
                                       Diagnostics& diags) {
  if (const auto bad = core::find_invalid_utf8(text); bad != std::string_view::npos) {
    diags.error(at_offset(file, text, bad), "invalid UTF-8; save the file as UTF-8");
    return std::nullopt;
  }
  // Windows editors write a byte order mark; editors do not show it, so
  // columns are counted without it.
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const std::string_view buffer = text;

  JsonDocument doc;
  doc.file_ = std::move(file);
  try {
    // nlohmann/json parses iteratively, so deep nesting cannot overflow the
    // stack here; the scanner below rejects it with its position.
    doc.root_ = nlohmann::json::parse(buffer);
  } catch (const nlohmann::json::parse_error& e) {
    // `byte` is 1-based and points just past the offending character.
    const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    std::string what = e.what();
    // nlohmann/json's message repeats the position we print ourselves; keep
    // only its explanation.
    if (const auto p = what.find("syntax error while parsing value - ");
        p != std::string::npos) {
      what = what.substr(p + 35);
    } else if (const auto q = what.find(": "); q != std::string::npos) {
      what = what.substr(q + 2);
    }
    diags.error(at_offset(doc.file_, buffer, offset), "invalid JSON: " + what);
    return std::nullopt;
  } catch (const nlohmann::json::out_of_range&) {
    // A number too large for a double ("1e999"): report it where it stands.
    diags.error(at_offset(doc.file_, buffer, overflowing_number(buffer)),
                "invalid JSON: a number too large to represent");
    return std::nullopt;
  }
  LocationScanner scanner(buffer, doc.file_, doc.value_locs_, doc.key_locs_, diags);
  const auto errors_before = diags.error_count();
  if (!scanner.scan() || diags.error_count() > errors_before) return std::nullopt;
  return doc;
}

core::SourceLoc JsonDocument::loc(const std::string& pointer) const {
  std::string p = pointer;
  while (true) {
    if (const auto it = value_locs_.find(p); it != value_locs_.end()) return it->second;
    if (p.empty()) return {file_, 1, 1};
    p.erase(p.rfind('/'));
  }
}

core::SourceLoc JsonDocument::key_loc(const std::string& pointer) const {
  if (const auto it = key_locs_.find(pointer); it != key_locs_.end()) return it->second;
  return loc(pointer);
}

}  // namespace visie::load
