#pragma once
/// Spreadsheet files: CSV as Excel and LibreOffice write it (UTF-8, with or
/// without a byte order mark, comma or — as Dutch Excel does — semicolon
/// between fields, quoted fields, CRLF or LF). Parsed by libcsv; every cell
/// keeps its line and column for diagnostics.
#ifndef VISIE_STAGE_LOAD
#error "load/detail is private to the load stage"
#endif

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"

namespace visie::load {

/// One field of a CSV file and where it starts.
struct CsvCell {
  std::string text;
  core::SourceLoc loc;
};

/// A CSV file: its header row and the data rows, as written.
struct CsvTable {
  std::vector<CsvCell> header;
  std::vector<std::vector<CsvCell>> rows;
  char delimiter = ',';
};

/// Parses `text`, the contents of `file`. The delimiter is the one of ',' and
/// ';' that occurs more often in the first line (outside quotes). Invalid
/// UTF-8, a malformed or unterminated quote and an empty file are reported
/// to `diags` with their position; returns nullopt then.
std::optional<CsvTable> parse_csv(const std::string& file, std::string_view text,
                                  core::Diagnostics& diags);

/// The columns of a CsvTable looked up by header name (case and surrounding
/// spaces ignored). Reports unknown and missing columns and rows of the
/// wrong length at their place.
class CsvColumns {
 public:
  /// Checks `table`'s header against `required` and `optional` names.
  CsvColumns(const CsvTable& table, const std::string& file,
             const std::vector<std::string_view>& required,
             const std::vector<std::string_view>& optional, core::Diagnostics& diags);

  /// True when every required column is present.
  [[nodiscard]] bool ok() const { return ok_; }
  /// The cell of column `name` in `row`, or null when the column is absent
  /// or the row is too short (reported once per row by row_ok()).
  [[nodiscard]] const CsvCell* cell(const std::vector<CsvCell>& row, std::string_view name) const;
  /// Reports a row with more cells than the header has columns, or fewer.
  bool row_ok(const std::vector<CsvCell>& row, core::Diagnostics& diags) const;

 private:
  std::vector<std::pair<std::string, std::size_t>> index_;
  std::size_t width_ = 0;
  bool ok_ = true;
};

}  // namespace visie::load
