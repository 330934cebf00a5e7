// FileReader: reads the files of one content folder, and nothing outside it.
#include "load/detail/file_reader.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

#include "load/load.hpp"

namespace visie::load {

namespace fs = std::filesystem;

FileReader::FileReader(fs::path root, core::Diagnostics& diags)
    : root_(std::move(root)), diags_(diags) {
  std::error_code ec;
  canonical_root_ = fs::weakly_canonical(root_, ec);
}

std::string FileReader::display(const fs::path& rel) const {
  return (root_ / rel).lexically_normal().generic_string();
}

bool FileReader::exists(const fs::path& rel) const {
  std::error_code ec;
  return fs::exists(fs::symlink_status(root_ / rel, ec));
}

std::optional<fs::path> FileReader::resolve(const fs::path& rel) {
  const auto shown = display(rel);
  std::error_code ec;
  const auto canonical = real_path(rel, ec);
  if (ec) {
    diags_.error({shown, 0, 0}, "cannot resolve path: " + ec.message());
    return std::nullopt;
  }
  const auto inside = canonical.lexically_relative(canonical_root_);
  if (inside.empty() || *inside.begin() == "..") {
    diags_.error({shown, 0, 0}, "refusing to read outside the content folder "
                                "(a symbolic link points to " +
                                    canonical.generic_string() + ")");
    return std::nullopt;
  }
  return canonical;
}

std::optional<std::string> FileReader::read(const fs::path& rel) {
  const auto shown = display(rel);
  const auto resolved = resolve(rel);
  if (!resolved) return std::nullopt;
  const auto& canonical = *resolved;
  std::error_code ec;
  const auto status = fs::status(canonical, ec);
  if (status.type() == fs::file_type::not_found) {
    const bool gone = fs::symlink_status(root_ / rel, ec).type() == fs::file_type::not_found;
    // Not even a dangling link any more: listed a moment ago, removed
    // since (an editor saving, a checkout).
    diags_.error({shown, 0, 0}, gone ? "was removed during the build; build again"
                                     : "is a symbolic link to a file that does not exist");
    return std::nullopt;
  }
  if (ec || !fs::is_regular_file(status)) {
    diags_.error({shown, 0, 0}, "not a regular file");
    return std::nullopt;
  }
  const auto size = fs::file_size(canonical, ec);
  if (ec || size > max_file_size) {
    diags_.error({shown, 0, 0}, "file is larger than " +
                                    std::to_string(max_file_size / (1024 * 1024)) +
                                    " MiB; split it up");
    return std::nullopt;
  }
  std::ifstream in(canonical, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (!in && !in.eof()) {
    diags_.error({shown, 0, 0}, "cannot read file");
    return std::nullopt;
  }
  auto bytes = std::move(buffer).str();
  if (recorded_ != nullptr) (*recorded_)[rel.generic_string()] = bytes;
  return bytes;
}

model::FileMap FileReader::read_tree(const fs::path& rel) {
  model::FileMap files;
  std::error_code ec;
  const auto dir = root_ / rel;
  if (!fs::is_directory(dir, ec)) return files;
  std::vector<fs::path> paths;
  for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
    if (entry.is_regular_file() || entry.is_symlink()) paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) {
    const auto inner = p.lexically_relative(dir);
    if (auto bytes = read(rel / inner)) files[inner.generic_string()] = std::move(*bytes);
  }
  return files;
}

std::optional<JsonDocument> FileReader::json(const fs::path& rel) {
  auto text = read(rel);
  if (!text) return std::nullopt;
  return parse_json(display(rel), *text, diags_);
}

std::vector<std::string> FileReader::list(const fs::path& rel, std::string_view ext) {
  std::vector<std::string> names;
  std::error_code ec;
  const auto dir = root_ / rel;
  if (!fs::is_directory(dir, ec)) return names;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const auto name = entry.path().filename().string();
    if (name.starts_with('.')) continue;  // editor swap and backup files
    if (ext.empty() || entry.path().extension() == ext) names.push_back(name);
  }
  if (ec) diags_.error({display(rel), 0, 0}, "cannot list folder: " + ec.message());
  std::sort(names.begin(), names.end());
  return names;
}

fs::path FileReader::real_path(const fs::path& rel, std::error_code& ec) {
  const auto name = rel.filename();
  const auto full = root_ / rel;
  struct stat st {};
  if (name.empty() || name == "." || name == ".." || lstat(full.c_str(), &st) != 0 ||
      S_ISLNK(st.st_mode)) {
    return fs::weakly_canonical(full, ec);
  }
  const auto parent = rel.parent_path();
  auto folder = real_folders_.find(parent);
  if (folder == real_folders_.end()) {
    auto real = fs::weakly_canonical(root_ / parent, ec);
    if (ec) return fs::weakly_canonical(full, ec);
    folder = real_folders_.emplace(parent, std::move(real)).first;
  }
  return folder->second / name;
}

}  // namespace visie::load
