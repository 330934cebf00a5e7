#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <system_error>

#include "core/text.hpp"
#include "load/front_matter.hpp"
#include "load/json.hpp"
#include "load/load.hpp"
#include "load/object_reader.hpp"

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

  std::optional<std::string> read(const fs::path& rel) {
    const auto path = root_ / rel;
    const auto shown = display(rel);
    std::error_code ec;
    const auto canonical = fs::weakly_canonical(path, ec);
    if (ec) {
      diags_.error({shown, 0, 0}, "cannot resolve path: " + ec.message());
      return std::nullopt;
    }
    const auto inside = canonical.lexically_relative(canonical_root_);
    if (inside.empty() || *inside.begin() == "..") {
      diags_.error({shown, 0, 0}, "refusing to read a file outside the content folder "
                                  "(a symbolic link points to " +
                                      canonical.generic_string() + ")");
      return std::nullopt;
    }
    const auto status = fs::status(canonical, ec);
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

  /// Names of the regular files in directory `rel` with extension `ext`,
  /// sorted so that every build sees them in the same order.
  std::vector<std::string> list(const fs::path& rel, std::string_view ext) {
    std::vector<std::string> names;
    std::error_code ec;
    const auto dir = root_ / rel;
    if (!fs::is_directory(dir, ec)) return names;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      const auto name = entry.path().filename().string();
      if (name.starts_with('.')) continue;  // editor swap and backup files
      if (entry.path().extension() == ext) names.push_back(name);
    }
    if (ec) diags_.error({display(rel), 0, 0}, "cannot list folder: " + ec.message());
    std::sort(names.begin(), names.end());
    return names;
  }

  [[nodiscard]] const fs::path& root() const { return root_; }

 private:
  fs::path root_;
  fs::path canonical_root_;
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
  p.authors = r.strings("authors", Need::optional);
  p.base_url = r.string("base_url", Need::optional);
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
    const auto status = r.one_of("status", Need::required, {"draft", "concept", "final"});
    v.status = status == "final"     ? model::Status::final
               : status == "concept" ? model::Status::concept_
                                     : model::Status::draft;
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
    d.text = r.string("text", Need::required);
    d.attribution = r.string("attribution", Need::required);
    d.source = read_ref(r, "source", Need::required);
    d.year = r.integer("year", Need::optional);
    const auto kind = r.one_of("kind", Need::required,
                               {"research", "policy", "practice", "patient-organisation"});
    d.kind = kind == "policy"                 ? model::SourceKind::policy
             : kind == "practice"             ? model::SourceKind::practice
             : kind == "patient-organisation" ? model::SourceKind::patient_organisation
                                              : model::SourceKind::research;
    d.elements = r.strings("elements", Need::optional);
    r.finish();
    data.definitions.push_back(std::move(d));
  });
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
    t.variants = r.strings("variants", Need::optional);
    r.finish();
    data.terms.push_back(std::move(t));
  });
  top.finish();
}

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
  std::vector<std::string_view> kinds;
  for (const auto& k : model::model_kinds()) kinds.push_back(k.kind);
  m.kind = r.one_of("kind", Need::required, kinds);
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
  if (auto doc = optional_json("data/references.json")) read_references(*doc, data, diags);
  for (const auto& name : files.list("data/workshops", ".json")) {
    const fs::path rel = fs::path("data/workshops") / name;
    if (auto doc = files.json(rel)) {
      auto w = read_workshop(*doc, diags);
      const auto stem = fs::path(name).stem().string();
      if (!w.id.empty() && w.id != stem) {
        diags.error(doc->loc("/id"), "workshop id \"" + w.id + "\" must equal the file name \"" +
                                         stem + "\"");
      }
      data.workshops.push_back(std::move(w));
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
  for (const auto& name : names) {
    const fs::path rel = fs::path("chapters") / name;
    auto text = files.read(rel);
    if (!text) continue;
    if (auto chapter = parse_chapter(files.display(rel), *text, default_chapter_id(name), diags)) {
      chapters.push_back(std::move(*chapter));
    }
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

}  // namespace

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
    FileReader files(content_dir / folder, diags);
    vc.folder = root.display(folder);
    if (version.frozen) {
      if (files.exists("visie.lock")) vc.lock = read_lock(files, diags);
      vc.published = files.read_tree("site");
    }
    files.record(&vc.inputs);
    vc.chapters = read_chapters(files, diags);
    vc.data = read_dataset(files, diags);
    vc.version = std::move(version);
    content.versions.push_back(std::move(vc));
  }
  return content;
}

}  // namespace visie::load
