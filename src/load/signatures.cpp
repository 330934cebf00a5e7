// What proves a folder unchanged: the signature of a snapshot folder, the bytes of a data folder.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <fstream>
#include <sstream>
#include <system_error>

#include "load/load.hpp"

namespace visie::load {

namespace fs = std::filesystem;

namespace {

/// Appends every entry of the open folder `fd` (closed here) and, depth
/// first, of its subfolders to `entries`, by path relative to the snapshot
/// (`prefix` is the folder's), with lstat's answer for each. False when a
/// folder cannot be opened or an entry cannot be examined.
bool list_entries(int fd, const std::string& prefix,
                  std::vector<std::pair<std::string, struct stat>>& entries) {
  DIR* dir = fdopendir(fd);
  if (dir == nullptr) {
    close(fd);
    return false;
  }
  bool ok = true;
  while (const dirent* entry = readdir(dir)) {
    const std::string_view name = entry->d_name;
    if (name == "." || name == "..") continue;
    struct stat st {};
    if (fstatat(dirfd(dir), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
      ok = false;
      break;
    }
    auto rel = prefix.empty() ? std::string(name) : prefix + '/' + std::string(name);
    entries.emplace_back(rel, st);
    if (S_ISDIR(st.st_mode)) {
      const int sub =
          openat(dirfd(dir), entry->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (sub < 0 || !list_entries(sub, rel, entries)) {
        ok = false;
        break;
      }
    }
  }
  closedir(dir);
  return ok;
}


}  // namespace

// See load.hpp.
std::optional<std::string> snapshot_signature(const fs::path& dir, int settle) {
  struct timespec now {};
  clock_gettime(CLOCK_REALTIME, &now);
  const auto recent = [&](const struct timespec& t) { return t.tv_sec + settle > now.tv_sec; };
  std::string signature;
  const auto add = [&](const std::string& rel, const struct stat& st) {
    if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) return false;
    if (recent(st.st_mtim) || recent(st.st_ctim)) return false;
    signature += rel;
    signature += '\0';
    for (const long long n :
         {static_cast<long long>(st.st_dev), static_cast<long long>(st.st_ino),
          static_cast<long long>(st.st_mode), static_cast<long long>(st.st_size),
          static_cast<long long>(st.st_mtim.tv_sec), static_cast<long long>(st.st_mtim.tv_nsec),
          static_cast<long long>(st.st_ctim.tv_sec), static_cast<long long>(st.st_ctim.tv_nsec)}) {
      signature += std::to_string(n);
      signature += ' ';
    }
    signature += '\n';
    return true;
  };
  // Each folder is opened once and its entries examined relative to it:
  // no path is walked from the root again for every file.
  struct stat root {};
  if (lstat(dir.c_str(), &root) != 0 || !add(".", root)) return std::nullopt;
  const int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  std::vector<std::pair<std::string, struct stat>> entries;
  if (fd < 0 || !list_entries(fd, "", entries)) return std::nullopt;
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [rel, st] : entries) {
    if (!add(rel, st)) return std::nullopt;
  }
  return signature;
}

// See load.hpp.
std::optional<DataFiles> data_files(const fs::path& dir) {
  DataFiles found;
  struct stat st {};
  if (lstat(dir.c_str(), &st) != 0) {
    if (errno == ENOENT) return found;
    return std::nullopt;
  }
  if (!S_ISDIR(st.st_mode)) return std::nullopt;
  std::error_code ec;
  std::vector<std::string> rels;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    rels.push_back(it->path().lexically_relative(dir).generic_string());
  }
  if (ec) return std::nullopt;
  std::sort(rels.begin(), rels.end());
  found.listing = "data\n";
  for (const auto& rel : rels) {
    const auto path = dir / rel;
    if (lstat(path.c_str(), &st) != 0) return std::nullopt;
    found.listing += rel + (S_ISDIR(st.st_mode) ? "/\n" : "\n");
    if (S_ISDIR(st.st_mode)) continue;
    if (!S_ISREG(st.st_mode) || static_cast<std::uintmax_t>(st.st_size) > max_file_size) {
      return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in && !in.eof()) return std::nullopt;
    found.files["data/" + rel] = std::move(bytes).str();
  }
  return found;
}

}  // namespace visie::load
