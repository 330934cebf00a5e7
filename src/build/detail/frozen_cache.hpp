#pragma once
/// Internal to build: `visie build`'s frozen-version cache. An entry (a file
/// in the cache folder named by a key) says that a frozen version, with
/// exactly these inputs, published files, lock, templates, project files and
/// generator, rendered its locked output without a diagnostic: the next
/// build uses its published bytes without rendering it.
#ifndef VISIE_STAGE_BUILD
#error "build/detail is private to the build stage"
#endif

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "model/model.hpp"
#include "model/templates.hpp"

namespace visie::build {

class FrozenCache {
 public:
  /// The cache in folder `dir` for the generator `generator` (identity()
  /// for the running executable; an empty one never hits nor remembers).
  FrozenCache(std::filesystem::path dir, std::string generator);

  /// The running executable as the cache knows it: the generator's name and
  /// the executable's path, size and modification time, so that a rebuilt
  /// visie misses. Empty when the executable cannot be found.
  static std::string identity();

  /// The frozen versions (with a lock) of `content` that the cache knows
  /// to be clean with `templates`. Remembers every such version's key for
  /// remember().
  std::set<std::string> known_clean(const model::Content& content,
                                    const model::Templates& templates);

  /// Records that the versions `clean` (looked up by known_clean() before)
  /// rendered their locked output without a diagnostic.
  void remember(const std::set<std::string>& clean) const;

 private:
  std::filesystem::path dir_;
  std::string generator_;
  std::map<std::string, std::string> keys_;  // version id → key
};

}  // namespace visie::build
