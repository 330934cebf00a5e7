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
  const auto read_item = [](ObjectReader& ir, model::Item& item) {
    item.text = ir.string("text", Need::required);
  };
  return r.list<model::Item>(key, Need::optional, ids, "item", read_item);
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
  const auto read_programme_part = [&](ObjectReader& pr, model::ProgrammePart& p) {
    p.title = pr.string("title", Need::required);
    // Required as in schemas/workshop.schema.json: a part without it would
    // show as 0 minutes and spoil the total.
    p.minutes = pr.integer("minutes", Need::required).value_or(0);
    if (p.minutes < 0) diags.error(pr.loc("minutes"), "\"minutes\" must not be negative");
    p.presenters = pr.strings("presenters", Need::optional);
    p.steps = pr.strings("steps", Need::optional);
  };
  w.programme = r.list<model::ProgrammePart>("programme", Need::optional, part_ids,
                                             "programme part", read_programme_part);
  // Aspects, opportunities, barriers and clusters share one id space, so a
  // vote can name any of them.
  std::map<std::string, SourceLoc> item_ids;
  const auto read_cluster = [&](ObjectReader& cr, model::Cluster& c) {
    c.label = cr.string("label", Need::required);
    c.aspects = read_items(cr, "aspects", item_ids);
  };
  w.clusters = r.list<model::Cluster>("clusters", Need::optional, item_ids, "item", read_cluster);
  std::map<std::string, SourceLoc> perspective_ids;
  const auto read_perspective = [&](ObjectReader& pr, model::Perspective& p) {
    p.label = pr.string("label", Need::required);
    p.scope = pr.string("scope", Need::optional);
    p.opportunities = read_items(pr, "opportunities", item_ids);
    p.barriers = read_items(pr, "barriers", item_ids);
  };
  w.perspectives = r.list<model::Perspective>("perspectives", Need::optional, perspective_ids,
                                              "perspective", read_perspective);
  std::map<std::string, SourceLoc> activity_ids;
  const auto read_activity = [&](ObjectReader& ar, model::Activity& a) {
    const auto kind = ar.one_of("kind", Need::required, {"vote", "questions"});
    a.kind = kind == "questions" ? model::ActivityKind::questions : model::ActivityKind::vote;
    a.title = ar.string("title", Need::required);
    a.prompt = ar.string("prompt", Need::optional);
    a.part = ar.ref("part", Need::required);
    if (a.kind == model::ActivityKind::vote) {
      a.targets = ar.strings("targets", Need::required);
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
  };
  w.activities = r.list<model::Activity>("activities", Need::optional, activity_ids, "activity",
                                         read_activity);
  r.finish();
  return w;
}

}  // namespace visie::load
