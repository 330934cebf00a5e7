#pragma once
/// Watching folders for changes with Linux inotify (internal to serve).
#ifndef VISIE_STAGE_SERVE
#error "serve/detail is private to the serve stage"
#endif

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace visie::serve {

/// Watches folders and everything below them; folders created later are
/// watched as they appear. Owns its inotify descriptor.
class Watcher {
 public:
  /// Starts watching every folder in `roots` that exists. Check ok().
  explicit Watcher(const std::vector<std::filesystem::path>& roots);
  ~Watcher();
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  /// True when inotify could be set up.
  [[nodiscard]] bool ok() const { return fd_ >= 0; }
  /// The descriptor to poll for readability.
  [[nodiscard]] int fd() const { return fd_; }

  /// Reads the pending events without blocking and returns the paths of
  /// the files that changed, skipping editors' hidden and backup files.
  std::vector<std::string> drain();

 private:
  void add_tree(const std::filesystem::path& dir);

  int fd_ = -1;
  std::map<int, std::filesystem::path> dirs_;  // watch descriptor → folder
};

}  // namespace visie::serve
