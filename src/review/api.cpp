#include "review/api.hpp"

#include <algorithm>
#include <ctime>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <vector>

namespace visie::review {

namespace {

using nlohmann::json;

Response answer(int status, const json& body) {
  return {status, body.dump(-1, ' ', false, json::error_handler_t::replace)};
}

Response error(int status, const std::string& message) {
  return answer(status, json{{"error", message}});
}

/// Who is asking: the invitation and the hash that marks its comments.
struct Caller {
  Token token;
  [[nodiscard]] bool team() const { return token.access == Access::team; }
};

/// The token of "Bearer TOKEN" (scheme case-insensitive), or empty.
std::string bearer(std::string_view header) {
  constexpr std::string_view scheme = "bearer ";
  if (header.size() <= scheme.size()) return {};
  for (std::size_t i = 0; i < scheme.size(); ++i) {
    const char c = header[i];
    if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != scheme[i]) return {};
  }
  auto token = header.substr(scheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  return std::string(token);
}

json to_json(const Comment& c, const Caller& caller) {
  auto out = comment_fields<json>(c);
  out["version"] = c.version;
  out["chapter"] = c.chapter;
  out["published"] = c.published;
  out["mine"] = !c.author.empty() && c.author == caller.token.hash;
  if (caller.team()) out["name"] = c.name;
  return out;
}

/// Whether `caller` may read `c`: the team all, a reviewer their own and
/// the published ones.
bool visible(const Comment& c, const Caller& caller) {
  return caller.team() || c.published || c.author == caller.token.hash;
}

/// A request body parsed as a JSON object, or the error to answer.
struct Body {
  json object;
  std::optional<Response> error;
};

/// Parses `text` strictly: one JSON object, valid UTF-8 (nlohmann/json
/// checks it), no key twice at any level.
Body parse_object(const std::string& text) {
  std::vector<std::vector<std::string>> keys;
  bool duplicate = false;
  const json::parser_callback_t track = [&](int, json::parse_event_t event, json& value) {
    if (event == json::parse_event_t::object_start) keys.emplace_back();
    if (event == json::parse_event_t::object_end && !keys.empty()) keys.pop_back();
    if (event == json::parse_event_t::key && !keys.empty() && value.is_string()) {
      auto& seen = keys.back();
      const auto& key = value.get_ref<const std::string&>();
      if (std::find(seen.begin(), seen.end(), key) != seen.end()) duplicate = true;
      seen.push_back(key);
    }
    return true;
  };
  Body body;
  body.object = json::parse(text, track, false);
  if (body.object.is_discarded()) {
    body.error = error(400, "the body is not valid JSON (UTF-8)");
  } else if (duplicate) {
    body.error = error(400, "a key appears twice in the body");
  } else if (!body.object.is_object()) {
    body.error = error(400, "the body must be a JSON object");
  }
  return body;
}

/// Reads the string members of a request object against a list of what
/// is allowed, collecting the first problem.
class Fields {
 public:
  Fields(const json& object, std::vector<std::string_view> allowed) : object_(object) {
    for (const auto& [key, value] : object.items()) {
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        problem("unknown field \"" + key + "\"");
      }
    }
  }

  /// A string member: `required` ones must be present; at most `max` code
  /// points; not blank when `min` is 1; never a NUL character.
  std::optional<std::string> text(const std::string& key, bool required, std::size_t min,
                                  std::size_t max) {
    const auto it = object_.find(key);
    if (it == object_.end()) {
      if (required) problem("missing field \"" + key + "\"");
      return std::nullopt;
    }
    if (!it->is_string()) {
      problem("\"" + key + "\" must be a string");
      return std::nullopt;
    }
    const auto& value = it->get_ref<const std::string&>();
    if (auto found = text_problem(key, value, min, max)) {
      problem(std::move(*found));
      return std::nullopt;
    }
    return value;
  }

  /// A string member that must be one of `allowed`.
  std::optional<std::string> one_of(const std::string& key, bool required,
                                    const std::vector<std::string>& allowed) {
    auto value = text(key, required, 0, max_text);
    if (value && std::find(allowed.begin(), allowed.end(), *value) == allowed.end()) {
      problem("\"" + key + "\" must be one of " + list(allowed));
      return std::nullopt;
    }
    return value;
  }

  std::optional<bool> boolean(const std::string& key) {
    const auto it = object_.find(key);
    if (it == object_.end()) return std::nullopt;
    if (!it->is_boolean()) {
      problem("\"" + key + "\" must be true or false");
      return std::nullopt;
    }
    return it->get<bool>();
  }

  /// The first problem found, if any.
  [[nodiscard]] const std::optional<std::string>& problem() const { return problem_; }

 private:
  static std::string list(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
    return out;
  }
  void problem(std::string message) {
    if (!problem_) problem_ = std::move(message);
  }
  const json& object_;
  std::optional<std::string> problem_;
};

Response session(const Caller& caller, Store& store) {
  json out{{"version", caller.token.version},
           {"access", caller.team() ? "team" : "reviewer"},
           {"role", caller.team() ? json(nullptr) : json(caller.token.role)}};
  if (caller.team()) {
    json counts = json::object();
    for (const auto& [chapter, n] : store.counts(caller.token.version)) counts[chapter] = n;
    out["counts"] = counts;
  }
  return answer(200, out);
}

Response list_comments(const Request& request, const Caller& caller, Store& store,
                       const SiteIndex& site) {
  PageQuery query;
  query.version = site.version;
  query.reader = caller.token.hash;
  query.all = caller.team();
  if (const auto it = request.query.find("chapter"); it != request.query.end()) {
    query.chapter = it->second;
    if (!site.chapters.contains(query.chapter)) {
      return error(404, "version " + site.version + " has no chapter \"" + query.chapter + "\"");
    }
  }
  if (const auto it = request.query.find("limit"); it != request.query.end()) {
    const auto& text = it->second;
    const bool digits = !text.empty() && text.size() <= 3 &&
                        text.find_first_not_of("0123456789") == std::string::npos;
    query.limit = digits ? static_cast<std::size_t>(std::stoul(text)) : 0;
    if (query.limit < 1 || query.limit > max_page) {
      return error(400, "\"limit\" must be a number from 1 to " + std::to_string(max_page));
    }
  }
  if (const auto it = request.query.find("after"); it != request.query.end()) {
    query.after = it->second;
    const auto last = store.find(query.after);
    if (!last || last->version != site.version || !visible(*last, caller)) {
      return error(400, "\"after\" is not a comment of this list: \"" + query.after + "\"");
    }
  }
  const auto page = store.page(query);
  json comments = json::array();
  for (const auto& c : page.comments) comments.push_back(to_json(c, caller));
  json next = nullptr;
  if (page.more && !page.comments.empty()) next = page.comments.back().id;
  return answer(200, json{{"comments", comments}, {"next", next}});
}

Response post_comment(const Request& request, const Caller& caller, Store& store,
                      const SiteIndex& site, const Clock& clock) {
  auto body = parse_object(request.body);
  if (body.error) return *body.error;
  Fields fields(body.object,
                {"chapter", "block", "quote", "role", "comment", "suggestion", "name"});
  auto chapter = fields.text("chapter", true, 1, max_name);
  auto block = fields.text("block", true, 1, max_name);
  auto quote = fields.text("quote", true, 0, max_quote);
  auto role = fields.one_of("role", true, roles());
  auto text = fields.text("comment", true, 1, max_text);
  auto suggestion = fields.text("suggestion", false, 0, max_text);
  auto name = fields.text("name", false, 0, max_name);
  if (fields.problem()) return error(400, *fields.problem());
  const auto blocks = site.chapters.find(*chapter);
  if (blocks == site.chapters.end()) {
    return error(400, "version " + site.version + " has no chapter \"" + *chapter + "\"");
  }
  if (!blocks->second.contains(*block)) {
    return error(400, "chapter \"" + *chapter + "\" has no block \"" + *block + "\"");
  }
  if (!caller.team() && *role != caller.token.role) {
    return error(403, "this invitation is for the role \"" + caller.token.role + "\"");
  }
  Comment c;
  c.version = site.version;
  c.chapter = *chapter;
  c.block = *block;
  c.quote = *quote;
  c.role = *role;
  c.comment = *text;
  c.suggestion = suggestion.value_or("");
  c.name = name.value_or("");
  c.created = format_time(clock());
  c.author = caller.token.hash;
  c.id = comment_id(c);
  if (store.insert(c)) return answer(201, json{{"comment", to_json(c, caller)}});
  // The same text sent twice within a second (a retried request) is one
  // comment.
  const auto existing = store.find(c.id);
  if (existing && existing->author == caller.token.hash) {
    return answer(200, json{{"comment", to_json(*existing, caller)}});
  }
  return error(409, "an identical comment was made at the same moment");
}

/// The comment `id` of the served version as `caller` may see it, or the
/// error to answer.
std::optional<Comment> visible_comment(const std::string& id, const Caller& caller, Store& store,
                                       const SiteIndex& site, Response& refusal) {
  auto c = store.find(id);
  if (!c || c->version != site.version) {
    refusal = error(404, "there is no comment \"" + id + "\"");
    return std::nullopt;
  }
  if (!visible(*c, caller)) {
    refusal = error(403, "this comment is not yours and not published");
    return std::nullopt;
  }
  return c;
}

Response patch_comment(const Request& request, const std::string& id, const Caller& caller,
                       Store& store, const SiteIndex& site) {
  Response refusal;
  auto c = visible_comment(id, caller, store, site, refusal);
  if (!c) return refusal;
  auto body = parse_object(request.body);
  if (body.error) return *body.error;
  if (body.object.empty()) return error(400, "the body changes nothing");
  const bool owner = c->author == caller.token.hash;
  for (const auto& [key, value] : body.object.items()) {
    const bool own_field = key == "comment" || key == "suggestion";
    const bool team_field = key == "disposition" || key == "response" || key == "published";
    if (own_field && !owner) return error(403, "only the author may change \"" + key + "\"");
    if (team_field && !caller.team()) return error(403, "only the team may change \"" + key + "\"");
  }
  Fields fields(body.object, {"comment", "suggestion", "disposition", "response", "published"});
  auto text = fields.text("comment", false, 1, max_text);
  auto suggestion = fields.text("suggestion", false, 0, max_text);
  auto disposition = fields.one_of("disposition", false, dispositions());
  auto response = fields.text("response", false, 0, max_text);
  auto published = fields.boolean("published");
  if (fields.problem()) return error(400, *fields.problem());
  // Read and written in one transaction: a decision the team takes
  // meanwhile is seen here and never overwritten with the old one.
  std::optional<Response> refused;
  const auto stored = store.change(id, [&](Comment& now) {
    if ((text || suggestion) && now.disposition != "open") {
      refused = error(409, "the team has decided on this comment (" + now.disposition +
                               "); its text can no longer be changed");
      return false;
    }
    if (text) now.comment = *text;
    if (suggestion) now.suggestion = *suggestion;
    if (disposition) now.disposition = *disposition;
    if (response) now.response = *response;
    if (published) now.published = *published;
    return true;
  });
  if (refused) return *refused;
  if (!stored) return error(404, "there is no comment \"" + id + "\"");
  return answer(200, json{{"comment", to_json(*stored, caller)}});
}

Response route(const Request& request, Store& store, const SiteIndex& site, const Clock& clock) {
  constexpr std::string_view comments_prefix = "/api/comments/";
  const bool is_session = request.path == "/api/session";
  const bool is_comments = request.path == "/api/comments";
  const bool is_comment = request.path.starts_with(comments_prefix) &&
                          request.path.size() > comments_prefix.size() &&
                          request.path.find('/', comments_prefix.size()) == std::string::npos;
  if (!is_session && !is_comments && !is_comment) return error(404, "no such API path");
  const auto& m = request.method;
  const bool allowed = (is_session && m == "GET") || (is_comments && (m == "GET" || m == "POST")) ||
                       (is_comment && (m == "GET" || m == "PATCH"));
  if (!allowed) return error(405, "method " + m + " is not allowed here");

  const auto token = bearer(request.authorization);
  if (token.empty()) return error(401, "a token is needed: Authorization: Bearer TOKEN");
  auto found = store.find_token(token_hash(token));
  if (!found) return error(401, "unknown token");
  const Caller caller{std::move(*found)};
  if (caller.token.version != site.version) {
    return error(403, "this invitation is for version " + caller.token.version);
  }

  if (is_session) return session(caller, store);
  if (is_comments && m == "GET") return list_comments(request, caller, store, site);
  if (is_comments) return post_comment(request, caller, store, site, clock);
  const auto id = request.path.substr(comments_prefix.size());
  if (m == "PATCH") return patch_comment(request, id, caller, store, site);
  Response refusal;
  const auto c = visible_comment(id, caller, store, site, refusal);
  if (!c) return refusal;
  return answer(200, json{{"comment", to_json(*c, caller)}});
}

}  // namespace

std::string format_time(std::chrono::system_clock::time_point t) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[32];
  const auto n = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return std::string(buffer, n);
}

std::optional<std::string> text_problem(std::string_view key, std::string_view value,
                                        std::size_t min, std::size_t max) {
  const auto name = "\"" + std::string(key) + "\"";
  if (value.find('\0') != std::string_view::npos) return name + " contains a NUL character";
  if (min > 0 && value.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return name + " must not be empty";
  }
  if (characters(value) > max) {
    return name + " is longer than " + std::to_string(max) + " characters";
  }
  return std::nullopt;
}

std::size_t characters(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
  }));
}

Response handle(const Request& request, Store& store, const SiteIndex& site, const Clock& clock) {
  if (request.body.size() > max_body) {
    return error(413, "the body is larger than " + std::to_string(max_body / 1024) + " KiB");
  }
  try {
    return route(request, store, site, clock);
  } catch (const std::exception& e) {
    return error(500, std::string("the review store failed: ") + e.what());
  }
}

}  // namespace visie::review
