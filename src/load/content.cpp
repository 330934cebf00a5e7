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
#include "load/front_matter.hpp"
#include "load/json.hpp"
#include "load/load.hpp"
#include "load/object_reader.hpp"
#include "load/references.hpp"

namespace visie::load {

namespace {

namespace fs = std::filesystem;
using core::Diagnostics;
using core::SourceLoc;
using model::Ref;

/// Reads the files of one content folder, refusing anything that would
/// leave it (a symlink pointing outside) or that is not a regular file.
class FileReader {
 public:
  FileReader(fs::path root, Diagnostics& diags) : root_(std::move(root)), diags_(diags) {
    std::error_code ec;
    canonical_root_ = fs::weakly_canonical(root_, ec);
  }

  /// The path shown in diagnostics for `rel`.
  [[nodiscard]] std::string display(const fs::path& rel) const {
    return (root_ / rel).lexically_normal().generic_string();
  }

  [[nodiscard]] bool exists(const fs::path& rel) const {
    std::error_code ec;
    return fs::exists(fs::symlink_status(root_ / rel, ec));
  }

  /// Keeps a copy of every file read from now on in `files`.
  void record(model::FileMap* files) { recorded_ = files; }

  /// The real path of `rel` when it lies inside the folder; reports an
  /// error and returns nullopt when it resolves (through a symbolic link)
  /// to somewhere outside.
  std::optional<fs::path> resolve(const fs::path& rel) {
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

  std::optional<std::string> read(const fs::path& rel) {
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

  /// Every regular file under directory `rel`, by path relative to it.
  model::FileMap read_tree(const fs::path& rel) {
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

  std::optional<JsonDocument> json(const fs::path& rel) {
    auto text = read(rel);
    if (!text) return std::nullopt;
    return parse_json(display(rel), *text, diags_);
  }

  /// Names of the entries in directory `rel` with extension `ext` (every
  /// entry when `ext` is empty), sorted so that every build sees them in the same order.
  std::vector<std::string> list(const fs::path& rel, std::string_view ext) {
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

  [[nodiscard]] const fs::path& root() const { return root_; }

 private:
  /// fs::weakly_canonical(root_ / rel), with the real path of each folder
  /// looked up once per reader rather than once per file in it (one
  /// readlink per path component adds up over a few hundred files).
  fs::path real_path(const fs::path& rel, std::error_code& ec) {
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

  fs::path root_;
  fs::path canonical_root_;
  std::map<fs::path, fs::path> real_folders_;  // rel folder → its real path
  Diagnostics& diags_;
  model::FileMap* recorded_ = nullptr;
};

Ref read_ref(ObjectReader& r, std::string_view key, Need need) {
  Ref ref;
  ref.loc = r.loc(key);
  ref.id = r.string(key, need);
  return ref;
}

/// Reports an id that occurs twice among `seen`.
void check_unique(std::map<std::string, SourceLoc>& seen, const std::string& id,
                  const SourceLoc& loc, std::string_view what, Diagnostics& diags) {
  if (id.empty()) return;
  const auto [it, inserted] = seen.emplace(id, loc);
  if (!inserted) {
    diags.error(loc, "duplicate " + std::string(what) + " id \"" + id + "\" (first used at " +
                         std::to_string(it->second.line) + ":" +
                         std::to_string(it->second.col) + ")");
  }
}

// ---------------------------------------------------------------- project

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
  r.finish();
  return p;
}

std::vector<model::Version> read_versions(const JsonDocument& doc, Diagnostics& diags) {
  std::vector<model::Version> versions;
  ObjectReader top(doc, "", diags);
  std::map<std::string, SourceLoc> ids;
  top.array("versions", Need::required, [&](const std::string& ptr) {
    ObjectReader r(doc, ptr, diags);
    if (!r.ok()) return;
    model::Version v;
    v.loc = r.loc();
    v.id = r.id("id", Need::required);
    check_unique(ids, v.id, r.loc("id"), "version", diags);
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
    r.array("removed", Need::optional, [&](const std::string& rptr) {
      ObjectReader rr(doc, rptr, diags);
      if (!rr.ok()) return;
      model::RemovedChapter removed;
      removed.chapter = read_ref(rr, "chapter", Need::required);
      removed.reason = rr.string("reason", Need::required);
      rr.finish();
      v.removed.push_back(std::move(removed));
    });
    v.frozen = r.boolean("frozen", Need::optional).value_or(false);
    r.finish();
    versions.push_back(std::move(v));
  });
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

// ------------------------------------------------------------------- data

std::vector<model::Item> read_items(const JsonDocument& doc, ObjectReader& r,
                                    std::string_view key, Diagnostics& diags,
                                    std::map<std::string, SourceLoc>& ids) {
  std::vector<model::Item> items;
  r.array(key, Need::optional, [&](const std::string& ptr) {
    ObjectReader ir(doc, ptr, diags);
    if (!ir.ok()) return;
    model::Item item;
    item.loc = ir.loc();
    item.id = ir.id("id", Need::required);
    check_unique(ids, item.id, ir.loc("id"), "item", diags);
    item.text = ir.string("text", Need::required);
    ir.finish();
    items.push_back(std::move(item));
  });
  return items;
}

/// An optional array of id strings, each with its place.
std::vector<model::Ref> read_refs(const JsonDocument& doc, ObjectReader& r, std::string_view key,
                                  Diagnostics& diags) {
  std::vector<model::Ref> refs;
  r.array(key, Need::optional, [&](const std::string& ptr) {
    const auto& value = doc.root().at(nlohmann::json::json_pointer(ptr));
    if (!value.is_string()) {
      diags.error(doc.loc(ptr), "expected a string (an id), found " +
                                    std::string(load::type_name(value)));
      return;
    }
    refs.push_back({value.get<std::string>(), doc.loc(ptr)});
  });
  return refs;
}

void read_working_definitions(const JsonDocument& doc, model::Dataset& data, Diagnostics& diags) {
  ObjectReader top(doc, "", diags);
  top.array("versions", Need::required, [&](const std::string& ptr) {
    ObjectReader r(doc, ptr, diags);
    if (!r.ok()) return;
    model::WorkingDefinition w;
    w.loc = r.loc();
    w.version = read_ref(r, "version", Need::required);
    if (r.has("definition")) w.definition = read_ref(r, "definition", Need::required);
    w.text = r.string("text", Need::optional);
    w.elements = read_refs(doc, r, "elements", diags);
    w.rationale = r.string("rationale", Need::optional);
    r.finish();
    if (w.definition && !w.text.empty()) {
      diags.error(w.loc, "a working definition is either one of the inventory (\"definition\") "
                         "or the team's own wording (\"text\"), not both");
    }
    data.working_definitions.push_back(std::move(w));
  });
  top.finish();
}

void read_definitions(const JsonDocument& doc, model::Dataset& data, Diagnostics& diags) {
  ObjectReader top(doc, "", diags);
  std::map<std::string, SourceLoc> ids;
  top.array("definitions", Need::required, [&](const std::string& ptr) {
    ObjectReader r(doc, ptr, diags);
    if (!r.ok()) return;
    model::Definition d;
    d.loc = r.loc();
    d.id = r.id("id", Need::required);
    check_unique(ids, d.id, r.loc("id"), "definition", diags);
    // An empty text is allowed: a source that names a definition whose
    // wording is lost is recorded with its attribution, and the page says
    // that the text is missing. The field itself must be there.
    d.text = r.string("text", r.has("text") ? Need::optional : Need::required);
    d.attribution = r.string("attribution", Need::required);
    d.source = read_ref(r, "source", Need::required);
    d.year = r.integer("year", Need::optional);
    d.kind = r.word("kind", Need::required, model::source_kinds, model::SourceKind::research);
    d.elements = read_refs(doc, r, "elements", diags);
    r.finish();
    data.definitions.push_back(std::move(d));
  });
  std::map<std::string, SourceLoc> element_ids;
  data.elements_declared = top.has("elements");
  top.array("elements", Need::optional, [&](const std::string& ptr) {
    ObjectReader r(doc, ptr, diags);
    if (!r.ok()) return;
    model::Element e;
    e.loc = r.loc();
    e.id = r.id("id", Need::required);
    check_unique(element_ids, e.id, r.loc("id"), "element", diags);
    e.label = r.string("label", Need::required);
    r.finish();
    data.elements.push_back(std::move(e));
  });
  if (!data.elements_declared) {
    // Older data names its elements in words; they are their own labels.
    for (const auto& d : data.definitions) {
      for (const auto& e : d.elements) {
        if (model::find_by_id(data.elements, e.id) == nullptr) {
          data.elements.push_back({e.id, e.id, e.loc});
        }
      }
    }
  }
  if (top.has("perspective_emphases")) {
    ObjectReader pe(doc, top.pointer("perspective_emphases"), diags);
    top.accept("perspective_emphases");
    data.emphases_source = read_ref(pe, "source", Need::required);
    std::map<std::string, SourceLoc> pids;
    pe.array("items", Need::required, [&](const std::string& ptr) {
      ObjectReader r(doc, ptr, diags);
      if (!r.ok()) return;
      model::PerspectiveEmphasis e;
      e.id = r.id("id", Need::required);
      check_unique(pids, e.id, r.loc("id"), "perspective", diags);
      e.perspective = r.string("perspective", Need::required);
      e.emphasis = r.string("emphasis", Need::required);
      r.finish();
      data.emphases.push_back(std::move(e));
    });
    pe.finish();
  }
  top.finish();
}

void read_terms(const JsonDocument& doc, model::Dataset& data, Diagnostics& diags) {
  ObjectReader top(doc, "", diags);
  std::map<std::string, SourceLoc> ids;
  top.array("terms", Need::required, [&](const std::string& ptr) {
    ObjectReader r(doc, ptr, diags);
    if (!r.ok()) return;
    model::Term t;
    t.loc = r.loc();
    t.id = r.id("id", Need::required);
    check_unique(ids, t.id, r.loc("id"), "term", diags);
    t.term = r.string("term", Need::required);
    t.definition = r.string("definition", Need::required);
    t.source = read_ref(r, "source", Need::required);
    t.short_text = r.string("short", Need::optional);
    t.variants = r.strings("variants", Need::optional);
    r.finish();
    data.terms.push_back(std::move(t));
  });
  top.finish();
}

model::Workshop read_workshop(const JsonDocument& doc, Diagnostics& diags) {
  model::Workshop w;
  ObjectReader r(doc, "", diags);
  w.loc = r.loc();
  w.id = r.id("id", Need::required);
  w.title = r.string("title", Need::required);
  w.event = r.string("event", Need::optional);
  w.period = r.string("period", Need::optional);
  w.assignment = r.string("assignment", Need::optional);
  std::map<std::string, SourceLoc> part_ids;
  r.array("programme", Need::optional, [&](const std::string& ptr) {
    ObjectReader pr(doc, ptr, diags);
    if (!pr.ok()) return;
    model::ProgrammePart p;
    p.id = pr.id("id", Need::required);
    check_unique(part_ids, p.id, pr.loc("id"), "programme part", diags);
    p.title = pr.string("title", Need::required);
    p.minutes = pr.integer("minutes", Need::optional).value_or(0);
    if (p.minutes < 0) diags.error(pr.loc("minutes"), "\"minutes\" must not be negative");
    p.presenters = pr.strings("presenters", Need::optional);
    p.steps = pr.strings("steps", Need::optional);
    pr.finish();
    w.programme.push_back(std::move(p));
  });
  // Aspects, opportunities, barriers and clusters share one id space, so a
  // vote can name any of them.
  std::map<std::string, SourceLoc> item_ids;
  r.array("clusters", Need::optional, [&](const std::string& ptr) {
    ObjectReader cr(doc, ptr, diags);
    if (!cr.ok()) return;
    model::Cluster c;
    c.id = cr.id("id", Need::required);
    check_unique(item_ids, c.id, cr.loc("id"), "item", diags);
    c.label = cr.string("label", Need::required);
    c.aspects = read_items(doc, cr, "aspects", diags, item_ids);
    cr.finish();
    w.clusters.push_back(std::move(c));
  });
  std::map<std::string, SourceLoc> perspective_ids;
  r.array("perspectives", Need::optional, [&](const std::string& ptr) {
    ObjectReader pr(doc, ptr, diags);
    if (!pr.ok()) return;
    model::Perspective p;
    p.id = pr.id("id", Need::required);
    check_unique(perspective_ids, p.id, pr.loc("id"), "perspective", diags);
    p.label = pr.string("label", Need::required);
    p.scope = pr.string("scope", Need::optional);
    p.opportunities = read_items(doc, pr, "opportunities", diags, item_ids);
    p.barriers = read_items(doc, pr, "barriers", diags, item_ids);
    pr.finish();
    w.perspectives.push_back(std::move(p));
  });
  std::map<std::string, SourceLoc> activity_ids;
  r.array("activities", Need::optional, [&](const std::string& ptr) {
    ObjectReader ar(doc, ptr, diags);
    if (!ar.ok()) return;
    model::Activity a;
    a.id = ar.id("id", Need::required);
    check_unique(activity_ids, a.id, ar.loc("id"), "activity", diags);
    const auto kind = ar.one_of("kind", Need::required, {"vote", "questions"});
    a.kind = kind == "questions" ? model::ActivityKind::questions : model::ActivityKind::vote;
    a.title = ar.string("title", Need::required);
    a.prompt = ar.string("prompt", Need::optional);
    a.part = read_ref(ar, "part", Need::optional);
    if (a.kind == model::ActivityKind::vote) {
      a.targets = ar.strings("targets", Need::optional);
      for (std::size_t i = 0; i < a.targets.size(); ++i) {
        const auto& t = a.targets[i];
        if (t != "clusters" && t != "aspects" && t != "opportunities" && t != "barriers") {
          diags.error(doc.loc(child_pointer(ar.pointer("targets"), i)),
                      "unknown vote target \"" + t +
                          "\" (expected: clusters, aspects, opportunities, barriers)");
        }
      }
    }
    ar.array("results", Need::optional, [&](const std::string& rptr) {
      ObjectReader rr(doc, rptr, diags);
      if (!rr.ok()) return;
      if (a.kind == model::ActivityKind::vote) {
        model::VoteResult v;
        v.item = read_ref(rr, "item", Need::required);
        v.votes = rr.integer("votes", Need::required).value_or(0);
        if (v.votes < 0) diags.error(rr.loc("votes"), "\"votes\" must not be negative");
        a.votes.push_back(std::move(v));
      } else {
        model::Answer answer;
        answer.text = rr.string("text", Need::required);
        if (rr.has("perspective")) answer.perspective = read_ref(rr, "perspective", Need::optional);
        a.answers.push_back(std::move(answer));
      }
      rr.finish();
    });
    ar.finish();
    w.activities.push_back(std::move(a));
  });
  r.finish();
  return w;
}

model::Model read_model(const JsonDocument& doc, Diagnostics& diags) {
  model::Model m;
  ObjectReader r(doc, "", diags);
  m.loc = r.loc();
  m.id = r.id("id", Need::required);
  m.kind = r.word("kind", Need::required, model::model_kinds, model::ModelKind::cards);
  m.title = r.string("title", Need::required);
  m.source = read_ref(r, "source", Need::required);
  m.description = r.string("description", Need::optional);
  std::map<std::string, SourceLoc> ids;
  r.array("parts", Need::required, [&](const std::string& ptr) {
    ObjectReader pr(doc, ptr, diags);
    if (!pr.ok()) return;
    model::ModelPart p;
    p.loc = pr.loc();
    p.id = pr.id("id", Need::required);
    check_unique(ids, p.id, pr.loc("id"), "part", diags);
    p.role = pr.string("role", Need::optional);
    p.label = pr.string("label", Need::required);
    p.description = pr.string("description", Need::optional);
    p.items = pr.strings("items", Need::optional);
    p.quote = pr.string("quote", Need::optional);
    if (pr.has("percent")) {
      ObjectReader cr(doc, pr.pointer("percent"), diags);
      pr.accept("percent");
      model::Percent pc;
      pc.value = cr.number("value", Need::optional);
      pc.min = cr.number("min", Need::optional);
      pc.max = cr.number("max", Need::optional);
      cr.finish();
      const bool range = pc.min.has_value() && pc.max.has_value();
      if (cr.ok() && pc.value.has_value() == range) {
        diags.error(cr.loc(), "\"percent\" needs either \"value\" or both \"min\" and \"max\"");
      }
      for (auto v : {pc.value, pc.min, pc.max}) {
        if (v && (*v < 0 || *v > 100)) {
          diags.error(cr.loc(), "a percentage must lie between 0 and 100");
          break;
        }
      }
      if (range && *pc.min > *pc.max) diags.error(cr.loc(), "\"min\" is larger than \"max\"");
      p.percent = pc;
    }
    pr.finish();
    m.parts.push_back(std::move(p));
  });
  if (r.ok() && r.has("parts") && m.parts.empty()) {
    diags.error(r.loc("parts"), "a model needs at least one part");
  }
  r.finish();
  return m;
}

/// The spreadsheets a workshop's results may come in, next to its JSON
/// file in data/workshops/<id>/ (see docs/content-format.md).
constexpr std::string_view workshop_sheets[] = {"aspects.csv", "perspectives.csv", "votes.csv"};

/// Every item id of `w` (clusters, aspects, opportunities, barriers share
/// one id space), for spotting a spreadsheet row that repeats one.
std::set<std::string> item_ids_of(const model::Workshop& w) {
  std::set<std::string> ids;
  for (const auto& c : w.clusters) {
    ids.insert(c.id);
    for (const auto& a : c.aspects) ids.insert(a.id);
  }
  for (const auto& p : w.perspectives) {
    for (const auto& i : p.opportunities) ids.insert(i.id);
    for (const auto& i : p.barriers) ids.insert(i.id);
  }
  return ids;
}

/// The value of a required cell: reports an empty one.
std::string required_cell(const CsvCell* cell, std::string_view column, Diagnostics& diags) {
  if (cell == nullptr) return {};
  if (cell->text.empty()) diags.error(cell->loc, "empty \"" + std::string(column) + "\"");
  return cell->text;
}

/// A cell that must be an id; reports what is not.
std::string id_cell(const CsvCell* cell, std::string_view column, Diagnostics& diags) {
  auto id = required_cell(cell, column, diags);
  if (!id.empty() && !core::is_valid_id(id)) {
    diags.error(cell->loc, "\"" + id + "\" is not a valid " + std::string(column) +
                               " id: use lowercase letters, digits and -, starting with a letter");
    return {};
  }
  return id;
}

/// A new item id from a spreadsheet row, unless the workshop has it already.
bool add_item_id(std::set<std::string>& ids, const std::string& id, const CsvCell* cell,
                 Diagnostics& diags) {
  if (id.empty()) return false;
  if (!ids.insert(id).second) {
    diags.error(cell->loc, "item id \"" + id + "\" is used twice in this workshop");
    return false;
  }
  return true;
}

void read_aspects_sheet(const CsvTable& table, const std::string& file, model::Workshop& w,
                        std::set<std::string>& ids, Diagnostics& diags) {
  const CsvColumns cols(table, file, {"cluster", "id", "text"}, {"cluster_label"}, diags);
  if (!cols.ok()) return;
  for (const auto& row : table.rows) {
    if (!cols.row_ok(row, diags)) continue;
    const auto* cluster_cell = cols.cell(row, "cluster");
    const auto cluster_id = id_cell(cluster_cell, "cluster", diags);
    const auto* id_cell_ptr = cols.cell(row, "id");
    const auto id = id_cell(id_cell_ptr, "id", diags);
    const auto text = required_cell(cols.cell(row, "text"), "text", diags);
    if (cluster_id.empty()) continue;
    auto it = std::find_if(w.clusters.begin(), w.clusters.end(),
                           [&](const auto& c) { return c.id == cluster_id; });
    if (it == w.clusters.end()) {
      const auto* label = cols.cell(row, "cluster_label");
      if (label == nullptr || label->text.empty()) {
        diags.error(cluster_cell->loc, "unknown cluster \"" + cluster_id +
                                           "\": add it to \"clusters\" in " + w.id +
                                           ".json or give its cluster_label");
        continue;
      }
      if (!ids.insert(cluster_id).second) {
        diags.error(cluster_cell->loc, "item id \"" + cluster_id + "\" is used twice in this workshop");
        continue;
      }
      w.clusters.push_back({cluster_id, label->text, {}});
      it = std::prev(w.clusters.end());
    }
    if (add_item_id(ids, id, id_cell_ptr, diags) && !text.empty()) {
      it->aspects.push_back({id, text, id_cell_ptr->loc});
    }
  }
}

void read_perspectives_sheet(const CsvTable& table, const std::string& file, model::Workshop& w,
                             std::set<std::string>& ids, Diagnostics& diags) {
  const CsvColumns cols(table, file, {"perspective", "kind", "id", "text"},
                        {"perspective_label"}, diags);
  if (!cols.ok()) return;
  for (const auto& row : table.rows) {
    if (!cols.row_ok(row, diags)) continue;
    const auto* perspective_cell = cols.cell(row, "perspective");
    const auto perspective_id = id_cell(perspective_cell, "perspective", diags);
    const auto* kind_cell = cols.cell(row, "kind");
    const auto kind = required_cell(kind_cell, "kind", diags);
    const bool opportunity = kind == "opportunity" || kind == "kans";
    if (!kind.empty() && !opportunity && kind != "barrier" && kind != "belemmering") {
      diags.error(kind_cell->loc, "unknown kind \"" + kind +
                                      "\" (expected: opportunity or barrier; kans or belemmering)");
      continue;
    }
    const auto* id_cell_ptr = cols.cell(row, "id");
    const auto id = id_cell(id_cell_ptr, "id", diags);
    const auto text = required_cell(cols.cell(row, "text"), "text", diags);
    if (perspective_id.empty() || kind.empty()) continue;
    auto it = std::find_if(w.perspectives.begin(), w.perspectives.end(),
                           [&](const auto& p) { return p.id == perspective_id; });
    if (it == w.perspectives.end()) {
      const auto* label = cols.cell(row, "perspective_label");
      if (label == nullptr || label->text.empty()) {
        diags.error(perspective_cell->loc, "unknown perspective \"" + perspective_id +
                                               "\": add it to \"perspectives\" in " + w.id +
                                               ".json or give its perspective_label");
        continue;
      }
      model::Perspective p;
      p.id = perspective_id;
      p.label = label->text;
      w.perspectives.push_back(std::move(p));
      it = std::prev(w.perspectives.end());
    }
    if (add_item_id(ids, id, id_cell_ptr, diags) && !text.empty()) {
      (opportunity ? it->opportunities : it->barriers).push_back({id, text, id_cell_ptr->loc});
    }
  }
}

void read_votes_sheet(const CsvTable& table, const std::string& file, model::Workshop& w,
                      Diagnostics& diags) {
  const CsvColumns cols(table, file, {"activity", "item", "votes"}, {}, diags);
  if (!cols.ok()) return;
  std::set<std::string> filled;  // activities that got results from this sheet
  for (const auto& row : table.rows) {
    if (!cols.row_ok(row, diags)) continue;
    const auto* activity_cell = cols.cell(row, "activity");
    const auto activity_id = id_cell(activity_cell, "activity", diags);
    const auto* item_cell = cols.cell(row, "item");
    const auto item = required_cell(item_cell, "item", diags);
    const auto* votes_cell = cols.cell(row, "votes");
    const auto votes_text = required_cell(votes_cell, "votes", diags);
    long votes = 0;
    const bool number = !votes_text.empty() && votes_text.size() < 10 &&
                        std::all_of(votes_text.begin(), votes_text.end(),
                                    [](char ch) { return ch >= '0' && ch <= '9'; });
    if (number) {
      votes = std::stol(votes_text);
    } else if (!votes_text.empty()) {
      diags.error(votes_cell->loc, "\"votes\" must be a whole number of 0 or more, found \"" +
                                       votes_text + "\"");
    }
    if (activity_id.empty() || item.empty() || !number) continue;
    auto it = std::find_if(w.activities.begin(), w.activities.end(),
                           [&](const auto& a) { return a.id == activity_id; });
    if (it == w.activities.end() || it->kind != model::ActivityKind::vote) {
      diags.error(activity_cell->loc, "\"" + activity_id + "\" is not a vote activity of workshop \"" +
                                          w.id + "\" (add it to \"activities\" with kind \"vote\")");
      continue;
    }
    if (filled.insert(activity_id).second && !it->votes.empty()) {
      diags.error(activity_cell->loc, "activity \"" + activity_id + "\" already has results in " +
                                          w.id + ".json: keep them in one place");
      continue;
    }
    it->votes.push_back({{item, item_cell->loc}, votes});
  }
}

/// Adds the results in data/workshops/<id>/*.csv to workshop `w`.
void read_workshop_sheets(FileReader& files, const fs::path& dir, model::Workshop& w,
                          Diagnostics& diags) {
  auto ids = item_ids_of(w);
  for (const auto name : workshop_sheets) {
    const auto rel = dir / name;
    if (!files.exists(rel)) continue;
    const auto text = files.read(rel);
    if (!text) continue;
    const auto shown = files.display(rel);
    const auto table = parse_csv(shown, *text, diags);
    if (!table) continue;
    if (name == "aspects.csv") read_aspects_sheet(*table, shown, w, ids, diags);
    if (name == "perspectives.csv") read_perspectives_sheet(*table, shown, w, ids, diags);
    if (name == "votes.csv") read_votes_sheet(*table, shown, w, diags);
  }
  for (const auto& name : files.list(dir, "")) {
    if (std::find(std::begin(workshop_sheets), std::end(workshop_sheets), name) ==
        std::end(workshop_sheets)) {
      diags.warning({files.display(dir / name), 0, 0},
                    "not a workshop spreadsheet visie reads (aspects.csv, perspectives.csv, "
                    "votes.csv); ignored");
    }
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

std::vector<model::Chapter> read_chapters(FileReader& files, Diagnostics& diags) {
  std::vector<model::Chapter> chapters;
  const auto names = files.list("chapters", ".md");
  if (names.empty()) {
    diags.error({files.display("chapters"), 0, 0}, "no chapters: add at least one .md file");
  }
  // Read in order, then parsed on all cores (front matter is YAML); each
  // chapter's diagnostics are merged in file order.
  struct Read {
    std::string file;
    std::string text;
    std::string id;
  };
  std::vector<Read> read;
  for (const auto& name : names) {
    const fs::path rel = fs::path("chapters") / name;
    if (auto text = files.read(rel)) {
      read.push_back({files.display(rel), std::move(*text), default_chapter_id(name)});
    }
  }
  std::vector<std::optional<model::Chapter>> parsed(read.size());
  std::vector<Diagnostics> found(read.size());
  core::parallel_for(read.size(), [&](std::size_t i) {
    parsed[i] = parse_chapter(read[i].file, read[i].text, read[i].id, found[i]);
  });
  for (std::size_t i = 0; i < read.size(); ++i) {
    diags.append(found[i]);
    if (parsed[i]) chapters.push_back(std::move(*parsed[i]));
  }
  std::stable_sort(chapters.begin(), chapters.end(),
                   [](const auto& a, const auto& b) { return a.order < b.order; });
  return chapters;
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

bool is_comment_id(std::string_view id) {
  if (id.size() != 18 || !id.starts_with("c-")) return false;
  return std::all_of(id.begin() + 2, id.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

/// `reviews/<version>/<chapter>.json`: the comments one chapter received.
model::ChapterReview read_review(const JsonDocument& doc, std::string_view version,
                                 std::string_view stem, Diagnostics& diags) {
  model::ChapterReview review;
  ObjectReader r(doc, "", diags);
  review.loc = r.loc();
  r.accept("$schema");
  const auto named = r.string("version", Need::required);
  if (!named.empty() && named != version) {
    diags.error(r.loc("version"), "version \"" + named + "\" must equal the folder name \"" +
                                      std::string(version) + "\"");
  }
  review.chapter = read_ref(r, "chapter", Need::required);
  if (!review.chapter.id.empty() && review.chapter.id != stem) {
    diags.error(review.chapter.loc, "chapter \"" + review.chapter.id +
                                        "\" must equal the file name \"" + std::string(stem) +
                                        "\"");
  }
  review.example = r.boolean("example", Need::optional).value_or(false);
  r.array("comments", Need::required, [&](const std::string& ptr) {
    ObjectReader cr(doc, ptr, diags);
    if (!cr.ok()) return;
    model::ReviewComment c;
    c.loc = cr.loc();
    c.id = cr.string("id", Need::required);
    if (!c.id.empty() && !is_comment_id(c.id)) {
      diags.error(cr.loc("id"), "a comment id is \"c-\" and 16 lowercase hex digits");
    }
    c.block = cr.string("block", Need::required);
    c.quote = cr.string("quote", Need::optional);
    c.role = cr.word("role", Need::required, model::review_roles, model::ReviewRole::expert);
    c.comment = cr.string("comment", Need::required);
    c.suggestion = cr.string("suggestion", Need::optional);
    c.created = cr.string("created", Need::required);
    if (!c.created.empty() && !core::is_utc_time(c.created)) {
      diags.error(cr.loc("created"), "a time is UTC, written as 2019-01-14T10:00:00Z (a day and time that exist)");
    }
    c.disposition =
        cr.word("disposition", Need::optional, model::dispositions, model::Disposition::open);
    c.response = cr.string("response", Need::optional);
    cr.finish();
    review.comments.push_back(std::move(c));
  });
  r.finish();
  return review;
}

/// The panels' comments under `reviews/`, one folder per version. A folder
/// that names no version is an error: its comments would be lost silently.
void read_reviews(FileReader& root, model::Content& content, Diagnostics& diags) {
  for (const auto& name : root.list("reviews", "")) {
    const fs::path dir = fs::path("reviews") / name;
    const auto vc = std::find_if(content.versions.begin(), content.versions.end(),
                                 [&](const auto& v) { return v.version.id == name; });
    if (vc == content.versions.end()) {
      diags.error({root.display(dir), 0, 0},
                  "comments on a version that versions.json does not have: \"" + name + "\"");
      continue;
    }
    for (const auto& file : root.list(dir, ".json")) {
      if (auto doc = root.json(dir / file)) {
        vc->reviews.push_back(read_review(*doc, name, fs::path(file).stem().string(), diags));
      }
    }
  }
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

model::ChapterReview read_review_file(const JsonDocument& doc, std::string_view version,
                                      std::string_view chapter, Diagnostics& diags) {
  return read_review(doc, version, chapter, diags);
}

void SnapshotCache::give_back(model::Content& content) {
  for (auto& vc : content.versions) {
    const auto entry = entries.find(vc.version.id);
    if (!vc.version.frozen || entry == entries.end() || !entry->second.lent) continue;
    vc.reviews.clear();
    entry->second.content = std::move(vc);
    entry->second.lent = false;
  }
}

std::string default_chapter_id(std::string_view file_name) {
  std::string_view stem = file_name.substr(0, file_name.rfind('.'));
  std::size_t digits = 0;
  while (digits < stem.size() && stem[digits] >= '0' && stem[digits] <= '9') ++digits;
  if (digits > 0 && digits < stem.size() && (stem[digits] == '-' || stem[digits] == '_')) {
    stem.remove_prefix(digits + 1);
  }
  return std::string(stem);
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
