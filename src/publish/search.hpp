#pragma once
/// Part of publish: the search index of a version, for a search that
/// runs in the reader's browser with no server (templates/assets/search.js).
///
/// Words are folded (Unicode case folding, accents removed) and stemmed
/// with Snowball's Dutch stemmer (libstemmer) when the project is Dutch;
/// the script folds and stems the query with the same rules, and the tests
/// check that both sides agree on every word of the bundled content.
///
/// The index is split like Pagefind's: a small manifest, word chunks by
/// sorted stem range, and one fragment per section, each a script that
/// calls `visieSearch.load(name, data)` so that it loads from file:// too.
/// A query loads the manifest, the chunk of each of its words and the
/// fragments of the results it shows.

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "render/render.hpp"

struct sb_stemmer;

namespace visie::publish::search {

/// Folds `text` for matching: Unicode case folding, combining marks
/// removed after canonical decomposition ("Cliënten" → "clienten").
std::string fold(std::string_view text);

/// The words of `text` (runs of letters, marks and digits), folded.
std::vector<std::string> words(std::string_view text);

/// The stemmer for a project language: Snowball's Dutch stemmer for "nl"
/// (and "nl-…"), none (words stay as folded) for other languages, whose
/// stemming the search script does not know.
class Stemmer {
 public:
  explicit Stemmer(std::string_view language);
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;

  /// The stem of a folded word.
  [[nodiscard]] std::string stem(std::string_view folded) const;
  /// "dutch" or "none": the rules the search script must apply.
  [[nodiscard]] const std::string& name() const { return name_; }

 private:
  std::string name_;
  std::unique_ptr<sb_stemmer, void (*)(sb_stemmer*)> stemmer_;
};

/// A part of a chapter that search can point to: from a heading to the next.
struct Section {
  std::string chapter;  // chapter title
  std::string heading;  // empty for the part before the first heading
  std::string href;     // "chapter.html" or "chapter.html#heading-id"
  int level = 1;        // 2 or 3 for a heading, 1 for the chapter's start
  std::string text;     // the plain text, whitespace collapsed
};

/// The sections of a rendered chapter (RenderedChapter::sections: split at
/// its <h2> and <h3> headings with an id), on its page "<id>.html".
std::vector<Section> sections(const render::RenderedChapter& chapter);
/// The same for any fragment render made, from its index
/// (render::index_fragment()), shown as `title` on the page `page`
/// ("literatuur.html").
std::vector<Section> sections(const std::string& title, const std::string& page,
                              const std::vector<render::Section>& parts);

/// What a version's index is built from.
struct IndexOptions {
  std::string language;           // the project's language
  std::size_t chunk_bytes = 24 * 1024;  // a word chunk closes past this size
  // A stem in more sections than this may be written as a bitmap of its
  // sections with the exact weights of this many best ones, when that is
  // smaller than its list (docs/architecture.md); every section is kept.
  std::size_t ranked_postings = 1000;
};

/// The index files of `sections`, by path relative to the version folder:
/// "search/index.js" (manifest), "search/w<N>.js" (word chunks) and
/// "search/f<N>.js" (one fragment per section). Deterministic.
std::map<std::string, std::string> build_index(const std::vector<Section>& sections,
                                               const IndexOptions& options);

}  // namespace visie::publish::search
