// `visie review import-docx` end to end: hand-made Word files with the
// structure Word 365 and LibreOffice write (comments with their ranges, a
// reply, tracked changes by two authors, a paragraph whose bookmark the
// reviewer's edit removed) imported, exported and built: the next
// version's commentaar.html shows each at its block. Bad files import
// nothing.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <set>
#include <string>

#include "review/store.hpp"
#include "support/docx.hpp"
#include "support/support.hpp"

namespace fs = std::filesystem;
using namespace visie;
using namespace visie::test::docx;

namespace {

// Blocks of the frozen final version and their text.
const std::string p1 = "p-do7o5xr";  // begrippen §4.1 ¶1
const std::string p2 = "p-co8g3xb";  // begrippen §4.1 ¶2
const std::string p3 = "p-8lm43db";  // aanpak §3.1 ¶1

/// The Word 365 file: a comment with a reply on p1, tracked changes by two
/// reviewers on p2, and a comment on p3, whose bookmark the reviewer's
/// edit removed (and whose text they changed without tracking).
Parts word_365() {
  const std::string document =
      paragraph("begrippen", p1, 1,
                run("Vrijwel iedereen in de zorg vindt ") +
                    R"(<w:commentRangeStart w:id="0"/><w:commentRangeStart w:id="1"/>)" +
                    run("zelfmanagement belangrijk.") +
                    R"(<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>)"
                    R"(<w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r>)" +
                    run(" Maar wie doorvraagt wat ermee bedoeld wordt, krijgt uiteenlopende "
                        "antwoorden.")) +
      paragraph("begrippen", p2, 2,
                run("De verschillen zijn ") + del(10, "Anna de Vries", "voor een groot deel") +
                    ins(11, "Anna de Vries", "grotendeels") +
                    run(" te verklaren door het perspectief van degene die het woord gebruikt.") +
                    ins(12, "Bert Jansen", " Dat is bekend.")) +
      paragraph("", "", 0,
                run("Een gezamenlijke visie kan niet achter een bureau worden geschreven. Het "
                    "werkpakket kiest daarom voor co-design: de visie wordt ") +
                    comment_range(2, "samen ontworpen") +
                    run(" met vertegenwoordigers van zorgaanbieders en van (kwetsbare) gebruikers "
                        "van zorg. Zo komen verschillende gezichtspunten, deskundigheden en "
                        "ervaringen op tafel, vanuit alle perspectieven die bij zelfmanagement "
                        "een rol spelen."));
  const std::string comments =
      comment(0, "Anna de Vries", "2026-11-02T09:15:00Z", "1A2B3C01",
              "Welk zelfmanagement bedoelen jullie hier?") +
      comment(1, "Bert Jansen", "2026-11-02T11:30:00Z", "1A2B3C02",
              "Dat staat verderop in paragraaf 4.3.") +
      comment(2, "Anna de Vries", "2026-11-02T09:20:00Z", "1A2B3C03",
              "Wie zijn die vertegenwoordigers precies?");
  const std::string extended =
      R"(<w15:commentEx w15:paraId="1A2B3C01" w15:done="0"/>)"
      R"(<w15:commentEx w15:paraId="1A2B3C02" w15:paraIdParent="1A2B3C01" w15:done="0"/>)"
      R"(<w15:commentEx w15:paraId="1A2B3C03" w15:done="0"/>)";
  return docx(document, comments, extended);
}

/// The file as LibreOffice writes it: no commentsExtended.xml, dates
/// without a zone and with fractions of a second.
Parts libreoffice() {
  const std::string document = paragraph(
      "begrippen", p1, 1,
      comment_range(0, "Vrijwel iedereen") + run(" in de zorg vindt zelfmanagement belangrijk.") +
          R"(<w:ins w:id="5" w:author="Carla" w:date="2026-11-04T08:00:00.000000000">)" +
          run(" Dat zegt iedereen.") + "</w:ins>");
  return docx(document,
              comment(0, "Carla", "2026-11-04T08:00:00.000000000", "00000001",
                      "Is dat zo? Graag een bron."),
              "");
}

struct Setup {
  test::TempDir dir;
  fs::path content = dir / "content";
  fs::path db = dir / "store.sqlite";
  std::string flags;
  Setup() {
    fs::copy(fs::path(VISIE_SOURCE_DIR) / "content", content, fs::copy_options::recursive);
    // Without the bundled example comments: only the imported ones show.
    fs::remove_all(content / "reviews");
    flags = " --content '" + content.string() + "' --db '" + db.string() + "'";
  }
  test::RunResult import(const fs::path& file, const std::string& extra = " --role expert") const {
    return test::run_visie("review import-docx '" + file.string() + "' --version final" + extra +
                           flags);
  }
};

/// The `<li>` of commentaar.html that holds `text`.
std::string item_with(const std::string& page, const std::string& text) {
  const auto at = page.find(text);
  REQUIRE_MESSAGE(at != std::string::npos, text);
  const auto start = page.rfind("<li class=\"disposition\"", at);
  const auto end = page.find("</li>", at);
  REQUIRE(start != std::string::npos);
  return page.substr(start, end - start);
}

}  // namespace

TEST_CASE("review import-docx: Word 365 and LibreOffice comments reach the next version's commentaar.html") {
  Setup s;
  write_zip(s.dir / "word.docx", word_365());
  write_zip(s.dir / "libre.docx", libreoffice());

  auto r = s.import(s.dir / "word.docx");
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  // Three comments (one a reply), and the changes of two reviewers.
  CHECK_MESSAGE(r.output.find("5 added, 0 already there") != std::string::npos, r.output);
  r = s.import(s.dir / "word.docx");
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK_MESSAGE(r.output.find("0 added, 5 already there") != std::string::npos, r.output);
  r = s.import(s.dir / "libre.docx", " --role client --name 'C. Visser'");
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK_MESSAGE(r.output.find("2 added, 0 already there") != std::string::npos, r.output);

  {
    // The names are in the store, for the team.
    const review::Store store(s.db.string());
    const auto all = store.list("final");
    REQUIRE(all.size() == 7);
    std::set<std::string> names;
    for (const auto& c : all) names.insert(c.name);
    CHECK(names == std::set<std::string>{"Anna de Vries", "Bert Jansen", "C. Visser"});
    for (const auto& c : all) {
      if (c.comment == "Welk zelfmanagement bedoelen jullie hier?") {
        CHECK(c.created == "2026-11-02T09:15:00Z");
        CHECK(c.role == "expert");
        CHECK(c.quote.starts_with("Vrijwel iedereen in de zorg vindt zelfmanagement belangrijk."));
      }
      if (c.comment.find("Graag een bron") != std::string::npos) {
        CHECK(c.created == "2026-11-04T08:00:00Z");
        CHECK(c.role == "client");
      }
    }
  }

  r = test::run_visie("review export --version final" + s.flags);
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  for (const auto& entry : fs::directory_iterator(s.content / "reviews/final")) {
    const auto text = test::read_file(entry.path());
    CHECK(text.find("Anna") == std::string::npos);
    CHECK(text.find("Bert") == std::string::npos);
    CHECK(text.find("Visser") == std::string::npos);
  }
  const auto out = s.dir / "site";
  r = test::run_visie("build -q --content '" + s.content.string() + "' --out '" + out.string() +
                      "'");
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  const auto page = test::read_file(out / "werkversie/commentaar.html");
  CHECK(page.find("Anna") == std::string::npos);
  CHECK(page.find("Bert") == std::string::npos);

  // Each comment at its block, with the suggested text where there is one.
  auto item = item_with(page, "Welk zelfmanagement bedoelen jullie hier?");
  CHECK(item.find("href=\"begrippen.html#" + p1 + "\"") != std::string::npos);
  item = item_with(page, "Dat staat verderop in paragraaf 4.3.");
  CHECK(item.find("Reactie op \u201CWelk zelfmanagement bedoelen jullie hier?\u201D") !=
        std::string::npos);
  CHECK(item.find("href=\"begrippen.html#" + p1 + "\"") != std::string::npos);
  // The bookmark was gone: the paragraph's text found the block.
  item = item_with(page, "Wie zijn die vertegenwoordigers precies?");
  CHECK(item.find("href=\"aanpak.html#" + p3 + "\"") != std::string::npos);
  // One suggestion per reviewer: each with only their own changes.
  item = item_with(page, "De verschillen zijn grotendeels te verklaren door het perspectief van "
                         "degene die het woord gebruikt.");
  CHECK(item.find("Wijziging voorgesteld in Word") != std::string::npos);
  CHECK(item.find("href=\"begrippen.html#" + p2 + "\"") != std::string::npos);
  item = item_with(page, "De verschillen zijn voor een groot deel te verklaren door het perspectief "
                         "van degene die het woord gebruikt. Dat is bekend.");
  CHECK(item.find("href=\"begrippen.html#" + p2 + "\"") != std::string::npos);
  // LibreOffice's comment and change.
  item = item_with(page, "Is dat zo? Graag een bron.");
  CHECK(item.find("href=\"begrippen.html#" + p1 + "\"") != std::string::npos);
  CHECK(item.find("Cli\u00EBnt") != std::string::npos);
  item = item_with(page, "Vrijwel iedereen in de zorg vindt zelfmanagement belangrijk. Dat zegt "
                         "iedereen.");
  CHECK(item.find("href=\"begrippen.html#" + p1 + "\"") != std::string::npos);
}

TEST_CASE("review import-docx: a bad file is an error at FILE:1:1 and stores nothing") {
  Setup s;
  const auto refused = [&](const fs::path& path, const std::string& message) {
    CAPTURE(path);
    const auto r = s.import(path);
    CHECK(r.exit_code == 1);
    CHECK_MESSAGE(r.output.find(message) != std::string::npos, r.output);
    if (fs::exists(s.db)) {
      const review::Store store(s.db.string());
      CHECK(store.list("final").empty());
    }
  };
  const auto file = [&](const std::string& name, const Parts& parts) {
    write_zip(s.dir / name, parts);
    return s.dir / name;
  };
  test::write_file(s.dir / "notes.docx", "Dit is geen Word-bestand.\n");
  refused(s.dir / "notes.docx", "notes.docx:1:1: error: is not a Word file (.docx): it is not a zip");
  refused(file("empty.docx", {{"word/other.xml", "<x/>"}}),
          "empty.docx:1:1: error: is not a Word file (.docx): it has no word/document.xml");
  // A damaged archive: the first half of a good one.
  write_zip(s.dir / "good.docx", word_365());
  const auto good = test::read_file(s.dir / "good.docx");
  test::write_file(s.dir / "half.docx", good.substr(0, good.size() / 2));
  refused(s.dir / "half.docx", "half.docx:1:1: error: is a damaged zip archive, not a Word file "
                               "(.docx) that can be read: it ends before its directory");
  // A damaged part: its bytes flipped inside the archive.
  auto flipped = good;
  const auto body = flipped.find("word/document.xml") + 40;
  for (std::size_t i = body; i < body + 40 && i < flipped.size(); ++i) flipped[i] = static_cast<char>(flipped[i] ^ 0x5A);
  test::write_file(s.dir / "flipped.docx", flipped);
  refused(s.dir / "flipped.docx", "flipped.docx:1:1: error: ");
  refused(file("xml.docx", docx("<w:p><w:r><w:t>open", "", "")),
          "xml.docx:1:1: error: word/document.xml is damaged");
  refused(file("entities.docx",
               {{"word/document.xml",
                 R"(<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]><w:document/>)"}}),
          "entities.docx:1:1: error: word/document.xml has a DOCTYPE");
  // A zip bomb: 40 MiB of spaces pack into some 40 kB; nothing past the
  // limit is read.
  refused(file("bomb.docx", {{"word/document.xml", std::string(40U * 1024 * 1024, ' ')}}),
          "bomb.docx:1:1: error: word/document.xml unpacks to more than 32 MiB");
  // A comment on a paragraph without a bookmark that matches no block.
  refused(file("lost.docx",
               docx(paragraph("", "", 0, comment_range(0, "Een zin die nergens in de visie staat.")),
                    comment(0, "Anna", "2026-11-02T09:15:00Z", "01", "Waar hoort dit?"), "")),
          "lost.docx:1:1: error: comment 0 (\u201CWaar hoort dit?\u201D) has no block: its "
          "paragraph (\u201CEen zin die nergens in de visie staat.\u201D) has no bookmark, and its "
          "text matches no block of version final closely enough");
  refused(s.dir.path(), ":1:1: error: is a folder");
  const auto fifo = s.dir / "pipe.docx";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  refused(fifo, "pipe.docx:1:1: error: is not a regular file");
  refused("/dev/zero", "/dev/zero:1:1: error: is not a regular file");
  refused(s.dir / "missing.docx", "missing.docx:1:1: error: cannot open the file");
  // A version that is not there is a usage error.
  const auto r = test::run_visie("review import-docx '" + (s.dir / "good.docx").string() +
                                 "' --version concept-9 --role expert" + s.flags);
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("there is no version \"concept-9\"") != std::string::npos);
}

TEST_CASE("review import-docx: comments on a version whose next one is frozen - a drift, then --refreeze shows them") {
  // concept-2 was reviewed; concept-3 is frozen already. The cached build
  // of concept-3 must not hide that its disposition page now differs.
  Setup s;
  test::TempDir cache;
  const auto env = "XDG_CACHE_HOME='" + cache.path().string() + "'";
  const auto out = s.dir / "site";
  const auto build = [&](const std::string& args) {
    return test::run_visie("build --content '" + s.content.string() + "' --out '" + out.string() +
                               "'" + args,
                           env);
  };
  auto r = build("");
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK_FALSE(fs::exists(out / "concept-3/commentaar.html"));

  write_zip(s.dir / "word.docx",
            docx(paragraph("begrippen", p1, 1, comment_range(0, "Vrijwel iedereen")),
                 comment(0, "Anna", "2019-01-10T09:00:00Z", "", "Opmerking op concept 2."), ""));
  r = test::run_visie("review import-docx '" + (s.dir / "word.docx").string() +
                      "' --version concept-2 --role expert" + s.flags);
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  r = test::run_visie("review export --version concept-2" + s.flags);
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);

  r = build("");
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  CHECK_MESSAGE(r.output.find("frozen version \"concept-3\" differently") != std::string::npos,
                r.output);
  CHECK(r.output.find("--refreeze concept-3") != std::string::npos);
  CHECK_FALSE(fs::exists(out / "concept-3/commentaar.html"));
  r = build(" --refreeze concept-3");
  REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  const auto page = test::read_file(out / "concept-3/commentaar.html");
  const auto item = item_with(page, "Opmerking op concept 2.");
  CHECK(item.find("href=\"begrippen.html#" + p1 + "\"") != std::string::npos);
}
