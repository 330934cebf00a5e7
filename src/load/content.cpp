// load_content(): which reader reads which file of a content folder, version by version.
#include <algorithm>
#include <map>
#include <system_error>

#include "load/detail/file_reader.hpp"
#include "load/detail/readers.hpp"
#include "load/json.hpp"
#include "load/load.hpp"
#include "load/object_reader.hpp"
#include "load/references.hpp"

namespace visie::load {

namespace {

namespace fs = std::filesystem;
using core::Diagnostics;
using core::SourceLoc;

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
  if (auto doc = optional_json("data/references.json")) read_csl_json(*doc, data.references, diags);
  if (files.exists("data/references.bib")) {
    if (auto text = files.read("data/references.bib")) {
      read_bibtex(files.display("data/references.bib"), *text, data.references, diags);
    }
  }
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

}  // namespace

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
