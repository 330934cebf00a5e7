// The whole content loader on a generated folder, then validation and (when
// the content is valid) rendering and publishing every version. The input
// is a little archive: a line "=== <path>" starts each file, e.g.
//
//   === visie.json
//   {"title": "T", …}
//   === chapters/01-a.md
//   ---
//
// Paths are checked before anything is written (lowercase letters, digits,
// `.`, `_`, `-` and `/`, no `..`), so the fuzzer only writes inside its own
// temporary folder, which is emptied before every input.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "fuzz.hpp"
#include "load/load.hpp"
#include "build/build.hpp"
#include "publish/publish.hpp"

namespace {

namespace fs = std::filesystem;

bool is_safe_path(std::string_view path) {
  if (path.empty() || path.size() > 120 || path.front() == '/' || path.back() == '/') return false;
  for (const char c : path) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                    c == '-' || c == '/';
    if (!ok) return false;
  }
  for (const auto& part : fs::path(path)) {
    if (part == ".." || part == "." || part.empty()) return false;
  }
  return true;
}

/// A temporary folder of this process, removed when it ends.
class Scratch {
 public:
  Scratch() {
    std::string pattern = (fs::temp_directory_path() / "visie-fuzz-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    path_ = pattern;
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

/// Writes the files of `archive` into `dir`.
void unpack(std::string_view archive, const fs::path& dir) {
  std::size_t pos = 0;
  while (pos < archive.size()) {
    if (!archive.substr(pos).starts_with("=== ")) {
      const auto next = archive.find("\n=== ", pos);
      if (next == std::string_view::npos) return;
      pos = next + 1;
      continue;
    }
    const auto eol = archive.find('\n', pos);
    const auto path = archive.substr(pos + 4, (eol == std::string_view::npos ? archive.size() : eol) - pos - 4);
    const auto start = eol == std::string_view::npos ? archive.size() : eol + 1;
    auto end = archive.find("\n=== ", start);
    end = end == std::string_view::npos ? archive.size() : end + 1;
    if (is_safe_path(path)) {
      std::error_code ec;
      const auto file = dir / fs::path(path);
      fs::create_directories(file.parent_path(), ec);
      std::ofstream out(file, std::ios::binary);
      out.write(archive.data() + start, static_cast<std::streamsize>(end - start));
    }
    pos = end;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Scratch scratch;
  const auto& fixture = visie::fuzz::fixture();
  const fs::path dir = scratch.path() / "content";
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir, ec);
  unpack(visie::fuzz::as_text(data, size), dir);

  visie::core::Diagnostics diags;
  const auto content = visie::load::load_content(dir, diags);
  if (content) {
    visie::model::validate(*content, diags);
    if (!diags.has_errors()) {
      const auto site = visie::build::render_site(*content, fixture.templates, {}, {}, diags);
      (void)site.files.size();
    }
  }
  for (const auto& d : diags.all()) (void)visie::core::format(d);
  return 0;
}
