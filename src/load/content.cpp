#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <ctime>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <system_error>

#include "core/text.hpp"
#include "core/parallel.hpp"
#include "load/csv.hpp"
#include "load/detail/file_reader.hpp"
#include "load/detail/readers.hpp"
#include "load/front_matter.hpp"
#include "load/json.hpp"
#include "load/load.hpp"
#include "load/object_reader.hpp"

namespace visie::load {

namespace {

namespace fs = std::filesystem;
using core::Diagnostics;
using core::SourceLoc;

// ------------------------------------------------------------------- data

bool is_citation_key(std::string_view key) {
  if (key.empty() || key.size() > 200) return false;
  const auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (!alnum(key[0])) return false;
  return std::all_of(key.begin(), key.end(), [&](char c) {
    return alnum(c) || c == '_' || c == ':' || c == '.' || c == '-';
  });
}

void read_references(const JsonDocument& doc, model::Dataset& data, Diagnostics& diags) {
  if (!doc.root().is_array()) {
    diags.error(doc.loc(""), "references.json must be a CSL-JSON array of references, found " +
                                 std::string(type_name(doc.root())));
    return;
  }
  std::map<std::string, SourceLoc> ids;
  for (std::size_t i = 0; i < doc.root().size(); ++i) {
    ObjectReader r(doc, child_pointer("", i), diags);
    if (!r.ok()) continue;
    model::Reference ref;
    ref.loc = r.loc();
    ref.id = r.string("id", Need::required);
    if (!ref.id.empty() && !is_citation_key(ref.id)) {
      diags.error(r.loc("id"), "\"" + ref.id +
                                   "\" is not a valid citation key: use letters, digits "
                                   "and _ : . -, starting with a letter or digit");
    }
    check_unique(ids, ref.id, r.loc("id"), "reference", diags);
    ref.type = r.one_of("type", Need::required,
                        {"article-journal", "book", "chapter", "document", "motion_picture",
                         "personal_communication", "report", "speech", "webpage"});
    ref.title = r.string("title", Need::required);
    r.array("author", Need::optional, [&](const std::string& ptr) {
      ObjectReader ar(doc, ptr, diags);
      if (!ar.ok()) return;
      model::Name n;
      n.family = ar.string("family", Need::optional);
      n.given = ar.string("given", Need::optional);
      n.literal = ar.string("literal", Need::optional);
      if (n.family.empty() && n.literal.empty()) {
        diags.error(ar.loc(), "an author needs \"family\" (and \"given\") or \"literal\"");
      }
      ar.finish();
      ref.authors.push_back(std::move(n));
    });
    if (r.has("issued")) {
      ObjectReader ir(doc, r.pointer("issued"), diags);
      r.accept("issued");
      const auto parts_ptr = ir.pointer("date-parts");
      ir.accept("date-parts");
      const auto ptr = nlohmann::json::json_pointer(parts_ptr);
      const auto& root = doc.root();
      bool ok = root.contains(ptr) && root.at(ptr).is_array() && !root.at(ptr).empty() &&
                root.at(ptr)[0].is_array() && !root.at(ptr)[0].empty() &&
                root.at(ptr)[0][0].is_number_integer();
      if (ok) {
        ref.year = root.at(ptr)[0][0].get<long>();
      } else if (ir.ok()) {
        diags.error(doc.loc(parts_ptr),
                    "\"issued\" must be { \"date-parts\": [[year]] } (month and day optional)");
      }
      ir.finish();
    }
    ref.container_title = r.string("container-title", Need::optional);
    ref.publisher = r.string("publisher", Need::optional);
    ref.url = r.string("URL", Need::optional);
    ref.note = r.string("note", Need::optional);
    r.finish();
    data.references.push_back(std::move(ref));
  }
}

/// Reads data/ of one version folder.
model::Dataset read_dataset(FileReader& files, Diagnostics& diags) {
  model::Dataset data;
  // Every data file is optional: a version holds the data it had then (a
  // start document has no workshop results yet).
  const auto optional_json = [&](const char* rel) -> std::optional<JsonDocument> {
    if (!files.exists(rel)) return std::nullopt;
    return files.json(rel);
  };
  if (auto doc = optional_json("data/definitions.json")) read_definitions(*doc, data, diags);
  if (auto doc = optional_json("data/terms.json")) read_terms(*doc, data, diags);
  if (auto doc = optional_json("data/working-definitions.json")) {
    read_working_definitions(*doc, data, diags);
  }
  if (auto doc = optional_json("data/references.json")) read_references(*doc, data, diags);
  for (const auto& name : files.list("data/workshops", ".json")) {
    const fs::path rel = fs::path("data/workshops") / name;
    if (auto doc = files.json(rel)) {
      auto w = read_workshop(*doc, diags);
      const auto stem = fs::path(name).stem().string();
      read_workshop_sheets(files, fs::path("data/workshops") / stem, w, diags);
      if (!w.id.empty() && w.id != stem) {
        diags.error(doc->loc("/id"), "workshop id \"" + w.id + "\" must equal the file name \"" +
                                         stem + "\"");
      }
      data.workshops.push_back(std::move(w));
    }
  }
  // A spreadsheet folder belongs to the workshop file of the same name.
  for (const auto& name : files.list("data/workshops", "")) {
    const fs::path rel = fs::path("data/workshops") / name;
    std::error_code ec;
    if (fs::is_directory(files.root() / rel, ec) && !files.exists(rel.string() + ".json")) {
      diags.error({files.display(rel), 0, 0}, "workshop spreadsheets without a workshop: add " +
                                                  files.display(rel.string() + ".json") +
                                                  " with its id and title");
    }
  }
  for (const auto& name : files.list("data/models", ".json")) {
    const fs::path rel = fs::path("data/models") / name;
    if (auto doc = files.json(rel)) {
      auto m = read_model(*doc, diags);
      const auto stem = fs::path(name).stem().string();
      if (!m.id.empty() && m.id != stem) {
        diags.error(doc->loc("/id"), "model id \"" + m.id + "\" must equal the file name \"" +
                                         stem + "\"");
      }
      data.models.push_back(std::move(m));
    }
  }
  return data;
}

/// The signature of snapshot folder `dir` for SnapshotCache: every entry
/// under it (path, inode, mode, size, modification and change time, in
/// nanoseconds). Nullopt when it must not be cached: it cannot be listed, it
/// holds a symbolic link or something that is neither a file nor a folder,
/// or an entry changed less than `settle` seconds ago (a file's times have
/// a coarse clock, so a second edit of the same size right after the first
/// could leave them alone).
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

/// Every entry under folder `dir` (sorted, with its kind) and the bytes of
/// every file (by path relative to the version's folder, "data/…"): all that
/// read_dataset() reads the data of a version from. An empty listing when
/// there is no such folder; nullopt when it holds a symbolic link or
/// anything but files and folders, or cannot be read.
std::optional<SnapshotCache::DataFiles> data_files(const fs::path& dir) {
  SnapshotCache::DataFiles found;
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

}  // namespace

void SnapshotCache::give_back(model::Content& content) {
  for (auto& vc : content.versions) {
    const auto entry = entries.find(vc.version.id);
    if (!vc.version.frozen || entry == entries.end() || !entry->second.lent) continue;
    vc.reviews.clear();
    entry->second.content = std::move(vc);
    entry->second.lent = false;
  }
}

std::optional<model::Content> load_content(const fs::path& content_dir, Diagnostics& diags) {
  return load_content(content_dir, diags, nullptr);
}

std::optional<model::Content> load_content(const fs::path& content_dir, Diagnostics& diags,
                                           SnapshotCache* cache) {
  std::error_code ec;
  if (!fs::is_directory(content_dir, ec)) {
    diags.error({content_dir.generic_string(), 0, 0}, "content folder not found");
    return std::nullopt;
  }
  FileReader root(content_dir, diags);
  model::Content content;
  root.record(&content.project_files);
  auto project_doc = root.json("visie.json");
  auto versions_doc = root.json("versions.json");
  if (project_doc) content.project = read_project(*project_doc, diags);
  root.record(nullptr);
  if (!versions_doc) return std::nullopt;
  for (auto& version : read_versions(*versions_doc, diags)) {
    if (version.id.empty()) continue;
    model::VersionContent vc;
    const fs::path folder = version.frozen ? fs::path("versions") / version.id : fs::path();
    if (version.frozen && !root.exists(folder)) {
      diags.error(version.loc, "version \"" + version.id + "\" is frozen but its snapshot " +
                                   root.display(folder) + " does not exist");
      continue;
    }
    // A snapshot folder that is a symbolic link out of the content folder
    // would make every read below look "inside" it.
    if (version.frozen && !root.resolve(folder)) continue;
    // `visie serve`: an unchanged snapshot is not read again.
    std::optional<std::string> signature;
    if (version.frozen && cache != nullptr) {
      signature = snapshot_signature(content_dir / folder, cache->settle_seconds);
      const auto cached = cache->entries.find(version.id);
      if (signature && cached != cache->entries.end() && !cached->second.lent &&
          cached->second.signature == *signature) {
        vc = std::move(cached->second.content);
        cached->second.lent = true;
        vc.version = std::move(version);
        content.versions.push_back(std::move(vc));
        continue;
      }
      cache->entries.erase(version.id);
    }
    const auto diagnostics_before = diags.all().size();
    FileReader files(content_dir / folder, diags);
    vc.folder = root.display(folder);
    if (version.frozen) {
      if (files.exists("visie.lock")) vc.lock = read_lock(files, diags);
      vc.published = files.read_tree("site");
    }
    files.record(&vc.inputs);
    vc.chapters = read_chapters(files, diags);
    // `visie serve`: the draft's data is parsed again only when a byte
    // under its data/ folder changed.
    std::optional<SnapshotCache::DataFiles> data_before;
    if (cache != nullptr && !version.frozen) {
      data_before = data_files(content_dir / folder / "data");
      const auto kept = cache->data.find(version.id);
      if (data_before && kept != cache->data.end() && kept->second.files == *data_before) {
        vc.data = kept->second.data;
        vc.inputs.insert(kept->second.inputs.begin(), kept->second.inputs.end());
      } else {
        cache->data.erase(version.id);
        model::FileMap read;
        files.record(&read);
        const auto before = diags.all().size();
        vc.data = read_dataset(files, diags);
        files.record(&vc.inputs);
        // Kept only when every file it read has the bytes listed before
        // (none changed in between).
        const bool same = data_before && std::all_of(read.begin(), read.end(), [&](const auto& f) {
                            const auto listed = data_before->files.find(f.first);
                            return listed != data_before->files.end() && listed->second == f.second;
                          });
        if (same && diags.all().size() == before) {
          cache->data[version.id] = {std::move(*data_before), vc.data, read};
        }
        vc.inputs.insert(read.begin(), read.end());
      }
    } else {
      vc.data = read_dataset(files, diags);
    }
    vc.version = std::move(version);
    if (signature && diags.all().size() == diagnostics_before) {
      cache->entries[vc.version.id] = {*signature, {}, false, true};
    }
    content.versions.push_back(std::move(vc));
  }
  read_reviews(root, content, diags);
  return content;
}

}  // namespace visie::load
