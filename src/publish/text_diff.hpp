#pragma once
/// The diffs of the changes pages: an edit script of two sequences (block
/// ids, sentences, words), the word diff of two texts, and the phrases a
/// reader sees (changed words grouped, a rewritten sentence shown whole).

#include <string>
#include <utility>
#include <vector>

#include <dtl/dtl.hpp>

namespace visie::publish {

/// The edit script between two sequences, as (element, -1 deleted /
/// 0 common / +1 added) in order. dtl computes it (Myers' O(ND) diff).
template <class T>
std::vector<std::pair<T, int>> edit_script(const std::vector<T>& a, const std::vector<T>& b) {
  dtl::Diff<T, std::vector<T>> diff(a, b);
  diff.compose();
  std::vector<std::pair<T, int>> out;
  for (const auto& [element, info] : diff.getSes().getSequence()) {
    const int op = info.type == dtl::SES_ADD ? 1 : info.type == dtl::SES_DELETE ? -1 : 0;
    out.emplace_back(element, op);
  }
  return out;
}

/// The words of `text` (split at spaces, tabs and line breaks).
std::vector<std::string> split_words(const std::string& text);

/// Shared words over all words (Jaccard), case-sensitive: 1 for two texts
/// with the same words, 0 for two with none in common.
double similarity(const std::string& a, const std::string& b);

/// One word of a word diff.
struct WordOp {
  enum class Op { same, inserted, deleted };
  Op op = Op::same;
  std::string word;
};

/// The word-level diff of two texts, sentence by sentence: a sentence that
/// was rewritten (little in common with the one it replaces) is deleted and
/// inserted whole; an edited one is diffed word by word.
std::vector<WordOp> diff_words(const std::string& before, const std::string& after);

/// A run of words with one fate. A deleted phrase right before an inserted
/// one is one change: the old words and what replaced them.
struct Phrase {
  WordOp::Op op = WordOp::Op::same;
  std::string text;  // the words, joined by spaces
  /// Its words in the text they come from (the older one for a deleted
  /// phrase, else the newer): words [from, to) of split_words().
  std::size_t from = 0;
  std::size_t to = 0;
};

/// `words` as phrases: adjacent changed words become one deleted and one
/// inserted phrase, and so do changes with one short unchanged word between
/// them ("de", "en", "–"), which both phrases then hold.
std::vector<Phrase> phrases(const std::vector<WordOp>& words);

/// A text as written (placeholders unfilled, `[@key]` and `[@sec:x]` as
/// the author typed them) aligned with the same text as the page shows it,
/// so that a diff of the text as written reads as the page does.
class ShownText {
 public:
  /// `shown` empty: the text is shown as written.
  ShownText(const std::string& written, const std::string& shown);
  /// Words [from, to) of the text as written as the page shows them: each
  /// citation, cross-reference or placeholder that lies wholly inside them
  /// as it is rendered, a part of one as written.
  [[nodiscard]] std::string words(std::size_t from, std::size_t to) const;

 private:
  struct Group {
    std::size_t first = 0;  // its words as written: [first, last)
    std::size_t last = 0;
    std::string shown;
  };
  std::vector<std::string> written_;
  std::vector<std::size_t> group_;  // of each word as written
  std::vector<Group> groups_;
};

/// `phrases` with their text as `before` (deleted ones) and `after` (the
/// others) show it.
void show(std::vector<Phrase>& phrases, const ShownText& before, const ShownText& after);

/// `phrases` joined as text: `same` as it is, changes through `deleted` and
/// `inserted` (which wrap a phrase's text); no space between a deleted
/// phrase and the inserted one that replaces it.
template <class Deleted, class Inserted, class Same>
std::string join_phrases(const std::vector<Phrase>& phrases, Deleted deleted, Inserted inserted,
                         Same same) {
  std::string out;
  for (std::size_t i = 0; i < phrases.size(); ++i) {
    const auto& p = phrases[i];
    const bool replaces = i > 0 && p.op == WordOp::Op::inserted &&
                          phrases[i - 1].op == WordOp::Op::deleted;
    if (i > 0 && !replaces) out += ' ';
    switch (p.op) {
      case WordOp::Op::same: out += same(p.text); break;
      case WordOp::Op::inserted: out += inserted(p.text); break;
      case WordOp::Op::deleted: out += deleted(p.text); break;
    }
  }
  return out;
}

}  // namespace visie::publish
