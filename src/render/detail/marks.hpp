#pragma once
/// The marks render/markdown puts in text on its way through cmark-gfm,
/// and their one reader. Internal to render/markdown/: nothing else makes
/// or reads a mark.
///
/// A mark is a C1 control character (U+0080 to U+009F, two bytes in
/// UTF-8): U+0081 to U+0083 stand for an `@`, `[` or `{` the author escaped
/// with a backslash; U+0098, an index and U+009C for a span of HTML that
/// replaces text. No one else can put one in the tree: sanitize() turns
/// every C1 character of the input, and of whatever a hook gives, into
/// U+FFFD. HTML has no use for them.
#ifndef VISIE_STAGE_RENDER
#error "render/detail is private to the render stage"
#endif

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace visie::render::markdown::marks {

/// `text` with every C1 control character replaced by U+FFFD.
std::string sanitize(std::string_view text);

/// The source as cmark-gfm reads it: sanitized, with every escaped `@`, `[`
/// or `{` (`\@`) replaced by its mark, two bytes for two, so that the
/// columns cmark-gfm reports stay those of `source`. A bracket that starts
/// with `[^` and an autolink keep their backslashes, as cmark-gfm does.
std::string protect(std::string_view source);

/// True when `text` may hold a mark (a quick test before unprotect()).
bool has_marks(std::string_view text);

/// `text` with each escape mark replaced by the escaped character (`raw`:
/// by the backslash and the character, as written, for code and raw HTML,
/// where a backslash escapes nothing). Adds the offsets of the escaped
/// characters in the result to `escaped`, when given.
std::string unprotect(std::string_view text, bool raw = false,
                      std::vector<std::size_t>* escaped = nullptr);

/// The text that stands for span `index` until put_spans().
std::string span_marker(std::size_t index);

/// Rendered `out` with each span marker replaced by its HTML in `html`.
std::string put_spans(const std::string& out, const std::vector<std::string>& html);

}  // namespace visie::render::markdown::marks
