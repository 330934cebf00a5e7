#include "load/detail/csv.hpp"

#include <csv.h>

#include <algorithm>
#include <memory>

#include "core/text.hpp"

namespace visie::load {

namespace {

constexpr std::size_t none = std::string_view::npos;

/// The delimiter of the first line: ';' when it has more semicolons than
/// commas outside quotes (Excel with a Dutch locale), ',' otherwise.
char detect_delimiter(std::string_view text) {
  std::size_t commas = 0;
  std::size_t semicolons = 0;
  bool quoted = false;
  for (const char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    if (c == ',') ++commas;
    if (c == ';') ++semicolons;
  }
  return semicolons > commas ? ';' : ',';
}

/// What libcsv's callbacks fill in while the bytes are fed one at a time,
/// so that every field knows the byte it started at.
struct Collector {
  std::string_view text;
  const std::string* file = nullptr;
  std::size_t line = 1;
  std::size_t line_start = 0;  // byte offset of the current line
  std::size_t field_start = none;
  std::size_t field_line = 1;
  std::size_t field_line_start = 0;
  std::vector<CsvCell> row;
  std::vector<std::vector<CsvCell>> rows;

  [[nodiscard]] core::SourceLoc loc(std::size_t line_no, std::size_t start,
                                    std::size_t offset) const {
    std::size_t col = 1;
    for (std::size_t i = start; i < offset && i < text.size(); ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U) ++col;
    }
    return {*file, line_no, col};
  }
};

void on_field(void* bytes, std::size_t len, void* data) {
  auto& c = *static_cast<Collector*>(data);
  CsvCell cell;
  if (bytes != nullptr) cell.text.assign(static_cast<const char*>(bytes), len);
  cell.loc = c.field_start == none ? c.loc(c.line, c.line_start, c.line_start)
                                   : c.loc(c.field_line, c.field_line_start, c.field_start);
  c.row.push_back(std::move(cell));
  c.field_start = none;
}

void on_row(int, void* data) {
  auto& c = *static_cast<Collector*>(data);
  c.rows.push_back(std::move(c.row));
  c.row.clear();
  c.field_start = none;
}

std::string lowercase_trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char ch) { return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch + 32) : ch; });
  return out;
}

}  // namespace

std::optional<CsvTable> parse_csv(const std::string& file, std::string_view text,
                                  core::Diagnostics& diags) {
  std::size_t begin = 0;
  if (text.starts_with("\xEF\xBB\xBF")) begin = 3;  // the BOM Excel writes with "CSV UTF-8"
  if (const auto bad = core::find_invalid_utf8(text); bad != none) {
    const auto lc = core::line_col(text, bad);
    diags.error({file, lc.line, lc.col},
                "not UTF-8: save the spreadsheet as \"CSV UTF-8 (comma delimited)\"");
    return std::nullopt;
  }
  CsvTable table;
  table.delimiter = detect_delimiter(text.substr(begin));

  csv_parser parser{};
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
    diags.error({file, 0, 0}, "cannot set up the CSV parser");
    return std::nullopt;
  }
  const std::unique_ptr<csv_parser, void (*)(csv_parser*)> guard(&parser, csv_free);
  csv_set_delim(&parser, static_cast<unsigned char>(table.delimiter));

  Collector c;
  c.text = text;
  c.file = &file;
  c.line_start = begin;
  c.field_line_start = begin;
  // One byte at a time: libcsv reports no positions, but a callback then
  // always belongs to the byte just fed.
  for (std::size_t i = begin; i < text.size(); ++i) {
    const char ch = text[i];
    if (c.field_start == none && ch != '\r' && ch != '\n') {
      c.field_start = i;
      c.field_line = c.line;
      c.field_line_start = c.line_start;
    }
    if (csv_parse(&parser, text.data() + i, 1, on_field, on_row, &c) != 1) {
      diags.error(c.loc(c.line, c.line_start, i),
                  std::string("malformed CSV: ") + csv_strerror(csv_error(&parser)) +
                      " (a quote inside a quoted field must be doubled: \"\")");
      return std::nullopt;
    }
    if (ch == '\n' || (ch == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
      ++c.line;
      c.line_start = i + 1;
    }
  }
  if (csv_fini(&parser, on_field, on_row, &c) != 0) {
    diags.error(c.loc(c.field_line, c.field_line_start, c.field_start == none ? text.size() : c.field_start),
                "malformed CSV: a quoted field is not closed before the end of the file");
    return std::nullopt;
  }
  if (c.rows.empty()) {
    diags.error({file, 0, 0}, "empty CSV file: the first row must name the columns");
    return std::nullopt;
  }
  table.header = std::move(c.rows.front());
  table.rows.assign(std::make_move_iterator(c.rows.begin() + 1),
                    std::make_move_iterator(c.rows.end()));
  return table;
}

CsvColumns::CsvColumns(const CsvTable& table, const std::string& file,
                       const std::vector<std::string_view>& required,
                       const std::vector<std::string_view>& optional, core::Diagnostics& diags)
    : width_(table.header.size()) {
  std::string known;
  for (const auto& names : {required, optional}) {
    for (const auto name : names) known += (known.empty() ? "" : ", ") + std::string(name);
  }
  for (std::size_t i = 0; i < table.header.size(); ++i) {
    const auto name = lowercase_trimmed(table.header[i].text);
    const bool is_known = std::find(required.begin(), required.end(), name) != required.end() ||
                          std::find(optional.begin(), optional.end(), name) != optional.end();
    if (!is_known) {
      diags.error(table.header[i].loc,
                  "unknown column \"" + table.header[i].text + "\" (columns: " + known + ")");
      ok_ = false;
      continue;
    }
    if (std::any_of(index_.begin(), index_.end(), [&](const auto& e) { return e.first == name; })) {
      diags.error(table.header[i].loc, "column \"" + name + "\" appears twice");
      ok_ = false;
      continue;
    }
    index_.emplace_back(name, i);
  }
  for (const auto name : required) {
    if (std::none_of(index_.begin(), index_.end(), [&](const auto& e) { return e.first == name; })) {
      diags.error(table.header.empty() ? core::SourceLoc{file, 1, 1} : table.header.front().loc,
                  "missing column \"" + std::string(name) + "\" in the first row (columns: " +
                      known + ")");
      ok_ = false;
    }
  }
}

const CsvCell* CsvColumns::cell(const std::vector<CsvCell>& row, std::string_view name) const {
  for (const auto& [column, index] : index_) {
    if (column == name) return index < row.size() ? &row[index] : nullptr;
  }
  return nullptr;
}

bool CsvColumns::row_ok(const std::vector<CsvCell>& row, core::Diagnostics& diags) const {
  if (row.size() > width_) {
    diags.error(row[width_].loc, "this row has " + std::to_string(row.size()) +
                                     " fields, the first row names " + std::to_string(width_) +
                                     " columns");
    return false;
  }
  if (row.size() < width_ && !row.empty()) {
    diags.error(row.back().loc, "this row has " + std::to_string(row.size()) +
                                    " fields, the first row names " + std::to_string(width_) +
                                    " columns");
    return false;
  }
  return true;
}

}  // namespace visie::load
