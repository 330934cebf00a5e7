#pragma once
/// The review API of `visie serve --review` (docs/review.md, "HTTP API") as
/// a pure function from a request to a response, independent of the HTTP
/// library: the server hands over what it parsed, the tests and the fuzzer
/// call it directly.

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "review/store.hpp"

namespace visie::review {

/// The most characters (code points) of a comment, suggestion or response.
inline constexpr std::size_t max_text = 5000;
/// The most characters of a quote.
inline constexpr std::size_t max_quote = 500;
/// The most characters of a name.
inline constexpr std::size_t max_name = 200;
/// The most comments in one answer of `GET /api/comments`.
inline constexpr std::size_t max_page = 500;

/// The most characters one request can carry: a POST's comment, suggestion,
/// quote, chapter, block and name, or a PATCH's comment, suggestion and
/// response.
inline constexpr std::size_t max_request_characters =
    std::max(2 * max_text + max_quote + 3 * max_name, 3 * max_text);
/// The most bytes one character takes in JSON: an escaped surrogate pair,
/// `\ud83d\ude00`.
inline constexpr std::size_t max_json_bytes_per_character = 12;
/// The largest request body the API reads (a larger one is answered 413):
/// derived from the limits above, so that every request within them fits
/// however its text is written, with room for the keys and punctuation.
inline constexpr std::size_t max_body = 180 * 1024;
static_assert(max_body >= max_request_characters * max_json_bytes_per_character + 4096);

/// The Content-Type of every answer.
inline constexpr const char* json_type = "application/json; charset=utf-8";

/// A request as the server parsed it.
struct Request {
  std::string method;                        ///< "GET", "POST", "PATCH", …
  std::string path;                          ///< decoded, without the query: "/api/comments/c-…"
  std::map<std::string, std::string> query;  ///< decoded query parameters
  std::string authorization;                 ///< the Authorization header, or empty
  std::string body;
};

/// An answer: the status and a JSON body (always an object; errors are
/// `{"error": "message"}`), to be sent as json_type with
/// `X-Content-Type-Options: nosniff`.
struct Response {
  int status = 200;
  std::string body;
};

/// The served version: its id and, per chapter id, the ids of the blocks a
/// comment may be on.
struct SiteIndex {
  std::string version;
  std::map<std::string, std::set<std::string>> chapters;
  /// Per chapter id, each block's plain text (filled for `review
  /// import-docx`, which matches a paragraph whose bookmark is gone by it,
  /// and takes a comment's quote from it).
  std::map<std::string, std::map<std::string, std::string>> texts = {};
};

/// The number of characters (code points) of valid UTF-8 `text`: what the
/// length limits count.
std::size_t characters(std::string_view text);

/// What is wrong with the text `value` of field `key` of a comment, or
/// nullopt: a NUL character, blank when `min` is 1, or longer than `max`
/// characters. The API and the import check the same way.
std::optional<std::string> text_problem(std::string_view key, std::string_view value,
                                        std::size_t min, std::size_t max);

/// The current time; injected so that tests are deterministic.
using Clock = std::function<std::chrono::system_clock::time_point()>;

/// `t` as `2019-01-14T10:00:00Z` (UTC, whole seconds).
std::string format_time(std::chrono::system_clock::time_point t);

/// Answers one request under `/api`. Never throws: a failure of the store
/// is a 500 with an error body.
Response handle(const Request& request, Store& store, const SiteIndex& site, const Clock& clock);

}  // namespace visie::review
