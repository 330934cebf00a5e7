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

std::optional<Index> read_index(const fs::path& content_dir, Diagnostics& diags) {
  std::error_code ec;
  if (!fs::is_directory(content_dir, ec)) {
    diags.error({content_dir.generic_string(), 0, 0}, "content folder not found");
    return std::nullopt;
  }
  FileReader root(content_dir, diags);
  Index index;
  root.record(&index.project_files);
  auto project_doc = root.json("visie.json");
  auto versions_doc = root.json("versions.json");
  if (project_doc) index.project = read_project(*project_doc, diags);
  root.record(nullptr);
  if (!versions_doc) return std::nullopt;
  for (auto& version : read_versions(*versions_doc, diags)) {
    if (!version.id.empty()) index.versions.push_back(std::move(version));
  }
  return index;
}

std::optional<fs::path> version_folder(const fs::path& content_dir, const model::Version& version,
                                       Diagnostics& diags) {
  if (!version.frozen) return fs::path();
  FileReader root(content_dir, diags);
  const fs::path folder = fs::path("versions") / version.id;
  if (!root.exists(folder)) {
    diags.error(version.loc, "version \"" + version.id + "\" is frozen but its snapshot " +
                                 root.display(folder) + " does not exist");
    return std::nullopt;
  }
  // A snapshot folder that is a symbolic link out of the content folder
  // would make every read below look "inside" it.
  if (!root.resolve(folder)) return std::nullopt;
  return folder;
}

model::VersionContent read_version(const fs::path& content_dir, const fs::path& folder,
                                   model::Version version, Diagnostics& diags) {
  model::VersionContent vc;
  FileReader files(content_dir / folder, diags);
  vc.folder = (content_dir / folder).lexically_normal().generic_string();  // as FileReader::display
  if (version.frozen) {
    if (files.exists("visie.lock")) vc.lock = read_lock(files, diags);
    vc.published = files.read_tree("site");
  }
  files.record(&vc.inputs);
  vc.chapters = read_chapters(files, diags);
  vc.version = std::move(version);
  return vc;
}

VersionData read_version_data(const fs::path& content_dir, const fs::path& folder,
                              Diagnostics& diags) {
  VersionData read;
  FileReader files(content_dir / folder, diags);
  files.record(&read.inputs);
  read.data = read_dataset(files, diags);
  return read;
}

void read_reviews(const fs::path& content_dir, model::Content& content, Diagnostics& diags) {
  FileReader root(content_dir, diags);
  read_reviews(root, content, diags);
}

std::optional<model::Content> load_content(const fs::path& content_dir, Diagnostics& diags) {
  auto index = read_index(content_dir, diags);
  if (!index) return std::nullopt;
  model::Content content;
  content.project = std::move(index->project);
  content.project_files = std::move(index->project_files);
  for (auto& version : index->versions) {
    const auto folder = version_folder(content_dir, version, diags);
    if (!folder) continue;
    auto vc = read_version(content_dir, *folder, std::move(version), diags);
    auto data = read_version_data(content_dir, *folder, diags);
    vc.data = std::move(data.data);
    vc.inputs.merge(data.inputs);
    content.versions.push_back(std::move(vc));
  }
  read_reviews(content_dir, content, diags);
  return content;
}

}  // namespace visie::load
