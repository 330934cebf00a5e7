// The review API (`visie serve --review`) on arbitrary requests: method,
// path and query, Authorization and body all come from the input, against
// an in-memory store that already holds invitations and comments. Several
// requests in one input (separated by a line "===") let a POST be followed
// by a PATCH or GET of what it made.
//
// One request: "METHOD PATH[?k=v&…]\nWHO\nBODY", where WHO is "team",
// "anna" or "bert" (reviewers, expert), "cora" (client), "old" (an
// invitation for another version) or the raw Authorization header.
//
// Besides "never crashes", each answer must keep the contract: a known
// status, a JSON object body, `{"error": …}` exactly when it is an error,
// and a 201 comment that is in the store.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz.hpp"
#include "review/api.hpp"

using namespace visie;

namespace {

const std::map<std::string, review::Token, std::less<>>& tokens() {
  static const std::map<std::string, review::Token, std::less<>> list{
      {"team", {"", "concept-2", review::Access::team, "", "2019-01-01T00:00:00Z"}},
      {"anna", {"", "concept-2", review::Access::reviewer, "expert", "2019-01-01T00:00:00Z"}},
      {"bert", {"", "concept-2", review::Access::reviewer, "expert", "2019-01-01T00:00:00Z"}},
      {"cora", {"", "concept-2", review::Access::reviewer, "client", "2019-01-01T00:00:00Z"}},
      {"old", {"", "concept-1", review::Access::reviewer, "expert", "2019-01-01T00:00:00Z"}},
  };
  return list;
}

/// A fresh in-memory store with the invitations (the token is the name
/// itself, hashed as always) and two comments, one of them published.
review::Store make_store() {
  review::Store store(":memory:");
  for (auto [name, token] : tokens()) {
    token.hash = review::token_hash(name);
    store.add_token(token);
  }
  for (const auto* who : {"anna", "bert"}) {
    review::Comment c;
    c.version = "concept-2";
    c.chapter = "begrippen";
    c.block = "p-xe24xub";
    c.quote = "Zorg.";
    c.role = "expert";
    c.comment = std::string("Van ") + who;
    c.created = "2019-01-14T10:00:00Z";
    c.author = review::token_hash(who);
    c.published = std::string_view(who) == "bert";
    c.id = review::comment_id(c);
    store.insert(c);
  }
  return store;
}

std::vector<std::string_view> split(std::string_view text, std::string_view separator) {
  std::vector<std::string_view> parts;
  while (true) {
    const auto at = text.find(separator);
    parts.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return parts;
    text.remove_prefix(at + separator.size());
  }
}

std::string_view line(std::string_view& text) {
  const auto end = text.find('\n');
  const auto first = text.substr(0, end);
  text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  return first;
}

review::Request parse_request(std::string_view text) {
  review::Request request;
  const auto request_line = line(text);
  const auto space = request_line.find(' ');
  request.method = std::string(request_line.substr(0, space));
  auto target =
      space == std::string_view::npos ? std::string_view() : request_line.substr(space + 1);
  const auto question = target.find('?');
  request.path = std::string(target.substr(0, question));
  if (question != std::string_view::npos) {
    for (const auto pair : split(target.substr(question + 1), "&")) {
      const auto equals = pair.find('=');
      request.query[std::string(pair.substr(0, equals))] =
          equals == std::string_view::npos ? "" : std::string(pair.substr(equals + 1));
    }
  }
  const auto who = line(text);
  request.authorization = tokens().contains(who) ? "Bearer " + std::string(who) : std::string(who);
  request.body = std::string(text);
  return request;
}

void require(bool ok) {
  if (!ok) std::abort();
}

void check_answer(const review::Response& answer, review::Store& store) {
  static const std::vector<int> statuses{200, 201, 400, 401, 403, 404, 405, 409, 413};
  require(std::find(statuses.begin(), statuses.end(), answer.status) != statuses.end());
  const auto body = nlohmann::json::parse(answer.body, nullptr, false);
  require(body.is_object());
  const bool is_error = answer.status >= 400;
  require(is_error == (body.size() == 1 && body.contains("error") && body["error"].is_string()));
  if (answer.status == 201) {
    const auto& c = body["comment"];
    require(c.is_object() && c["id"].is_string());
    const auto stored = store.find(c["id"].get<std::string>());
    require(stored.has_value() && stored->comment == c["comment"]);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto store = make_store();
  const review::SiteIndex site{"concept-2",
                               {{"begrippen", {"p-xe24xub", "definities"}}, {"aanpak", {"p-a"}}}};
  auto now = std::chrono::system_clock::time_point{} + std::chrono::hours{430000};
  const review::Clock clock = [&now] { return now += std::chrono::seconds(1); };
  for (const auto part : split(fuzz::as_text(data, size), "\n===\n")) {
    check_answer(review::handle(parse_request(part), store, site, clock), store);
  }
  return 0;
}
