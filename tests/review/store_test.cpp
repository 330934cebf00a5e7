#include "review/store.hpp"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

#include "support/support.hpp"

using namespace visie;
using review::Comment;
using review::Store;

namespace {

Comment sample(std::string text = "Te vaag.") {
  Comment c;
  c.version = "concept-2";
  c.chapter = "begrippen";
  c.block = "p-xe24xub";
  c.quote = "Zorg is maatwerk.";
  c.role = "expert";
  c.name = "Anna";
  c.comment = std::move(text);
  c.suggestion = "Zorg op maat.";
  c.created = "2019-01-14T10:00:00Z";
  c.author = "abc";
  c.id = review::comment_id(c);
  return c;
}

}  // namespace

TEST_CASE("review comment ids: c- and 16 hex digits of the SHA-256 of the NUL-joined fields") {
  auto c = sample();
  // python3 -c "import hashlib; print(hashlib.sha256('\0'.join(['concept-2', 'begrippen',
  //   'p-xe24xub', 'expert', 'Te vaag.', 'Zorg op maat.', '2019-01-14T10:00:00Z']).encode())
  //   .hexdigest()[:16])"
  CHECK(c.id == "c-9d426a7aa99aa35c");
  CHECK(c.id.size() == 18);
  // Name, quote, author and decisions are not part of the identity.
  auto other = c;
  other.name = "Bob";
  other.quote = "iets anders";
  other.disposition = "accepted";
  CHECK(review::comment_id(other) == c.id);
  // Moving text between fields changes it (the NUL separates them).
  other = c;
  other.comment = std::string("Te vaag.") + '\0' + "Zorg";
  other.suggestion = " op maat.";
  CHECK(review::comment_id(other) != c.id);
}

TEST_CASE("review tokens: 43 base64url characters all different - only the hash is kept") {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const auto token = review::new_token();
    CHECK(token.size() == 43);
    CHECK(token.find_first_not_of(
              "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
          std::string::npos);
    seen.insert(token);
  }
  CHECK(seen.size() == 100);
  CHECK(review::token_hash("abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

  test::TempDir dir;
  const auto token = review::new_token();
  {
    Store store((dir / "r.sqlite").string());
    store.add_token({review::token_hash(token), "concept-2", review::Access::reviewer, "client",
                     "2019-01-14T10:00:00Z"});
  }
  const auto bytes = test::read_file(dir / "r.sqlite") + test::read_file(dir / "r.sqlite-wal");
  CHECK(bytes.find(token) == std::string::npos);
  CHECK(bytes.find(review::token_hash(token)) != std::string::npos);
  Store store((dir / "r.sqlite").string());
  const auto found = store.find_token(review::token_hash(token));
  REQUIRE(found);
  CHECK(found->access == review::Access::reviewer);
  CHECK(found->role == "client");
  CHECK(found->version == "concept-2");
  CHECK_FALSE(store.find_token(review::token_hash("other")));
}

TEST_CASE(
    "review store: insert once and find and update and list in order and count - survives "
    "reopening") {
  test::TempDir dir;
  const auto path = (dir / "r.sqlite").string();
  auto a = sample("Eerste.");
  auto b = sample("Tweede.");
  b.created = "2019-01-13T09:00:00Z";
  b.chapter = "aanpak";
  b.id = review::comment_id(b);
  {
    Store store(path);
    CHECK(store.insert(a));
    CHECK_FALSE(store.insert(a));
    CHECK(store.insert(b));
    a.disposition = "partly";
    a.response = "Deels.";
    a.published = true;
    store.update(a);
  }
  Store store(path);
  CHECK(store.find(a.id) == a);
  CHECK_FALSE(store.find("c-0000000000000000"));
  const auto all = store.list("concept-2");
  REQUIRE(all.size() == 2);
  CHECK(all[0].id == b.id);  // older first
  CHECK(store.list("concept-2", "begrippen").size() == 1);
  CHECK(store.list("concept-1").empty());
  CHECK(store.counts("concept-2") ==
        std::map<std::string, std::int64_t>{{"aanpak", 1}, {"begrippen", 1}});
  CHECK(store.integrity_check() == "ok");
}

TEST_CASE(
    "review store: WAL with synchronous=FULL and a schema version - a newer schema is refused") {
  test::TempDir dir;
  const auto path = (dir / "r.sqlite").string();
  { Store store(path); }
  const auto header = test::read_file(dir / "r.sqlite").substr(0, 100);
  // Bytes 18 and 19 of the header are 2 in WAL mode; user_version at 60.
  CHECK(header[18] == 2);
  CHECK(header[19] == 2);
  CHECK(header[63] == review::schema_version);

  // A store from a newer visie: refused with a message, not misread.
  auto bytes = test::read_file(dir / "r.sqlite");
  bytes[63] = 9;
  test::write_file(dir / "newer.sqlite", bytes);
  CHECK_THROWS_WITH_AS(Store((dir / "newer.sqlite").string()),
                       doctest::Contains("newer than this visie knows"), review::StoreError);
  CHECK_THROWS_AS(Store((dir / "missing/dir/r.sqlite").string()), review::StoreError);
  test::write_file(dir / "junk.sqlite", std::string(4096, 'x'));
  CHECK_THROWS_AS(Store((dir / "junk.sqlite").string()), review::StoreError);
}

TEST_CASE(
    "review store: text is stored as it is with quotes and all (bound and never spliced into "
    "SQL)") {
  Store store(":memory:");
  auto c = sample("'); DROP TABLE comments; --");
  c.quote = std::string("nul\0byte", 8);
  REQUIRE(store.insert(c));
  CHECK(store.find(c.id)->comment == "'); DROP TABLE comments; --");
  CHECK(store.find(c.id)->quote == std::string("nul\0byte", 8));
  CHECK(store.list("concept-2").size() == 1);
}

TEST_CASE("review store: pages by a cursor - a comment added meanwhile never shifts a page") {
  Store store(":memory:");
  std::vector<std::string> ids;
  for (int i = 0; i < 7; ++i) {
    auto c = sample("Opmerking " + std::to_string(i));
    c.created = "2019-01-14T10:00:0" + std::to_string(i) + "Z";
    c.published = i % 2 == 0;
    c.author = i == 3 ? "bert" : "anna";
    c.id = review::comment_id(c);
    REQUIRE(store.insert(c));
    ids.push_back(c.id);
  }
  review::PageQuery query{"concept-2", "", "", 3, "", true};
  auto page = store.page(query);
  REQUIRE(page.comments.size() == 3);
  CHECK(page.more);
  CHECK(page.comments[0].id == ids[0]);
  // Added before the cursor: the next page still starts after the cursor.
  auto early = sample("Vroeg.");
  early.created = "2019-01-13T00:00:00Z";
  early.id = review::comment_id(early);
  REQUIRE(store.insert(early));
  query.after = page.comments.back().id;
  page = store.page(query);
  REQUIRE(page.comments.size() == 3);
  CHECK(page.comments[0].id == ids[3]);
  CHECK(page.more);
  query.after = page.comments.back().id;
  page = store.page(query);
  REQUIRE(page.comments.size() == 1);
  CHECK(page.comments[0].id == ids[6]);
  CHECK_FALSE(page.more);

  // A reviewer: the published ones and their own.
  review::PageQuery bert{"concept-2", "begrippen", "", 500, "bert", false};
  page = store.page(bert);
  std::set<std::string> seen;
  for (const auto& c : page.comments) seen.insert(c.id);
  CHECK(seen == std::set<std::string>{ids[0], ids[2], ids[3], ids[4], ids[6]});
}

TEST_CASE("review store: reads run while a write transaction is open - not behind one lock") {
  test::TempDir dir;
  Store store((dir / "r.sqlite").string());
  const auto a = sample("Eerste.");
  REQUIRE(store.insert(a));
  std::mutex mutex;
  std::condition_variable cv;
  bool inside = false;
  bool release = false;
  // A writer that holds the store's write transaction until released.
  std::thread writer([&] {
    store.change(a.id, [&](Comment& c) {
      c.disposition = "accepted";
      std::unique_lock lock(mutex);
      inside = true;
      cv.notify_all();
      cv.wait(lock, [&] { return release; });
      return true;
    });
  });
  {
    std::unique_lock lock(mutex);
    cv.wait(lock, [&] { return inside; });
  }
  // Meanwhile readers get the last committed state at once.
  const auto start = std::chrono::steady_clock::now();
  CHECK(store.find(a.id)->disposition == "open");
  CHECK(store.list("concept-2").size() == 1);
  CHECK(store.page({"concept-2", "", "", 500, "", true}).comments.size() == 1);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
  {
    const std::lock_guard lock(mutex);
    release = true;
  }
  cv.notify_all();
  writer.join();
  CHECK(store.find(a.id)->disposition == "accepted");
}

TEST_CASE("review store: insert_all is one transaction - a failure part way stores none") {
  test::TempDir dir;
  const auto path = (dir / "r.sqlite").string();
  Store store(path);
  // The third insert fails (as a full disk or a kill would part way).
  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &other) == SQLITE_OK);
  REQUIRE(sqlite3_exec(other,
                       "CREATE TRIGGER third BEFORE INSERT ON comments "
                       "WHEN (SELECT count(*) FROM comments) >= 2 "
                       "BEGIN SELECT RAISE(ABORT, 'disk full'); END",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(other);
  std::vector<Comment> all;
  for (int i = 0; i < 4; ++i) all.push_back(sample("Opmerking " + std::to_string(i)));
  for (auto& c : all) c.id = review::comment_id(c);
  CHECK_THROWS_AS(store.insert_all(all), review::StoreError);
  CHECK(store.list("concept-2").empty());
  // Without the trigger: all of them, and again none twice.
  REQUIRE(sqlite3_open(path.c_str(), &other) == SQLITE_OK);
  REQUIRE(sqlite3_exec(other, "DROP TRIGGER third", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(other);
  CHECK(store.insert_all(all) == 4);
  CHECK(store.insert_all(all) == 0);
}

TEST_CASE("review store: update writes every column of a comment, and only that comment's row") {
  Store store(":memory:");
  auto a = sample("Eerste.");
  const auto b = sample("Tweede.");
  REQUIRE(store.insert(a));
  REQUIRE(store.insert(b));
  a.chapter = "aanpak";
  a.block = "p-other";
  a.quote = "Een ander citaat.";
  a.role = "client";
  a.name = "Bert";
  a.comment = "Gewijzigd.";
  a.suggestion = "Anders.";
  a.created = "2020-02-02T02:02:02Z";
  a.disposition = "not-accepted";
  a.response = "Nee.";
  a.published = true;
  a.author = "def";
  store.update(a);
  CHECK(store.find(a.id) == a);
  CHECK(store.find(b.id) == b);
  // Another version's comment of the same id is not this one.
  auto elsewhere = a;
  elsewhere.version = "concept-1";
  elsewhere.comment = "Niet hier.";
  store.update(elsewhere);
  CHECK(store.find(a.id) == a);
}
