#include "publish/text_diff.hpp"

#include <set>

namespace visie::publish {

namespace {

/// Below this similarity a replaced sentence counts as rewritten, and is
/// shown as the old sentence and the new one rather than word by word.
constexpr double rewritten_below = 0.5;

/// The longest unchanged word (in characters) that two changes around it
/// absorb into one phrase.
constexpr std::size_t short_word = 3;

std::size_t characters(const std::string& word) {
  std::size_t n = 0;
  for (const char c : word) n += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1U : 0U;
  return n;
}

double similarity(const std::vector<std::string>& wa, const std::vector<std::string>& wb) {
  const std::set<std::string> sa(wa.begin(), wa.end());
  const std::set<std::string> sb(wb.begin(), wb.end());
  std::size_t common = 0;
  for (const auto& w : sa) common += sb.contains(w) ? 1U : 0U;
  const auto all = sa.size() + sb.size() - common;
  return all == 0 ? 1.0 : static_cast<double>(common) / static_cast<double>(all);
}

/// Whether `word` ends a sentence: a full stop, question or exclamation
/// mark, possibly followed by closing quotes or brackets.
bool ends_sentence(const std::string& word) {
  std::size_t end = word.size();
  while (end > 0) {
    const auto c = word[end - 1];
    if (c == ')' || c == '"' || c == '\'') {
      --end;
    } else if (end >= 3 && (word.compare(end - 3, 3, "\u201D") == 0 || word.compare(end - 3, 3, "\u2019") == 0)) {
      end -= 3;
    } else {
      break;
    }
  }
  return end > 0 && (word[end - 1] == '.' || word[end - 1] == '?' || word[end - 1] == '!');
}

/// `words` cut into sentences.
std::vector<std::vector<std::string>> sentences(const std::vector<std::string>& words) {
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> current;
  for (const auto& w : words) {
    current.push_back(w);
    if (ends_sentence(w)) {
      out.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

void push_all(std::vector<WordOp>& out, const std::vector<std::string>& words, WordOp::Op op) {
  for (const auto& w : words) out.push_back({op, w});
}

}  // namespace

std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

double similarity(const std::string& a, const std::string& b) {
  return similarity(split_words(a), split_words(b));
}

std::vector<WordOp> diff_words(const std::string& before, const std::string& after) {
  const auto sa = sentences(split_words(before));
  const auto sb = sentences(split_words(after));
  std::vector<std::string> keys_a;
  std::vector<std::string> keys_b;
  for (const auto& s : sa) keys_a.push_back(joined(s));
  for (const auto& s : sb) keys_b.push_back(joined(s));

  std::vector<WordOp> out;
  // A run of deleted and inserted sentences between two common ones is
  // one edit: rewritten, or edited word by word.
  std::vector<std::string> old_words;
  std::vector<std::string> new_words;
  const auto flush = [&] {
    if (old_words.empty() || new_words.empty() || similarity(old_words, new_words) < rewritten_below) {
      push_all(out, old_words, WordOp::Op::deleted);
      push_all(out, new_words, WordOp::Op::inserted);
    } else {
      for (auto& [word, op] : edit_script(old_words, new_words)) {
        out.push_back({op == 0 ? WordOp::Op::same : op > 0 ? WordOp::Op::inserted : WordOp::Op::deleted,
                       std::move(word)});
      }
    }
    old_words.clear();
    new_words.clear();
  };
  std::size_t ia = 0;
  std::size_t ib = 0;
  for (const auto& [key, op] : edit_script(keys_a, keys_b)) {
    if (op == 0) {
      flush();
      push_all(out, sa[ia], WordOp::Op::same);
      ++ia;
      ++ib;
    } else if (op < 0) {
      old_words.insert(old_words.end(), sa[ia].begin(), sa[ia].end());
      ++ia;
    } else {
      new_words.insert(new_words.end(), sb[ib].begin(), sb[ib].end());
      ++ib;
    }
  }
  flush();
  return out;
}

std::vector<Phrase> phrases(const std::vector<WordOp>& words) {
  std::vector<Phrase> out;
  const auto append = [](Phrase& p, const std::string& word) {
    p.text += (p.text.empty() ? "" : " ") + word;
    ++p.to;
  };
  std::size_t ia = 0;  // words of the older text so far
  std::size_t ib = 0;  // of the newer
  std::size_t i = 0;
  while (i < words.size()) {
    if (words[i].op == WordOp::Op::same) {
      if (out.empty() || out.back().op != WordOp::Op::same) out.push_back({WordOp::Op::same, "", ib, ib});
      append(out.back(), words[i].word);
      ++ia;
      ++ib;
      ++i;
      continue;
    }
    Phrase deleted{WordOp::Op::deleted, "", ia, ia};
    Phrase inserted{WordOp::Op::inserted, "", ib, ib};
    while (true) {
      for (; i < words.size() && words[i].op != WordOp::Op::same; ++i) {
        if (words[i].op == WordOp::Op::deleted) {
          append(deleted, words[i].word);
          ++ia;
        } else {
          append(inserted, words[i].word);
          ++ib;
        }
      }
      // One short unchanged word before the next change joins the phrase.
      const bool bridge = i + 1 < words.size() && words[i + 1].op != WordOp::Op::same &&
                          characters(words[i].word) <= short_word;
      if (!bridge) break;
      append(deleted, words[i].word);
      append(inserted, words[i].word);
      ++ia;
      ++ib;
      ++i;
    }
    if (!deleted.text.empty()) out.push_back(std::move(deleted));
    if (!inserted.text.empty()) out.push_back(std::move(inserted));
  }
  return out;
}

ShownText::ShownText(const std::string& written, const std::string& shown)
    : written_(split_words(written)) {
  const auto shown_words = split_words(shown);
  Group pending;
  std::size_t i = 0;
  std::size_t j = 0;
  const auto flush = [&] {
    // Words the page adds with nothing written for them are left out.
    if (pending.last > pending.first) {
      for (std::size_t k = pending.first; k < pending.last; ++k) group_.push_back(groups_.size());
      groups_.push_back(std::move(pending));
    }
    pending = {i, i, ""};
  };
  if (shown_words.empty()) {
    for (; i < written_.size(); ++i) {
      group_.push_back(groups_.size());
      groups_.push_back({i, i + 1, written_[i]});
    }
    return;
  }
  for (const auto& [word, op] : edit_script(written_, shown_words)) {
    if (op == 0) {
      flush();
      group_.push_back(groups_.size());
      groups_.push_back({i, i + 1, shown_words[j]});
      ++i;
      ++j;
      pending = {i, i, ""};
    } else if (op < 0) {
      ++i;
      pending.last = i;
    } else {
      pending.shown += (pending.shown.empty() ? "" : " ") + shown_words[j];
      ++j;
    }
  }
  flush();
}

std::string ShownText::words(std::size_t from, std::size_t to) const {
  std::string out;
  const auto add = [&](const std::string& text) {
    if (!text.empty()) out += (out.empty() ? "" : " ") + text;
  };
  for (std::size_t i = from; i < to && i < written_.size(); ++i) {
    const auto& g = groups_[group_[i]];
    if (g.first >= from && g.last <= to) {
      if (i == g.first) add(g.shown);
    } else {
      add(written_[i]);
    }
  }
  return out;
}

void show(std::vector<Phrase>& phrases, const ShownText& before, const ShownText& after) {
  for (auto& p : phrases) {
    auto shown = (p.op == WordOp::Op::deleted ? before : after).words(p.from, p.to);
    if (!shown.empty()) p.text = std::move(shown);
  }
  // A change of what was written that reads the same on the page (a
  // citation written another way) is no change to a reader.
  for (std::size_t i = 1; i < phrases.size(); ++i) {
    if (phrases[i - 1].op == WordOp::Op::deleted && phrases[i].op == WordOp::Op::inserted &&
        phrases[i - 1].text == phrases[i].text) {
      phrases[i].op = WordOp::Op::same;
      phrases.erase(phrases.begin() + static_cast<std::ptrdiff_t>(i - 1));
    }
  }
}

}  // namespace visie::publish
