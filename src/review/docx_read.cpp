#include "review/detail/docx_read.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include <algorithm>
#include <array>
#include <memory>
#include <set>
#include <tuple>
#include <utility>

#include "review/docx.hpp"
#include "review/exchange.hpp"

namespace visie::review::docx_detail {

namespace {

// ---------------------------------------------------------------- zip

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using Zip = std::unique_ptr<zip_t, ZipCloser>;

struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

/// Opens `bytes` as a zip archive, or reports why not.
Zip open_zip(const core::SourceLoc& at, std::string_view bytes, core::Diagnostics& diags) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    diags.error(at, std::string("cannot read the file: ") + zip_error_strerror(&error));
    zip_error_fini(&error);
    return nullptr;
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (archive == nullptr) {
    zip_source_free(source);
    const int code = zip_error_code_zip(&error);
    if (code == ZIP_ER_NOZIP && !bytes.starts_with("PK\x03\x04")) {
      diags.error(at, "is not a Word file (.docx): it is not a zip archive");
    } else if (code == ZIP_ER_NOZIP) {
      // It starts as one, but its directory at the end is missing.
      diags.error(at, "is a damaged zip archive, not a Word file (.docx) that can be read: it "
                      "ends before its directory (cut short?)");
    } else {
      diags.error(at, std::string("is a damaged zip archive, not a Word file (.docx) that can be "
                                  "read: ") +
                          zip_error_strerror(&error));
    }
    zip_error_fini(&error);
    return nullptr;
  }
  zip_error_fini(&error);
  return Zip(archive);
}

/// The unpacked bytes of part `name`: nullopt when the archive has no such
/// part (`missing` set) or it cannot be read (reported; `missing` clear).
std::optional<std::string> read_part(zip_t* archive, const char* name,
                                     const core::SourceLoc& at, bool& missing,
                                     core::Diagnostics& diags) {
  missing = false;
  const zip_int64_t index = zip_name_locate(archive, name, 0);
  if (index < 0) {
    missing = true;
    return std::nullopt;
  }
  const auto i = static_cast<zip_uint64_t>(index);
  const auto limit = std::to_string(max_docx_part_bytes / (1024 * 1024)) + " MiB";
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(archive, i, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) != 0 &&
      st.size > max_docx_part_bytes) {
    diags.error(at, std::string(name) + " unpacks to more than " + limit +
                        ", the most import-docx reads of one part");
    return std::nullopt;
  }
  const std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen_index(archive, i, 0));
  if (!file) {
    diags.error(at, std::string("cannot unpack ") + name + ": " +
                        zip_error_strerror(zip_get_error(archive)));
    return std::nullopt;
  }
  std::string out;
  std::array<char, 65536> buffer{};
  while (true) {
    const zip_int64_t n = zip_fread(file.get(), buffer.data(), buffer.size());
    if (n < 0) {
      diags.error(at, std::string("is damaged: cannot unpack ") + name + ": " +
                          zip_file_strerror(file.get()));
      return std::nullopt;
    }
    if (n == 0) break;
    out.append(buffer.data(), static_cast<std::size_t>(n));
    if (out.size() > max_docx_part_bytes) {
      // It said it was smaller: a zip bomb. Nothing more is read.
      diags.error(at, std::string(name) + " unpacks to more than " + limit +
                          ", the most import-docx reads of one part");
      return std::nullopt;
    }
  }
  return out;
}

// ---------------------------------------------------------------- XML

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using XmlDoc = std::unique_ptr<xmlDoc, DocFree>;

struct CtxtFree {
  void operator()(xmlParserCtxt* c) const { xmlFreeParserCtxt(c); }
};

/// Parses part `name`: no network, no entities expanded, no DTD at all (a
/// Word file never has one; refusing it rules out entity expansion).
XmlDoc parse_part(const std::string& text, const char* name, const core::SourceLoc& at,
                  core::Diagnostics& diags) {
  if (text.find("<!DOCTYPE") != std::string::npos) {
    diags.error(at, std::string(name) + " has a DOCTYPE, which no Word file has: refused");
    return nullptr;
  }
  const std::unique_ptr<xmlParserCtxt, CtxtFree> ctxt(xmlNewParserCtxt());
  if (!ctxt) {
    diags.error(at, "cannot read XML: out of memory");
    return nullptr;
  }
  XmlDoc doc(xmlCtxtReadMemory(ctxt.get(), text.data(), static_cast<int>(text.size()), name,
                               nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (!doc || xmlDocGetRootElement(doc.get()) == nullptr) {
    std::string why = "not well-formed XML";
    const xmlError* e = xmlCtxtGetLastError(ctxt.get());
    if (e != nullptr && e->message != nullptr) {
      why = e->message;
      while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
      why += " (line " + std::to_string(e->line) + ")";
    }
    diags.error(at, std::string(name) + " is damaged: " + why);
    return nullptr;
  }
  return doc;
}

std::string_view local_name(const xmlNode* n) {
  return n->name == nullptr ? std::string_view() : reinterpret_cast<const char*>(n->name);
}

/// The attribute of `n` with local name `name`, in whatever namespace
/// (w:, w15:, or none: Word and LibreOffice write them alike).
std::string attribute(const xmlNode* n, std::string_view name) {
  for (const xmlAttr* a = n->properties; a != nullptr; a = a->next) {
    if (reinterpret_cast<const char*>(a->name) != name) continue;
    xmlChar* value = xmlNodeListGetString(n->doc, a->children, 1);
    std::string out = value == nullptr ? "" : reinterpret_cast<const char*>(value);
    xmlFree(value);
    return out;
  }
  return {};
}

bool is_element(const xmlNode* n) { return n->type == XML_ELEMENT_NODE; }

std::string node_text(const xmlNode* n) {
  xmlChar* value = xmlNodeGetContent(n);
  std::string out = value == nullptr ? "" : reinterpret_cast<const char*>(value);
  xmlFree(value);
  return out;
}

// ------------------------------------------------------- the document

bool is_visie_bookmark(std::string_view name) { return name.starts_with("visie_"); }

class Walker {
 public:
  explicit Walker(Document& doc) : doc_(doc) {}

  void walk(const xmlNode* parent) {
    for (const xmlNode* n = parent->children; n != nullptr; n = n->next) {
      if (is_element(n)) visit(n);
    }
  }

 private:
  std::string innermost() const { return open_.empty() ? "" : open_.back().second; }

  Spot here() const {
    return {paragraphs_.empty() ? doc_.paragraphs.size() : paragraphs_.back(), innermost()};
  }

  void add_text(std::string text, Piece::Kind kind) {
    if (paragraphs_.empty() || text.empty()) return;
    Piece piece;
    piece.kind = changes_.empty() ? kind : changes_.back().first;
    piece.author = changes_.empty() ? "" : changes_.back().second;
    if (kind == Piece::Kind::deleted) piece.kind = Piece::Kind::deleted;
    piece.text = std::move(text);
    piece.bookmark = innermost();
    doc_.paragraphs[paragraphs_.back()].pieces.push_back(std::move(piece));
    ++pieces_;
  }

  void visit(const xmlNode* n) {
    const auto name = local_name(n);
    // Properties (also their recorded changes: formatting, a paragraph
    // mark), field codes and the fallback copy of alternate content hold
    // no text of the block.
    if (name.ends_with("Pr") || name.ends_with("PrChange") || name == "instrText" ||
        name == "delInstrText" || name == "Fallback") {
      return;
    }
    if (name == "p") {
      doc_.paragraphs.push_back({});
      doc_.paragraphs.back().start_bookmark = innermost();
      paragraphs_.push_back(doc_.paragraphs.size() - 1);
      walk(n);
      doc_.paragraphs[paragraphs_.back()].end_bookmark = innermost();
      paragraphs_.pop_back();
    } else if (name == "bookmarkStart") {
      const auto bookmark = attribute(n, "name");
      if (is_visie_bookmark(bookmark)) open_.emplace_back(attribute(n, "id"), bookmark);
    } else if (name == "bookmarkEnd") {
      const auto id = attribute(n, "id");
      const auto it = std::find_if(open_.rbegin(), open_.rend(),
                                   [&](const auto& b) { return b.first == id; });
      if (it != open_.rend()) open_.erase(std::next(it).base());
    } else if (name == "ins" || name == "del" || name == "moveTo" || name == "moveFrom") {
      const auto kind =
          name == "ins" || name == "moveTo" ? Piece::Kind::inserted : Piece::Kind::deleted;
      const auto spot = here();
      const auto before = pieces_seen();
      changes_.emplace_back(kind, attribute(n, "author"));
      walk(n);
      changes_.pop_back();
      if (pieces_seen() != before) {
        doc_.changes.push_back({spot, attribute(n, "author"), attribute(n, "date")});
      }
    } else if (name == "t") {
      add_text(node_text(n), Piece::Kind::same);
    } else if (name == "delText") {
      add_text(node_text(n), Piece::Kind::deleted);
    } else if (name == "tab" || name == "br" || name == "cr") {
      add_text(" ", Piece::Kind::same);
    } else if (name == "noBreakHyphen") {
      add_text("-", Piece::Kind::same);
    } else if (name == "commentRangeStart") {
      doc_.starts.emplace(attribute(n, "id"), here());
    } else if (name == "commentReference") {
      doc_.references.emplace(attribute(n, "id"), here());
    } else if (name == "footnoteReference" || name == "endnoteReference") {
      const auto kind = name == "footnoteReference" ? "footnote " : "endnote ";
      doc_.notes.emplace(kind + attribute(n, "id"), here());
    } else {
      walk(n);
    }
  }

  std::size_t pieces_seen() const { return pieces_; }

  Document& doc_;
  std::size_t pieces_ = 0;
  std::vector<std::pair<std::string, std::string>> open_;  // id, name
  std::vector<std::size_t> paragraphs_;
  std::vector<std::pair<Piece::Kind, std::string>> changes_;  // kind, author
};

/// Places the comments in the notes of `root` (word/footnotes.xml or
/// word/endnotes.xml, elements `kind`) where the note's reference is in
/// the text: a comment on a footnote is on the block that cites it.
void place_note_comments(const xmlNode* root, std::string_view kind, Document& doc) {
  for (const xmlNode* n = root->children; n != nullptr; n = n->next) {
    if (!is_element(n) || local_name(n) != kind) continue;
    const auto reference = doc.notes.find(std::string(kind) + " " + attribute(n, "id"));
    if (reference == doc.notes.end()) continue;
    Document note;
    Walker(note).walk(n);
    for (const auto* spots : {&note.starts, &note.references}) {
      for (const auto& [id, spot] : *spots) doc.starts.emplace(id, reference->second);
    }
  }
}

// --------------------------------------------------------- comments

std::vector<WordComment> read_comments(const xmlNode* root) {
  std::vector<WordComment> out;
  for (const xmlNode* n = root->children; n != nullptr; n = n->next) {
    if (!is_element(n) || local_name(n) != "comment") continue;
    WordComment c;
    c.id = attribute(n, "id");
    c.author = attribute(n, "author");
    c.date = attribute(n, "date");
    Document body;
    Walker(body).walk(n);
    std::string text;
    for (const auto& p : body.paragraphs) {
      const auto line = original_text(p);
      if (line.empty()) continue;
      if (!text.empty()) text += "\n";
      text += line;
    }
    c.text = text;
    for (const xmlNode* p = n->children; p != nullptr; p = p->next) {
      if (is_element(p) && local_name(p) == "p") c.last_para_id = attribute(p, "paraId");
    }
    out.push_back(std::move(c));
  }
  return out;
}

/// Links each reply to its parent through word/commentsExtended.xml
/// (w15:commentEx w15:paraId → w15:paraIdParent).
void read_replies(const xmlNode* root, std::vector<WordComment>& comments) {
  std::map<std::string, std::size_t> by_para;  // paraId → index in comments
  for (std::size_t i = 0; i < comments.size(); ++i) {
    if (!comments[i].last_para_id.empty()) by_para[comments[i].last_para_id] = i;
  }
  for (const xmlNode* n = root->children; n != nullptr; n = n->next) {
    if (!is_element(n) || local_name(n) != "commentEx") continue;
    const auto parent = attribute(n, "paraIdParent");
    if (parent.empty()) continue;
    const auto child = by_para.find(attribute(n, "paraId"));
    const auto of = by_para.find(parent);
    if (child == by_para.end() || of == by_para.end() || child->second == of->second) continue;
    comments[child->second].parent = comments[of->second].id;
  }
}

}  // namespace

std::string normalised(std::string_view text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string original_text(const Paragraph& p) {
  std::string out;
  for (const auto& piece : p.pieces) {
    if (piece.kind != Piece::Kind::inserted) out += piece.text;
  }
  return normalised(out);
}




std::string text_of(const Paragraph& p, const std::string& author) {
  std::string out;
  for (const auto& piece : p.pieces) {
    const bool theirs = piece.author == author;
    if (piece.kind == Piece::Kind::same || (piece.kind == Piece::Kind::inserted && theirs) ||
        (piece.kind == Piece::Kind::deleted && !theirs)) {
      out += piece.text;
    }
  }
  return normalised(out);
}




std::string bookmark_of(const Paragraph& p) {
  for (const auto& piece : p.pieces) {
    if (!piece.bookmark.empty()) return piece.bookmark;
  }
  return p.start_bookmark.empty() ? p.end_bookmark : p.start_bookmark;
}

std::optional<std::string> created_of(std::string_view date) {
  if (date.size() < 19) return std::nullopt;
  auto rest = date.substr(19);
  if (rest.starts_with('.')) {
    std::size_t i = 1;
    while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') ++i;
    rest = rest.substr(i);
  }
  if (!rest.empty() && rest != "Z") return std::nullopt;
  auto t = std::string(date.substr(0, 19)) + "Z";
  if (!plausible_time(t)) return std::nullopt;
  return t;
}

std::optional<WordFile> read_word_file(const core::SourceLoc& at, std::string_view bytes,
                                       core::Diagnostics& local) {
  const auto fail = [] { return std::optional<WordFile>(); };
  xmlInitParser();
  const auto archive = open_zip(at, bytes, local);
  if (!archive) return fail();

  bool missing = false;
  const auto document_xml = read_part(archive.get(), "word/document.xml", at, missing, local);
  if (missing) {
    local.error(at, "is not a Word file (.docx): it has no word/document.xml");
  }
  if (!document_xml) return fail();
  const auto comments_xml = read_part(archive.get(), "word/comments.xml", at, missing, local);
  if (!comments_xml && !missing) return fail();
  const auto extended_xml =
      read_part(archive.get(), "word/commentsExtended.xml", at, missing, local);
  if (!extended_xml && !missing) return fail();
  const auto core_xml = read_part(archive.get(), "docProps/core.xml", at, missing, local);
  if (!core_xml && !missing) return fail();
  const auto footnotes_xml = read_part(archive.get(), "word/footnotes.xml", at, missing, local);
  if (!footnotes_xml && !missing) return fail();
  const auto endnotes_xml = read_part(archive.get(), "word/endnotes.xml", at, missing, local);
  if (!endnotes_xml && !missing) return fail();

  WordFile out;
  auto& doc = out.document;
  {
    const auto xml = parse_part(*document_xml, "word/document.xml", at, local);
    if (!xml) return fail();
    Walker(doc).walk(xmlDocGetRootElement(xml.get()));
  }
  for (const auto& [text, part, kind] :
       {std::tuple{&footnotes_xml, "word/footnotes.xml", "footnote"},
        std::tuple{&endnotes_xml, "word/endnotes.xml", "endnote"}}) {
    if (!*text) continue;
    const auto xml = parse_part(**text, part, at, local);
    if (!xml) return fail();
    place_note_comments(xmlDocGetRootElement(xml.get()), kind, doc);
  }
  auto& word_comments = out.comments;
  if (comments_xml) {
    const auto xml = parse_part(*comments_xml, "word/comments.xml", at, local);
    if (!xml) return fail();
    word_comments = read_comments(xmlDocGetRootElement(xml.get()));
  }
  if (extended_xml) {
    const auto xml = parse_part(*extended_xml, "word/commentsExtended.xml", at, local);
    if (!xml) return fail();
    read_replies(xmlDocGetRootElement(xml.get()), word_comments);
  }
  if (core_xml) {
    if (const auto xml = parse_part(*core_xml, "docProps/core.xml", at, local)) {
      for (const xmlNode* n = xmlDocGetRootElement(xml.get())->children; n != nullptr;
           n = n->next) {
        if (!is_element(n) || local_name(n) != "modified") continue;
        if (const auto t = created_of(normalised(node_text(n)))) out.saved = *t;
      }
    } else {
      return fail();
    }
  }

  {
    // Marks in the text of comments the file does not hold: it is damaged,
    // or was edited by hand; said, not silently passed over.
    std::set<std::string> held;
    for (const auto& wc : word_comments) held.insert(wc.id);
    std::size_t orphans = 0;
    for (const auto* spots : {&doc.starts, &doc.references}) {
      for (const auto& [id, spot] : *spots) {
        if (!held.contains(id) && (spots == &doc.starts || !doc.starts.contains(id))) ++orphans;
      }
    }
    if (orphans > 0) {
      local.warning(at, "word/document.xml marks " + std::to_string(orphans) +
                            " comment(s) that word/comments.xml does not hold: left out");
    }
  }
  return out;
}

}  // namespace visie::review::docx_detail
