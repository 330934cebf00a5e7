#include "review/exchange.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "support/support.hpp"

using namespace visie;
using nlohmann::json;
using review::Comment;

namespace {

const char* export_file = R"({
  "format": "visie-review/1",
  "version": "concept-2",
  "comments": [
    {"chapter": "begrippen", "block": "p-xe24xub", "quote": "Zorg is maatwerk.", "role": "expert",
     "comment": "Te vaag.", "suggestion": "Zorg op maat.", "created": "2019-01-14T10:00:00Z"},
    {"chapter": "aanpak", "block": "p-aaaaaaa", "quote": "", "role": "client",
     "comment": "Mooi.", "created": "2019-01-13T08:00:00Z"}
  ]
}
)";

const std::set<std::string> versions{"concept-1", "concept-2"};

/// The chapters and blocks of every version, as the build would give them.
const review::SiteOf site = [](const std::string& version, core::Diagnostics&) {
  return std::optional<review::SiteIndex>(review::SiteIndex{
      version, {{"begrippen", {"p-xe24xub", "p-a"}}, {"aanpak", {"p-aaaaaaa"}}}});
};

Comment stored(const std::string& chapter, const std::string& text, const std::string& created) {
  Comment c;
  c.version = "concept-2";
  c.chapter = chapter;
  c.block = "p-xe24xub";
  c.quote = "Zorg.";
  c.role = "expert";
  c.name = "Geheim";
  c.comment = text;
  c.created = created;
  c.id = review::comment_id(c);
  return c;
}

}  // namespace

TEST_CASE("review import: adds the comments with their ids - the same file again adds nothing") {
  review::Store store(":memory:");
  core::Diagnostics diags;
  auto result = review::import_comments("a.json", export_file, versions, site, store, diags);
  REQUIRE_MESSAGE(result, test::all(diags));
  CHECK(result->version == "concept-2");
  CHECK(result->added == 2);
  CHECK(result->skipped == 0);
  // The id rule is the server's: the same comment posted or imported is one.
  CHECK(store.find("c-9d426a7aa99aa35c"));
  const auto all = store.list("concept-2");
  REQUIRE(all.size() == 2);
  CHECK(all[0].chapter == "aanpak");
  CHECK(all[0].suggestion.empty());
  CHECK(all[0].author.empty());
  CHECK(all[0].disposition == "open");

  result = review::import_comments("a.json", export_file, versions, site, store, diags);
  REQUIRE(result);
  CHECK(result->added == 0);
  CHECK(result->skipped == 2);
  CHECK(store.list("concept-2").size() == 2);
  CHECK_FALSE(diags.has_errors());
}

TEST_CASE("review import: every problem at its line and column - and then nothing is imported") {
  review::Store store(":memory:");
  const auto bad = [&](const std::string& text, const std::string& message) {
    CAPTURE(text);
    core::Diagnostics diags;
    CHECK_FALSE(review::import_comments("x.json", text, versions, site, store, diags));
    CHECK_MESSAGE(test::mentions(diags, message), test::all(diags));
    CHECK(store.list("concept-2").empty());
  };
  bad("{", "x.json:1:2: error:");
  bad(R"({"format": "visie-review/2", "version": "concept-2", "comments": []})",
      "x.json:1:12: error: \"format\" must be \"visie-review/1\"");
  bad(R"({"format": "visie-review/1", "version": "concept-9", "comments": []})",
      "x.json:1:41: error: there is no version \"concept-9\"");
  bad("{\"format\": \"visie-review/1\", \"version\": \"concept-2\", \"comments\": [\n"
      "  {\"chapter\": \"begrippen\", \"block\": \"p-a\", \"quote\": \"\", \"role\": \"expert\",\n"
      "   \"comment\": \"Goed.\", \"created\": \"2019-01-14T10:00:00Z\"},\n"
      "  {\"chapter\": \"begrippen\", \"block\": \"p-a\", \"quote\": \"\", \"role\": \"boss\",\n"
      "   \"comment\": \"\", \"created\": \"gisteren\", \"name\": \"Anna\"}\n"
      "]}",
      "x.json:4:65: error: \"role\" must be one of");
  bad("{\"format\": \"visie-review/1\", \"version\": \"concept-2\", \"comments\": [\n"
      "  {\"chapter\": \"begrippen\", \"block\": \"p-a\", \"quote\": \"\", \"role\": \"expert\",\n"
      "   \"comment\": \"\", \"created\": \"2019-01-14T10:00:00Z\"}]}",
      "x.json:3:15: error: \"comment\" must not be empty");
  bad("{\"format\": \"visie-review/1\", \"version\": \"concept-2\", \"comments\": [\n"
      "  {\"chapter\": \"begrippen\", \"block\": \"p-a\", \"quote\": \"\", \"role\": \"expert\",\n"
      "   \"comment\": \"x\", \"created\": \"2019-13-14T10:00:00Z\"}]}",
      "x.json:3:31: error: \"created\" must be a UTC time");
  bad("{\"format\": \"visie-review/1\", \"version\": \"concept-2\", \"comments\": [\n"
      "  {\"chapter\": \"begrippen\", \"block\": \"p-a\", \"quote\": \"\", \"role\": \"expert\",\n"
      "   \"comment\": \"x\", \"created\": \"2019-01-14T10:00:00Z\", \"name\": \"Anna\"}]}",
      "unknown");
  bad("{\"format\": \"visie-review/1\", \"version\": \"concept-2\", \"comments\": [\n"
      "  {\"id\": \"c-0000000000000000\", \"chapter\": \"begrippen\", \"block\": \"p-a\",\n"
      "   \"quote\": \"\", \"role\": \"expert\", \"comment\": \"x\", \"created\": "
      "\"2019-01-14T10:00:00Z\"}]}",
      "x.json:2:10: error: \"id\" does not match the comment");

  // An id the page computed by the same rule is welcome.
  auto with_id = json::parse(export_file);
  with_id["comments"][0]["id"] = "c-9d426a7aa99aa35c";
  core::Diagnostics diags;
  const auto result = review::import_comments("y.json", with_id.dump(), versions, site, store, diags);
  REQUIRE_MESSAGE(result, test::all(diags));
  CHECK(result->added == 2);
}

TEST_CASE("review export: one sorted deterministic file per chapter - names never written") {
  const std::vector<Comment> comments{stored("begrippen", "Later.", "2019-01-14T11:00:00Z"),
                                      stored("begrippen", "Eerder.", "2019-01-14T09:00:00Z"),
                                      stored("aanpak", "Elders.", "2019-01-14T09:00:00Z")};
  core::Diagnostics diags;
  const auto files = review::export_comments("concept-2", comments, {}, diags);
  CHECK_FALSE(diags.has_errors());
  REQUIRE(files.size() == 2);
  const auto& text = files.at("begrippen");
  CHECK(text.ends_with("}\n"));
  CHECK(text.find("Geheim") == std::string::npos);
  CHECK(text.find("\n  \"version\": \"concept-2\",\n") != std::string::npos);
  const auto doc = json::parse(text);
  CHECK(doc["$schema"] == "../../../schemas/review.schema.json");
  CHECK(doc["chapter"] == "begrippen");
  CHECK(doc["example"] == false);
  REQUIRE(doc["comments"].size() == 2);
  CHECK(doc["comments"][0]["comment"] == "Eerder.");
  CHECK(doc["comments"][0]["id"] == comments[1].id);
  CHECK(doc["comments"][0].size() == 9);
  CHECK_FALSE(doc["comments"][0].contains("name"));

  // The same comments in another order: the same bytes.
  const std::vector<Comment> shuffled{comments[2], comments[0], comments[1]};
  CHECK(review::export_comments("concept-2", shuffled, {}, diags) == files);
}

TEST_CASE("review export keeps the team's decisions already in the file - and its other comments") {
  auto decided = stored("begrippen", "Beslist.", "2019-01-14T09:00:00Z");
  auto open = stored("begrippen", "Open.", "2019-01-14T10:00:00Z");
  core::Diagnostics diags0;
  const auto first = review::export_comments("concept-2", {decided, open}, {}, diags0);
  // The team edits the file by hand: a decision on the first comment, and
  // one comment the store never had.
  auto doc = json::parse(first.at("begrippen"));
  doc["comments"][0]["disposition"] = "accepted";
  doc["comments"][0]["response"] = "Overgenomen in 3.2.";
  doc["example"] = true;
  auto extra = doc["comments"][1];
  extra["id"] = "c-00000000000000ff";
  extra["created"] = "2019-01-15T10:00:00Z";
  doc["comments"].push_back(extra);
  const review::ExistingFile file{"content/reviews/concept-2/begrippen.json", doc.dump(2) + "\n"};

  // The store now decides on the second one only.
  open.disposition = "not-accepted";
  core::Diagnostics diags;
  const auto again =
      review::export_comments("concept-2", {decided, open}, {{"begrippen", file}}, diags);
  CHECK_FALSE(diags.has_errors());
  const auto out = json::parse(again.at("begrippen"));
  CHECK(out["example"] == true);
  REQUIRE(out["comments"].size() == 3);
  CHECK(out["comments"][0]["disposition"] == "accepted");
  CHECK(out["comments"][0]["response"] == "Overgenomen in 3.2.");
  CHECK(out["comments"][1]["disposition"] == "not-accepted");
  CHECK(out["comments"][2]["id"] == "c-00000000000000ff");
  // Exporting what it wrote changes nothing.
  const review::ExistingFile written{file.path, again.at("begrippen")};
  CHECK(review::export_comments("concept-2", {decided, open}, {{"begrippen", written}}, diags) ==
        again);

  // A broken file is reported at its place and its chapter left alone.
  core::Diagnostics broken;
  const auto none = review::export_comments(
      "concept-2", {decided},
      {{"begrippen", {"content/reviews/concept-2/begrippen.json", "{\"comments\": [1]}"}}}, broken);
  CHECK(none.empty());
  CHECK(test::mentions(broken, "content/reviews/concept-2/begrippen.json:1:15: error:"));
}

TEST_CASE("review export reads the existing file as the build does") {
  // A comment id the build rejects (not 16 hex digits) was kept before,
  // and the export wrote a file that `visie build` then refused.
  const auto c = stored("begrippen", "Beslist.", "2019-01-14T09:00:00Z");
  const std::string text = R"({"version": "concept-2", "chapter": "begrippen", "comments": [
  {"id": "c-handgemaakt0000", "block": "p-a", "quote": "", "role": "expert",
   "comment": "x", "created": "2019-02-29T10:00:00Z"}]})";
  core::Diagnostics diags;
  const auto files = review::export_comments(
      "concept-2", {c}, {{"begrippen", {"content/reviews/concept-2/begrippen.json", text}}}, diags);
  CHECK(files.empty());
  CHECK(test::mentions(diags, "begrippen.json:2:10: error: a comment id is"));
  // 2019 was no leap year.
  CHECK(test::mentions(diags, "begrippen.json:3:31: error: a time is UTC"));
}

TEST_CASE("review import: as strict as the API - chapter and block must exist - real dates") {
  review::Store store(":memory:");
  const auto bad = [&](const std::string& comment, const std::string& message) {
    const auto text = "{\"format\": \"visie-review/1\", \"version\": \"concept-2\", \"comments\": [\n"
                      "  {\"chapter\": \"begrippen\", \"block\": \"p-a\", \"quote\": \"\", "
                      "\"role\": \"expert\", \"comment\": \"Goed.\", "
                      "\"created\": \"2019-01-14T10:00:00Z\"},\n  " +
                      comment + "\n]}";
    CAPTURE(text);
    core::Diagnostics diags;
    CHECK_FALSE(review::import_comments("x.json", text, versions, site, store, diags));
    CHECK_MESSAGE(test::mentions(diags, message), test::all(diags));
    CHECK(store.list("concept-2").empty());
  };
  const auto comment = [](const std::string& chapter, const std::string& block,
                          const std::string& created) {
    return "{\"chapter\": \"" + chapter + "\", \"block\": \"" + block +
           "\", \"quote\": \"\", \"role\": \"expert\", \"comment\": \"x\", \"created\": \"" +
           created + "\"}";
  };
  bad(comment("bestaat-niet", "p-a", "2019-01-14T10:00:00Z"),
      "x.json:3:15: error: version concept-2 has no chapter \"bestaat-niet\"");
  bad(comment("aanpak", "p-a", "2019-01-14T10:00:00Z"),
      "x.json:3:34: error: chapter \"aanpak\" has no block \"p-a\"");
  bad(comment("aanpak", "p-aaaaaaa", "2019-02-31T10:00:00Z"),
      "x.json:3:105: error: \"created\" must be a UTC time");
  bad(comment("aanpak", "p-aaaaaaa", "2019-02-28T23:59:60Z"),
      "x.json:3:105: error: \"created\" must be a time from 2000-01-01T00:00:00Z to "
      "2099-12-31T23:59:59Z without a leap second");
  bad(comment("aanpak", "p-aaaaaaa", "9999-12-31T23:59:59Z"), "must be a time from 2000");
  bad(comment("aanpak", "p-aaaaaaa", "1999-12-31T23:59:59Z"), "must be a time from 2000");
  // A version the build cannot give the chapters of: its errors, nothing imported.
  core::Diagnostics diags;
  const review::SiteOf broken = [](const std::string&, core::Diagnostics& found) {
    found.error({"content/versions.json", 3, 5}, "broken");
    return std::optional<review::SiteIndex>();
  };
  CHECK_FALSE(review::import_comments("x.json", export_file, versions, broken, store, diags));
  CHECK(test::mentions(diags, "content/versions.json:3:5: error: broken"));
  CHECK(store.list("concept-2").empty());
  CHECK(review::plausible_time("2000-01-01T00:00:00Z"));
  CHECK(review::plausible_time("2099-12-31T23:59:59Z"));
  CHECK_FALSE(review::plausible_time("2100-01-01T00:00:00Z"));
}

TEST_CASE("review import files: a folder, a FIFO, a device and an oversized file are refused unread") {
  test::TempDir dir;
  const auto refused = [](const std::string& path, const std::string& message) {
    CAPTURE(path);
    core::Diagnostics diags;
    const auto start = std::chrono::steady_clock::now();
    CHECK_FALSE(review::read_import_file(path, diags));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
    CHECK_MESSAGE(test::mentions(diags, path + ":1:1: error: " + message), test::all(diags));
  };
  refused(dir.path().string(), "is a folder");
  const auto fifo = (dir / "pipe").string();
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  refused(fifo, "is not a regular file");  // no writer: must not hang
  refused("/dev/zero", "is not a regular file");
  refused((dir / "missing.json").string(), "cannot open the file");
  // Larger than the limit: refused by its size, never read (a sparse file).
  const auto big = dir / "big.json";
  test::write_file(big, "");
  std::filesystem::resize_file(big, review::max_import_bytes + 1);
  refused(big.string(), "is larger than 16 MiB");
  test::write_file(dir / "ok.json", export_file);
  core::Diagnostics diags;
  CHECK(review::read_import_file((dir / "ok.json").string(), diags) == std::string(export_file));
}
