#include "review/docx.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "model/docx.hpp"
#include "review/detail/docx_read.hpp"

namespace visie::review {

namespace {

using namespace docx_detail;

/// The first `n` characters (code points) of `text` (a quote's limit).
std::string first_characters(const std::string& text, std::size_t n) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0U) == 0x80U) continue;
    if (count++ == n) return text.substr(0, i);
  }
  return text;
}

/// The first `n` characters of `text`, with "…" when it was longer.
std::string excerpt(const std::string& text, std::size_t n) {
  auto out = first_characters(text, n);
  return out.size() < text.size() ? out + "\u2026" : out;
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

/// Makes the comments of one Word file for one version.
class Maker {
 public:
  Maker(const core::SourceLoc& at, const DocxImport& options, const WordFile& word,
        const Placer& placer, core::Diagnostics& local)
      : at_(at), options_(options), doc_(word.document), placer_(placer), local_(local),
        // A comment or change without a valid date gets the time the file
        // was last saved (docProps/core.xml), else the earliest time there
        // is: both come from the file, so the same file gives the same ids.
        fallback_(word.saved.empty() ? std::string(earliest_time) : word.saved) {}

  /// Each comment, replies on the block of the comment they answer when
  /// they have no place of their own, in the order of word/comments.xml.
  void add_comments(const std::vector<WordComment>& word_comments) {
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
        local_.warning(at_, "comment " + wc->id + " has no text: left out");
        continue;
      }
      std::optional<Place> place;
      std::string why = "it is not anchored in word/document.xml";
      if (const auto s = doc_.starts.find(wc->id); s != doc_.starts.end()) {
        place = placer_.of_spot(s->second, why);
      } else if (const auto r = doc_.references.find(wc->id); r != doc_.references.end()) {
        place = placer_.of_spot(r->second, why);
      }
      if (!place && !wc->parent.empty()) {
        if (const auto p = placed.find(wc->parent); p != placed.end()) place = p->second;
      }
      if (!place) {
        local_.error(at_, what + " has no block: " + why);
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
      c.created = created_of(wc->date).value_or(fallback_);
      c.id = comment_id(c);
      if (const auto problem = comment_problem(c)) {
        local_.error(at_, what + ": " + *problem);
        continue;
      }
      made.emplace_back(index, std::move(c));
    }
    std::sort(made.begin(), made.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [index, c] : made) out.push_back(std::move(c));
  }

  /// Per block and author, the block's text as that author wants it.
  void add_changes() {
    struct Suggested {
      std::string created;
    };
    std::map<std::pair<Place, std::string>, Suggested> suggested;
    std::vector<std::pair<Place, std::string>> suggested_order;
    // A block's paragraphs: those in its bookmark, and those without one
    // that hold a change and whose text is closest to it.
    std::set<std::size_t> changed;
    for (const auto& change : doc_.changes) changed.insert(change.spot.paragraph);
    std::map<Place, std::vector<std::size_t>> paragraphs_of;
    if (!doc_.changes.empty()) {
      for (std::size_t i = 0; i < doc_.paragraphs.size(); ++i) {
        auto place = placer_.of_bookmark(bookmark_of(doc_.paragraphs[i]));
        if (!place && changed.contains(i)) {
          std::string ignored;
          place = placer_.of_paragraph(i, ignored);
        }
        if (place) paragraphs_of[*place].push_back(i);
      }
    }
    std::set<std::size_t> reported;  // paragraphs whose changes have no block
    for (const auto& change : doc_.changes) {
      std::string why;
      const auto place = placer_.of_spot(change.spot, why);
      if (!place) {
        if (reported.insert(change.spot.paragraph).second) {
          local_.error(at_, "a tracked change has no block: " + why);
        }
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
        const auto was = original_text(doc_.paragraphs[i]);
        const auto wants = text_of(doc_.paragraphs[i], author);
        if (!was.empty()) before += (before.empty() ? "" : "\n") + was;
        if (!wants.empty()) after += (after.empty() ? "" : "\n") + wants;
      }
      if (after == before) continue;  // changes that cancel out
      auto c = make(place, author);
      c.comment = std::string(tracked_change_comment);
      c.suggestion = after;
      const auto& created = suggested.at(key).created;
      c.created = created.empty() ? fallback_ : created;
      c.id = comment_id(c);
      if (const auto problem = comment_problem(c)) {
        local_.error(at_, "the tracked changes in block \"" + place.block + "\" of chapter \"" +
                            place.chapter + "\": " + *problem);
        continue;
      }
      out.push_back(std::move(c));
    }
  }

  std::vector<Comment> out;

 private:
  Comment make(const Place& place, const std::string& author) const {
    Comment c;
    c.version = options_.version;
    c.chapter = place.chapter;
    c.block = place.block;
    c.quote = placer_.quote(place);
    c.role = options_.role;
    c.name = options_.name.empty() ? first_characters(normalised(author), max_name) : options_.name;
    return c;
  }

  const core::SourceLoc& at_;
  const DocxImport& options_;
  const Document& doc_;
  const Placer& placer_;
  core::Diagnostics& local_;
  const std::string fallback_;
};

}  // namespace

std::optional<std::vector<Comment>> docx_comments(const std::string& file, std::string_view bytes,
                                                  const DocxImport& options,
                                                  const SiteIndex& site,
                                                  const Similarity& similarity,
                                                  core::Diagnostics& diags) {
  const core::SourceLoc at{file, 1, 1};
  core::Diagnostics local;
  const auto word = read_word_file(at, bytes, local);
  if (!word) {
    diags.append(local);
    return std::nullopt;
  }
  const Placer placer(site, similarity, word->document);
  Maker maker(at, options, *word, placer, local);
  maker.add_comments(word->comments);
  maker.add_changes();
  for (const auto& c : maker.out) {
    if (const auto problem = place_problem(site, c)) local.error(at, problem->message);
  }
  diags.append(local);
  if (local.has_errors()) return std::nullopt;
  return std::move(maker.out);
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
