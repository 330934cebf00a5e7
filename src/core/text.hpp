#pragma once
/// Text helpers shared by every stage: UTF-8 positions and escaping for the
/// contexts data lands in.

#include <cstddef>
#include <span>
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

/// Decodes the UTF-8 code point that starts at byte `i` of `text` (which
/// must be < text.size()) and moves `i` past it. A byte that starts no
/// valid sequence (a stray continuation byte, a truncated or overlong form,
/// a surrogate, a value past U+10FFFF) decodes as U+FFFD and moves `i` by
/// one byte. The one UTF-8 decoder of visie.
char32_t decode_utf8(std::string_view text, std::size_t& i);

/// Appends code point `cp` to `out` as UTF-8; an invalid code point (NUL,
/// a surrogate, past U+10FFFF) becomes U+FFFD.
void append_utf8(std::string& out, char32_t cp);

/// Escapes `&<>"'` for HTML text and attribute values.
std::string escape_html(std::string_view text);

/// Escapes Markdown punctuation so that `text` is shown literally when it is
/// parsed as CommonMark inline content; line breaks become spaces.
std::string escape_markdown(std::string_view text);

/// The lowercase ASCII slug of `text`: ASCII letters and digits, the
/// accented Latin letters of U+00C0–U+00FF folded to their base letter
/// ("é" → "e", "ß" → "ss", "æ" → "ae"), and one '-' for each run of
/// anything else, never at either end. Empty when `text` has no letter or
/// digit. What page anchors and file names are made of.
std::string slug(std::string_view text);

/// `text` with its percent-escapes ("%20") decoded; a '%' that starts no
/// escape stays as it is.
std::string percent_decode(std::string_view text);

/// True when `text` is a UTC time as visie writes it, "2019-01-14T10:00:00Z",
/// that exists: a real calendar day (leap years counted), hours below 24,
/// minutes below 60, seconds below 61 (a leap second).
bool is_utc_time(std::string_view text);

/// `arg` quoted for a POSIX shell when it needs to be (a path in a hint
/// that must work when pasted).
std::string shell_quoted(std::string_view arg);

/// True when `id` matches `^[a-z][a-z0-9-]*$`: the ids used in file names
/// and URLs.
bool is_valid_id(std::string_view id);

/// The candidate nearest to `word` in Damerau-Levenshtein distance (the
/// optimal string alignment: insertions, deletions, substitutions and
/// swaps of two neighbours, counted in code points, ASCII case ignored),
/// when it is near enough to be a typo: a distance of at most a quarter of
/// the word's length (at least 1), and less than the whole word. Empty when none is (or `word` is itself a candidate); ties go to
/// the first candidate. The one helper behind every "did you mean".
std::string nearest_match(std::string_view word, std::span<const std::string_view> candidates);

/// ` (did you mean "PREFIX<nearest>"?)` for the nearest_match() of `word`,
/// or empty when there is none: what an "unknown …" message ends with.
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates,
                         std::string_view prefix = {});

}  // namespace visie::core
