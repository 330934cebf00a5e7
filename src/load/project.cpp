// The project's own files: visie.json, versions.json and a frozen version's visie.lock.
#include <algorithm>
#include <map>

#include "load/detail/readers.hpp"
#include "load/object_reader.hpp"

namespace visie::load {

using core::Diagnostics;
using core::SourceLoc;

model::Project read_project(const JsonDocument& doc, Diagnostics& diags) {
  model::Project p;
  ObjectReader r(doc, "", diags);
  p.title = r.string("title", Need::required);
  p.subtitle = r.string("subtitle", Need::optional);
  p.language = r.string("language", Need::required);
  p.organisation = r.string("organisation", Need::required);
  p.description = r.string("description", Need::optional);
  p.about = r.string("about", Need::optional);
  p.authors = r.strings("authors", Need::optional);
  p.base_url = r.string("base_url", Need::optional);
  p.citation_style = r.word("citation-style", Need::optional, model::citation_styles,
                            model::CitationFormat::apa);
  if (!p.base_url.empty()) {
    const bool absolute = p.base_url.starts_with("https://") || p.base_url.starts_with("http://");
    const bool plain = p.base_url.find_first_of(" \t\n\"<>?#") == std::string::npos;
    if (!absolute || !plain) {
      diags.error(r.loc("base_url"),
                  "base_url must be an absolute http(s) address without query or fragment, "
                  "e.g. \"https://example.org/visie/\"");
    } else if (!p.base_url.ends_with('/')) {
      p.base_url += '/';
    }
  }
  if (r.has("defaults")) {
    ObjectReader d(doc, r.pointer("defaults"), diags);
    r.accept("defaults");
    p.defaults.templates = d.string("templates", Need::optional);
    p.defaults.out = d.string("out", Need::optional);
    p.defaults.pdf = d.boolean("pdf", Need::optional);
    d.finish();
  }
  r.finish();
  return p;
}

model::ProjectDefaults read_project_defaults(const std::filesystem::path& content_dir) {
  // The command's own load reports whatever is wrong with visie.json; a
  // broken file gives no defaults.
  Diagnostics ignored;
  std::error_code ec;
  if (!std::filesystem::is_directory(content_dir, ec)) return {};
  FileReader files(content_dir, ignored);
  const auto doc = files.json("visie.json");
  if (!doc) return {};
  auto project = read_project(*doc, ignored);
  if (ignored.has_errors()) return {};
  return project.defaults;
}

std::vector<model::Version> read_versions(const JsonDocument& doc, Diagnostics& diags) {
  std::vector<model::Version> versions;
  ObjectReader top(doc, "", diags);
  std::map<std::string, SourceLoc> ids;
  const auto read_version = [&](ObjectReader& r, model::Version& v) {
    v.label = r.string("label", Need::required);
    v.period = r.string("period", Need::required);
    v.date = r.string("date", Need::optional);
    if (!v.date.empty()) {
      const bool shape = v.date.size() == 10 && v.date[4] == '-' && v.date[7] == '-' &&
                         std::all_of(v.date.begin(), v.date.end(),
                                     [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
      if (!shape) diags.error(r.loc("date"), "\"date\" must be written YYYY-MM-DD");
    }
    v.status = r.word("status", Need::required, model::statuses, model::Status::draft);
    v.milestone = r.string("milestone", Need::required);
    v.inputs = r.strings("inputs", Need::optional);
    r.array("workshops", Need::optional, [&](const std::string& wptr) {
      const auto& value = doc.root().at(nlohmann::json::json_pointer(wptr));
      if (!value.is_string()) {
        diags.error(doc.loc(wptr), "a workshop reference must be a workshop id (a string)");
        return;
      }
      v.workshops.push_back({value.get<std::string>(), doc.loc(wptr)});
    });
    r.objects("removed", Need::optional, [&](ObjectReader& rr) {
      model::RemovedChapter removed;
      removed.chapter = rr.ref("chapter", Need::required);
      removed.reason = rr.string("reason", Need::required);
      v.removed.push_back(std::move(removed));
    });
    v.frozen = r.boolean("frozen", Need::optional).value_or(false);
  };
  versions = top.list<model::Version>("versions", Need::required, ids, "version", read_version);
  top.finish();
  if (top.ok() && versions.empty() && !diags.has_errors()) {
    diags.error(top.loc("versions"), "\"versions\" must list at least one version");
  }
  std::size_t drafts = 0;
  for (const auto& v : versions) {
    if (!v.frozen && ++drafts > 1) {
      diags.error(v.loc, "only one version can be the working draft (not frozen); version \"" +
                             v.id + "\" is the second");
    }
  }
  return versions;
}

std::optional<model::Lock> read_lock(FileReader& files, Diagnostics& diags) {
  auto doc = files.json("visie.lock");
  if (!doc) return std::nullopt;
  model::Lock lock;
  ObjectReader r(*doc, "", diags);
  lock.loc = r.loc();
  r.string("version", Need::required);
  lock.generator = r.string("generator", Need::required);
  for (const char* key : {"inputs", "outputs"}) {
    auto& map = std::string_view(key) == "inputs" ? lock.inputs : lock.outputs;
    r.accept(key);
    const auto ptr = nlohmann::json::json_pointer(r.pointer(key));
    if (!doc->root().contains(ptr) || !doc->root().at(ptr).is_object()) {
      diags.error(r.loc(key), std::string("\"") + key + "\" must map file paths to SHA-256 hashes");
      continue;
    }
    for (const auto& [path, hash] : doc->root().at(ptr).items()) {
      if (!hash.is_string()) {
        diags.error(doc->loc(child_pointer(r.pointer(key), path)), "a hash must be a string");
        continue;
      }
      map[path] = hash.get<std::string>();
    }
  }
  r.finish();
  return lock;
}

}  // namespace visie::load
