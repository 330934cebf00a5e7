#pragma once
// Helpers shared by the unit and end-to-end tests: temporary folders,
// reading trees, running the visie binary, reading diagnostics and text.
// (The fixtures that load content and render chapters are in
// support/fixtures.hpp, for the unit tests.)

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <sys/wait.h>

#include "core/diagnostic.hpp"

namespace visie::test {

namespace fs = std::filesystem;

/// A fresh folder under the system temp dir, removed at scope exit.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = fs::temp_directory_path() / ("visie-test-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }
  [[nodiscard]] fs::path operator/(const std::string& rel) const { return path_ / rel; }

 private:
  fs::path path_;
};

inline std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_file(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << text;
}

/// Every file under `root` (relative path → bytes), hidden files included.
inline std::map<std::string, std::string> read_tree(const fs::path& root) {
  std::map<std::string, std::string> files;
  if (!fs::exists(root)) return files;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file()) {
      files[e.path().lexically_relative(root).generic_string()] = read_file(e.path());
    }
  }
  return files;
}

/// Copies fixture `name` (under tests/fixtures) into `dest`.
inline void copy_fixture(const std::string& name, const fs::path& dest) {
  fs::copy(fs::path(VISIE_FIXTURES) / name, dest, fs::copy_options::recursive);
}

/// What a run of the visie binary did.
struct RunResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

/// Runs the visie binary with `args` (already shell-quoted where needed),
/// with the environment assignments `env` (e.g. "PATH='/x'") in front.
inline RunResult run_visie(const std::string& args, const std::string& env = "") {
  RunResult r;
  const std::string cmd = env + (env.empty() ? "" : " ") + "'" + VISIE_BIN + "' " + args + " 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return r;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) r.output.append(buffer.data(), n);
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

/// All diagnostics formatted one per line, for readable failures.
inline std::string all(const core::Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags.all()) out += core::format(d) + "\n";
  return out;
}

/// True when some diagnostic formats to a line containing `needle`.
inline bool mentions(const core::Diagnostics& diags, const std::string& needle) {
  return all(diags).find(needle) != std::string::npos;
}

/// True when `haystack` contains `needle`.
inline bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

/// How many times `needle` occurs in `haystack` (overlapping ones too).
inline std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

/// The ids of the versions of `content` (a model::Content) that are frozen
/// with a lock: those whose published bytes a build may reuse.
template <typename Content>
std::set<std::string> frozen_versions(const Content& content) {
  std::set<std::string> ids;
  for (const auto& vc : content.versions) {
    if (vc.version.frozen && vc.lock) ids.insert(vc.version.id);
  }
  return ids;
}

}  // namespace visie::test
