#pragma once
/// JSON with source locations. nlohmann/json parses the text; a second pass
/// over the same (now known valid) text records where every value and key
/// starts, keyed by JSON pointer, and finds duplicate keys, which
/// nlohmann/json silently merges.

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/diagnostic.hpp"

namespace visie::load {

/// A parsed JSON file that can say where each of its values came from.
class JsonDocument {
 public:
  /// The parsed value.
  [[nodiscard]] const nlohmann::json& root() const { return root_; }
  /// The file name used in diagnostics.
  [[nodiscard]] const std::string& file() const { return file_; }

  /// Where the value at JSON pointer `pointer` starts ("" is the root). An
  /// unknown pointer gives the location of its nearest known ancestor.
  [[nodiscard]] core::SourceLoc loc(const std::string& pointer) const;
  /// Where the key of the member at `pointer` starts (falls back to loc()).
  [[nodiscard]] core::SourceLoc key_loc(const std::string& pointer) const;

 private:
  friend std::optional<JsonDocument> parse_json(std::string file, std::string_view text,
                                                core::Diagnostics& diags);
  nlohmann::json root_;
  std::string file_;
  std::map<std::string, core::SourceLoc, std::less<>> value_locs_;
  std::map<std::string, core::SourceLoc, std::less<>> key_locs_;
};

/// Parses `text` (the contents of `file`). Reports syntax errors, invalid
/// UTF-8, duplicate keys and nesting deeper than max_json_depth to `diags`
/// with their line and column; returns nullopt when the text is not usable.
std::optional<JsonDocument> parse_json(std::string file, std::string_view text,
                                       core::Diagnostics& diags);

/// The deepest nesting of arrays and objects a data file may have.
inline constexpr int max_json_depth = 64;

/// Appends the escaped `key` to JSON `pointer` ("~" → "~0", "/" → "~1").
std::string child_pointer(const std::string& pointer, std::string_view key);
/// Appends array index `index` to JSON `pointer`.
std::string child_pointer(const std::string& pointer, std::size_t index);

}  // namespace visie::load
