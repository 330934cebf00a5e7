#include "load/detail/front_matter.hpp"

#include <yaml-cpp/yaml.h>

#include "core/text.hpp"

namespace visie::load {

namespace {

using core::SourceLoc;

/// Finds the line that closes the front matter ("---" or "..."), starting at
/// byte `from`; returns the byte offset of that line or npos.
std::size_t find_closing_fence(std::string_view text, std::size_t from) {
  std::size_t pos = from;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    auto line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    if (line == "---" || line == "...") return pos;
    pos = end + 1;
  }
  return std::string_view::npos;
}

SourceLoc mark_loc(const std::string& file, const YAML::Mark& mark, std::size_t first_line) {
  // yaml-cpp counts from 0 within the front matter, which starts on the
  // line after the opening fence.
  if (mark.line < 0) return {file, first_line, 1};
  return {file, first_line + static_cast<std::size_t>(mark.line),
          static_cast<std::size_t>(mark.column) + 1};
}

/// Advice for a YAML error at line `line` (0-based) of `yaml`: a plain
/// value that holds ": " ("title: Werksessie: waar is ons huis zwak?") is
/// read as a second key, which yaml-cpp calls an "illegal map value". The
/// advice shows the line with its value quoted; empty for other errors.
std::string quoting_advice(const std::string& yaml, int line) {
  if (line < 0) return {};
  std::size_t start = 0;
  for (int i = 0; i < line && start != std::string::npos; ++i) {
    start = yaml.find('\n', start);
    if (start != std::string::npos) ++start;
  }
  if (start == std::string::npos) return {};
  std::string text = yaml.substr(start, yaml.find('\n', start) - start);
  if (!text.empty() && text.back() == '\r') text.pop_back();
  const auto colon = text.find(": ");
  if (colon == std::string::npos) return {};
  const auto value_start = text.find_first_not_of(' ', colon + 1);
  if (value_start == std::string::npos) return {};
  const std::string value = text.substr(value_start);
  if (value.find(": ") == std::string::npos || value.front() == '"' || value.front() == '\'') {
    return {};
  }
  std::string quoted = "\"";
  for (const char c : value) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  quoted += '"';
  return "; a value that contains \": \" must be put in quotes: " + text.substr(0, colon) + ": " +
         quoted;
}

}  // namespace

std::optional<model::Chapter> parse_chapter(const std::string& file, std::string_view text,
                                            const std::string& default_id,
                                            core::Diagnostics& diags) {
  if (const auto bad = core::find_invalid_utf8(text); bad != std::string_view::npos) {
    const auto lc = core::line_col(text, bad);
    diags.error({file, lc.line, lc.col}, "invalid UTF-8; save the file as UTF-8");
    return std::nullopt;
  }
  std::size_t start = 0;
  if (text.starts_with("\xEF\xBB\xBF")) start = 3;
  auto first = text.substr(start, text.find('\n', start) - start);
  if (!first.empty() && first.back() == '\r') first.remove_suffix(1);
  if (first != "---") {
    diags.error({file, 1, 1},
                "a chapter must start with YAML front matter: a line '---', "
                "'title: …' and 'order: …', and a closing '---'");
    return std::nullopt;
  }
  const std::size_t yaml_start = text.find('\n', start) + 1;
  const std::size_t close = find_closing_fence(text, yaml_start);
  if (close == std::string_view::npos) {
    diags.error({file, 1, 1}, "front matter is not closed: add a line '---' after it");
    return std::nullopt;
  }
  const std::string yaml(text.substr(yaml_start, close - yaml_start));
  const std::size_t first_line = 2;

  model::Chapter chapter;
  chapter.loc = {file, 1, 1};
  YAML::Node root;
  try {
    root = YAML::Load(yaml);
  } catch (const YAML::Exception& e) {
    diags.error(mark_loc(file, e.mark, first_line),
                "invalid front matter: " + e.msg + quoting_advice(yaml, e.mark.line));
    return std::nullopt;
  }
  if (!root.IsMap()) {
    diags.error({file, first_line, 1},
                "front matter must be a mapping of keys (title, order, id) to values");
    return std::nullopt;
  }

  const auto errors_before = diags.error_count();
  bool has_title = false;
  bool has_order = false;
  for (const auto& entry : root) {
    const auto key_node = entry.first;
    const auto value = entry.second;
    const auto key = key_node.IsScalar() ? key_node.Scalar() : std::string();
    // An empty value has no position of its own (yaml-cpp marks the next
    // token), so its problems are reported at the key.
    const auto at = mark_loc(file, value.IsNull() ? key_node.Mark() : value.Mark(), first_line);
    if (key == "title") {
      has_title = true;
      if (!value.IsScalar() || value.Scalar().empty()) {
        diags.error(at, "\"title\" must be a non-empty text");
      } else {
        chapter.title = value.Scalar();
      }
    } else if (key == "order") {
      has_order = true;
      chapter.order_loc = at;
      long order = 0;
      if (!value.IsScalar() || !YAML::convert<long>::decode(value, order)) {
        diags.error(at, "\"order\" must be a whole number");
      } else {
        chapter.order = order;
      }
    } else if (key == "id") {
      chapter.id_loc = at;
      if (!value.IsScalar() || !core::is_valid_id(value.Scalar())) {
        diags.error(at,
                    "\"id\" must be lowercase letters, digits and '-', starting with a letter");
      } else {
        chapter.id = value.Scalar();
      }
    } else {
      diags.error(mark_loc(file, key_node.Mark(), first_line),
                  "unknown front matter field \"" + key + "\" (expected: title, order, id)");
    }
  }
  if (!has_title) diags.error({file, first_line, 1}, "missing required field \"title\"");
  if (!has_order) diags.error({file, first_line, 1}, "missing required field \"order\"");
  if (chapter.id.empty()) {
    chapter.id = default_id;
    chapter.id_loc = chapter.loc;
    if (!core::is_valid_id(chapter.id)) {
      diags.error(chapter.loc, "the file name \"" + default_id +
                                   "\" is not a valid page id; rename the file or set \"id\"");
    }
  }
  if (diags.error_count() > errors_before) return std::nullopt;

  std::size_t body_start = text.find('\n', close);
  body_start = body_start == std::string_view::npos ? text.size() : body_start + 1;
  chapter.body = std::string(text.substr(body_start));
  chapter.body_line = core::line_col(text, body_start).line;
  return chapter;
}

}  // namespace visie::load
