#pragma once
/// Directive blocks: `visie NAME` fenced blocks turned into components
/// rendered from the data with templates/components/NAME.html. Private to
/// render/: the registry is render/components.cpp, the components are in
/// render/components/.
#ifndef VISIE_STAGE_RENDER
#error "render/detail is private to the render stage"
#endif

#include <string>

#include "core/diagnostic.hpp"
#include "render/citations.hpp"
#include "render/markdown/markdown.hpp"
#include "render/render.hpp"

namespace visie::render {

/// What the components of one chapter page share, in document order: the
/// numbering of figures and tables ("Figuur 5.1", "Tabel 5.1", …) with
/// page-unique ids and labels for cross-references, and the works they cite.
struct Numbering {
  std::string page;       ///< the page id: figures are "fig-<page>-<n>", tables "tbl-<page>-<n>"
  int count = 0;          ///< figures numbered so far
  int chapter = 0;        ///< chapter number for "Figuur 5.2", or 0 for "Figuur 2"
  int tables = 0;         ///< captioned tables numbered so far
  std::vector<Label> labels;
  std::vector<std::string> cited;  ///< sources the components name
};

/// "5.2" for the `n`th figure or table of chapter `chapter` (or "2" when
/// chapter is 0).
std::string number_text(int chapter, int n);

/// Renders directive `d` of a chapter whose body starts at `first_line` of
/// `file`. Unknown directives and options, missing options and dangling ids
/// are reported to `diags` with the line of the offending option. A
/// component that draws a figure takes the next number from `figures`.
std::string render_directive(const Context& ctx, const markdown::Directive& d,
                             const std::string& file, std::size_t first_line,
                             const CitationStyle& style, Numbering& figures,
                             core::Diagnostics& diags);

}  // namespace visie::render
