// The CSV reader for workshop results typed in a spreadsheet: libcsv with
// visie's delimiter detection, UTF-8 check and cell positions, then the
// column lookup every results file uses.
#include "fuzz.hpp"
// csv.hpp is private to load/: this target fuzzes its internals.
#define VISIE_STAGE_LOAD
#include "load/detail/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  visie::core::Diagnostics diags;
  const auto table = visie::load::parse_csv("fuzz.csv", visie::fuzz::as_text(data, size), diags);
  if (table) {
    const visie::load::CsvColumns columns(*table, "fuzz.csv", {"id", "text"}, {"cluster"}, diags);
    for (const auto& row : table->rows) {
      if (const auto* cell = columns.cell(row, "text")) (void)cell->text.size();
    }
  }
  for (const auto& d : diags.all()) (void)visie::core::format(d);
  return 0;
}
