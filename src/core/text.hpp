#pragma once
/// Text helpers shared by every stage: UTF-8 positions and escaping for the
/// contexts data lands in.

#include <cstddef>
#include <string>
#include <string_view>

namespace visie::core {

/// 1-based line and column (in code points) of byte `offset` in `text`.
struct LineCol {
  std::size_t line = 1;
  std::size_t col = 1;
};

/// Computes the line and column of byte `offset` in `text`; an offset past
/// the end gives the position just after the last character.
LineCol line_col(std::string_view text, std::size_t offset);

/// The byte offset of `at` (as line_col() counts) in `text`: the inverse of
/// line_col(). A position past a line's end or the text's end gives the
/// end of that line or of the text.
std::size_t byte_offset(std::string_view text, LineCol at);

/// Byte offset of the first invalid UTF-8 sequence in `text`, or npos when
/// the text is valid UTF-8.
std::size_t find_invalid_utf8(std::string_view text);

/// Appends code point `cp` to `out` as UTF-8; an invalid code point (NUL,
/// a surrogate, past U+10FFFF) becomes U+FFFD.
void append_utf8(std::string& out, char32_t cp);

/// Escapes `&<>"'` for HTML text and attribute values.
std::string escape_html(std::string_view text);

/// Escapes Markdown punctuation so that `text` is shown literally when it is
/// parsed as CommonMark inline content; line breaks become spaces.
std::string escape_markdown(std::string_view text);

/// True when `id` matches `^[a-z][a-z0-9-]*$`: the ids used in file names
/// and URLs.
bool is_valid_id(std::string_view id);

}  // namespace visie::core
