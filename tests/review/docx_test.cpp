// review/docx: the comments and tracked changes of a Word file, placed on
// their blocks (by bookmark, else by text), with their dates, replies and
// authors.
#include "review/docx.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "publish/text_diff.hpp"
#include "support/docx.hpp"
#include "support/support.hpp"

using namespace visie;
using namespace visie::test::docx;

namespace {

/// A version with two blocks in one chapter.
review::SiteIndex site() {
  review::SiteIndex index;
  index.version = "concept-2";
  index.chapters["begrippen"] = {"p-een", "p-twee"};
  index.texts["begrippen"] = {{"p-een", "De eerste alinea gaat over zorg en zelfmanagement."},
                              {"p-twee", "Een tweede alinea over heel andere woorden hier."}};
  return index;
}

struct Result {
  std::optional<std::vector<review::Comment>> comments;
  core::Diagnostics diags;
};

Result read(const Parts& parts, const std::string& name = "") {
  const test::TempDir dir;
  Result r;
  r.comments = review::docx_comments(
      "in.docx", bytes(dir.path(), parts), {"concept-2", "expert", name}, site(),
      [](const std::string& a, const std::string& b) { return publish::similarity(a, b); },
      r.diags);
  return r;
}

const review::Comment& with_text(const std::vector<review::Comment>& all, const std::string& text) {
  const auto it = std::find_if(all.begin(), all.end(), [&](const review::Comment& c) {
    return c.comment.find(text) != std::string::npos;
  });
  REQUIRE_MESSAGE(it != all.end(), text);
  return *it;
}

}  // namespace

TEST_CASE("docx: a reply without a range of its own is on the block of the comment it answers") {
  const auto parts =
      docx(paragraph("begrippen", "p-twee", 1, comment_range(0, "Een tweede alinea")),
           comment(0, "Anna", "2026-11-02T09:15:00Z", "0A", "Eerste.") +
               comment(1, "Bert", "2026-11-02T09:16:00Z", "0B", "Antwoord."),
           R"(<w15:commentEx w15:paraId="0A"/><w15:commentEx w15:paraId="0B" w15:paraIdParent="0A"/>)");
  const auto r = read(parts);
  REQUIRE_MESSAGE(r.comments, test::all(r.diags));
  REQUIRE(r.comments->size() == 2);
  const auto& reply = with_text(*r.comments, "Antwoord.");
  CHECK(reply.block == "p-twee");
  CHECK(reply.comment == "Reactie op \u201CEerste.\u201D: Antwoord.");
  CHECK(reply.name == "Bert");
  CHECK(reply.quote == "Een tweede alinea over heel andere woorden hier.");
  CHECK(reply.id == review::comment_id(reply));
  // --name replaces every author.
  const auto named = read(parts, "Panel 3");
  REQUIRE(named.comments);
  for (const auto& c : *named.comments) CHECK(c.name == "Panel 3");
}

TEST_CASE("docx: without a valid w:date a comment gets the file's save time, else 2000-01-01") {
  auto parts = docx(paragraph("begrippen", "p-een", 1,
                              comment_range(0, "De eerste") + comment_range(1, " alinea")),
                    comment(0, "Anna", "", "0A", "Zonder datum.") +
                        comment(1, "Anna", "2026-02-31T10:00:00Z", "0B", "Onmogelijke datum."),
                    "");
  auto r = read(parts);
  REQUIRE_MESSAGE(r.comments, test::all(r.diags));
  REQUIRE(r.comments->size() == 2);
  for (const auto& c : *r.comments) CHECK(c.created == "2000-01-01T00:00:00Z");
  parts.emplace_back("docProps/core.xml",
                     xml_head +
                         R"(<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dcterms="http://purl.org/dc/terms/">)"
                         R"(<dcterms:modified>2026-11-05T16:40:00Z</dcterms:modified></cp:coreProperties>)");
  r = read(parts);
  REQUIRE(r.comments);
  for (const auto& c : *r.comments) CHECK(c.created == "2026-11-05T16:40:00Z");
}

TEST_CASE("docx: tracked changes - one comment per block and author, formatting changes ignored") {
  const auto document = paragraph(
      "begrippen", "p-een", 1,
      run("De eerste alinea gaat over ") + del(1, "Anna", "zorg") + ins(2, "Anna", "welzijn") +
          run(" en zelfmanagement.") + ins(3, "Bert", " Echt.") +
          R"(<w:r><w:rPr><w:b/><w:rPrChange w:id="4" w:author="Carla"><w:rPr/></w:rPrChange></w:rPr><w:t>!</w:t></w:r>)");
  const auto r = read(docx(document, "", ""));
  REQUIRE_MESSAGE(r.comments, test::all(r.diags));
  REQUIRE(r.comments->size() == 2);
  const auto& anna = (*r.comments)[0];
  CHECK(anna.name == "Anna");
  CHECK(anna.comment == "Wijziging voorgesteld in Word");
  CHECK(anna.suggestion == "De eerste alinea gaat over welzijn en zelfmanagement.!");
  CHECK(anna.created == "2026-11-02T10:05:00Z");  // the latest of the two
  const auto& bert = (*r.comments)[1];
  CHECK(bert.name == "Bert");
  CHECK(bert.suggestion == "De eerste alinea gaat over zorg en zelfmanagement. Echt.!");
}

TEST_CASE("docx: a paragraph without a bookmark goes to the closest block - at least half its words") {
  // 5 of the 8 distinct words of p-een's text, and 1 other: 5/9 shared.
  auto r = read(docx(paragraph("", "", 0, comment_range(0, "De eerste alinea over zorg vrij")),
                     comment(0, "Anna", "2026-11-02T09:15:00Z", "0A", "Waar?"), ""));
  REQUIRE_MESSAGE(r.comments, test::all(r.diags));
  CHECK((*r.comments)[0].block == "p-een");
  // A bookmark of another version counts as none.
  r = read(docx(paragraph("begrippen", "p-weg", 1, comment_range(0, "Een tweede alinea over heel")),
                comment(0, "Anna", "2026-11-02T09:15:00Z", "0A", "Waar?"), ""));
  REQUIRE_MESSAGE(r.comments, test::all(r.diags));
  CHECK((*r.comments)[0].block == "p-twee");
  // Too little in common: an error naming the comment, nothing returned.
  r = read(docx(paragraph("", "", 0, comment_range(7, "Geheel iets anders over zorg")),
                comment(7, "Anna", "2026-11-02T09:15:00Z", "0A", "Waar hoort dit?"), ""));
  CHECK_FALSE(r.comments);
  CHECK(test::all(r.diags).find(
            "in.docx:1:1: error: comment 7 (\u201CWaar hoort dit?\u201D) has no block") !=
        std::string::npos);
  CHECK(test::all(r.diags).find("import-docx needs 50%") != std::string::npos);
}

TEST_CASE("docx: an empty comment is left out with a warning") {
  const auto r = read(docx(paragraph("begrippen", "p-een", 1, comment_range(0, "De eerste")),
                           comment(0, "Anna", "2026-11-02T09:15:00Z", "0A", " "), ""));
  REQUIRE(r.comments);
  CHECK(r.comments->empty());
  CHECK(test::all(r.diags).find("in.docx:1:1: warning: comment 0 has no text") !=
        std::string::npos);
}

TEST_CASE("docx: at most 1,000 paragraphs without a bookmark are matched by text") {
  std::string document;
  std::string comments;
  for (int i = 0; i <= 1000; ++i) {
    document += paragraph("", "", 0, comment_range(i, "De eerste alinea gaat over zorg."));
    comments += comment(i, "Anna", "2026-11-02T09:15:00Z", "", "Nummer " + std::to_string(i));
  }
  const auto r = read(docx(document, comments, ""));
  CHECK_FALSE(r.comments);
  const auto messages = test::all(r.diags);
  CHECK(messages.find("comment 1000 (\u201CNummer 1000\u201D) has no block: its paragraph has no "
                      "bookmark, and more than 1000 paragraphs of the file have none") !=
        std::string::npos);
  CHECK(messages.find("comment 999 ") == std::string::npos);
}

TEST_CASE("docx: a comment in a footnote is on the block that cites the footnote") {
  auto parts = docx(paragraph("begrippen", "p-twee", 1,
                              run("Een tweede alinea.") +
                                  R"(<w:r><w:footnoteReference w:id="2"/></w:r>)"),
                    comment(0, "Anna", "2026-11-02T09:15:00Z", "0A", "Welke bron?"), "");
  parts.emplace_back("word/footnotes.xml",
                     xml_head + "<w:footnotes" + namespaces + R"(><w:footnote w:id="2"><w:p>)" +
                         comment_range(0, "Zie Vilans (2019).") + "</w:p></w:footnote></w:footnotes>");
  const auto r = read(parts);
  REQUIRE_MESSAGE(r.comments, test::all(r.diags));
  REQUIRE(r.comments->size() == 1);
  CHECK((*r.comments)[0].block == "p-twee");
}

TEST_CASE("docx: comment marks without their comment are said, not passed over") {
  const auto r = read(docx(paragraph("begrippen", "p-een", 1, comment_range(5, "De eerste")), "", ""));
  REQUIRE(r.comments);
  CHECK(r.comments->empty());
  CHECK(test::all(r.diags).find("in.docx:1:1: warning: word/document.xml marks 1 comment(s) that "
                                "word/comments.xml does not hold") != std::string::npos);
}
