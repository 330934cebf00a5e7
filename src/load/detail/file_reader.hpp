#pragma once
/// FileReader: the one way the load stage reads the files of a content folder.
#ifndef VISIE_STAGE_LOAD
#error "load/detail is private to the load stage"
#endif

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "load/json.hpp"
#include "model/model.hpp"

namespace visie::load {

/// Reads the files of one content folder, refusing anything that would
/// leave it (a symlink pointing outside) or that is not a regular file.
class FileReader {
 public:
  FileReader(std::filesystem::path root, core::Diagnostics& diags);

  /// The path shown in diagnostics for `rel`.
  [[nodiscard]] std::string display(const std::filesystem::path& rel) const;

  [[nodiscard]] bool exists(const std::filesystem::path& rel) const;

  /// Keeps a copy of every file read from now on in `files`.
  void record(model::FileMap* files) { recorded_ = files; }

  /// The real path of `rel` when it lies inside the folder; reports an
  /// error and returns nullopt when it resolves (through a symbolic link)
  /// to somewhere outside.
  std::optional<std::filesystem::path> resolve(const std::filesystem::path& rel);

  std::optional<std::string> read(const std::filesystem::path& rel);

  /// Every regular file under directory `rel`, by path relative to it.
  model::FileMap read_tree(const std::filesystem::path& rel);

  std::optional<JsonDocument> json(const std::filesystem::path& rel);

  /// Names of the entries in directory `rel` with extension `ext` (every
  /// entry when `ext` is empty), sorted so that every build sees them in the same order.
  std::vector<std::string> list(const std::filesystem::path& rel, std::string_view ext);

  [[nodiscard]] const std::filesystem::path& root() const { return root_; }

 private:
  /// fs::weakly_canonical(root_ / rel), with the real path of each folder
  /// looked up once per reader rather than once per file in it (one
  /// readlink per path component adds up over a few hundred files).
  std::filesystem::path real_path(const std::filesystem::path& rel, std::error_code& ec);

  std::filesystem::path root_;
  std::filesystem::path canonical_root_;
  std::map<std::filesystem::path, std::filesystem::path> real_folders_;  // rel folder → its real path
  core::Diagnostics& diags_;
  model::FileMap* recorded_ = nullptr;
};

}  // namespace visie::load
