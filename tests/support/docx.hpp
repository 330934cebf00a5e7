#pragma once
// Hand-made Word files for the tests of `visie review import-docx`: the
// parts Word 365 and LibreOffice write, put together from small pieces of
// WordprocessingML, and written as a zip archive with libzip.

#include <zip.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "model/docx.hpp"

namespace visie::test::docx {

namespace fs = std::filesystem;

using Parts = std::vector<std::pair<std::string, std::string>>;

/// Writes `parts` as a zip archive at `path` (deflated, as Word does).
inline void write_zip(const fs::path& path, const Parts& parts) {
  int error = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (archive == nullptr) throw std::runtime_error("cannot create " + path.string());
  for (const auto& [name, text] : parts) {
    zip_source_t* source = zip_source_buffer(archive, text.data(), text.size(), 0);
    if (source == nullptr || zip_file_add(archive, name.c_str(), source, ZIP_FL_OVERWRITE) < 0) {
      zip_source_free(source);
      zip_discard(archive);
      throw std::runtime_error("cannot add " + name + " to " + path.string());
    }
  }
  if (zip_close(archive) != 0) throw std::runtime_error("cannot write " + path.string());
}

inline constexpr const char* namespaces =
    R"( xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")"
    R"( xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml")"
    R"( xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml")";

inline const std::string xml_head = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)";

/// The parts every Word file has, around `document` (the body's content),
/// `comments` (w:comment elements) and `extended` (w15:commentEx elements;
/// empty: no commentsExtended.xml, as LibreOffice may write it).
inline Parts docx(const std::string& document, const std::string& comments,
           const std::string& extended) {
  Parts parts{
      {"[Content_Types].xml",
       xml_head +
           R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
           R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
           R"(<Default Extension="xml" ContentType="application/xml"/>)"
           R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
           R"(<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>)"
           R"(<Override PartName="/word/commentsExtended.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"/>)"
           R"(</Types>)"},
      {"_rels/.rels",
       xml_head +
           R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
           R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>)"
           R"(</Relationships>)"},
      {"word/_rels/document.xml.rels",
       xml_head +
           R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
           R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>)"
           R"(<Relationship Id="rId2" Type="http://schemas.microsoft.com/office/2011/relationships/commentsExtended" Target="commentsExtended.xml"/>)"
           R"(</Relationships>)"},
      {"word/document.xml", xml_head + "<w:document" + namespaces + "><w:body>" + document +
                                "<w:sectPr/></w:body></w:document>"},
      {"word/comments.xml", xml_head + "<w:comments" + namespaces + ">" + comments + "</w:comments>"},
  };
  if (!extended.empty()) {
    parts.emplace_back("word/commentsExtended.xml",
                       xml_head + "<w15:commentsEx" + namespaces + ">" + extended +
                           "</w15:commentsEx>");
  }
  return parts;
}

inline std::string run(const std::string& text) { return R"(<w:r><w:t xml:space="preserve">)" + text + "</w:t></w:r>"; }

inline std::string ins(int id, const std::string& author, const std::string& text) {
  return R"(<w:ins w:id=")" + std::to_string(id) + R"(" w:author=")" + author +
         R"(" w:date="2026-11-02T10:00:00Z"><w:r><w:t xml:space="preserve">)" + text +
         "</w:t></w:r></w:ins>";
}

inline std::string del(int id, const std::string& author, const std::string& text) {
  return R"(<w:del w:id=")" + std::to_string(id) + R"(" w:author=")" + author +
         R"(" w:date="2026-11-02T10:05:00Z"><w:r><w:delText xml:space="preserve">)" + text +
         "</w:delText></w:r></w:del>";
}

/// A paragraph inside the bookmark of block `block` of chapter `chapter`,
/// as the writer puts it (or without it when `chapter` is empty).
inline std::string paragraph(const std::string& chapter, const std::string& block, int id,
                      const std::string& runs) {
  if (chapter.empty()) return "<w:p>" + runs + "</w:p>";
  const auto n = std::to_string(id);
  return R"(<w:p><w:bookmarkStart w:id=")" + n + R"(" w:name=")" +
         model::docx_bookmark(chapter, block) + R"("/>)" + runs + R"(<w:bookmarkEnd w:id=")" + n +
         R"("/></w:p>)";
}

inline std::string comment_range(int id, const std::string& text) {
  const auto n = std::to_string(id);
  return R"(<w:commentRangeStart w:id=")" + n + R"("/>)" + run(text) +
         R"(<w:commentRangeEnd w:id=")" + n + R"("/><w:r><w:commentReference w:id=")" + n +
         R"("/></w:r>)";
}

inline std::string comment(int id, const std::string& author, const std::string& date,
                    const std::string& para_id, const std::string& text) {
  return R"(<w:comment w:id=")" + std::to_string(id) + R"(" w:author=")" + author + "\"" +
         (date.empty() ? "" : R"( w:date=")" + date + "\"") + R"( w:initials="X"><w:p w14:paraId=")" +
         para_id + R"("><w:r><w:annotationRef/></w:r>)" + run(text) + "</w:p></w:comment>";
}

/// The bytes of `parts` as a .docx (written to a file in `dir` and read back).
inline std::string bytes(const fs::path& dir, const Parts& parts) {
  const auto path = dir / "bytes.docx";
  write_zip(path, parts);
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace visie::test::docx
