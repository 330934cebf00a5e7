#pragma once
/// Directive blocks: `visie NAME` fenced blocks turned into components
/// rendered from the data with templates/components/NAME.html.

#include <string>

#include "core/diagnostic.hpp"
#include "render/markdown/markdown.hpp"
#include "render/render.hpp"

namespace visie::render {

/// Renders directive `d` of a chapter whose body starts at `first_line` of
/// `file`. Unknown directives and options, missing options and dangling ids
/// are reported to `diags` with the line of the offending option.
std::string render_directive(const Context& ctx, const markdown::Directive& d,
                             const std::string& file, std::size_t first_line,
                             core::Diagnostics& diags);

}  // namespace visie::render
