// A workshop's JSON file, data/workshops/<id>.json: programme, clusters, perspectives, activities.
#include <map>

#include "load/detail/readers.hpp"
#include "load/object_reader.hpp"

namespace visie::load {

using core::Diagnostics;
using core::SourceLoc;

namespace {

/// The items of array member `key` of `r`, their ids in the workshop's one
/// item id space `ids`.
std::vector<model::Item> read_items(ObjectReader& r, std::string_view key,
                                    std::map<std::string, SourceLoc>& ids) {
  std::vector<model::Item> items;
  r.objects(key, Need::optional, [&](ObjectReader& ir) {
    model::Item item;
    item.loc = ir.loc();
    item.id = ir.unique_id("id", ids, "item");
    item.text = ir.string("text", Need::required);
    items.push_back(std::move(item));
  });
  return items;
}

}  // namespace

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
  r.objects("programme", Need::optional, [&](ObjectReader& pr) {
    model::ProgrammePart p;
    p.id = pr.unique_id("id", part_ids, "programme part");
    p.title = pr.string("title", Need::required);
    p.minutes = pr.integer("minutes", Need::optional).value_or(0);
    if (p.minutes < 0) diags.error(pr.loc("minutes"), "\"minutes\" must not be negative");
    p.presenters = pr.strings("presenters", Need::optional);
    p.steps = pr.strings("steps", Need::optional);
    w.programme.push_back(std::move(p));
  });
  // Aspects, opportunities, barriers and clusters share one id space, so a
  // vote can name any of them.
  std::map<std::string, SourceLoc> item_ids;
  r.objects("clusters", Need::optional, [&](ObjectReader& cr) {
    model::Cluster c;
    c.id = cr.unique_id("id", item_ids, "item");
    c.label = cr.string("label", Need::required);
    c.aspects = read_items(cr, "aspects", item_ids);
    w.clusters.push_back(std::move(c));
  });
  std::map<std::string, SourceLoc> perspective_ids;
  r.objects("perspectives", Need::optional, [&](ObjectReader& pr) {
    model::Perspective p;
    p.id = pr.unique_id("id", perspective_ids, "perspective");
    p.label = pr.string("label", Need::required);
    p.scope = pr.string("scope", Need::optional);
    p.opportunities = read_items(pr, "opportunities", item_ids);
    p.barriers = read_items(pr, "barriers", item_ids);
    w.perspectives.push_back(std::move(p));
  });
  std::map<std::string, SourceLoc> activity_ids;
  r.objects("activities", Need::optional, [&](ObjectReader& ar) {
    model::Activity a;
    a.id = ar.unique_id("id", activity_ids, "activity");
    const auto kind = ar.one_of("kind", Need::required, {"vote", "questions"});
    a.kind = kind == "questions" ? model::ActivityKind::questions : model::ActivityKind::vote;
    a.title = ar.string("title", Need::required);
    a.prompt = ar.string("prompt", Need::optional);
    a.part = ar.ref("part", Need::optional);
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
    ar.objects("results", Need::optional, [&](ObjectReader& rr) {
      if (a.kind == model::ActivityKind::vote) {
        model::VoteResult v;
        v.item = rr.ref("item", Need::required);
        v.votes = rr.integer("votes", Need::required).value_or(0);
        if (v.votes < 0) diags.error(rr.loc("votes"), "\"votes\" must not be negative");
        a.votes.push_back(std::move(v));
      } else {
        model::Answer answer;
        answer.text = rr.string("text", Need::required);
        if (rr.has("perspective")) answer.perspective = rr.ref("perspective", Need::optional);
        a.answers.push_back(std::move(answer));
      }
    });
    w.activities.push_back(std::move(a));
  });
  r.finish();
  return w;
}

}  // namespace visie::load
