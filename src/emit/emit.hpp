#pragma once
/// The emit stage, the only place that writes to disk: the whole site goes
/// into a staging folder next to the output folder, and only when every
/// file was written is it swapped into place in one step. A failed build
/// leaves the previous site exactly as it was.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "publish/publish.hpp"

namespace visie::emit {

/// A PDF that WeasyPrint renders from an HTML file of the new site, in the
/// staging folder, before the site is swapped in.
struct PdfJob {
  std::string html;  // relative to the output folder, e.g. "final/print.html"
  std::string pdf;   // relative to the output folder
  /// The fixed date WeasyPrint's font subsetter stamps into the PDF
  /// (SOURCE_DATE_EPOCH), so that the same input gives the same bytes.
  std::int64_t source_date_epoch = 0;
};

/// The PDFs of a build and the WeasyPrint program that renders them.
struct PdfRendering {
  std::filesystem::path weasyprint;
  std::vector<PdfJob> jobs;
  /// Called when every PDF is rendered, before the swap, with their page
  /// counts and sizes: the files it returns (the versions index, whose
  /// download links say them) replace those of the staging folder.
  std::function<publish::SiteTree(const publish::PdfSizes&)> then;
};

/// A Word file that pandoc writes from a version's print edition, in the
/// staging folder, before the site is swapped in (docs/word.md).
struct DocxJob {
  std::string html;  // relative to the output folder, e.g. "final/print.html"
  std::string docx;  // in the same folder, e.g. "final/visie-op-zelfmanagement-final.docx"
  /// The date pandoc stamps into the file (SOURCE_DATE_EPOCH), so that the
  /// same input gives the same bytes.
  std::int64_t source_date_epoch = 0;
};

/// A print edition as pandoc reads it.
struct DocxSource {
  std::string pandoc_json;  // `pandoc -f json`
  /// The drawings: the PNG the document shows (relative to the version's
  /// folder, inside docx_media) and the SVG it is made from.
  std::vector<std::pair<std::string, std::string>> drawings;
};

/// The folder, inside a version's folder of the staging folder, where a
/// Word file's document and drawings wait for pandoc; removed after.
inline constexpr const char* docx_media = ".visie-word";

/// The Word files of a build and the programs that make them.
struct DocxRendering {
  std::filesystem::path pandoc;
  std::filesystem::path rsvg_convert;
  std::vector<DocxJob> jobs;
  /// The print edition's HTML as pandoc's document (the driver has render
  /// read it: emit writes, it does not read pages).
  std::function<DocxSource(std::string_view html)> convert;
};

/// The file that marks a folder as a site written by visie. visie only ever
/// replaces folders that carry it (or are empty or absent).
inline constexpr const char* marker_file = ".visie-site";

/// Writes `site` to `out_dir`, replacing its previous contents atomically.
/// Refuses (with an error in `diags`) an output folder that holds other
/// files than a visie site, that is or contains `content_dir`, or that lies
/// inside it. When `pdfs` is given, WeasyPrint renders each of its jobs in
/// the staging folder first; a failed job fails the build like a failed
/// write (the previous site stays). Returns true when the new site is in
/// place.
bool write_site(const publish::SiteTree& site, const std::filesystem::path& out_dir,
                const std::filesystem::path& content_dir, core::Diagnostics& diags,
                const PdfRendering* pdfs = nullptr, const DocxRendering* docx = nullptr);

/// A site written while it is built. `visie build` opens one before it
/// renders, hands it the files of working versions as they are made
/// (put(), from any thread), so that a large site is never held in memory
/// whole, and then the rest (finish()). Everything goes into the staging
/// folder; only finish() swaps it in, and only when every file was
/// written. Destroyed unfinished (a build with errors), it removes the
/// staging folder: the previous site stays exactly as it was.
class SiteWriter {
 public:
  /// Checks the output folder as write_site() does and makes a fresh
  /// staging folder; null, with an error in `diags`, when refused.
  static std::unique_ptr<SiteWriter> open(const std::filesystem::path& out_dir,
                                          const std::filesystem::path& content_dir,
                                          core::Diagnostics& diags);
  ~SiteWriter();
  SiteWriter(const SiteWriter&) = delete;
  SiteWriter& operator=(const SiteWriter&) = delete;

  /// Writes the file `path` (relative to the output folder) into the
  /// staging folder. Thread-safe; each path once. The first failure is
  /// kept for finish() to report, and later files are skipped.
  void put(const std::string& path, std::string_view bytes);

  /// Writes the files of `site` that are not in `streamed` (those that
  /// went through put()), renders `pdfs` and `docx` and swaps the site in.
  /// Returns true when the new site is in place; otherwise the previous
  /// one is untouched and `diags` says why.
  bool finish(const publish::SiteTree& site, const std::set<std::string>& streamed,
              core::Diagnostics& diags, const PdfRendering* pdfs = nullptr,
              const DocxRendering* docx = nullptr);

 private:
  SiteWriter(std::filesystem::path target, std::filesystem::path staging);

  std::filesystem::path target_;
  std::filesystem::path staging_;
  std::mutex mutex_;
  std::set<std::string> folders_;  // made in the staging folder so far
  std::optional<std::pair<std::string, std::string>> failure_;  // where, what
  bool finished_ = false;
};

/// An exclusive lock on a folder that visie replaces or writes into (the
/// output folder of `build`, the content folder of `freeze` and
/// `--refreeze`), held for as long as the object lives. It is the file
/// `.<name>.visie-lock` beside the folder, locked with flock(2): the kernel
/// releases it when the process ends, however it ends, so a killed build
/// never leaves the folder locked. The file is removed when the lock is
/// released.
class FolderLock {
 public:
  /// Takes the lock on `folder` (whose parent is created when missing).
  /// When another process holds it, calls `waiting` once, so that the
  /// caller can say why it waits, and then waits for it. Null, with an
  /// error in `diags`, when the lock file cannot be made.
  static std::unique_ptr<FolderLock> acquire(const std::filesystem::path& folder,
                                             const std::function<void()>& waiting,
                                             core::Diagnostics& diags);
  ~FolderLock();
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

  /// The lock file, e.g. ".site.visie-lock" beside "site".
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  FolderLock(std::filesystem::path path, int fd) : path_(std::move(path)), fd_(fd) {}

  std::filesystem::path path_;
  int fd_;
};

/// The first executable regular file named `name` in the colon-separated
/// folders of `path_list` (the form of $PATH; an empty entry is the current
/// folder), or nullopt.
std::optional<std::filesystem::path> find_program(std::string_view name,
                                                  std::string_view path_list);

/// The number of pages of the PDF `bytes`: its page objects (`/Type
/// /Page`), as WeasyPrint writes them, uncompressed; 0 when none is found
/// (e.g. a PDF whose objects are compressed).
std::size_t pdf_page_count(std::string_view bytes);

/// Seconds since 1970-01-01 UTC of a `YYYY-MM-DD` date at midnight UTC; 0
/// for an empty or malformed date.
std::int64_t epoch_of_date(std::string_view date);

/// Writes a frozen version's snapshot folder `dir` (chapters, data, the
/// published site and visie.lock) from `files` (relative path → bytes),
/// through a staging folder and one atomic step. Refuses an existing `dir`
/// unless `replace` (a refreeze, which swaps the old snapshot out whole).
bool write_snapshot(const model::FileMap& files, const std::filesystem::path& dir, bool replace,
                    core::Diagnostics& diags);

/// Writes a new project (`visie new`) into `dir` from `files` (relative
/// path → bytes), through a staging folder and one step. Refuses a `dir`
/// that exists and is not an empty folder: a new project never overwrites
/// anything.
bool write_project(const model::FileMap& files, const std::filesystem::path& dir,
                   core::Diagnostics& diags);

/// Whether the cache folder `dir` holds the entry `key` (a file named so).
bool cache_has(const std::filesystem::path& dir, const std::string& key);

/// Records the entry `key` in the cache folder `dir` (created when
/// missing). A cache only saves time: failing to write it is not an error.
void cache_put(const std::filesystem::path& dir, const std::string& key);

/// Replaces the file `path` with `bytes` atomically (a temporary file next
/// to it, then rename).
bool replace_file(const std::filesystem::path& path, const std::string& bytes,
                  core::Diagnostics& diags);

}  // namespace visie::emit
