#pragma once
/// The readers of a version's literature: CSL-JSON (data/references.json,
/// as Zotero, Mendeley and pandoc write it) and BibTeX/BibLaTeX
/// (data/references.bib), both into model::Reference. They never throw on
/// user input: every problem becomes a diagnostic at its line and column.

#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "load/json.hpp"
#include "model/model.hpp"

namespace visie::load {

/// Appends the references of a CSL-JSON array (parsed into `doc`) to
/// `out`. Every standard CSL variable and type is read; an unknown
/// variable is a warning, an unknown type, a bad key, a bad date or an id
/// already in `out` an error.
void read_csl_json(const JsonDocument& doc, std::vector<model::Reference>& out,
                   core::Diagnostics& diags);

/// Appends the entries of BibTeX/BibLaTeX `text` (the contents of `file`)
/// to `out`, mapped to CSL types and variables (docs/citations.md). Syntax
/// errors, unknown entry types and ids already in `out` are errors; an
/// unknown field is a warning. `@string`, `@preamble` and `@comment` are
/// understood; `{\"o}`-style accents and `--` become their characters.
void read_bibtex(std::string_view file, std::string_view text,
                 std::vector<model::Reference>& out, core::Diagnostics& diags);

/// Sets CSL variable `name` (a standard or number variable) of `ref`: its
/// member when the styles print it ("volume" → `volume`), else an entry of
/// `variables`. The one map from CSL variable names to the model.
void set_csl_variable(model::Reference& ref, std::string_view name, std::string value);

/// A date written as text: "2017", "2017-03", "2017-03-15" (ISO 8601, as
/// CSL `raw` and BibLaTeX `date` write it), "2017/2018" (the first year);
/// anything else is kept as `literal`.
model::Date parse_date_text(std::string_view text);

/// True when `key` can be cited as "@key": letters, digits and _ : . -,
/// starting with a letter or digit.
bool is_citation_key(std::string_view key);

}  // namespace visie::load
