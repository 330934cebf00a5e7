// A workshop's JSON file, data/workshops/<id>.json: programme, clusters, perspectives, activities.
#include <map>

#include "load/detail/readers.hpp"
#include "load/object_reader.hpp"

namespace visie::load {

using core::Diagnostics;
using core::SourceLoc;

namespace {

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
    ar.array("results", Need::optional, [&](const std::string& rptr) {
      ObjectReader rr(doc, rptr, diags);
      if (!rr.ok()) return;
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
      rr.finish();
    });
    ar.finish();
    w.activities.push_back(std::move(a));
  });
  r.finish();
  return w;
}

}  // namespace visie::load
