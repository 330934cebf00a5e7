// The review loop end to end: invitations from the CLI, `visie serve
// --review` over real HTTP on loopback, a `kill -9` in the middle of a
// stream of comments, and export and import through the CLI.
#include <doctest/doctest.h>
#include <httplib.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "e2e/serve_process.hpp"
#include "review/store.hpp"
#include "support/support.hpp"

namespace fs = std::filesystem;
using namespace visie;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

/// `visie serve --review` for concept 2 on a free loopback port.
test::ServeProcess review_server(const fs::path& content, const fs::path& db) {
  return test::ServeProcess({"--review", "--version", "concept-2", "--port", "0", "--content",
                             content.string(), "--db", db.string(), "-q"});
}

/// Runs `visie review invite` and returns the token of the link it prints.
std::string invite(const fs::path& content, const fs::path& db, const std::string& who) {
  const auto r = test::run_visie("review invite --version concept-2 " + who + " --content '" +
                                 content.string() + "' --db '" + db.string() + "'");
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  REQUIRE(r.output.starts_with("http://127.0.0.1:8000/concept-2/?token="));
  auto token = r.output.substr(r.output.find("?token=") + 7);
  while (!token.empty() && token.back() == '\n') token.pop_back();
  REQUIRE(token.size() == 43);
  return token;
}

httplib::Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

/// The first block of a chapter page (the target of its first reference
/// link).
std::string first_block(const std::string& html) {
  const std::string link = "<a class=\"ref\" href=\"#";
  const auto at = html.find(link);
  REQUIRE(at != std::string::npos);
  const auto start = at + link.size();
  return html.substr(start, html.find('"', start) - start);
}

json comment_body(const std::string& block, const std::string& text) {
  return {{"chapter", "begrippen"}, {"block", block},  {"quote", "Een alinea."},
          {"role", "expert"},       {"comment", text}, {"suggestion", "Een betere zin."}};
}

/// Blocks of the frozen concept 2 (their reference links' targets).
const std::string begrippen_block = "p-do7o5xr";
const std::string aanpak_block = "p-8lm43db";

/// A copy of the bundled content, so that export writes into the copy.
fs::path bundled_copy(const test::TempDir& dir) {
  const auto content = dir / "content";
  fs::copy(fs::path(VISIE_SOURCE_DIR) / "content", content, fs::copy_options::recursive);
  return content;
}

/// A copy of the bundled content, an expert's and the team's invitations,
/// and `visie serve --review` on it.
struct Panel {
  test::TempDir dir;
  fs::path content = bundled_copy(dir);
  fs::path db = dir / "visie.sqlite";
  std::string anna = invite(content, db, "--role expert");
  std::string team = invite(content, db, "--team");
  test::ServeProcess server = review_server(content, db);
};

}  // namespace

TEST_CASE("review: invitations and the API over HTTP and its answers") {
  test::TempDir dir;
  const auto content = bundled_copy(dir);
  const auto db = dir / "reviews/visie.sqlite";

  // Invitations: a version that does not exist and a missing role are
  // usage errors.
  auto r = test::run_visie("review invite --version concept-9 --role expert --content '" +
                           content.string() + "' --db '" + db.string() + "'");
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("there is no version \"concept-9\"") != std::string::npos);
  r = test::run_visie("review invite --version concept-2 --content '" + content.string() + "'");
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("--role ROLE or --team") != std::string::npos);
  r = test::run_visie("review invite --version concept-2 --role boss --content '" +
                      content.string() + "'");
  CHECK(r.exit_code == 2);
  // --review and --version go together.
  r = test::run_visie("serve --review --content '" + content.string() + "'");
  CHECK(r.exit_code == 2);
  r = test::run_visie("serve --version concept-2 --content '" + content.string() + "'");
  CHECK(r.exit_code == 2);
  r = test::run_visie("serve --review --version concept-9 --port 0 --content '" +
                      content.string() + "' --db '" + db.string() + "'");
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("there is no version \"concept-9\"") != std::string::npos);
  const auto anna = invite(content, db, "--role expert");
  const auto bert = invite(content, db, "--role expert");
  const auto team = invite(content, db, "--team");

  auto server = review_server(content, db);
  httplib::Client client("127.0.0.1", server.port());
  client.set_read_timeout(30, 0);

  auto res = client.Get("/");
  REQUIRE(res);
  CHECK(res->status == 302);
  CHECK(res->get_header_value("Location") == "/concept-2/");
  res = client.Get("/concept-2/begrippen.html");
  REQUIRE(res);
  REQUIRE(res->status == 200);
  const auto meta = res->body.find("<meta name=\"visie-review\" content=\"/api\">");
  CHECK(meta != std::string::npos);
  CHECK(meta < res->body.find("</head>"));
  const auto block = first_block(res->body);

  // 201 with a token; the answer is JSON that is never sniffed as HTML.
  const std::string evil = "<script>alert(1)</script> Te vaag.";
  res = client.Post("/api/comments", bearer(anna), comment_body(block, evil).dump(),
                    "application/json");
  REQUIRE(res);
  REQUIRE_MESSAGE(res->status == 201, res->body);
  CHECK(res->get_header_value("Content-Type") == "application/json; charset=utf-8");
  CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
  const auto posted = json::parse(res->body)["comment"];
  CHECK(posted["comment"] == evil);
  const std::string id = posted["id"];

  // 401 without a token.
  res = client.Post("/api/comments", comment_body(block, "Anoniem.").dump(), "application/json");
  REQUIRE(res);
  CHECK(res->status == 401);
  CHECK(json::parse(res->body).contains("error"));

  // 403 for another reviewer's unpublished comment; 200 for the team.
  res = client.Get("/api/comments/" + id, bearer(bert));
  REQUIRE(res);
  CHECK(res->status == 403);
  res = client.Get("/api/comments/" + id, bearer(team));
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(json::parse(res->body)["comment"]["comment"] == evil);

  // 413 for a body over 180 KiB, still as JSON.
  res = client.Post("/api/comments", bearer(anna), std::string(181 * 1024, 'x'), "application/json");
  REQUIRE(res);
  CHECK(res->status == 413);
  CHECK(res->get_header_value("Content-Type") == "application/json; charset=utf-8");
  CHECK(json::parse(res->body).contains("error"));

  // 400 for malformed bodies and a block that is not in the chapter.
  for (const std::string& body :
       std::vector<std::string>{"{\"chapter\":", "[1]", "{\"chapter\": \"begrippen\"}",
                                comment_body("p-bestaatniet", "x").dump()}) {
    res = client.Post("/api/comments", bearer(anna), body, "application/json");
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(json::parse(res->body).contains("error"));
  }

  // The session, and the team's decision.
  res = client.Get("/api/session", bearer(team));
  REQUIRE(res);
  CHECK(json::parse(res->body)["counts"] == json{{"begrippen", 1}});
  res = client.Patch("/api/comments/" + id, bearer(team),
                     R"({"disposition": "accepted", "published": true})", "application/json");
  REQUIRE(res);
  CHECK(res->status == 200);
  res = client.Get("/api/comments?chapter=begrippen", bearer(bert));
  REQUIRE(res);
  CHECK(json::parse(res->body)["comments"].size() == 1);
}

TEST_CASE("review: kill -9 in the middle of a stream of comments loses none that got 201") {
  test::TempDir dir;
  const auto content = bundled_copy(dir);
  const auto db = dir / "visie.sqlite";
  const auto anna = invite(content, db, "--role expert");
  const auto team = invite(content, db, "--team");

  std::vector<std::string> acknowledged;
  std::string block;
  {
    auto server = review_server(content, db);
    httplib::Client probe("127.0.0.1", server.port());
    const auto page = probe.Get("/concept-2/begrippen.html");
    REQUIRE(page);
    block = first_block(page->body);

    std::mutex mutex;
    std::atomic<bool> stop = false;
    std::thread writer([&] {
      httplib::Client client("127.0.0.1", server.port());
      client.set_read_timeout(5, 0);
      for (int i = 0; !stop; ++i) {
        const auto res = client.Post("/api/comments", bearer(anna),
                                     comment_body(block, "Opmerking " + std::to_string(i)).dump(),
                                     "application/json");
        if (!res) break;  // the server is gone
        if (res->status == 201) {
          const std::lock_guard lock(mutex);
          acknowledged.push_back(json::parse(res->body)["comment"]["id"]);
        }
      }
    });
    // Kill it while the writer is in full flow.
    const auto deadline = Clock::now() + std::chrono::seconds(30);
    while (Clock::now() < deadline) {
      {
        const std::lock_guard lock(mutex);
        if (acknowledged.size() >= 25) break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    server.kill9();
    stop = true;
    writer.join();
  }
  REQUIRE(acknowledged.size() >= 25);
  MESSAGE(acknowledged.size(), " comments acknowledged before the kill");

  {
    const review::Store store(db.string());
    CHECK(store.integrity_check() == "ok");
  }
  auto again = review_server(content, db);
  httplib::Client client("127.0.0.1", again.port());
  for (const auto& id : acknowledged) {
    const auto res = client.Get("/api/comments/" + id, bearer(team));
    REQUIRE(res);
    CHECK_MESSAGE(res->status == 200, id);
  }
  const auto list = client.Get("/api/comments", bearer(team));
  REQUIRE(list);
  CHECK(json::parse(list->body)["comments"].size() >= acknowledged.size());
}

TEST_CASE("review: export writes the content files - importing them again is a round trip") {
  test::TempDir dir;
  const auto content = bundled_copy(dir);
  // Without the bundled example comments: the round trip starts empty.
  fs::remove_all(content / "reviews");
  const auto db = dir / "a.sqlite";
  const std::string flags = " --content '" + content.string() + "' --db '" + db.string() + "'";
  // A browser export with two comments, imported twice.
  const json exported{{"format", "visie-review/1"},
                      {"version", "concept-2"},
                      {"comments",
                       {{{"chapter", "begrippen"},
                         {"block", begrippen_block},
                         {"quote", "Zorg."},
                         {"role", "client"},
                         {"comment", "Onduidelijk."},
                         {"created", "2019-01-14T10:00:00Z"}},
                        {{"chapter", "aanpak"},
                         {"block", aanpak_block},
                         {"quote", "Aanpak."},
                         {"role", "expert"},
                         {"comment", "Goed."},
                         {"suggestion", "Beter."},
                         {"created", "2019-01-14T11:00:00Z"}}}}};
  test::write_file(dir / "export.json", exported.dump(2));
  auto r = test::run_visie("review import '" + (dir / "export.json").string() + "'" + flags);
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK(r.output.find("2 added, 0 already there") != std::string::npos);
  r = test::run_visie("review import '" + (dir / "export.json").string() + "'" + flags);
  CHECK(r.output.find("0 added, 2 already there") != std::string::npos);

  // A broken file: its place, exit 1, nothing added.
  test::write_file(dir / "broken.json", "{\"format\": \"visie-review/1\",\n \"version\": 3}");
  r = test::run_visie("review import '" + (dir / "broken.json").string() + "'" + flags);
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("broken.json:2:13: error:") != std::string::npos);

  r = test::run_visie("review export --version concept-2" + flags);
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  const auto folder = content / "reviews/concept-2";
  const auto begrippen = test::read_file(folder / "begrippen.json");
  const auto aanpak = test::read_file(folder / "aanpak.json");
  REQUIRE_FALSE(begrippen.empty());
  REQUIRE_FALSE(aanpak.empty());
  const auto file = json::parse(begrippen);
  CHECK(file["comments"][0]["comment"] == "Onduidelijk.");

  // Turn the content files back into a browser export, import it into a
  // new store and export again: the same bytes.
  json back{{"format", "visie-review/1"}, {"version", "concept-2"}, {"comments", json::array()}};
  for (const auto& text : {begrippen, aanpak}) {
    const auto doc = json::parse(text);
    for (auto c : doc["comments"]) {
      c["chapter"] = doc["chapter"];
      c.erase("id");
      c.erase("disposition");
      c.erase("response");
      back["comments"].push_back(c);
    }
  }
  test::write_file(dir / "back.json", back.dump());
  // Import checks the chapters and blocks against the build: the same
  // content, without the reviews.
  const auto content2 = dir / "content2";
  fs::copy(content, content2, fs::copy_options::recursive);
  fs::remove_all(content2 / "reviews");
  const std::string flags2 =
      " --content '" + content2.string() + "' --db '" + (dir / "b.sqlite").string() + "'";
  r = test::run_visie("review import '" + (dir / "back.json").string() + "'" + flags2);
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  r = test::run_visie("review export --version concept-2" + flags2);
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK(test::read_file(content2 / "reviews/concept-2/begrippen.json") == begrippen);
  CHECK(test::read_file(content2 / "reviews/concept-2/aanpak.json") == aanpak);

  // The team decides in the file; the next export keeps the decision.
  auto decided = json::parse(begrippen);
  decided["comments"][0]["disposition"] = "accepted";
  test::write_file(folder / "begrippen.json", decided.dump(2) + "\n");
  r = test::run_visie("review export --version concept-2" + flags);
  REQUIRE(r.exit_code == 0);
  CHECK(json::parse(test::read_file(folder / "begrippen.json"))["comments"][0]["disposition"] ==
        "accepted");
}

TEST_CASE("review: 200 held event streams and slow clients - API calls still answer in 100 ms") {
  Panel panel;
  const auto& [dir, content, db, anna, team, server] = panel;
  std::string block;
  {
    httplib::Client probe("127.0.0.1", server.port());
    const auto page = probe.Get("/concept-2/begrippen.html");
    REQUIRE(page);
    block = first_block(page->body);
  }

  // 200 open pages: each holds its event stream and has its first event.
  std::vector<std::unique_ptr<test::RawConnection>> streams;
  for (int i = 0; i < 200; ++i) {
    streams.push_back(std::make_unique<test::RawConnection>(server.port()));
    REQUIRE(streams.back()->send("GET /__visie/events HTTP/1.1\r\nHost: x\r\n\r\n"));
  }
  for (auto& s : streams) {
    CHECK(s->receive("event: reload", std::chrono::seconds(10)).find("event: reload") !=
          std::string::npos);
  }
  // 40 slow clients, each in the middle of its headers.
  std::vector<std::unique_ptr<test::RawConnection>> slow;
  for (int i = 0; i < 40; ++i) {
    slow.push_back(std::make_unique<test::RawConnection>(server.port()));
    REQUIRE(slow.back()->send("POST /api/comments HTTP/1.1\r\nHost: x\r\nX-Slow: "));
  }

  // Reads and writes keep answering fast.
  httplib::Client client("127.0.0.1", server.port());
  client.set_read_timeout(5, 0);
  std::vector<double> millis;
  for (int i = 0; i < 100; ++i) {
    const auto start = Clock::now();
    const auto res = i % 2 == 0 ? client.Get("/api/comments?chapter=begrippen&limit=50",
                                             bearer(team))
                                : client.Post("/api/comments", bearer(anna),
                                              comment_body(block, "Nummer " + std::to_string(i))
                                                  .dump(),
                                              "application/json");
    millis.push_back(
        std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    REQUIRE(res);
    CHECK(res->status == (i % 2 == 0 ? 200 : 201));
    if (i % 10 == 0) {
      for (auto& s : slow) s->send("x");  // a byte now and then
    }
  }
  std::sort(millis.begin(), millis.end());
  MESSAGE("API calls beside 200 streams: p50 ", millis[50], " ms, p99 ", millis[99], " ms");
  CHECK(millis[99] < 100);
  CHECK(client.Get("/concept-2/begrippen.html")->status == 200);

  // A rebuild reaches every held stream.
  const auto chapter = content / "chapters";
  for (const auto& entry : fs::directory_iterator(chapter)) {
    test::write_file(entry.path(), test::read_file(entry.path()) + "\n");
    break;
  }
  int reloaded = 0;
  for (auto& s : streams) {
    const auto& text = s->receive("data: 2", std::chrono::seconds(60));
    if (text.find("data: 2") != std::string::npos || text.find("data: 3") != std::string::npos) {
      ++reloaded;
    }
  }
  CHECK(reloaded == 200);
}

TEST_CASE("review: a comment the team decided on is fixed for its author - 409 over HTTP") {
  Panel panel;
  const auto& [dir, content, db, anna, team, server] = panel;
  httplib::Client client("127.0.0.1", server.port());
  auto res = client.Post("/api/comments", bearer(anna),
                         comment_body(begrippen_block, "Eerst.").dump(), "application/json");
  REQUIRE(res);
  REQUIRE_MESSAGE(res->status == 201, res->body);
  const std::string id = json::parse(res->body)["comment"]["id"];
  res = client.Patch("/api/comments/" + id, bearer(team), R"({"disposition": "not-accepted"})",
                     "application/json");
  REQUIRE(res);
  REQUIRE(res->status == 200);
  res = client.Patch("/api/comments/" + id, bearer(anna), R"({"comment": "Anders."})",
                     "application/json");
  REQUIRE(res);
  CHECK(res->status == 409);
  CHECK(json::parse(res->body)["error"].get<std::string>().find("decided") != std::string::npos);
  res = client.Get("/api/comments/" + id, bearer(anna));
  REQUIRE(res);
  CHECK(json::parse(res->body)["comment"]["comment"] == "Eerst.");
}

TEST_CASE("review: import is as strict as the API - each refusal imports nothing") {
  test::TempDir dir;
  const auto content = bundled_copy(dir);
  const auto db = dir / "a.sqlite";
  const std::string flags = " --content '" + content.string() + "' --db '" + db.string() + "'";
  const auto comment = [](const std::string& chapter, const std::string& block,
                          const std::string& created) {
    return json{{"chapter", chapter}, {"block", block},     {"quote", "Q."},
                {"role", "expert"},   {"comment", "Goed."}, {"created", created}};
  };
  const auto file_with = [&](const std::string& name, const json& bad) {
    const json doc{{"format", "visie-review/1"},
                   {"version", "concept-2"},
                   {"comments",
                    {comment("begrippen", begrippen_block, "2019-01-14T10:00:00Z"),
                     comment("aanpak", aanpak_block, "2019-01-14T11:00:00Z"), bad}}};
    test::write_file(dir / name, doc.dump(1));
    return (dir / name).string();
  };
  const auto refused = [&](const std::string& path, const std::string& message) {
    CAPTURE(path);
    const auto start = Clock::now();
    const auto r = test::run_visie("review import '" + path + "'" + flags);
    CHECK(Clock::now() - start < std::chrono::seconds(60));
    CHECK(r.exit_code == 1);
    CHECK_MESSAGE(r.output.find(message) != std::string::npos, r.output);
    const review::Store store(db.string());
    CHECK(store.list("concept-2").empty());
  };
  refused(file_with("chapter.json", comment("bestaat-niet", begrippen_block, "2019-01-14T12:00:00Z")),
          "chapter.json:21:15: error: version concept-2 has no chapter \"bestaat-niet\"");
  refused(file_with("block.json", comment("aanpak", "p-bestaatniet", "2019-01-14T12:00:00Z")),
          "block.json:20:13: error: chapter \"aanpak\" has no block \"p-bestaatniet\"");
  refused(file_with("feb.json", comment("aanpak", aanpak_block, "2019-02-31T23:59:60Z")),
          "feb.json:23:15: error: \"created\" must be a UTC time");
  refused(file_with("leap.json", comment("aanpak", aanpak_block, "2019-02-28T23:59:60Z")),
          "without a leap second");
  refused(file_with("far.json", comment("aanpak", aanpak_block, "9999-12-31T23:59:59Z")),
          "\"created\" must be a time from 2000-01-01T00:00:00Z to 2099-12-31T23:59:59Z");
  refused(dir.path().string(), dir.path().string() + ":1:1: error: is a folder");
  const auto fifo = dir / "pipe";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  refused(fifo.string(), "pipe:1:1: error: is not a regular file");
  refused("/dev/zero", "/dev/zero:1:1: error: is not a regular file");
  const auto big = dir / "big.json";
  test::write_file(big, "");
  fs::resize_file(big, 16 * 1024 * 1024 + 1);
  refused(big.string(), "big.json:1:1: error: is larger than 16 MiB");

  // The same comments without the bad one: all imported, in one go.
  const json good{{"format", "visie-review/1"},
                  {"version", "concept-2"},
                  {"comments",
                   {comment("begrippen", begrippen_block, "2019-01-14T10:00:00Z"),
                    comment("aanpak", aanpak_block, "2019-01-14T11:00:00Z")}}};
  test::write_file(dir / "good.json", good.dump());
  const auto r = test::run_visie("review import '" + (dir / "good.json").string() + "'" + flags);
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK(r.output.find("2 added, 0 already there") != std::string::npos);
}
