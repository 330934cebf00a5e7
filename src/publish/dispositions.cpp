#include "publish/detail/dispositions.hpp"

#include <algorithm>
#include <map>

#include "render/anchors.hpp"
#include "render/ui.hpp"

namespace visie::publish {

namespace {

using nlohmann::json;

using render::ui_text;

const render::Anchor* find_anchor(const render::RenderedChapter& chapter, std::string_view id) {
  for (const auto& a : chapter.anchors) {
    if (a.id == id) return &a;
  }
  return nullptr;
}

const render::RenderedChapter* find_chapter(const std::vector<render::RenderedChapter>& chapters,
                                            std::string_view id) {
  for (const auto& c : chapters) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

/// Where the blocks of the older version went: a block's id is a hash of
/// its text, so an edited paragraph has a new id; the comparison of the
/// two versions pairs it with its old one ("chapter\0old id" → new id).
using Edits = std::map<std::string, std::string, std::less<>>;

Edits edited_blocks(const ReviewedPair& pair) {
  Edits edits(pair.changes.new_ids.begin(), pair.changes.new_ids.end());
  for (const auto& chapter : pair.changes.chapters) {
    for (const auto& b : chapter.blocks) {
      if (b.kind == BlockChange::Kind::changed) edits[chapter.id + '\0' + b.old_id] = b.id;
    }
  }
  return edits;
}

/// Where block `block` of chapter `chapter` is in the newer version: the
/// same chapter first, then any chapter it moved to, then the edited
/// paragraph it became. Null when it is gone.
json find_in(const std::vector<render::RenderedChapter>& chapters, const Edits& edits,
             const std::string& chapter, const std::string& block) {
  const auto link = [&](const render::RenderedChapter& c, const render::Anchor& a, bool edited) {
    return json{{"href", c.id + ".html#" + a.id}, {"ref", a.ref}, {"edited", edited}};
  };
  const auto* same = find_chapter(chapters, chapter);
  if (same != nullptr) {
    if (const auto* a = find_anchor(*same, block)) return link(*same, *a, false);
  }
  for (const auto& c : chapters) {
    if (const auto* a = find_anchor(c, block)) return link(c, *a, false);
  }
  if (const auto it = edits.find(chapter + '\0' + block); it != edits.end() && same != nullptr) {
    if (const auto* a = find_anchor(*same, it->second)) return link(*same, *a, true);
  }
  return nullptr;
}

}  // namespace

std::string render_dispositions(const ReviewedPair& pair, const model::Templates& templates,
                                const json& strings, core::Diagnostics& diags) {
  // Chapters in the reviewed version's order; comments by time, then id.
  std::vector<const model::ChapterReview*> reviews;
  for (const auto& r : pair.before.reviews) reviews.push_back(&r);
  const auto order = [&](const model::ChapterReview* r) {
    const auto& cs = pair.before.chapters;
    return std::find_if(cs.begin(), cs.end(), [&](const auto& c) { return c.id == r->chapter.id; }) -
           cs.begin();
  };
  std::stable_sort(reviews.begin(), reviews.end(),
                   [&](const auto* a, const auto* b) { return order(a) < order(b); });

  const auto edits = edited_blocks(pair);
  std::map<model::Disposition, int> counts;
  bool example = false;
  int total = 0;
  json chapters = json::array();
  for (const auto* review : reviews) {
    const auto* before = find_chapter(pair.before_chapters, review->chapter.id);
    if (before == nullptr || review->comments.empty()) continue;
    example = example || review->example;
    std::vector<const model::ReviewComment*> comments;
    for (const auto& c : review->comments) comments.push_back(&c);
    std::stable_sort(comments.begin(), comments.end(), [](const auto* a, const auto* b) {
      return std::tie(a->created, a->id) < std::tie(b->created, b->id);
    });
    json list = json::array();
    for (const auto* c : comments) {
      ++counts[c->disposition];
      ++total;
      const auto disposition = std::string(model::to_string(c->disposition));
      const auto* then = find_anchor(*before, c->block);
      list.push_back({{"id", c->id},
                      {"role", ui_text(strings, model::label_key(c->role))},
                      {"ref", then != nullptr ? then->ref : c->block},
                      {"quote", c->quote},
                      {"comment", c->comment},
                      {"suggestion", c->suggestion},
                      {"disposition", disposition},
                      {"disposition_label", ui_text(strings, model::label_key(c->disposition))},
                      {"response", c->response},
                      {"link", find_in(pair.after_chapters, edits, review->chapter.id, c->block)}});
    }
    const auto* now = find_chapter(pair.after_chapters, review->chapter.id);
    chapters.push_back({{"id", review->chapter.id},
                        {"title", before->title},
                        {"href", now != nullptr ? now->id + ".html" : ""},
                        {"count", list.size()},
                        {"comments", std::move(list)}});
  }

  json summary = json::array();
  for (const auto d : {model::Disposition::accepted, model::Disposition::partly,
                       model::Disposition::not_accepted, model::Disposition::open}) {
    if (counts[d] == 0) continue;
    summary.push_back({{"key", model::to_string(d)},
                       {"label", ui_text(strings, model::label_key(d))},
                       {"count", counts[d]}});
  }
  const json body{{"t", strings},
                  {"example", example},
                  {"before", pair.before.version.label},
                  {"before_href", "../" + pair.before.version.id + "/index.html"},
                  {"total", total},
                  {"summary", std::move(summary)},
                  {"chapters", std::move(chapters)}};
  return render::render_template(templates, "layouts/dispositions.html", body, diags);
}

}  // namespace visie::publish
