#include "publish/changes.hpp"

#include <dtl/dtl.hpp>

#include "core/text.hpp"
#include "render/citations.hpp"
#include "render/ui.hpp"

#include <map>
#include <set>
#include <tuple>

namespace visie::publish {

namespace {

using nlohmann::json;

/// The edit script between two sequences, as (element, -1 deleted /
/// 0 common / +1 added) in order. dtl computes it (Myers' O(ND) diff).
template <class T>
std::vector<std::pair<T, int>> edit_script(const std::vector<T>& a, const std::vector<T>& b) {
  dtl::Diff<T, std::vector<T>> diff(a, b);
  diff.compose();
  std::vector<std::pair<T, int>> out;
  for (const auto& [element, info] : diff.getSes().getSequence()) {
    const int op = info.type == dtl::SES_ADD ? 1 : info.type == dtl::SES_DELETE ? -1 : 0;
    out.emplace_back(element, op);
  }
  return out;
}

std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

/// Shared words over all words (Jaccard), case-sensitive.
double similarity(const std::string& a, const std::string& b) {
  const auto wa = split_words(a);
  const auto wb = split_words(b);
  const std::set<std::string> sa(wa.begin(), wa.end());
  const std::set<std::string> sb(wb.begin(), wb.end());
  std::size_t common = 0;
  for (const auto& w : sa) common += sb.contains(w) ? 1U : 0U;
  const auto all = sa.size() + sb.size() - common;
  return all == 0 ? 1.0 : static_cast<double>(common) / static_cast<double>(all);
}

std::vector<BlockChange> compare_blocks(const std::vector<render::Anchor>& a,
                                        const std::vector<render::Anchor>& b) {
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
        out.push_back({BlockChange::Kind::moved, x->id, x->ref, x->text, {}});
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
            similarity(plain_deleted[d]->text, plain_added[x]->text) >= 0.5) {
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
        out.push_back({BlockChange::Kind::removed, old->id, old->ref, old->text, {}});
      } else {
        const auto* x = partner[d];
        out.push_back({BlockChange::Kind::changed, x->id, x->ref, x->text,
                       diff_words(old->text, x->text), old->id});
      }
    }
    for (std::size_t x = 0; x < plain_added.size(); ++x) {
      if (!paired[x]) {
        const auto* add = plain_added[x];
        out.push_back({BlockChange::Kind::added, add->id, add->ref, add->text, {}});
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
  compare_items(
      a.terms, b.terms, "term", [](const auto& t) { return t.term; },
      [](const auto& x, const auto& y) { return x.definition == y.definition && x.term == y.term; },
      out);
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

std::string words_html(const std::vector<WordOp>& words) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += ' ';
    const auto word = core::escape_html(w.word);
    switch (w.op) {
      case WordOp::Op::same: out += word; break;
      case WordOp::Op::inserted: out += "<ins>" + word + "</ins>"; break;
      case WordOp::Op::deleted: out += "<del>" + word + "</del>"; break;
    }
  }
  return out;
}

}  // namespace

std::vector<WordOp> diff_words(const std::string& before, const std::string& after) {
  std::vector<WordOp> out;
  for (auto& [word, op] : edit_script(split_words(before), split_words(after))) {
    out.push_back({op == 0 ? WordOp::Op::same : op > 0 ? WordOp::Op::inserted : WordOp::Op::deleted,
                   std::move(word)});
  }
  return out;
}

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
    ChapterChange cc{ChapterChange::Kind::changed, c.id, c.title, "", compare_blocks(old->anchors, c.anchors)};
    if (old->title != c.title) cc.old_title = old->title;
    if (!cc.blocks.empty() || !cc.old_title.empty()) changes.chapters.push_back(std::move(cc));
  }
  for (const auto& o : before_chapters) {
    bool kept = false;
    for (const auto& c : after_chapters) kept |= c.id == o.id;
    if (!kept) changes.chapters.push_back({ChapterChange::Kind::removed, o.id, o.title, "", {}});
  }
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
  for (const auto& d : diff.changes.data) out += "* " + describe(d, diff.strings) + "\n";
  for (const auto& c : diff.changes.chapters) {
    const char* kind = c.kind == ChapterChange::Kind::added     ? "chapter_added"
                       : c.kind == ChapterChange::Kind::removed ? "chapter_removed"
                                                                : "chapter_changed";
    out += "\n" + paint("1", c.title) + " (" + c.id + ".html): " + describe({kind, {}}, diff.strings) + "\n";
    for (const auto& b : c.blocks) {
      switch (b.kind) {
        case BlockChange::Kind::added: out += paint("32", "+ " + b.ref + "  " + b.text) + "\n"; break;
        case BlockChange::Kind::removed: out += paint("31", "- " + b.ref + "  " + b.text) + "\n"; break;
        case BlockChange::Kind::moved: out += "> " + b.ref + "  " + b.text + "\n"; break;
        case BlockChange::Kind::changed: {
          out += "~ " + b.ref + "  ";
          bool first = true;
          for (const auto& w : b.words) {
            if (!first) out += ' ';
            first = false;
            if (w.op == WordOp::Op::same) out += w.word;
            else if (w.op == WordOp::Op::inserted) out += colour ? paint("32", w.word) : "{+" + w.word + "+}";
            else out += colour ? paint("31", w.word) : "[-" + w.word + "-]";
          }
          out += "\n";
          break;
        }
      }
    }
  }
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
                        // Built from escaped words: safe to insert as HTML.
                        {"diff_html", b.kind == BlockChange::Kind::changed ? words_html(b.words) : ""}});
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
                        {"blocks", blocks}});
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
