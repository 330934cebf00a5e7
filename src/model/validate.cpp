#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "core/sha256.hpp"
#include "core/text.hpp"
#include "model/items.hpp"
#include "model/model.hpp"

namespace visie::model {

namespace {

using core::Diagnostics;

/// " (did you mean "x"?)" when one of `items` has an id near `id`.
template <class T>
std::string near_id(std::string_view id, const std::vector<T>& items) {
  std::vector<std::string_view> ids;
  for (const auto& item : items) ids.push_back(item.id);
  return core::did_you_mean(id, ids);
}

void check_citation(const Dataset& data, const Ref& ref, Diagnostics& diags) {
  if (ref.id.empty()) return;
  if (find_by_id(data.references, ref.id) == nullptr) {
    diags.error(ref.loc, "unknown citation key \"" + ref.id + "\"" + near_id(ref.id, data.references) +
                             ": add it to data/references.json");
  }
}

void validate_model(const Model& m, Diagnostics& diags) {
  const auto& kind = word_of(model_kinds, m.kind);
  const std::string name(kind.name);
  std::set<std::string_view> singletons;
  for (const auto& part : m.parts) {
    if (kind.roles.empty() || part.role.empty()) {
      if (!kind.roles.empty()) {
        diags.error(part.loc, "a part of a \"" + name + "\" model needs a \"role\"");
      }
      continue;
    }
    const auto has = [&](std::span<const std::string_view> roles) {
      return std::find(roles.begin(), roles.end(), part.role) != roles.end();
    };
    if (!has(kind.roles)) {
      std::string list;
      for (auto r : kind.roles) list += (list.empty() ? "" : ", ") + std::string(r);
      diags.error(part.loc, "role \"" + part.role + "\" does not exist in a \"" + name +
                                "\" model (expected: " + list + ")");
    } else if (has(kind.single_roles)) {
      if (!singletons.insert(part.role).second) {
        diags.error(part.loc, "a \"" + name + "\" model has only one \"" + part.role + "\"");
      }
    }
    // A pyramid may have a tier without a share (the seed's prevention
    // base has none); proportions are nothing without theirs.
    if (kind.needs_percent && !part.percent) {
      diags.error(part.loc, "a part of a \"" + name + "\" model needs a \"percent\"");
    }
  }
}

void validate_workshop(const Workshop& w, Diagnostics& diags) {
  std::set<std::string_view> items;
  for_each_item_id(w, [&](const std::string& id) { items.insert(id); });
  for (const auto& a : w.activities) {
    if (!a.part.id.empty() && find_by_id(w.programme, a.part.id) == nullptr) {
      diags.error(a.part.loc, "unknown programme part \"" + a.part.id + "\"");
    }
    for (const auto& v : a.votes) {
      if (!v.item.id.empty() && !items.contains(v.item.id)) {
        diags.error(v.item.loc, "vote for unknown item \"" + v.item.id +
                                    "\": use the id of a cluster, aspect, opportunity or barrier");
        continue;
      }
      const auto kind = item_kind(w, v.item.id);
      if (!kind.empty() && !a.targets.empty() &&
          std::find(a.targets.begin(), a.targets.end(), kind) == a.targets.end()) {
        std::string targets;
        for (const auto& t : a.targets) targets += (targets.empty() ? "" : ", ") + t;
        diags.error(v.item.loc, "vote for \"" + v.item.id + "\", one of the " + std::string(kind) +
                                    ", but round \"" + a.id + "\" votes on " + targets +
                                    ": add \"" + std::string(kind) + "\" to its \"targets\"");
      }
    }
    for (const auto& answer : a.answers) {
      if (answer.perspective && find_by_id(w.perspectives, answer.perspective->id) == nullptr) {
        diags.error(answer.perspective->loc,
                    "unknown perspective \"" + answer.perspective->id + "\"");
      }
    }
  }
}

void check_element(const Dataset& data, const Ref& ref, Diagnostics& diags) {
  if (!data.elements_declared || find_by_id(data.elements, ref.id) != nullptr) return;
  std::string known;
  for (const auto& e : data.elements) known += (known.empty() ? "" : ", ") + e.id;
  diags.error(ref.loc, "unknown element \"" + ref.id + "\" (declared in definitions.json: " +
                           known + ")");
}

/// Working definitions name versions up to `vc` (a version records its own
/// and the earlier ones, never a later one), definitions of the inventory
/// and declared elements.
void validate_working_definitions(const Content& content, const VersionContent& vc,
                                  Diagnostics& diags) {
  const auto& data = vc.data;
  std::map<std::string, SourceLoc> seen;
  for (const auto& w : data.working_definitions) {
    std::optional<std::size_t> at;
    std::optional<std::size_t> self;
    for (std::size_t i = 0; i < content.versions.size(); ++i) {
      if (content.versions[i].version.id == w.version.id) at = i;
      if (&content.versions[i] == &vc) self = i;
    }
    if (!at) {
      diags.error(w.version.loc, "unknown version \"" + w.version.id + "\" (not in versions.json)");
    } else if (self && *at > *self) {
      diags.error(w.version.loc, "version \"" + w.version.id + "\" comes after \"" +
                                     vc.version.id + "\": a version records only its own and "
                                     "earlier working definitions");
    }
    if (!w.version.id.empty() && !seen.emplace(w.version.id, w.version.loc).second) {
      diags.error(w.version.loc, "version \"" + w.version.id + "\" has two working definitions");
    }
    if (w.definition) {
      if (find_by_id(data.definitions, w.definition->id) == nullptr) {
        diags.error(w.definition->loc, "unknown definition \"" + w.definition->id + "\"" +
                                           near_id(w.definition->id, data.definitions) +
                                           " (not in data/definitions.json)");
      }
    } else if (w.text.empty()) {
      diags.error(w.loc, "a working definition needs \"definition\" (one of the inventory) or "
                         "\"text\" (the team's own wording)");
    }
    for (const auto& e : w.elements) check_element(data, e, diags);
  }
}

void validate_version(const VersionContent& vc, Diagnostics& diags) {
  const auto& data = vc.data;
  for (const auto& d : data.definitions) {
    for (const auto& e : d.elements) check_element(data, e, diags);
  }
  for (const auto& d : data.definitions) {
    check_citation(data, d.source, diags);
    if (d.defines && find_by_id(data.terms, d.defines->id) == nullptr) {
      diags.error(d.defines->loc, "unknown concept \"" + d.defines->id +
                                      "\": use the id of a term in data/terms.json");
    }
  }
  for (const auto& t : data.terms) check_citation(data, t.source, diags);
  for (const auto& m : data.models) {
    check_citation(data, m.source, diags);
    validate_model(m, diags);
  }
  if (data.emphases_source) check_citation(data, *data.emphases_source, diags);
  for (const auto& w : data.workshops) validate_workshop(w, diags);
  for (const auto& ref : vc.version.workshops) {
    if (find_by_id(data.workshops, ref.id) == nullptr) {
      diags.error(ref.loc, "unknown workshop \"" + ref.id + "\"" + near_id(ref.id, data.workshops) +
                               " (no data/workshops/" + ref.id + ".json in this version)");
    }
  }
  std::map<long, const Chapter*> orders;
  std::map<std::string_view, const Chapter*> ids;
  for (const auto& c : vc.chapters) {
    if (auto [it, fresh] = orders.emplace(c.order, &c); !fresh) {
      diags.error(c.order_loc, "order " + std::to_string(c.order) + " is also used by " +
                                   it->second->loc.file);
    }
    if (auto [it, fresh] = ids.emplace(c.id, &c); !fresh) {
      diags.error(c.id_loc, "chapter id \"" + c.id + "\" is also used by " +
                                it->second->loc.file);
    } else if (const auto* page = find_word(reserved_pages, c.id)) {
      diags.error(c.id_loc, "chapter id \"" + c.id + "\" is reserved for the version's " +
                                std::string(page->what) + " (" + c.id + ".html)");
    }
  }
}

/// Comments are on chapters the reviewed version has, and each has its
/// own id (an import deduplicates by id, so two comments with one id
/// would silently become one).
void validate_reviews(const VersionContent& vc, Diagnostics& diags) {
  std::map<std::string_view, SourceLoc> seen;
  for (const auto& review : vc.reviews) {
    if (!review.chapter.id.empty() && find_by_id(vc.chapters, review.chapter.id) == nullptr) {
      diags.error(review.chapter.loc, "version \"" + vc.version.id + "\" has no chapter \"" +
                                          review.chapter.id + "\" to comment on");
    }
    for (const auto& c : review.comments) {
      if (c.id.empty()) continue;
      if (auto [it, fresh] = seen.emplace(c.id, c.loc); !fresh) {
        diags.error(c.loc, "comment id \"" + c.id + "\" is also used at " + it->second.file +
                               ":" + std::to_string(it->second.line));
      }
    }
  }
}

}  // namespace

/// A frozen snapshot must be exactly what was frozen.
void validate_snapshot(const VersionContent& vc, Diagnostics& diags) {
  if (!vc.version.frozen) return;
  if (!vc.lock) {
    // Only `visie freeze` writes a snapshot with its lock, and it freezes a
    // version that is not yet marked frozen.
    const auto content = std::filesystem::path(vc.folder).parent_path().parent_path();
    const std::string command =
        "visie freeze " + vc.version.id +
        (content == "content" ? "" : " --content " + core::shell_quoted(content.generic_string()));
    diags.error({vc.folder + "/visie.lock", 0, 0},
                "frozen version \"" + vc.version.id + "\" has no lock file: set \"frozen\": false "
                "for it in versions.json, move the folder " + vc.folder + " away, then run `" +
                    command + "`");
    return;
  }
  const auto& locked = vc.lock->inputs;
  for (const auto& [path, bytes] : vc.inputs) {
    const auto hash = core::sha256_hex(bytes);
    const auto it = locked.find(path);
    if (it == locked.end()) {
      diags.error({vc.folder + "/" + path, 0, 0},
                  "file added to the frozen version \"" + vc.version.id +
                      "\" after it was published; published versions never change: edit the "
                      "working draft instead");
    } else if (it->second != hash) {
      diags.error({vc.folder + "/" + path, 0, 0},
                  "file of the frozen version \"" + vc.version.id +
                      "\" was edited after it was published (its SHA-256 differs from "
                      "visie.lock); published versions never change: edit the working draft "
                      "instead");
    }
  }
  for (const auto& [path, hash] : locked) {
    if (!vc.inputs.contains(path)) {
      diags.error({vc.folder + "/" + path, 0, 0},
                  "file of the frozen version \"" + vc.version.id +
                      "\" was removed after it was published");
    }
  }
  for (const auto& [path, hash] : vc.lock->outputs) {
    const auto it = vc.published.find(path);
    if (it == vc.published.end()) {
      diags.error({vc.folder + "/site/" + path, 0, 0}, "published file is missing");
    } else if (core::sha256_hex(it->second) != hash) {
      diags.error({vc.folder + "/site/" + path, 0, 0},
                  "published file differs from its hash in visie.lock");
    }
  }
}

void validate(const Content& content, Diagnostics& diags) { validate(content, diags, {}); }

void validate(const Content& content, Diagnostics& diags, const std::set<std::string>& verified) {
  for (const auto& vc : content.versions) {
    validate_version(vc, diags);
    validate_working_definitions(content, vc, diags);
    if (!verified.contains(vc.version.id)) validate_snapshot(vc, diags);
    validate_reviews(vc, diags);
  }
}

}  // namespace visie::model
