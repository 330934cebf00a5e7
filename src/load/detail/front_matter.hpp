#pragma once
/// Chapters: YAML front matter (title, order, optional id) followed by the
/// Markdown body.
#ifndef VISIE_STAGE_LOAD
#error "load/detail is private to the load stage"
#endif

#include <optional>
#include <string>
#include <string_view>

#include "core/diagnostic.hpp"
#include "model/model.hpp"

namespace visie::load {

/// Splits `text` (the contents of chapter file `file`) into front matter and
/// body and reads the front matter. `default_id` is used when the front
/// matter has no `id`. Every problem goes to `diags` with its line and
/// column; returns nullopt when the chapter cannot be used.
std::optional<model::Chapter> parse_chapter(const std::string& file, std::string_view text,
                                            const std::string& default_id,
                                            core::Diagnostics& diags);

}  // namespace visie::load
