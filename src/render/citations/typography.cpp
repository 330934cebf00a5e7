// What a reference's type and text look like in print: which types take
// an italic title, a full date or a legal source, and the typography of
// apostrophes and ranges.
#include <algorithm>
#include <iterator>

#include "render/detail/citations.hpp"

namespace visie::render::cite {

using model::Reference;

bool italic_title(const Reference& ref) {
  if (ref.title.starts_with('[')) return false;
  static constexpr std::string_view parts[] = {
      "article",      "article-journal",  "article-magazine",  "article-newspaper",
      "chapter",      "entry",            "entry-dictionary",  "entry-encyclopedia",
      "paper-conference", "post",         "post-weblog",       "review",
      "review-book",  "legislation",      "legal_case",        "bill",
      "regulation",   "treaty",           "hearing"};
  return std::find(std::begin(parts), std::end(parts), ref.type) == std::end(parts);
}

bool dated_fully(const Reference& ref) {
  static constexpr std::string_view types[] = {
      "article-magazine", "article-newspaper", "webpage",   "post",   "post-weblog",
      "personal_communication", "broadcast", "interview", "speech", "event"};
  return std::find(std::begin(types), std::end(types), ref.type) != std::end(types);
}

bool is_legal(const Reference& ref) {
  return ref.type == "legislation" || ref.type == "legal_case" || ref.type == "bill" ||
         ref.type == "regulation" || ref.type == "treaty";
}

bool ends_sentence(std::string_view s) {
  return !s.empty() && (s.back() == '.' || s.back() == '?' || s.back() == '!');
}

std::string typographic(std::string_view s) {
  std::string out;
  for (const char c : s) {
    if (c == '\'') {
      out += "\u2019";
    } else {
      out += c;
    }
  }
  return out;
}

std::string ranges(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto alnum = [](char c) {
      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    };
    if (s[i] == '-' && i > 0 && i + 1 < s.size() && alnum(s[i - 1]) && alnum(s[i + 1]) &&
        (s[i - 1] >= '0' && s[i - 1] <= '9')) {
      out += "\u2013";
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace visie::render::cite
