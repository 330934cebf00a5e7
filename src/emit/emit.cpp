#include "emit/emit.hpp"
#include "emit/detail/pdf.hpp"

#include <fcntl.h>
#include <signal.h>  // kill(pid, 0): does a process still run
#include <sys/file.h>
#include <sys/stat.h>
#include <stdio.h>  // renameat2 (glibc ≥ 2.28)
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <set>

#include "core/parallel.hpp"

namespace visie::emit {

namespace {

namespace fs = std::filesystem;

bool is_within(const fs::path& inner, const fs::path& outer) {
  const auto rel = inner.lexically_relative(outer);
  return !rel.empty() && *rel.begin() != "..";
}

/// True when `rel` is a plain relative path that stays inside its root.
bool is_safe_relative(const std::string& rel) {
  const fs::path p(rel);
  if (rel.empty() || p.is_absolute() || p.has_root_name()) return false;
  for (const auto& part : p) {
    if (part == ".." || part == "." || part.empty()) return false;
  }
  return true;
}

/// Writes `bytes` to the file `path` (created or truncated; its folder
/// exists) with one open, write and close. Returns the error, if any.
/// The message for the current errno (thread-safe, unlike strerror).
std::string errno_message() { return std::error_code(errno, std::generic_category()).message(); }

std::optional<std::string> put_file(const fs::path& path, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return errno_message();
  while (!bytes.empty()) {
    const auto n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string error = n < 0 ? errno_message() : "nothing was written";
      ::close(fd);
      return error;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  if (::close(fd) != 0) return errno_message();
  return std::nullopt;
}

bool write_file(const fs::path& path, const std::string& bytes, core::Diagnostics& diags) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) {
    diags.error({path.parent_path().generic_string(), 0, 0},
                "cannot create folder: " + ec.message());
    return false;
  }
  if (const auto error = put_file(path, bytes)) {
    diags.error({path.generic_string(), 0, 0}, "cannot write file: " + *error);
    return false;
  }
  return true;
}

using FileEntry = std::pair<const std::string, std::string>;

/// Writes `files` under `root`: every folder once, then the files on all
/// cores (a large site is tens of thousands of files). Reports the first
/// file that could not be written, in path order.
bool write_files(const std::vector<const FileEntry*>& files, const fs::path& root,
                 core::Diagnostics& diags) {
  std::set<std::string> folders;
  for (const auto* file : files) {
    const auto slash = file->first.rfind('/');
    if (slash != std::string::npos) folders.insert(file->first.substr(0, slash));
  }
  for (const auto& folder : folders) {
    std::error_code ec;
    fs::create_directories(root / folder, ec);
    if (ec) {
      diags.error({(root / folder).generic_string(), 0, 0}, "cannot create folder: " + ec.message());
      return false;
    }
  }
  std::vector<std::optional<std::string>> errors(files.size());
  core::parallel_for(files.size(), [&](std::size_t i) {
    errors[i] = put_file(root / files[i]->first, files[i]->second);
  });
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (errors[i]) {
      diags.error({(root / files[i]->first).generic_string(), 0, 0},
                  "cannot write file: " + *errors[i]);
      return false;
    }
  }
  return true;
}

bool check_output_folder(const fs::path& out, const fs::path& content, core::Diagnostics& diags) {
  std::error_code ec;
  const auto out_abs = fs::weakly_canonical(fs::absolute(out, ec), ec);
  const auto content_abs = fs::weakly_canonical(fs::absolute(content, ec), ec);
  const std::string shown = out.generic_string();
  if (out.empty() || out_abs == out_abs.root_path()) {
    diags.error({shown, 0, 0}, "refusing to use this as the output folder");
    return false;
  }
  if (out_abs == content_abs || is_within(content_abs, out_abs) ||
      is_within(out_abs, content_abs)) {
    diags.error({shown, 0, 0}, "the output folder must not be, contain or lie inside the "
                               "content folder " + content.generic_string());
    return false;
  }
  const auto status = fs::symlink_status(out, ec);
  if (!fs::exists(status)) return true;
  if (!fs::is_directory(status)) {
    diags.error({shown, 0, 0}, "the output path exists and is not a folder");
    return false;
  }
  if (fs::is_empty(out, ec) || fs::exists(out / marker_file, ec)) return true;
  diags.error({shown, 0, 0}, "refusing to replace a folder that visie did not write (it has no " +
                                 std::string(marker_file) +
                                 " file); choose an empty or new output folder");
  return false;
}

/// Makes `staging` a fresh, empty folder.
bool fresh_folder(const fs::path& staging, core::Diagnostics& diags) {
  std::error_code ec;
  fs::remove_all(staging, ec);  // left over from an interrupted run
  fs::create_directories(staging, ec);
  if (ec) {
    diags.error({staging.generic_string(), 0, 0}, "cannot create staging folder: " + ec.message());
    return false;
  }
  return true;
}

/// Puts the finished `staging` folder in place of `target`: one atomic
/// exchange when `target` exists, a rename otherwise. The staging path then
/// holds the previous tree, or nothing.
bool swap_in(const fs::path& staging, const fs::path& target, core::Diagnostics& diags) {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(target, ec))) {
    // One atomic step: readers see either the old tree or the new one.
    if (renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0) {
      diags.error({target.generic_string(), 0, 0},
                  "cannot swap in the new files: " + errno_message());
      return false;
    }
  } else if (std::rename(staging.c_str(), target.c_str()) != 0) {
    diags.error({target.generic_string(), 0, 0},
                "cannot move the new files in place: " + errno_message());
    return false;
  }
  return true;
}

bool safe_paths(const std::vector<const FileEntry*>& files, core::Diagnostics& diags) {
  for (const auto* file : files) {
    if (!is_safe_relative(file->first)) {
      diags.error({file->first, 0, 0}, "refusing to write outside the output folder");
      return false;
    }
  }
  return true;
}

/// Writes `files` into the `staging` folder (plus the marker when given),
/// renders `pdfs` there, and swaps it in place of `target`. The staging
/// folder is gone after, whatever happened.
bool finish_staging(const std::vector<const FileEntry*>& files, const fs::path& target,
                    const fs::path& staging, const char* marker, core::Diagnostics& diags,
                    const PdfRendering* pdfs = nullptr, const DocxRendering* docx = nullptr) {
  bool ok = marker == nullptr ||
            write_file(staging / marker,
                       "This folder was written by visie and is replaced on every build.\n", diags);
  ok = ok && write_files(files, staging, diags);
  // The PDFs are rendered in the staging folder too, so that they are
  // swapped in with the pages that link to them, or not at all.
  if (ok && pdfs != nullptr) ok = render_pdfs(*pdfs, staging, target, diags);
  if (ok && docx != nullptr) ok = render_docx(*docx, staging, target, diags);
  ok = ok && swap_in(staging, target, diags);
  // After a swap the staging path holds the previous tree; after a failure,
  // the partial new one. Either way it goes.
  std::error_code ec;
  fs::remove_all(staging, ec);
  return ok;
}

/// Writes `files` into a fresh `staging` folder (plus the marker when
/// given) and puts it in place of `target`: one atomic exchange when
/// `target` exists, a rename otherwise. The staging folder is gone after.
bool stage_and_swap(const std::map<std::string, std::string>& files, const fs::path& target,
                    const fs::path& staging, const char* marker, core::Diagnostics& diags) {
  std::vector<const FileEntry*> list;
  list.reserve(files.size());
  for (const auto& file : files) list.push_back(&file);
  if (!safe_paths(list, diags) || !fresh_folder(staging, diags)) return false;
  return finish_staging(list, target, staging, marker, diags);
}

/// The hidden sibling `.<name><suffix>` of `target`, e.g. ".site.visie-lock"
/// beside "site".
fs::path beside(const fs::path& target, std::string_view suffix) {
  fs::path t = target.lexically_normal();
  // "x/" names the same folder as "x".
  if (t.filename().empty() && t.has_parent_path()) t = t.parent_path();
  const fs::path parent = t.has_parent_path() ? t.parent_path() : fs::path(".");
  return parent / ("." + t.filename().string() + std::string(suffix));
}

constexpr std::string_view staging_suffix = ".visie-staging-";

/// The staging folder of this process for `target`: unique per process, so
/// that two processes never write into (or remove) each other's.
fs::path staging_for(const fs::path& target) {
  return beside(target, std::string(staging_suffix) + std::to_string(::getpid()));
}

/// Removes the staging folders for `target` that processes left behind
/// when they were killed: those whose process no longer runs.
void remove_stale_staging(const fs::path& target) {
  const fs::path prefix = beside(target, staging_suffix);
  const std::string name = prefix.filename().string();
  std::error_code ec;
  for (fs::directory_iterator it(prefix.parent_path(), ec), end; !ec && it != end;
       it.increment(ec)) {
    const std::string entry = it->path().filename().string();
    if (!entry.starts_with(name)) continue;
    const std::string digits = entry.substr(name.size());
    if (digits.empty() || digits.size() > 9 ||
        digits.find_first_not_of("0123456789") != std::string::npos) {
      continue;
    }
    const auto pid = static_cast<pid_t>(std::stol(digits));
    if (pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;
    std::error_code ignored;
    fs::remove_all(it->path(), ignored);
  }
}

bool pdf_paths_safe(const PdfRendering* pdfs, const DocxRendering* docx, core::Diagnostics& diags) {
  std::vector<std::pair<const std::string*, const std::string*>> paths;
  if (pdfs != nullptr) {
    for (const auto& job : pdfs->jobs) paths.emplace_back(&job.html, &job.pdf);
  }
  if (docx != nullptr) {
    for (const auto& job : docx->jobs) paths.emplace_back(&job.html, &job.docx);
  }
  for (const auto& [html, out] : paths) {
    if (!is_safe_relative(*html) || !is_safe_relative(*out)) {
      diags.error({*out, 0, 0}, "refusing to write outside the output folder");
      return false;
    }
  }
  return true;
}

}  // namespace

std::unique_ptr<SiteWriter> SiteWriter::open(const fs::path& out_dir, const fs::path& content_dir,
                                             core::Diagnostics& diags) {
  if (!check_output_folder(out_dir, content_dir, diags)) return nullptr;
  remove_stale_staging(out_dir);
  std::unique_ptr<SiteWriter> writer(new SiteWriter(out_dir, staging_for(out_dir)));
  if (!fresh_folder(writer->staging_, diags)) {
    writer->finished_ = true;
    return nullptr;
  }
  return writer;
}

SiteWriter::SiteWriter(fs::path target, fs::path staging)
    : target_(std::move(target)), staging_(std::move(staging)) {}

SiteWriter::~SiteWriter() {
  if (finished_) return;
  std::error_code ec;
  fs::remove_all(staging_, ec);
}

void SiteWriter::put(const std::string& path, std::string_view bytes) {
  std::optional<std::string> error;
  fs::path file = staging_ / path;
  {
    const std::lock_guard lock(mutex_);
    if (failure_) return;
    if (!is_safe_relative(path)) {
      failure_ = {path, "refusing to write outside the output folder"};
      return;
    }
    const auto slash = path.rfind('/');
    if (slash != std::string::npos && folders_.insert(path.substr(0, slash)).second) {
      std::error_code ec;
      fs::create_directories(file.parent_path(), ec);
      if (ec) {
        failure_ = {file.parent_path().generic_string(), "cannot create folder: " + ec.message()};
        return;
      }
    }
  }
  if (auto written = put_file(file, bytes)) {
    const std::lock_guard lock(mutex_);
    if (!failure_) failure_ = {file.generic_string(), "cannot write file: " + *written};
  }
}

bool SiteWriter::finish(const publish::SiteTree& site, const std::set<std::string>& streamed,
                        core::Diagnostics& diags, const PdfRendering* pdfs,
                        const DocxRendering* docx) {
  finished_ = true;
  std::error_code ec;
  if (failure_) {
    diags.error({failure_->first, 0, 0}, failure_->second);
    fs::remove_all(staging_, ec);
    return false;
  }
  std::vector<const FileEntry*> rest;
  rest.reserve(site.size());
  for (const auto& file : site) {
    if (!streamed.contains(file.first)) rest.push_back(&file);
  }
  if (!safe_paths(rest, diags) || !pdf_paths_safe(pdfs, docx, diags)) {
    fs::remove_all(staging_, ec);
    return false;
  }
  return finish_staging(rest, target_, staging_, marker_file, diags, pdfs, docx);
}

bool write_site(const publish::SiteTree& site, const fs::path& out_dir,
                const fs::path& content_dir, core::Diagnostics& diags, const PdfRendering* pdfs,
                const DocxRendering* docx) {
  if (!pdf_paths_safe(pdfs, docx, diags)) return false;
  auto writer = SiteWriter::open(out_dir, content_dir, diags);
  return writer && writer->finish(site, {}, diags, pdfs, docx);
}

bool write_snapshot(const model::FileMap& files, const fs::path& dir, bool replace,
                    core::Diagnostics& diags) {
  std::error_code ec;
  if (!replace && fs::exists(fs::symlink_status(dir, ec))) {
    diags.error({dir.generic_string(), 0, 0},
                "a snapshot already exists here; a published version is never overwritten");
    return false;
  }
  return stage_and_swap(files, dir, staging_for(dir), nullptr, diags);
}

bool write_project(const model::FileMap& files, const fs::path& folder, core::Diagnostics& diags) {
  std::error_code ec;
  // "x/" names the same folder as "x".
  fs::path dir = folder.lexically_normal();
  if (dir.filename().empty() && dir.has_parent_path()) dir = dir.parent_path();
  const auto status = fs::symlink_status(dir, ec);
  if (fs::exists(status) && (!fs::is_directory(status) || !fs::is_empty(dir, ec))) {
    diags.error({dir.generic_string(), 0, 0},
                "refusing to create a project here: the folder exists and is not empty");
    return false;
  }
  if (!dir.has_relative_path() || dir == ".") {
    diags.error({dir.generic_string(), 0, 0}, "refusing to create a project in the root folder");
    return false;
  }
  return stage_and_swap(files, dir, staging_for(dir), nullptr, diags);
}

bool replace_file(const fs::path& path, const std::string& bytes, core::Diagnostics& diags) {
  const fs::path temp = staging_for(path);
  if (!write_file(temp, bytes, diags)) return false;
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    diags.error({path.generic_string(), 0, 0},
                std::string("cannot replace file: ") + std::strerror(errno));
    std::error_code ec;
    fs::remove(temp, ec);
    return false;
  }
  return true;
}

bool cache_has(const fs::path& dir, const std::string& key) {
  std::error_code ec;
  return fs::is_regular_file(dir / key, ec);
}

void cache_put(const fs::path& dir, const std::string& key) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return;
  // Written under a temporary name and renamed, so that a reader never
  // sees an entry that is not complete (it is empty, but the rule holds).
  const auto temp = dir / ("." + key + ".tmp");
  { std::ofstream(temp, std::ios::binary | std::ios::trunc); }
  fs::rename(temp, dir / key, ec);
  if (ec) fs::remove(temp, ec);
}

std::unique_ptr<FolderLock> FolderLock::acquire(const fs::path& folder,
                                               const std::function<void()>& waiting,
                                               core::Diagnostics& diags) {
  const fs::path path = beside(folder, ".visie-lock");
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  bool told = false;
  while (true) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
      diags.error({path.generic_string(), 0, 0}, "cannot create the lock file: " + errno_message());
      return nullptr;
    }
    int locked = ::flock(fd, LOCK_EX | LOCK_NB);
    if (locked != 0 && errno == EWOULDBLOCK) {
      if (!told && waiting) waiting();
      told = true;
      do {
        locked = ::flock(fd, LOCK_EX);
      } while (locked != 0 && errno == EINTR);
    }
    if (locked != 0) {
      diags.error({path.generic_string(), 0, 0}, "cannot lock: " + errno_message());
      ::close(fd);
      return nullptr;
    }
    // The holder before us removes the file before it lets go: when the
    // file we locked is no longer the one at `path`, lock the new one.
    struct stat held {};
    struct stat named {};
    if (::fstat(fd, &held) == 0 && ::stat(path.c_str(), &named) == 0 &&
        held.st_dev == named.st_dev && held.st_ino == named.st_ino) {
      return std::unique_ptr<FolderLock>(new FolderLock(path, fd));
    }
    ::close(fd);
  }
}

FolderLock::~FolderLock() {
  // Removed while still held, so that no process can lock this file after
  // us while another locks a new one (acquire() checks which it holds).
  ::unlink(path_.c_str());
  ::close(fd_);
}

}  // namespace visie::emit
