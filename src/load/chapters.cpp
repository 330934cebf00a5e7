// The chapter files of a version folder, chapters/*.md, read in order and parsed on all cores.
#include <algorithm>

#include "core/parallel.hpp"
#include "load/detail/readers.hpp"
#include "load/detail/front_matter.hpp"
#include "load/load.hpp"

namespace visie::load {

namespace fs = std::filesystem;
using core::Diagnostics;

std::string default_chapter_id(std::string_view file_name) {
  std::string_view stem = file_name.substr(0, file_name.rfind('.'));
  std::size_t digits = 0;
  while (digits < stem.size() && stem[digits] >= '0' && stem[digits] <= '9') ++digits;
  if (digits > 0 && digits < stem.size() && (stem[digits] == '-' || stem[digits] == '_')) {
    stem.remove_prefix(digits + 1);
  }
  return std::string(stem);
}

std::vector<model::Chapter> read_chapters(FileReader& files, Diagnostics& diags) {
  std::vector<model::Chapter> chapters;
  const auto names = files.list("chapters", ".md");
  if (names.empty()) {
    diags.error({files.display("chapters"), 0, 0}, "no chapters: add at least one .md file");
  }
  // Read in order, then parsed on all cores (front matter is YAML); each
  // chapter's diagnostics are merged in file order.
  struct Read {
    std::string file;
    std::string text;
    std::string id;
  };
  std::vector<Read> read;
  for (const auto& name : names) {
    const fs::path rel = fs::path("chapters") / name;
    if (auto text = files.read(rel)) {
      read.push_back({files.display(rel), std::move(*text), default_chapter_id(name)});
    }
  }
  std::vector<std::optional<model::Chapter>> parsed(read.size());
  std::vector<Diagnostics> found(read.size());
  core::parallel_for(read.size(), [&](std::size_t i) {
    parsed[i] = parse_chapter(read[i].file, read[i].text, read[i].id, found[i]);
  });
  for (std::size_t i = 0; i < read.size(); ++i) {
    diags.append(found[i]);
    if (parsed[i]) chapters.push_back(std::move(*parsed[i]));
  }
  std::stable_sort(chapters.begin(), chapters.end(),
                   [](const auto& a, const auto& b) { return a.order < b.order; });
  return chapters;
}

}  // namespace visie::load
