#include "review/api.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "support/support.hpp"

using namespace visie;
using nlohmann::json;
using review::Access;
using review::Request;
using review::Response;

namespace {

/// A store with one invitation of each kind, a served version with two
/// chapters, and a clock that stands still unless told otherwise.
struct World {
  review::Store store{":memory:"};
  review::SiteIndex site{"concept-2",
                         {{"begrippen", {"p-xe24xub", "definities"}}, {"aanpak", {"p-aaaaaaa"}}}};
  std::chrono::system_clock::time_point now =
      std::chrono::sys_days{std::chrono::year{2019} / 1 / 14} + std::chrono::hours{10};
  std::string team = token(Access::team, "");
  std::string anna = token(Access::reviewer, "expert");
  std::string bert = token(Access::reviewer, "expert");
  std::string cora = token(Access::reviewer, "client");
  std::string old = token(Access::reviewer, "expert", "concept-1");

  std::string token(Access access, const std::string& role,
                    const std::string& version = "concept-2") {
    const auto t = review::new_token();
    store.add_token({review::token_hash(t), version, access, role, "2019-01-01T00:00:00Z"});
    return t;
  }

  Response call(const std::string& method, const std::string& path, const std::string& who,
                const std::string& body = "", std::map<std::string, std::string> query = {}) {
    Request r{method, path, std::move(query), who.empty() ? "" : "Bearer " + who, body};
    return review::handle(r, store, site, [this] { return now; });
  }

  /// POSTs a valid comment as `who`; returns the answer's JSON.
  json post(const std::string& who, const std::string& text, const std::string& role = "expert") {
    const json body{{"chapter", "begrippen"}, {"block", "p-xe24xub"}, {"quote", "Zorg."},
                    {"role", role},           {"comment", text},      {"name", "Anna"}};
    const auto r = call("POST", "/api/comments", who, body.dump());
    REQUIRE_MESSAGE(r.status == 201, r.body);
    now += std::chrono::seconds(1);
    return json::parse(r.body)["comment"];
  }
};

json body_of(const Response& r) { return json::parse(r.body); }

std::string error_of(const Response& r) {
  const auto j = json::parse(r.body);
  REQUIRE(j.is_object());
  REQUIRE(j.size() == 1);
  return j.at("error").get<std::string>();
}

std::string valid_post(const std::string& change_key = "", const json& change_value = nullptr) {
  json body{{"chapter", "begrippen"}, {"block", "p-xe24xub"},  {"quote", "Zorg is maatwerk."},
            {"role", "expert"},       {"comment", "Te vaag."}, {"suggestion", "Zorg op maat."}};
  if (!change_key.empty()) {
    if (change_value.is_null()) {
      body.erase(change_key);
    } else {
      body[change_key] = change_value;
    }
  }
  return body.dump();
}

}  // namespace

TEST_CASE("review api: POST stores a comment with its id and time and author and answers 201") {
  World w;
  const auto r = w.call("POST", "/api/comments", w.anna, valid_post());
  REQUIRE(r.status == 201);
  const auto c = body_of(r)["comment"];
  CHECK(c["id"] == "c-9d426a7aa99aa35c");  // the rule of docs/review.md
  CHECK(c["version"] == "concept-2");
  CHECK(c["created"] == "2019-01-14T10:00:00Z");
  CHECK(c["disposition"] == "open");
  CHECK(c["published"] == false);
  CHECK(c["mine"] == true);
  CHECK_FALSE(c.contains("name"));  // names are for the team only
  const auto stored = w.store.find("c-9d426a7aa99aa35c");
  REQUIRE(stored);
  CHECK(stored->author == review::token_hash(w.anna));
  CHECK(stored->suggestion == "Zorg op maat.");

  // The same request again in the same second is the same comment: 200.
  const auto again = w.call("POST", "/api/comments", w.anna, valid_post());
  CHECK(again.status == 200);
  CHECK(body_of(again)["comment"]["id"] == "c-9d426a7aa99aa35c");
  CHECK(w.store.list("concept-2").size() == 1);
  // From another reviewer of the same role, in the same second: a conflict,
  // never someone else's comment.
  CHECK(w.call("POST", "/api/comments", w.bert, valid_post()).status == 409);
}

TEST_CASE("review api: 401 without a token or with an unknown one - 403 for another version") {
  World w;
  for (const auto& auth : {std::string(), std::string("Bearer"), std::string("Basic abc"),
                           std::string("Bearer nope")}) {
    Request r{"GET", "/api/session", {}, auth, ""};
    const auto answer = review::handle(r, w.store, w.site, [&] { return w.now; });
    CHECK(answer.status == 401);
    CHECK_FALSE(error_of(answer).empty());
  }
  CHECK(w.call("POST", "/api/comments", "", valid_post()).status == 401);
  CHECK(w.store.list("concept-2").empty());
  CHECK(w.call("GET", "/api/session", w.old).status == 403);
  CHECK(w.call("POST", "/api/comments", w.old, valid_post()).status == 403);
  // The scheme is case-insensitive.
  Request lower{"GET", "/api/session", {}, "bearer " + w.anna, ""};
  CHECK(review::handle(lower, w.store, w.site, [&] { return w.now; }).status == 200);
}

TEST_CASE("review api: session says who is asking - counts for the team only") {
  World w;
  w.post(w.anna, "Een.");
  w.post(w.cora, "Twee.", "client");
  const auto reviewer = body_of(w.call("GET", "/api/session", w.anna));
  CHECK(reviewer == json{{"version", "concept-2"}, {"access", "reviewer"}, {"role", "expert"}});
  const auto team = body_of(w.call("GET", "/api/session", w.team));
  CHECK(team["access"] == "team");
  CHECK(team["role"].is_null());
  CHECK(team["counts"] == json{{"begrippen", 2}});
}

TEST_CASE(
    "review api: a reviewer sees their own and published comments - the team sees all with names") {
  World w;
  const auto mine = w.post(w.anna, "Van Anna.");
  const auto theirs = w.post(w.bert, "Van Bert.");
  const auto published = w.post(w.cora, "Van Cora.", "client");
  const std::string id_theirs = theirs["id"];
  const std::string id_published = published["id"];
  REQUIRE(
      w.call("PATCH", "/api/comments/" + id_published, w.team, R"({"published": true})").status ==
      200);

  const auto list = body_of(w.call("GET", "/api/comments", w.anna, "", {{"chapter", "begrippen"}}));
  REQUIRE(list["comments"].size() == 2);
  CHECK(list["comments"][0]["id"] == mine["id"]);
  CHECK(list["comments"][0]["mine"] == true);
  CHECK(list["comments"][1]["id"] == id_published);
  CHECK(list["comments"][1]["mine"] == false);
  CHECK_FALSE(list["comments"][1].contains("name"));

  const auto other = w.call("GET", "/api/comments/" + id_theirs, w.anna);
  CHECK(other.status == 403);
  CHECK(error_of(other).find("not yours") != std::string::npos);
  CHECK(w.call("GET", "/api/comments/" + id_published, w.anna).status == 200);
  CHECK(w.call("GET", "/api/comments/c-0000000000000000", w.anna).status == 404);
  CHECK(w.call("GET", "/api/comments/" + id_theirs, w.old).status == 403);

  const auto all = body_of(w.call("GET", "/api/comments", w.team));
  REQUIRE(all["comments"].size() == 3);
  CHECK(all["comments"][0]["name"] == "Anna");
  CHECK(body_of(w.call("GET", "/api/comments/" + id_theirs, w.team))["comment"]["comment"] ==
        "Van Bert.");
  CHECK(w.call("GET", "/api/comments", w.team, "", {{"chapter", "aanpak"}}).status == 200);
  CHECK(body_of(w.call("GET", "/api/comments", w.team, "", {{"chapter", "aanpak"}}))["comments"]
            .empty());
  CHECK(w.call("GET", "/api/comments", w.team, "", {{"chapter", "nergens"}}).status == 404);
}

TEST_CASE("review api: PATCH: the author edits the text - the team decides - everyone else 403") {
  World w;
  const std::string id = w.post(w.anna, "Eerst.")["id"];
  const auto path = "/api/comments/" + id;

  auto r = w.call("PATCH", path, w.anna, R"({"comment": "Beter.", "suggestion": "Zo."})");
  REQUIRE(r.status == 200);
  CHECK(body_of(r)["comment"]["comment"] == "Beter.");
  CHECK(body_of(r)["comment"]["id"] == id);  // the id stays what it was made as
  CHECK(w.call("PATCH", path, w.anna, R"({"disposition": "accepted"})").status == 403);
  CHECK(w.call("PATCH", path, w.anna, R"({"published": true})").status == 403);
  CHECK(w.call("PATCH", path, w.bert, R"({"comment": "Van mij."})").status == 403);
  CHECK(w.call("PATCH", path, w.team, R"({"comment": "Van het team."})").status == 403);

  r = w.call("PATCH", path, w.team,
             R"({"disposition": "partly", "response": "Deels verwerkt.", "published": true})");
  REQUIRE(r.status == 200);
  const auto stored = w.store.find(id);
  CHECK(stored->disposition == "partly");
  CHECK(stored->response == "Deels verwerkt.");
  CHECK(stored->published);
  CHECK(stored->comment == "Beter.");
  // Now published: Bert may read it, still not change it.
  CHECK(w.call("GET", path, w.bert).status == 200);
  CHECK(w.call("PATCH", path, w.bert, R"({"comment": "x"})").status == 403);

  CHECK(w.call("PATCH", path, w.team, R"({"disposition": "maybe"})").status == 400);
  CHECK(w.call("PATCH", path, w.team, R"({"published": "yes"})").status == 400);
  CHECK(w.call("PATCH", path, w.team, R"({"id": "c-1"})").status == 400);
  CHECK(w.call("PATCH", path, w.team, "{}").status == 400);
  CHECK(w.call("PATCH", path, w.anna, R"({"comment": ""})").status == 400);
  CHECK(w.call("PATCH", "/api/comments/c-0000000000000000", w.team, "{}").status == 404);
  CHECK(w.store.find(id)->disposition == "partly");
}

TEST_CASE("review api: 400 with a message for every malformed body and nothing stored") {
  World w;
  const std::vector<std::pair<std::string, std::string>> bad{
      {"", "not valid JSON"},
      {"{", "not valid JSON"},
      {"[]", "must be a JSON object"},
      {"\"text\"", "must be a JSON object"},
      {"{\"comment\": \"\xff\"}", "not valid JSON"},
      {"{\"comment\": \"\xed\xa0\x80\"}", "not valid JSON"},  // a lone surrogate
      {R"({"chapter": "a", "chapter": "b"})", "twice"},
      {valid_post("extra", "x"), "unknown field \"extra\""},
      {valid_post("chapter"), "missing field \"chapter\""},
      {valid_post("comment"), "missing field \"comment\""},
      {valid_post("comment", 5), "\"comment\" must be a string"},
      {valid_post("suggestion", json::array()), "\"suggestion\" must be a string"},
      {valid_post("comment", ""), "\"comment\" must not be empty"},
      {valid_post("comment", " \n\t"), "\"comment\" must not be empty"},
      {valid_post("comment", std::string(5001, 'x')), "longer than 5000"},
      {valid_post("suggestion", std::string(5001, 'x')), "longer than 5000"},
      {valid_post("quote", std::string(501, 'x')), "longer than 500"},
      {valid_post("comment", std::string("a\0b", 3)), "NUL"},
      {valid_post("role", "boss"), "\"role\" must be one of expert, client"},
      {valid_post("chapter", "nergens"), "no chapter \"nergens\""},
      {valid_post("block", "p-bestaatniet"), "no block \"p-bestaatniet\""},
      {valid_post("block", "p-aaaaaaa"), "no block"},  // a block of another chapter
  };
  for (const auto& [body, message] : bad) {
    CAPTURE(body);
    const auto r = w.call("POST", "/api/comments", w.anna, body);
    CHECK(r.status == 400);
    CHECK(error_of(r).find(message) != std::string::npos);
  }
  // 5,000 characters is the limit in characters, not bytes.
  std::string long_text;
  for (int i = 0; i < 5000; ++i) long_text += "é";
  CHECK(w.call("POST", "/api/comments", w.anna, valid_post("comment", long_text)).status == 201);
  CHECK(w.store.list("concept-2").size() == 1);
  // A reviewer posts in their own role only.
  CHECK(w.call("POST", "/api/comments", w.cora, valid_post()).status == 403);
  CHECK(w.call("POST", "/api/comments", w.team, valid_post("role", "policy")).status == 201);
}

TEST_CASE("review api: 413 over 180 KiB before anything else - 404 and 405 for other requests") {
  World w;
  const auto big = std::string(review::max_body + 1, ' ');
  const auto r = w.call("POST", "/api/comments", "", big);
  CHECK(r.status == 413);
  CHECK(error_of(r).find("180 KiB") != std::string::npos);
  CHECK(w.call("POST", "/api/comments", w.anna, std::string(review::max_body, ' ')).status == 400);
  CHECK(w.call("GET", "/api/nothing", w.anna).status == 404);
  CHECK(w.call("GET", "/api/comments/a/b", w.anna).status == 404);
  CHECK(w.call("GET", "/api", w.anna).status == 404);
  CHECK(w.call("DELETE", "/api/comments", w.anna).status == 405);
  CHECK(w.call("POST", "/api/session", w.anna).status == 405);
  CHECK(w.call("PUT", "/api/comments/c-1", w.anna).status == 405);
}

TEST_CASE("review api: output is inert: markup in a comment comes back as JSON string data") {
  World w;
  const std::string evil = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&";
  const auto r = w.call("POST", "/api/comments", w.anna, valid_post("comment", evil));
  REQUIRE(r.status == 201);
  const auto parsed = json::parse(r.body);  // a JSON document, not HTML
  CHECK(parsed["comment"]["comment"] == evil);
  const auto list = json::parse(w.call("GET", "/api/comments", w.anna).body);
  CHECK(list["comments"][0]["comment"] == evil);
  CHECK(std::string(review::json_type) == "application/json; charset=utf-8");
}

TEST_CASE("review api: times are UTC with whole seconds") {
  const auto t = std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + std::chrono::hours{21} +
                 std::chrono::minutes{5} + std::chrono::milliseconds{999};
  CHECK(review::format_time(t) == "2026-11-23T21:05:00Z");
}

TEST_CASE("review api: a store that fails is a 500 with an error body - never an exception") {
  test::TempDir dir;
  const auto path = (dir / "r.sqlite").string();
  review::Store store(path, std::chrono::milliseconds(20));
  const auto token = review::new_token();
  store.add_token({review::token_hash(token), "concept-2", Access::reviewer, "expert", ""});
  // Another connection holds the write lock longer than the store waits.
  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &other) == SQLITE_OK);
  REQUIRE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
  const review::SiteIndex site{"concept-2", {{"begrippen", {"p-xe24xub"}}}};
  const Request r{"POST", "/api/comments", {}, "Bearer " + token, valid_post()};
  const auto answer =
      review::handle(r, store, site, [] { return std::chrono::system_clock::now(); });
  CHECK(answer.status == 500);
  CHECK(error_of(answer).find("the review store failed") != std::string::npos);
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  // Once the lock is gone the same request goes through.
  CHECK(review::handle(r, store, site, [] { return std::chrono::system_clock::now(); }).status ==
        201);
}

TEST_CASE("review api: limits are characters - the body limit fits every text within them") {
  World w;
  std::string e5000;
  std::string emoji5000;
  for (int i = 0; i < 5000; ++i) {
    e5000 += "\u00e9";
    emoji5000 += "\U0001F600";
  }
  // 5,000 "é" and a 5,000 "é" suggestion: 20,000 bytes of text.
  json body = json::parse(valid_post());
  body["comment"] = e5000;
  body["suggestion"] = e5000;
  auto r = w.call("POST", "/api/comments", w.anna, body.dump());
  CHECK_MESSAGE(r.status == 201, r.body);
  // 5,000 emoji, as UTF-8 and as JSON escapes (\ud83d\ude00: 12 bytes each),
  // in the comment, the suggestion and a name and quote at their limits.
  body["comment"] = emoji5000;
  body["suggestion"] = emoji5000;
  body["quote"] = std::string(500, 'q');
  body["name"] = std::string(200, 'n');
  r = w.call("POST", "/api/comments", w.anna, body.dump());
  CHECK_MESSAGE(r.status == 201, r.body);
  const auto escaped = body.dump(-1, ' ', true);
  CHECK(escaped.size() > 120000);
  w.now += std::chrono::seconds(1);
  r = w.call("POST", "/api/comments", w.anna, escaped);
  CHECK_MESSAGE(r.status == 201, r.body);
  const std::string id = body_of(r)["comment"]["id"];
  // A PATCH of all three texts at their limits, escaped.
  const json all{{"disposition", "accepted"}, {"response", emoji5000}};
  r = w.call("PATCH", "/api/comments/" + id, w.team, all.dump(-1, ' ', true));
  CHECK_MESSAGE(r.status == 200, r.body);
  // One character more is refused by the limit, not by the body size.
  body["comment"] = emoji5000 + "\U0001F600";
  r = w.call("POST", "/api/comments", w.anna, body.dump(-1, ' ', true));
  CHECK(r.status == 400);
  CHECK(error_of(r) == "\"comment\" is longer than 5000 characters");
}

TEST_CASE("review api: a comment with a disposition is fixed for its author - 409") {
  World w;
  const std::string id = w.post(w.anna, "Eerst.")["id"];
  const auto path = "/api/comments/" + id;
  REQUIRE(w.call("PATCH", path, w.team, R"({"disposition": "accepted", "published": true})")
              .status == 200);
  auto r = w.call("PATCH", path, w.anna, R"({"comment": "Toch anders."})");
  CHECK(r.status == 409);
  CHECK(error_of(r).find("decided") != std::string::npos);
  CHECK(w.call("PATCH", path, w.anna, R"({"suggestion": "Zo."})").status == 409);
  CHECK(w.store.find(id)->comment == "Eerst.");
  // The team may still change its response; reopened, the author may edit.
  CHECK(w.call("PATCH", path, w.team, R"({"response": "Verwerkt."})").status == 200);
  CHECK(w.call("PATCH", path, w.team, R"({"disposition": "open"})").status == 200);
  CHECK(w.call("PATCH", path, w.anna, R"({"comment": "Toch anders."})").status == 200);
  CHECK(w.store.find(id)->comment == "Toch anders.");
}

TEST_CASE("review api: comment lists come in pages of at most 500 with a cursor") {
  World w;
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(w.post(w.anna, "Nummer " + std::to_string(i))["id"]);
  auto r = w.call("GET", "/api/comments", w.team, "", {{"limit", "2"}});
  REQUIRE(r.status == 200);
  auto page = body_of(r);
  REQUIRE(page["comments"].size() == 2);
  CHECK(page["comments"][0]["id"] == ids[0]);
  CHECK(page["next"] == ids[1]);
  r = w.call("GET", "/api/comments", w.team, "", {{"limit", "2"}, {"after", ids[1]}});
  page = body_of(r);
  REQUIRE(page["comments"].size() == 2);
  CHECK(page["comments"][0]["id"] == ids[2]);
  r = w.call("GET", "/api/comments", w.team, "",
             {{"limit", "2"}, {"after", ids[3]}, {"chapter", "begrippen"}});
  page = body_of(r);
  REQUIRE(page["comments"].size() == 1);
  CHECK(page["next"].is_null());
  // Without a limit: everything up to 500, and "next" null.
  page = body_of(w.call("GET", "/api/comments", w.team));
  CHECK(page["comments"].size() == 5);
  CHECK(page["next"].is_null());
  for (const auto& limit : {"0", "501", "x", "-1", "1000000"}) {
    CHECK(w.call("GET", "/api/comments", w.team, "", {{"limit", limit}}).status == 400);
  }
  CHECK(w.call("GET", "/api/comments", w.team, "", {{"after", "c-0000000000000000"}}).status ==
        400);
  // A cursor of another reviewer's unpublished comment says nothing about it.
  CHECK(w.call("GET", "/api/comments", w.bert, "", {{"after", ids[0]}}).status == 400);
}
