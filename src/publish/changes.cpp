#include "publish/changes.hpp"

#include "core/text.hpp"
#include "render/citations.hpp"
#include "render/element_texts.hpp"
#include "render/ui.hpp"

#include <map>
#include <set>
#include <tuple>

namespace visie::publish {

namespace {

using nlohmann::json;

/// A block's text as its author wrote it, placeholders unfilled: what the
/// versions compare (a `{{version.label}}` is no change).
const std::string& written(const render::Anchor& a) { return a.written.empty() ? a.text : a.written; }

/// The text of a block as the page (`shown`: render::element_texts())
/// shows it.
std::string shown_text(const std::map<std::string, std::string>& shown, const render::Anchor& a) {
  const auto it = shown.find(a.id);
  return it == shown.end() ? a.text : it->second;
}

std::vector<BlockChange> compare_blocks(const std::vector<render::Anchor>& a,
                                        const std::map<std::string, std::string>& shown_a,
                                        const std::vector<render::Anchor>& b,
                                        const std::map<std::string, std::string>& shown_b,
                                        std::vector<std::pair<std::string, std::string>>& new_ids) {
  std::vector<std::string> ids_a;
  std::vector<std::string> ids_b;
  std::map<std::string, const render::Anchor*> by_id_a;
  std::map<std::string, const render::Anchor*> by_id_b;
  for (const auto& x : a) {
    ids_a.push_back(x.id);
    by_id_a[x.id] = &x;
  }
  for (const auto& x : b) {
    ids_b.push_back(x.id);
    by_id_b[x.id] = &x;
  }
  const auto script = edit_script(ids_a, ids_b);

  std::vector<BlockChange> out;
  // A run of deletions and additions between two common blocks is an edit:
  // paired one to one in order they are "changed", the rest added or
  // removed. An id deleted here and added elsewhere has moved.
  std::vector<const render::Anchor*> deleted;
  std::vector<const render::Anchor*> added;
  const auto flush = [&] {
    std::vector<const render::Anchor*> plain_deleted;
    std::vector<const render::Anchor*> plain_added;
    for (const auto* d : deleted) {
      if (!by_id_b.contains(d->id)) plain_deleted.push_back(d);
    }
    for (const auto* x : added) {
      if (by_id_a.contains(x->id)) {
        out.push_back({BlockChange::Kind::moved, x->id, x->ref, shown_text(shown_b, *x), {}});
      } else {
        plain_added.push_back(x);
      }
    }
    // Pair each removed block with the next added block of the same kind
    // that shares at least half of its words: an edited paragraph. Pairs
    // keep document order; everything unpaired is plainly added or removed.
    std::vector<bool> paired(plain_added.size(), false);
    std::vector<const render::Anchor*> partner(plain_deleted.size(), nullptr);
    std::size_t next = 0;
    for (std::size_t d = 0; d < plain_deleted.size(); ++d) {
      for (std::size_t x = next; x < plain_added.size(); ++x) {
        if (plain_added[x]->kind == plain_deleted[d]->kind &&
            similarity(written(*plain_deleted[d]), written(*plain_added[x])) >= 0.5) {
          partner[d] = plain_added[x];
          paired[x] = true;
          next = x + 1;
          break;
        }
      }
    }
    for (std::size_t d = 0; d < plain_deleted.size(); ++d) {
      const auto* old = plain_deleted[d];
      if (partner[d] == nullptr) {
        out.push_back({BlockChange::Kind::removed, old->id, old->ref, shown_text(shown_a, *old), {}});
      } else if (const auto* x = partner[d]; written(*old) == written(*x)) {
        // The same text as written has another id when a placeholder's
        // value changed: unchanged.
        new_ids.emplace_back(old->id, x->id);
      } else {
        auto words = diff_words(written(*old), written(*x));
        auto shown = phrases(words);
        const auto old_text = shown_text(shown_a, *old);
        auto new_text = shown_text(shown_b, *x);
        show(shown, ShownText(written(*old), old_text), ShownText(written(*x), new_text));
        out.push_back({BlockChange::Kind::changed, x->id, x->ref, std::move(new_text), std::move(words),
                       std::move(shown), old->id});
      }
    }
    for (std::size_t x = 0; x < plain_added.size(); ++x) {
      if (!paired[x]) {
        const auto* add = plain_added[x];
        out.push_back({BlockChange::Kind::added, add->id, add->ref, shown_text(shown_b, *add), {}});
      }
    }
    deleted.clear();
    added.clear();
  };
  for (const auto& [id, op] : script) {
    if (op == 0) {
      flush();
    } else if (op < 0) {
      deleted.push_back(by_id_a.at(id));
    } else {
      added.push_back(by_id_b.at(id));
    }
  }
  flush();
  return out;
}

/// A block removed from one chapter and added to another with the same id
/// (the same text, or the same explicit id) has moved: it is told
/// once, where it now is. Chapters left without changes drop out.
void pair_moves_across_chapters(std::vector<ChapterChange>& chapters) {
  std::map<std::string, std::vector<std::pair<std::size_t, std::size_t>>> removed;
  for (std::size_t c = 0; c < chapters.size(); ++c) {
    for (std::size_t b = 0; b < chapters[c].blocks.size(); ++b) {
      const auto& x = chapters[c].blocks[b];
      if (x.kind == BlockChange::Kind::removed) removed[x.id].emplace_back(c, b);
    }
  }
  if (removed.empty()) return;
  std::set<std::pair<std::size_t, std::size_t>> gone;
  for (std::size_t c = 0; c < chapters.size(); ++c) {
    for (auto& x : chapters[c].blocks) {
      if (x.kind != BlockChange::Kind::added) continue;
      const auto it = removed.find(x.id);
      if (it == removed.end()) continue;
      for (auto at = it->second.begin(); at != it->second.end(); ++at) {
        const auto [oc, ob] = *at;
        if (oc == c) continue;
        x.kind = BlockChange::Kind::moved;
        x.from = chapters[oc].title + " " + chapters[oc].blocks[ob].ref;
        gone.insert(*at);
        it->second.erase(at);
        break;
      }
    }
  }
  for (std::size_t c = chapters.size(); c-- > 0;) {
    auto& blocks = chapters[c].blocks;
    for (std::size_t b = blocks.size(); b-- > 0;) {
      if (gone.contains({c, b})) blocks.erase(blocks.begin() + static_cast<std::ptrdiff_t>(b));
    }
    if (blocks.empty() && chapters[c].kind == ChapterChange::Kind::changed && chapters[c].old_title.empty()) {
      chapters.erase(chapters.begin() + static_cast<std::ptrdiff_t>(c));
    }
  }
}

// ------------------------------------------------------------------ data

void add(std::vector<DataChange>& out, std::string key, std::vector<std::string> args) {
  out.push_back({std::move(key), std::move(args)});
}

/// Added, removed and changed items of two id-keyed lists.
template <class T, class Name, class Same>
void compare_items(const std::vector<T>& a, const std::vector<T>& b, const std::string& what,
                   Name name, Same same, std::vector<DataChange>& out) {
  for (const auto& x : b) {
    const auto* old = model::find_by_id(a, x.id);
    if (old == nullptr) {
      add(out, "change_" + what + "_added", {name(x)});
    } else if (!same(*old, x)) {
      add(out, "change_" + what + "_changed", {name(x)});
    }
  }
  for (const auto& x : a) {
    if (model::find_by_id(b, x.id) == nullptr) add(out, "change_" + what + "_removed", {name(x)});
  }
}

std::string ordinal(std::size_t n) { return std::to_string(n); }

void compare_workshop(const model::Workshop& a, const model::Workshop& b,
                      std::vector<DataChange>& out) {
  std::map<std::string, std::string> cluster_of_a;
  for (const auto& c : a.clusters) {
    for (const auto& x : c.aspects) cluster_of_a[x.id] = c.label;
  }
  for (const auto& c : b.clusters) {
    const auto* old = model::find_by_id(a.clusters, c.id);
    if (old == nullptr) {
      add(out, "change_cluster_added", {c.label, std::to_string(c.aspects.size())});
      continue;
    }
    std::size_t gained = 0;
    for (const auto& x : c.aspects) {
      const auto it = cluster_of_a.find(x.id);
      if (it == cluster_of_a.end()) {
        ++gained;
      } else if (it->second != c.label && model::find_by_id(old->aspects, x.id) == nullptr) {
        add(out, "change_aspect_moved", {x.text, it->second, c.label});
      }
    }
    std::size_t lost = 0;
    for (const auto& x : old->aspects) {
      bool still_somewhere = false;
      for (const auto& c2 : b.clusters) still_somewhere |= model::find_by_id(c2.aspects, x.id) != nullptr;
      lost += still_somewhere ? 0 : 1;
    }
    if (gained > 0) add(out, "change_cluster_gained", {c.label, std::to_string(gained)});
    if (lost > 0) add(out, "change_cluster_lost", {c.label, std::to_string(lost)});
    if (old->label != c.label) add(out, "change_cluster_relabelled", {old->label, c.label});
  }
  for (const auto& c : a.clusters) {
    if (model::find_by_id(b.clusters, c.id) == nullptr) add(out, "change_cluster_removed", {c.label});
  }
  for (const auto& p : b.perspectives) {
    const auto* old = model::find_by_id(a.perspectives, p.id);
    if (old == nullptr) {
      add(out, "change_perspective_added", {p.label});
      continue;
    }
    const auto same_text = [](const model::Item& x, const model::Item& y) { return x.text == y.text; };
    const auto item_text = [](const model::Item& x) { return x.text; };
    compare_items(old->opportunities, p.opportunities, "opportunity", item_text, same_text, out);
    compare_items(old->barriers, p.barriers, "barrier", item_text, same_text, out);
  }
  // Ranks of voted items: "now ranked 1st (was 3rd)".
  for (const auto& act : b.activities) {
    const auto* old = model::find_by_id(a.activities, act.id);
    if (old == nullptr || act.kind != model::ActivityKind::vote) continue;
    const auto ranks = [](const model::Activity& x) {
      std::vector<const model::VoteResult*> sorted;
      for (const auto& v : x.votes) sorted.push_back(&v);
      std::stable_sort(sorted.begin(), sorted.end(),
                       [](const auto* l, const auto* r) { return l->votes > r->votes; });
      std::map<std::string, std::size_t> rank;
      for (std::size_t i = 0; i < sorted.size(); ++i) rank.emplace(sorted[i]->item.id, i + 1);
      return rank;
    };
    const auto before = ranks(*old);
    const auto after = ranks(act);
    for (const auto& [item, r] : after) {
      const auto it = before.find(item);
      std::string label = item;
      for (const auto& p : b.perspectives) {
        for (const auto* list : {&p.opportunities, &p.barriers}) {
          if (const auto* x = model::find_by_id(*list, item)) label = x->text;
        }
      }
      for (const auto& c : b.clusters) {
        if (c.id == item) label = c.label;
        if (const auto* x = model::find_by_id(c.aspects, item)) label = x->text;
      }
      if (it == before.end()) {
        add(out, "change_rank_new", {label, ordinal(r)});
      } else if (it->second != r) {
        add(out, "change_rank_moved", {label, ordinal(r), ordinal(it->second)});
      }
    }
  }
}

/// Terms added, removed, renamed ("heet nu": the same id with another
/// name, or a new id that lists the old one in `former_ids`) and reworded.
void compare_terms(const std::vector<model::Term>& a, const std::vector<model::Term>& b,
                   std::vector<DataChange>& out) {
  std::set<std::string> kept;
  for (const auto& x : b) {
    const auto* old = model::find_by_id(a, x.id);
    for (const auto& f : x.former_ids) {
      if (old == nullptr) old = model::find_by_id(a, f);
    }
    if (old == nullptr) {
      add(out, "change_term_added", {x.term});
      continue;
    }
    kept.insert(old->id);
    if (old->term != x.term) add(out, "change_term_renamed", {old->term, x.term});
    if (old->definition != x.definition) add(out, "change_term_changed", {x.term});
  }
  for (const auto& x : a) {
    if (!kept.contains(x.id)) add(out, "change_term_removed", {x.term});
  }
}

/// Whether two versions of a reference describe the same work as its entry
/// in the reference list shows it.
bool same_work(const model::Reference& x, const model::Reference& y) {
  const auto names = [](const std::vector<model::Name>& list) {
    std::vector<std::tuple<std::string, std::string, std::string, std::string>> out;
    for (const auto& n : list) out.emplace_back(n.family, n.given, n.literal, n.particle);
    return out;
  };
  const auto printed = [](const model::Reference& r) {
    return std::tie(r.type, r.title, r.container_title, r.collection_title, r.publisher,
                    r.volume, r.issue, r.page, r.edition, r.number, r.genre, r.doi, r.url,
                    r.issued.month, r.issued.day, r.issued.literal);
  };
  return names(x.authors) == names(y.authors) && names(x.editors) == names(y.editors) &&
         x.year == y.year && printed(x) == printed(y) && x.note == y.note;
}

std::vector<DataChange> compare_data(const model::Dataset& a, const model::Dataset& b) {
  std::vector<DataChange> out;
  compare_items(
      a.definitions, b.definitions, "definition", [](const auto& d) { return d.attribution; },
      [](const auto& x, const auto& y) { return x.text == y.text && x.attribution == y.attribution; },
      out);
  compare_terms(a.terms, b.terms, out);
  compare_items(
      a.references, b.references, "reference",
      [](const auto& r) { return render::reference_label(r); }, same_work,
      out);
  for (const auto& w : b.workshops) {
    if (const auto* old = model::find_by_id(a.workshops, w.id)) {
      compare_workshop(*old, w, out);
    } else {
      add(out, "change_workshop_added", {w.title});
    }
  }
  for (const auto& w : a.workshops) {
    if (model::find_by_id(b.workshops, w.id) == nullptr) add(out, "change_workshop_removed", {w.title});
  }
  for (const auto& m : b.models) {
    const auto* old = model::find_by_id(a.models, m.id);
    if (old == nullptr) {
      add(out, "change_model_added", {m.title});
      continue;
    }
    for (const auto& part : m.parts) {
      const auto* op = model::find_by_id(old->parts, part.id);
      if (op == nullptr) {
        add(out, "change_part_added", {m.title, part.label});
      } else if (op->label != part.label) {
        add(out, "change_part_relabelled", {m.title, op->label, part.label});
      } else if (op->description != part.description || op->items != part.items) {
        add(out, "change_part_changed", {m.title, part.label});
      }
    }
    for (const auto& part : old->parts) {
      if (model::find_by_id(m.parts, part.id) == nullptr) {
        add(out, "change_part_removed", {m.title, part.label});
      }
    }
  }
  for (const auto& m : a.models) {
    if (model::find_by_id(b.models, m.id) == nullptr) add(out, "change_model_removed", {m.title});
  }
  return out;
}

std::string words_html(const std::vector<Phrase>& phrases) {
  return join_phrases(
      phrases, [](const std::string& t) { return "<del>" + core::escape_html(t) + "</del>"; },
      [](const std::string& t) { return "<ins>" + core::escape_html(t) + "</ins>"; },
      [](const std::string& t) { return core::escape_html(t); });
}

}  // namespace

Changes compare_versions(const model::VersionContent& before,
                         const std::vector<render::RenderedChapter>& before_chapters,
                         const model::VersionContent& after,
                         const std::vector<render::RenderedChapter>& after_chapters) {
  Changes changes;
  for (const auto& c : after_chapters) {
    const render::RenderedChapter* old = nullptr;
    for (const auto& o : before_chapters) {
      if (o.id == c.id) old = &o;
    }
    if (old == nullptr) {
      changes.chapters.push_back({ChapterChange::Kind::added, c.id, c.title, "", {}});
      continue;
    }
    std::vector<std::pair<std::string, std::string>> new_ids;
    ChapterChange cc{ChapterChange::Kind::changed, c.id, c.title, "",
                     compare_blocks(old->anchors, render::element_texts(old->html), c.anchors,
                                    render::element_texts(c.html), new_ids)};
    for (auto& [from, to] : new_ids) changes.new_ids.emplace(c.id + '\0' + from, std::move(to));
    if (old->title != c.title) cc.old_title = old->title;
    if (!cc.blocks.empty() || !cc.old_title.empty()) changes.chapters.push_back(std::move(cc));
  }
  for (const auto& o : before_chapters) {
    bool kept = false;
    for (const auto& c : after_chapters) kept |= c.id == o.id;
    if (kept) continue;
    std::string reason;
    for (const auto& r : after.version.removed) {
      if (r.chapter.id == o.id) reason = r.reason;
    }
    changes.chapters.push_back({ChapterChange::Kind::removed, o.id, o.title, "", {}, reason});
  }
  pair_moves_across_chapters(changes.chapters);
  changes.data = compare_data(before.data, after.data);
  return changes;
}

std::string describe(const DataChange& change, const json& strings) {
  std::string pattern = render::ui_text(strings, change.key);
  for (std::size_t i = 0; i < change.args.size(); ++i) {
    const std::string slot = "{" + std::to_string(i) + "}";
    for (auto at = pattern.find(slot); at != std::string::npos; at = pattern.find(slot, at)) {
      pattern.replace(at, slot.size(), change.args[i]);
      at += change.args[i].size();
    }
  }
  return pattern;
}

std::string format_terminal(const VersionDiff& diff, const std::string& before_label,
                            const std::string& after_label, bool colour) {
  const auto paint = [&](const char* code, const std::string& text) {
    return colour ? std::string("\x1b[") + code + "m" + text + "\x1b[0m" : text;
  };
  std::string out = before_label + " → " + after_label + "\n";
  if (diff.changes.empty()) return out + describe({"no_changes", {}}, diff.strings) + "\n";
  for (const auto& c : diff.changes.chapters) {
    const char* kind = c.kind == ChapterChange::Kind::added     ? "chapter_added"
                       : c.kind == ChapterChange::Kind::removed ? "chapter_removed"
                                                                : "chapter_changed";
    out += "\n" + paint("1", c.title) + " (" + c.id + ".html): " + describe({kind, {}}, diff.strings) + "\n";
    if (!c.reason.empty()) out += describe({"removed_because", {}}, diff.strings) + " " + c.reason + "\n";
    for (const auto& b : c.blocks) {
      switch (b.kind) {
        case BlockChange::Kind::added: out += paint("32", "+ " + b.ref + "  " + b.text) + "\n"; break;
        case BlockChange::Kind::removed: out += paint("31", "- " + b.ref + "  " + b.text) + "\n"; break;
        case BlockChange::Kind::moved:
          out += "> " + b.ref + (b.from.empty() ? "" : " (" + describe({"moved_from", {}}, diff.strings) +
                                                          " " + b.from + ")") +
                 "  " + b.text + "\n";
          break;
        case BlockChange::Kind::changed: {
          out += "~ " + b.ref + "  ";
          out += join_phrases(
              b.phrases,
              [&](const std::string& t) { return colour ? paint("31", t) : "[-" + t + "-]"; },
              [&](const std::string& t) { return colour ? paint("32", t) : "{+" + t + "+}"; },
              [](const std::string& t) { return t; });
          out += "\n";
          break;
        }
      }
    }
  }
  if (!diff.changes.data.empty()) out += "\n";
  for (const auto& d : diff.changes.data) out += "* " + describe(d, diff.strings) + "\n";
  return out;
}

std::string render_changes(const Changes& changes, const model::Version& before,
                           const model::Version& after, const model::Templates& templates,
                           const json& strings, ChangesTitle title, core::Diagnostics& diags) {
  json chapters = json::array();
  for (const auto& c : changes.chapters) {
    json blocks = json::array();
    for (const auto& b : c.blocks) {
      const char* kind = b.kind == BlockChange::Kind::added     ? "added"
                         : b.kind == BlockChange::Kind::removed ? "removed"
                         : b.kind == BlockChange::Kind::moved   ? "moved"
                                                                : "changed";
      blocks.push_back({{"kind", kind},
                        {"kind_label", render::ui_text(strings, std::string("block_") + kind, kind)},
                        {"ref", b.ref},
                        {"href", b.kind == BlockChange::Kind::removed ? "" : c.id + ".html#" + b.id},
                        {"text", b.text},
                        {"from", b.from},
                        // Built from escaped words: safe to insert as HTML.
                        {"diff_html", b.kind == BlockChange::Kind::changed ? words_html(b.phrases) : ""}});
    }
    const char* kind = c.kind == ChapterChange::Kind::added     ? "added"
                       : c.kind == ChapterChange::Kind::removed ? "removed"
                                                                : "changed";
    chapters.push_back({{"id", c.id},
                        {"title", c.title},
                        {"old_title", c.old_title},
                        {"kind", kind},
                        {"kind_label", render::ui_text(strings, std::string("chapter_") + kind, kind)},
                        {"href", c.kind == ChapterChange::Kind::removed ? "" : c.id + ".html"},
                        {"blocks", blocks},
                        {"reason", c.reason}});
  }
  json data = json::array();
  for (const auto& d : changes.data) data.push_back(describe(d, strings));
  json body{{"before", before.label},
            {"after", after.label},
            {"chapters", chapters},
            {"data", data},
            {"has_data", !data.empty()},
            {"empty", changes.empty()},
            {"has_title", title == ChangesTitle::shown},
            {"t", strings}};
  return render::render_template(templates, "layouts/changes.html", body, diags);
}

}  // namespace visie::publish
