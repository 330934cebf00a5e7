#include "serve/detail/watch.hpp"

#include <sys/inotify.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace visie::serve {

namespace fs = std::filesystem;

namespace {

constexpr std::uint32_t watch_mask = IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM |
                                     IN_MOVED_TO | IN_DELETE_SELF | IN_MODIFY | IN_ATTRIB;

/// Editors write swap, backup and temporary files next to the real one
/// (".x.swp", "x~", "4913", ".#x"); they never change the site.
bool is_editor_noise(std::string_view name) {
  return name.empty() || name.front() == '.' || name.back() == '~' || name == "4913";
}

}  // namespace

Watcher::Watcher(const std::vector<fs::path>& roots) {
  fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ < 0) return;
  for (const auto& root : roots) add_tree(root);
}

Watcher::~Watcher() {
  if (fd_ >= 0) close(fd_);
}

void Watcher::add_tree(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return;
  const int wd = inotify_add_watch(fd_, dir.c_str(), watch_mask);
  if (wd >= 0) dirs_[wd] = dir;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_directory(ec) && !is_editor_noise(it->path().filename().string())) {
      const int sub = inotify_add_watch(fd_, it->path().c_str(), watch_mask);
      if (sub >= 0) dirs_[sub] = it->path();
    }
  }
}

std::vector<std::string> Watcher::drain() {
  std::vector<std::string> changed;
  // inotify_event is followed by its name; the buffer keeps its alignment.
  alignas(inotify_event) std::array<char, 16384> buffer{};
  while (true) {
    const auto n = read(fd_, buffer.data(), buffer.size());
    if (n <= 0) break;
    for (std::size_t pos = 0; pos < static_cast<std::size_t>(n);) {
      inotify_event event{};
      std::memcpy(&event, buffer.data() + pos, sizeof event);
      const std::string name =
          event.len > 0 ? std::string(buffer.data() + pos + sizeof event) : std::string();
      pos += sizeof event + event.len;
      const auto dir = dirs_.find(event.wd);
      if (dir == dirs_.end()) continue;
      if ((event.mask & IN_IGNORED) != 0U) {
        dirs_.erase(dir);
        continue;
      }
      if (!name.empty() && is_editor_noise(name)) continue;
      const auto path = name.empty() ? dir->second : dir->second / name;
      if ((event.mask & IN_ISDIR) != 0U && (event.mask & (IN_CREATE | IN_MOVED_TO)) != 0U) {
        add_tree(path);
      }
      changed.push_back(path.generic_string());
    }
  }
  return changed;
}

}  // namespace visie::serve
