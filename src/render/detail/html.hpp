#pragma once
/// Internal to render: a small HTML tokenizer for the HTML that visie
/// itself produced (cmark-gfm's output and our templates). index_fragment()
/// reads a rendered chapter with it once; the print edition's parts are
/// rewritten with it (print_fragment.hpp). Tokens that are not
/// changed serialize to their original bytes.
#ifndef VISIE_STAGE_RENDER
#error "render/detail is private to the render stage"
#endif

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace visie::render::html {

/// One attribute of a start tag.
struct Attribute {
  std::string name;   // lowercase
  std::string value;  // with character references decoded
  std::string raw;    // the attribute as written, e.g. `href="a&amp;b"`
  std::size_t offset = 0;  // where `raw` starts in its tag's raw bytes
  bool has_value = false;
  bool changed = false;
};

/// A piece of an HTML document: text, a start or end tag, or anything else
/// (comments, doctype), which passes through untouched.
struct Token {
  /// What kind of piece this is.
  enum class Kind { text, start_tag, end_tag, other };

  Kind kind = Kind::text;
  std::string raw;   // the bytes as written (for a changed tag: ignored)
  std::size_t offset = 0;  // where `raw` starts in the tokenized source
  std::string name;  // tag name, lowercase; empty for text and other
  std::vector<Attribute> attributes;
  bool self_closing = false;
  bool changed = false;

  /// True for a start tag named `tag`.
  [[nodiscard]] bool is_start(std::string_view tag) const {
    return kind == Kind::start_tag && name == tag;
  }
  /// True for an end tag named `tag`.
  [[nodiscard]] bool is_end(std::string_view tag) const {
    return kind == Kind::end_tag && name == tag;
  }
  /// The decoded value of attribute `attr`, or nullopt when absent.
  [[nodiscard]] std::optional<std::string> get(std::string_view attr) const;
  /// True when attribute `attr` exists.
  [[nodiscard]] bool has(std::string_view attr) const;
  /// True when the class attribute lists `cls`.
  [[nodiscard]] bool has_class(std::string_view cls) const;
  /// Sets (or adds) attribute `attr` to `value` (plain text; escaped when
  /// serialized).
  void set(std::string_view attr, std::string value);
  /// Removes attribute `attr` if present.
  void remove(std::string_view attr);
};

/// Splits `source` into tokens. Never fails: what is not a tag is text.
std::vector<Token> tokenize(std::string_view source);

/// Writes `tokens` back as HTML. Unchanged tokens give their original
/// bytes; changed tags are written with every value escaped.
std::string serialize(const std::vector<Token>& tokens);

/// A text token holding `html` as it is (trusted markup or escaped text).
Token raw_text(std::string html);

/// Decodes the character references visie's HTML uses (`&amp;`, `&lt;`,
/// `&gt;`, `&quot;`, `&apos;`, `&nbsp;`, numeric); others stay as written.
std::string decode(std::string_view text);

/// Index of the end tag that closes the start tag at `open` (same name,
/// nesting counted), or tokens.size() when it is not closed.
std::size_t find_close(const std::vector<Token>& tokens, std::size_t open);

}  // namespace visie::render::html
