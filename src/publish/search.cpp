#include "publish/search.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <deque>
#include <set>
#include <unordered_map>

#include <libstemmer.h>
#include <nlohmann/json.hpp>
#include <utf8proc.h>

#include "core/parallel.hpp"

namespace visie::publish::search {

namespace {

using nlohmann::json;

bool is_word_char(utf8proc_int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

/// A JSON string literal of `s` (UTF-8 kept, invalid bytes replaced).
std::string quote(const std::string& s) {
  return json(s).dump(-1, ' ', false, json::error_handler_t::replace);
}

/// The script that hands `data` (JSON text) to the search client.
std::string script(const std::string& name, const std::string& data) {
  return "visieSearch.load(" + quote(name) + "," + data + ");\n";
}

/// One (section, weight) pair of a stem before it is written.
struct Posting {
  std::size_t section;
  int score;
};

/// `postings` (in section order) as a JSON array of section numbers, each
/// as its difference from the previous one (shorter), and weights:
/// [d0,w0,d1,w1,…].
std::string delta_list(const std::vector<Posting>& postings) {
  std::string list = "[";
  std::size_t previous = 0;
  for (const auto& p : postings) {
    if (list.size() > 1) list += ',';
    list += std::to_string(p.section - previous) + ',' + std::to_string(p.score);
    previous = p.section;
  }
  list += ']';
  return list;
}

/// The sections of `postings` as a bitmap in text: each character of the
/// base64url alphabet holds six sections, section 6k + j in bit j of
/// character k; it ends at the last section that holds the stem.
std::string bitmap(const std::vector<Posting>& postings) {
  static constexpr std::string_view alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::vector<unsigned> sixes(postings.empty() ? 0 : postings.back().section / 6 + 1, 0);
  for (const auto& p : postings) sixes[p.section / 6] |= 1U << (p.section % 6);
  std::string bits;
  bits.reserve(sixes.size());
  for (const auto v : sixes) bits += alphabet[v];
  return bits;
}

/// The postings of one stem (in section order, with their weights), every
/// one of them, in the smaller of two forms: the list of every section and
/// its weight, or -- for a stem in very many sections -- a bitmap of its
/// sections with the exact weights of its `ranked` best only and one
/// weight, their average, for the rest: {"bits":…,"rest":w,"top":[…]}.
/// The sections a query finds are complete either way; the ranking of
/// the long tail of a common word is coarser.
std::string encode(const std::vector<Posting>& postings, std::size_t ranked) {
  auto list = delta_list(postings);
  if (postings.size() <= ranked) return list;
  auto best = postings;
  std::stable_sort(best.begin(), best.end(),
                   [](const Posting& a, const Posting& b) { return a.score > b.score; });
  long long rest = 0;
  for (std::size_t i = ranked; i < best.size(); ++i) rest += best[i].score;
  const auto others = static_cast<long long>(best.size() - ranked);
  rest = std::max(1LL, (rest + others / 2) / others);
  best.resize(ranked);
  std::sort(best.begin(), best.end(),
            [](const Posting& a, const Posting& b) { return a.section < b.section; });
  auto bits = "{\"bits\":\"" + bitmap(postings) + "\",\"rest\":" + std::to_string(rest) +
              ",\"top\":" + delta_list(best) + "}";
  return bits.size() < list.size() ? bits : list;
}

}  // namespace

std::string fold(std::string_view text) {
  // ASCII, most words of Dutch text: folding is lower-casing (there are no
  // marks to strip and nothing to compose), without utf8proc's allocation.
  if (std::all_of(text.begin(), text.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    std::string lower(text);
    for (auto& c : lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return lower;
  }
  utf8proc_uint8_t* out = nullptr;
  const auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                                      UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                              static_cast<utf8proc_ssize_t>(text.size()), &out, options);
  // utf8proc_map allocates `out` with malloc; we own it.
  std::unique_ptr<utf8proc_uint8_t, void (*)(void*)> owned(out, std::free);
  if (n < 0) return std::string(text);  // invalid UTF-8: visie's own text never is
  return std::string(reinterpret_cast<const char*>(owned.get()), static_cast<std::size_t>(n));
}

namespace {

bool is_ascii_word_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/// Calls `found(word)` for every word of `text` (a run of letters, marks
/// and digits), unfolded, in order. ASCII, most of a Dutch text, is
/// classified without utf8proc.
template <typename Found>
void for_each_word(std::string_view text, Found&& found) {
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const auto size = static_cast<utf8proc_ssize_t>(text.size());
  utf8proc_ssize_t i = 0;
  utf8proc_ssize_t start = -1;
  while (i <= size) {
    bool word = false;
    utf8proc_ssize_t len = 1;
    if (i < size && bytes[i] < 0x80) {
      word = is_ascii_word_char(bytes[i]);
    } else if (i < size) {
      utf8proc_int32_t cp = -1;
      len = utf8proc_iterate(bytes + i, size - i, &cp);
      if (len < 1) len = 1;  // an invalid byte ends a word
      word = cp >= 0 && is_word_char(cp);
    }
    if (word && start < 0) start = i;
    if (!word && start >= 0) {
      found(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
      start = -1;
    }
    i += len;
  }
}

}  // namespace

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> result;
  for_each_word(text, [&](std::string_view word) {
    auto folded = fold(word);
    if (!folded.empty()) result.push_back(std::move(folded));
  });
  return result;
}

Stemmer::Stemmer(std::string_view language)
    : name_(language == "nl" || language.starts_with("nl-") ? "dutch" : "none"),
      stemmer_(name_ == "dutch" ? sb_stemmer_new("dutch", "UTF_8") : nullptr, sb_stemmer_delete) {
  if (name_ == "dutch" && !stemmer_) name_ = "none";
}

Stemmer::~Stemmer() = default;

std::string Stemmer::stem(std::string_view folded) const {
  if (!stemmer_) return std::string(folded);
  // The result belongs to the stemmer and lives until its next call.
  const auto* out = sb_stemmer_stem(stemmer_.get(),
                                    reinterpret_cast<const sb_symbol*>(folded.data()),
                                    static_cast<int>(folded.size()));
  if (!out) return std::string(folded);
  return std::string(reinterpret_cast<const char*>(out),
                     static_cast<std::size_t>(sb_stemmer_length(stemmer_.get())));
}

std::vector<Section> sections(const render::RenderedChapter& chapter) {
  return sections(chapter.title, chapter.id + ".html", chapter.sections);
}

std::vector<Section> sections(const std::string& title, const std::string& page,
                              const std::vector<render::Section>& parts) {
  std::vector<Section> result;
  result.reserve(parts.size());
  for (const auto& s : parts) {
    result.push_back({title, s.heading, s.id.empty() ? page : page + "#" + s.id, s.level, s.text});
  }
  return result;
}

std::map<std::string, std::string> build_index(const std::vector<Section>& all,
                                               const IndexOptions& options) {
  const Stemmer stemmer(options.language);
  // Term frequencies per section; a heading's words count five times, and
  // so do the chapter title's in the section it opens: a section about a
  // word comes before one that mentions it. Sections are read on all cores,
  // a block at a time with a stemmer each (a stemmer is not thread-safe);
  // a word is stemmed once per block, since most words of a text are ones
  // it has used before. Each stem goes to one of `shards` shards by its
  // hash, and each shard collects its stems' postings in section order.
  constexpr std::size_t block = 64;
  const std::size_t shards = 4 * core::worker_count();
  // A block's stems, each once, with its shard; a section's terms are
  // (index into its block's stems, weight) pairs: 8 bytes a term rather
  // than a string.
  struct BlockStems {
    std::vector<std::string> stems;
    std::vector<std::size_t> shard;
  };
  using Term = std::pair<std::uint32_t, int>;
  const std::size_t blocks = (all.size() + block - 1) / block;
  std::vector<BlockStems> block_stems(blocks);
  std::vector<std::vector<Term>> terms(all.size());
  std::vector<std::size_t> length(all.size(), 0);
  core::parallel_for(blocks, [&](std::size_t b) {
    const Stemmer own(options.language);
    auto& table = block_stems[b];
    constexpr auto none = std::numeric_limits<std::uint32_t>::max();
    // Word as written → its stem's index: a word is folded and stemmed once.
    std::unordered_map<std::string_view, std::uint32_t> words_seen;
    std::deque<std::string> written;  // the keys of `words_seen`
    std::unordered_map<std::string, std::uint32_t> stem_index;
    std::unordered_map<std::uint32_t, std::size_t> seen;  // stem → index in terms[i]
    for (std::size_t i = b * block; i < std::min(all.size(), (b + 1) * block); ++i) {
      const auto& s = all[i];
      auto& found = terms[i];
      const auto add = [&](const std::string& text, int weight) {
        for_each_word(text, [&](std::string_view w) {
          auto known = words_seen.find(w);
          if (known == words_seen.end()) {
            const auto folded = fold(w);
            auto index = none;
            if (!folded.empty()) {
              auto stem = own.stem(folded);
              const auto [at, fresh] =
                  stem_index.try_emplace(stem, static_cast<std::uint32_t>(table.stems.size()));
              if (fresh) {
                table.shard.push_back(std::hash<std::string>{}(stem) % shards);
                table.stems.push_back(std::move(stem));
              }
              index = at->second;
            }
            known = words_seen.emplace(written.emplace_back(w), index).first;
          }
          const auto stem = known->second;
          if (stem == none) return;  // folded to nothing
          const auto [at, fresh] = seen.try_emplace(stem, found.size());
          if (fresh) found.emplace_back(stem, 0);
          found[at->second].second += weight;
          length[i] += static_cast<std::size_t>(weight);
        });
      };
      add(s.text, 1);
      add(s.heading, 5);
      if (s.level == 1) add(s.chapter, 5);
      seen.clear();
    }
  });
  std::vector<std::unordered_map<std::string, std::vector<Posting>>> by_stem(shards);
  core::parallel_for(shards, [&](std::size_t shard) {
    auto& own = by_stem[shard];
    std::vector<std::vector<Posting>*> lists;  // by the block's stem index
    for (std::size_t b = 0; b < blocks; ++b) {
      const auto& table = block_stems[b];
      lists.assign(table.stems.size(), nullptr);
      for (std::size_t k = 0; k < table.stems.size(); ++k) {
        if (table.shard[k] == shard) lists[k] = &own[table.stems[k]];
      }
      for (std::size_t i = b * block; i < std::min(all.size(), (b + 1) * block); ++i) {
        for (const auto& [stem, score] : terms[i]) {
          if (lists[stem] != nullptr) lists[stem]->push_back({i, score});
        }
      }
    }
  });
  terms = {};
  block_stems = {};

  double average = 0;
  for (const auto n : length) average += static_cast<double>(n);
  average = all.empty() ? 1 : std::max(1.0, average / static_cast<double>(all.size()));
  const double count = static_cast<double>(all.size());

  // BM25 weights, in tenths, computed here so that the script only adds;
  // each shard's stems on one core.
  std::vector<std::vector<std::pair<std::string, std::string>>> members(shards);
  core::parallel_for(shards, [&](std::size_t shard) {
    for (auto& [stem, postings] : by_stem[shard]) {
      const double df = static_cast<double>(postings.size());
      const double idf = std::log(1 + (count - df + 0.5) / (df + 0.5));
      for (auto& p : postings) {
        const double f = p.score;  // the term frequency, until here
        const double norm = 1.2 * (0.25 + 0.75 * static_cast<double>(length[p.section]) / average);
        const double score = idf * f * 2.2 / (f + norm);
        p.score = std::max(1, static_cast<int>(std::lround(score * 10)));
      }
      members[shard].emplace_back(stem, quote(stem) + ":" + encode(postings, options.ranked_postings));
    }
    by_stem[shard] = {};
  });
  // In stem order, as the chunks are cut.
  std::vector<std::pair<std::string, std::string>> entries;  // stem → its JSON member
  for (auto& shard : members) {
    entries.insert(entries.end(), std::make_move_iterator(shard.begin()),
                   std::make_move_iterator(shard.end()));
  }
  members = {};
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });

  std::map<std::string, std::string> files;
  json firsts = json::array();
  std::string chunk;
  auto close_chunk = [&] {
    if (chunk.empty()) return;
    const auto name = "w" + std::to_string(firsts.size() - 1);
    files["search/" + name + ".js"] = script(name, "{" + chunk + "}");
    chunk.clear();
  };
  for (const auto& [stem, entry] : entries) {
    if (!chunk.empty() && chunk.size() + entry.size() > options.chunk_bytes) close_chunk();
    if (chunk.empty()) {
      firsts.push_back(stem);
    } else {
      chunk += ',';
    }
    chunk += entry;
  }
  close_chunk();

  const json manifest{{"version", 1},
                      {"stemmer", stemmer.name()},
                      {"sections", all.size()},
                      {"chunks", firsts}};
  files["search/index.js"] =
      script("index", manifest.dump(-1, ' ', false, json::error_handler_t::replace));
  std::vector<std::string> fragments(all.size());
  core::parallel_for(all.size(), [&](std::size_t i) {
    const auto& s = all[i];
    const json fragment{{"chapter", s.chapter}, {"heading", s.heading}, {"href", s.href},
                        {"text", s.text}};
    fragments[i] = script("f" + std::to_string(i),
                          fragment.dump(-1, ' ', false, json::error_handler_t::replace));
  });
  for (std::size_t i = 0; i < all.size(); ++i) {
    files["search/f" + std::to_string(i) + ".js"] = std::move(fragments[i]);
  }
  return files;
}

}  // namespace visie::publish::search
