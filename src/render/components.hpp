#pragma once
/// Directive blocks: `visie NAME` fenced blocks turned into components
/// rendered from the data with templates/components/NAME.html.

#include <string>

#include "core/diagnostic.hpp"
#include "render/markdown/markdown.hpp"
#include "render/render.hpp"

namespace visie::render {

/// Numbers the figures of one chapter page in document order ("Figuur 1",
/// "Figuur 2", …) and gives each a page-unique id.
struct FigureNumbering {
  std::string id_prefix;  ///< e.g. "fig-aspecten"; ids are "<prefix>-<n>"
  int count = 0;          ///< figures numbered so far
  int chapter = 0;        ///< chapter number for "Figuur 5.2", or 0 for "Figuur 2"
};

/// Renders directive `d` of a chapter whose body starts at `first_line` of
/// `file`. Unknown directives and options, missing options and dangling ids
/// are reported to `diags` with the line of the offending option. A
/// component that draws a figure takes the next number from `figures`.
std::string render_directive(const Context& ctx, const markdown::Directive& d,
                             const std::string& file, std::size_t first_line,
                             FigureNumbering& figures, core::Diagnostics& diags);

}  // namespace visie::render
