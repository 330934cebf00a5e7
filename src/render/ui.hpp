#pragma once
/// The one look-up of a UI string: the texts of templates/i18n/<language>.json
/// as render::ui_strings() merges them (the project's language, English
/// where it has no text).

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace visie::render {

/// The UI string `key` of `strings`, or `fallback` when it has none.
std::string ui_text(const nlohmann::json& strings, std::string_view key,
                    std::string_view fallback);

/// The UI string `key` of `strings`, or the key itself when it has none (so
/// that a missing text shows, and is seen, rather than vanishing).
std::string ui_text(const nlohmann::json& strings, std::string_view key);

}  // namespace visie::render
