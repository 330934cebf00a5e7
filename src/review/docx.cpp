#include "review/docx.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <set>
#include <tuple>
#include <utility>

#include "core/text.hpp"
#include "model/docx.hpp"

namespace visie::review {

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

/// A stretch of a paragraph's text: as it was, or inserted or deleted by
/// an author.
struct Piece {
  enum class Kind { same, inserted, deleted };
  Kind kind = Kind::same;
  std::string author;
  std::string text;
  std::string bookmark;  ///< the innermost visie bookmark around it
};

struct Paragraph {
  std::vector<Piece> pieces;
  std::string start_bookmark;  ///< the innermost visie bookmark where it starts
  std::string end_bookmark;    ///< … where it ends
};

/// Where a comment starts or is referenced, or a tracked change is.
struct Spot {
  std::size_t paragraph = 0;  ///< may be one past the last: none
  std::string bookmark;       ///< the innermost visie bookmark there, or empty
};

struct Change {
  Spot spot;
  std::string author;
  std::string date;
};

/// What the walk over word/document.xml finds.
struct Document {
  std::vector<Paragraph> paragraphs;
  std::map<std::string, Spot> starts;      ///< comment id → its w:commentRangeStart
  std::map<std::string, Spot> references;  ///< comment id → its w:commentReference
  std::vector<Change> changes;
  /// `footnote N` / `endnote N` → where its reference is in the text.
  std::map<std::string, Spot> notes;
};

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

/// Runs of whitespace as one space, none at either end.
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

/// The paragraph's text as it was (insertions left out, deletions kept).
std::string original_text(const Paragraph& p) {
  std::string out;
  for (const auto& piece : p.pieces) {
    if (piece.kind != Piece::Kind::inserted) out += piece.text;
  }
  return normalised(out);
}

/// The paragraph's text as `author` wants it: their insertions in, their
/// deletions out, everyone else's changes undone.
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

/// The paragraph's bookmark: the one around its first text, else the one
/// open where it starts or ends.
std::string bookmark_of(const Paragraph& p) {
  for (const auto& piece : p.pieces) {
    if (!piece.bookmark.empty()) return piece.bookmark;
  }
  return p.start_bookmark.empty() ? p.end_bookmark : p.start_bookmark;
}

// --------------------------------------------------------- comments

struct WordComment {
  std::string id;
  std::string author;
  std::string date;
  std::string text;
  std::string last_para_id;  ///< w14:paraId of its last paragraph
  std::string parent;        ///< the w:id of the comment it replies to, or empty
};

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

/// A Word date (`2019-01-14T10:00:00Z`, also without the `Z` or with
/// fractions of a second, as LibreOffice writes it) as a comment's
/// `created`, or nullopt when it is none or not plausible.
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

/// The first `n` characters of `text`, with "…" when it was longer.
std::string excerpt(const std::string& text, std::size_t n) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0U) == 0x80U) continue;
    if (count++ == n) return text.substr(0, i) + "\u2026";
  }
  return text;
}

/// The first `n` characters of `text` (a quote's limit).
std::string first_characters(const std::string& text, std::size_t n) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0U) == 0x80U) continue;
    if (count++ == n) return text.substr(0, i);
  }
  return text;
}

struct Place {
  std::string chapter;
  std::string block;
  friend auto operator<=>(const Place&, const Place&) = default;
};

/// Finds blocks for the paragraphs and spots of one file.
class Placer {
 public:
  Placer(const SiteIndex& site, const Similarity& similarity, const Document& doc)
      : site_(site), similarity_(similarity), doc_(doc) {
    for (const auto& [chapter, blocks] : site.chapters) {
      for (const auto& block : blocks) {
        by_bookmark_.emplace(model::docx_bookmark(chapter, block), Place{chapter, block});
      }
    }
  }

  /// The block of bookmark `name`, if it is one of the version's.
  std::optional<Place> of_bookmark(const std::string& name) const {
    const auto it = by_bookmark_.find(name);
    if (it == by_bookmark_.end()) return std::nullopt;
    return it->second;
  }

  /// The block of paragraph `i`: its bookmark's, or the one whose text is
  /// closest when it has none (or `why` says why there is none).
  std::optional<Place> of_paragraph(std::size_t i, std::string& why) const {
    const auto cached = cache_.find(i);
    if (cached != cache_.end()) {
      why = cached->second.second;
      return cached->second.first;
    }
    auto place = match_paragraph(i, why);
    cache_.emplace(i, std::make_pair(place, why));
    return place;
  }

  /// The block of a spot: the bookmark around it, else its paragraph's.
  std::optional<Place> of_spot(const Spot& spot, std::string& why) const {
    if (auto place = of_bookmark(spot.bookmark)) return place;
    return of_paragraph(spot.paragraph, why);
  }

  std::string quote(const Place& place) const {
    const auto chapter = site_.texts.find(place.chapter);
    if (chapter == site_.texts.end()) return {};
    const auto block = chapter->second.find(place.block);
    if (block == chapter->second.end()) return {};
    return first_characters(normalised(block->second), max_quote);
  }

 private:
  std::optional<Place> match_paragraph(std::size_t i, std::string& why) const {
    if (i >= doc_.paragraphs.size()) {
      why = "it is not in any paragraph";
      return std::nullopt;
    }
    if (auto place = of_bookmark(bookmark_of(doc_.paragraphs[i]))) return place;
    const auto text = original_text(doc_.paragraphs[i]);
    if (text.empty()) {
      why = "its paragraph has no bookmark and no text to match a block by";
      return std::nullopt;
    }
    if (++matched_ > max_docx_text_matches) {
      why = "its paragraph has no bookmark, and more than " +
            std::to_string(max_docx_text_matches) +
            " paragraphs of the file have none: is it a Word file of version " + site_.version +
            "?";
      return std::nullopt;
    }
    double best = -1;
    Place found;
    for (const auto& [chapter, blocks] : site_.texts) {
      for (const auto& [block, block_text] : blocks) {
        const double score = similarity_ ? similarity_(text, normalised(block_text)) : 0.0;
        if (score > best) {
          best = score;
          found = {chapter, block};
        }
      }
    }
    if (best >= docx_match_threshold) return found;
    const auto percent = [](double x) { return std::to_string(static_cast<int>(x * 100)) + "%"; };
    why = "its paragraph (\u201C" + excerpt(text, 60) +
          "\u201D) has no bookmark, and its text matches no block of version " + site_.version +
          " closely enough (" +
          (best < 0 ? std::string("there are no blocks")
                    : "best: block \"" + found.block + "\" of chapter \"" + found.chapter +
                          "\", " + percent(best) + " of the words in common") +
          "; import-docx needs " + percent(docx_match_threshold) + ")";
    return std::nullopt;
  }

  const SiteIndex& site_;
  const Similarity& similarity_;
  const Document& doc_;
  std::map<std::string, Place> by_bookmark_;
  mutable std::map<std::size_t, std::pair<std::optional<Place>, std::string>> cache_;
  mutable std::size_t matched_ = 0;
};

}  // namespace

std::optional<std::vector<Comment>> docx_comments(const std::string& file, std::string_view bytes,
                                                  const DocxImport& options,
                                                  const SiteIndex& site,
                                                  const Similarity& similarity,
                                                  core::Diagnostics& diags) {
  const core::SourceLoc at{file, 1, 1};
  core::Diagnostics local;
  const auto fail = [&]() -> std::optional<std::vector<Comment>> {
    diags.append(local);
    return std::nullopt;
  };
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

  Document doc;
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
  std::vector<WordComment> word_comments;
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
  // A comment or change without a valid date gets the time the file was
  // last saved (docProps/core.xml), else the earliest time there is: both
  // come from the file, so the same file gives the same ids.
  std::string fallback(earliest_time);
  if (core_xml) {
    if (const auto xml = parse_part(*core_xml, "docProps/core.xml", at, local)) {
      for (const xmlNode* n = xmlDocGetRootElement(xml.get())->children; n != nullptr;
           n = n->next) {
        if (!is_element(n) || local_name(n) != "modified") continue;
        if (const auto t = created_of(normalised(node_text(n)))) fallback = *t;
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
  const Placer placer(site, similarity, doc);
  std::vector<Comment> out;
  const auto make = [&](const Place& place, const std::string& author) {
    Comment c;
    c.version = options.version;
    c.chapter = place.chapter;
    c.block = place.block;
    c.quote = placer.quote(place);
    c.role = options.role;
    c.name = options.name.empty() ? first_characters(normalised(author), max_name) : options.name;
    return c;
  };

  // The comments, replies with the block of the comment they answer when
  // they have no place of their own.
  std::map<std::string, Place> placed;  // comment id → block
  std::map<std::string, const WordComment*> by_id;
  for (const auto& wc : word_comments) by_id.emplace(wc.id, &wc);
  // Parents first: a reply may come before the comment it answers.
  std::vector<const WordComment*> order;
  for (const auto& wc : word_comments) {
    if (wc.parent.empty()) order.push_back(&wc);
  }
  for (const auto& wc : word_comments) {
    if (!wc.parent.empty()) order.push_back(&wc);
  }
  std::vector<std::pair<std::size_t, Comment>> made;  // position in comments.xml, comment
  for (const auto* wc : order) {
    const auto index = static_cast<std::size_t>(wc - word_comments.data());
    const auto what = "comment " + wc->id + " (\u201C" + excerpt(wc->text, 40) + "\u201D)";
    if (normalised(wc->text).empty()) {
      local.warning(at, "comment " + wc->id + " has no text: left out");
      continue;
    }
    std::optional<Place> place;
    std::string why = "it is not anchored in word/document.xml";
    if (const auto s = doc.starts.find(wc->id); s != doc.starts.end()) {
      place = placer.of_spot(s->second, why);
    } else if (const auto r = doc.references.find(wc->id); r != doc.references.end()) {
      place = placer.of_spot(r->second, why);
    }
    if (!place && !wc->parent.empty()) {
      if (const auto p = placed.find(wc->parent); p != placed.end()) place = p->second;
    }
    if (!place) {
      local.error(at, what + " has no block: " + why);
      continue;
    }
    placed.emplace(wc->id, *place);
    auto c = make(*place, wc->author);
    c.comment = wc->text;
    if (!wc->parent.empty()) {
      const auto parent = by_id.find(wc->parent);
      const auto answered = parent == by_id.end() ? std::string() : parent->second->text;
      c.comment = std::string(reply_prefix) + " \u201C" + excerpt(normalised(answered), 60) +
                  "\u201D: " + wc->text;
    }
    c.created = created_of(wc->date).value_or(fallback);
    c.id = comment_id(c);
    if (const auto problem = comment_problem(c)) {
      local.error(at, what + ": " + *problem);
      continue;
    }
    made.emplace_back(index, std::move(c));
  }
  std::sort(made.begin(), made.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [index, c] : made) out.push_back(std::move(c));

  // The tracked changes: per block and author, the block's text as that
  // author wants it.
  struct Suggested {
    std::string created;
  };
  std::map<std::pair<Place, std::string>, Suggested> suggested;
  std::vector<std::pair<Place, std::string>> suggested_order;
  // A block's paragraphs: those in its bookmark, and those without one
  // that hold a change and whose text is closest to it.
  std::set<std::size_t> changed;
  for (const auto& change : doc.changes) changed.insert(change.spot.paragraph);
  std::map<Place, std::vector<std::size_t>> paragraphs_of;
  if (!doc.changes.empty()) {
    for (std::size_t i = 0; i < doc.paragraphs.size(); ++i) {
      auto place = placer.of_bookmark(bookmark_of(doc.paragraphs[i]));
      if (!place && changed.contains(i)) {
        std::string ignored;
        place = placer.of_paragraph(i, ignored);
      }
      if (place) paragraphs_of[*place].push_back(i);
    }
  }
  for (const auto& change : doc.changes) {
    std::string why;
    const auto place = placer.of_spot(change.spot, why);
    if (!place) {
      local.error(at, "a tracked change has no block: " + why);
      continue;
    }
    const auto key = std::make_pair(*place, change.author);
    auto [it, added] = suggested.try_emplace(key);
    if (added) suggested_order.push_back(key);
    if (const auto t = created_of(change.date); t && *t > it->second.created) {
      it->second.created = *t;
    }
  }
  for (const auto& key : suggested_order) {
    const auto& [place, author] = key;
    std::string before;
    std::string after;
    for (const std::size_t i : paragraphs_of[place]) {
      const auto was = original_text(doc.paragraphs[i]);
      const auto wants = text_of(doc.paragraphs[i], author);
      if (!was.empty()) before += (before.empty() ? "" : "\n") + was;
      if (!wants.empty()) after += (after.empty() ? "" : "\n") + wants;
    }
    if (after == before) continue;  // changes that cancel out
    auto c = make(place, author);
    c.comment = std::string(tracked_change_comment);
    c.suggestion = after;
    const auto& created = suggested.at(key).created;
    c.created = created.empty() ? fallback : created;
    c.id = comment_id(c);
    if (const auto problem = comment_problem(c)) {
      local.error(at, "the tracked changes in block \"" + place.block + "\" of chapter \"" +
                          place.chapter + "\": " + *problem);
      continue;
    }
    out.push_back(std::move(c));
  }
  for (const auto& c : out) {
    if (const auto problem = place_problem(site, c)) local.error(at, problem->message);
  }
  diags.append(local);
  if (local.has_errors()) return std::nullopt;
  return out;
}

std::optional<ImportResult> import_docx(const std::string& file, std::string_view bytes,
                                        const DocxImport& options, const SiteIndex& site,
                                        const Similarity& similarity, Store& store,
                                        core::Diagnostics& diags) {
  const auto comments = docx_comments(file, bytes, options, site, similarity, diags);
  if (!comments) return std::nullopt;
  return store_imported(options.version, *comments, store);
}

}  // namespace visie::review
