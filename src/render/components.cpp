#include "render/components.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>

namespace visie::render {

namespace {

using core::Diagnostics;
using core::SourceLoc;
using nlohmann::json;

/// The options of one directive block, each with where it was written.
struct Options {
  std::map<std::string, std::pair<std::string, SourceLoc>, std::less<>> values;
  SourceLoc loc;  // the opening fence

  [[nodiscard]] std::string get(std::string_view key) const {
    const auto it = values.find(key);
    return it == values.end() ? std::string() : it->second.first;
  }
  [[nodiscard]] SourceLoc at(std::string_view key) const {
    const auto it = values.find(key);
    return it == values.end() ? loc : it->second.second;
  }
};

/// What a component needs to build its template data.
struct Call {
  const Context& ctx;
  const Options& options;
  Diagnostics& diags;
};

using Builder = std::function<std::optional<json>(const Call&)>;

/// A directive: its options and how to build its template's data.
struct Component {
  std::string_view name;
  std::vector<std::string_view> required;
  std::vector<std::string_view> optional;
  Builder build;
};

std::string str(const Call& c, std::string_view key) {
  const auto& s = c.ctx.strings;
  const std::string k(key);
  return s.contains(k) && s[k].is_string() ? s[k].get<std::string>() : k;
}

std::string source_label(const Call& c, const model::Ref& ref) {
  if (const auto* r = model::find_by_id(c.ctx.version.data.references, ref.id)) {
    return short_citation(*r);
  }
  return ref.id;
}

const model::Workshop* workshop(const Call& c) {
  const auto id = c.options.get("workshop");
  const auto* w = model::find_by_id(c.ctx.version.data.workshops, id);
  if (w == nullptr) {
    c.diags.error(c.options.at("workshop"), "unknown workshop \"" + id + "\" (no data/workshops/" +
                                                id + ".json in this version)");
  }
  return w;
}

const model::Activity* activity(const Call& c, const model::Workshop& w,
                                model::ActivityKind kind) {
  const auto id = c.options.get("activity");
  const auto* a = model::find_by_id(w.activities, id);
  if (a == nullptr) {
    c.diags.error(c.options.at("activity"),
                  "unknown activity \"" + id + "\" in workshop \"" + w.id + "\"");
  } else if (a->kind != kind) {
    c.diags.error(c.options.at("activity"),
                  "activity \"" + id + "\" is a " +
                      (a->kind == model::ActivityKind::vote ? "vote" : "question round") +
                      "; use the " +
                      (a->kind == model::ActivityKind::vote ? "votes" : "questions") +
                      " directive");
    return nullptr;
  }
  return a;
}

json items_json(const std::vector<model::Item>& items) {
  json out = json::array();
  for (const auto& i : items) out.push_back({{"id", i.id}, {"text", i.text}});
  return out;
}

json workshop_json(const model::Workshop& w) {
  return {{"id", w.id}, {"title", w.title}, {"event", w.event}, {"period", w.period}};
}

std::string format_percent(double v) {
  const auto rounded = static_cast<long>(v);
  if (static_cast<double>(rounded) == v) return std::to_string(rounded);
  std::string s = std::to_string(v);
  s.erase(s.find_last_not_of('0') + 1);
  return s;
}

// ------------------------------------------------------------ components

std::optional<json> definitions(const Call& c) {
  const auto& data = c.ctx.version.data;
  std::vector<const model::Definition*> defs;
  const auto kind = c.options.get("kind");
  for (const auto& d : data.definitions) {
    if (kind.empty() || model::to_string(d.kind) == kind) defs.push_back(&d);
  }
  const auto sort = c.options.get("sort");
  if (sort == "year") {
    // Undated definitions go last, in file order.
    std::stable_sort(defs.begin(), defs.end(), [](const auto* a, const auto* b) {
      return a->year.value_or(9999) < b->year.value_or(9999);
    });
  } else if (sort == "source") {
    std::stable_sort(defs.begin(), defs.end(),
                     [](const auto* a, const auto* b) { return a->attribution < b->attribution; });
  }
  json list = json::array();
  for (const auto* d : defs) {
    list.push_back({{"id", d->id},
                    {"text", d->text},
                    {"attribution", d->attribution},
                    {"year", d->year ? std::to_string(*d->year) : std::string()},
                    {"kind", model::to_string(d->kind)},
                    {"kind_label", str(c, "kind_" + std::string(model::to_string(d->kind)))},
                    {"source", source_label(c, d->source)}});
  }
  return json{{"definitions", list}, {"count", defs.size()}, {"empty", defs.empty()}};
}

std::optional<json> perspective_emphases(const Call& c) {
  const auto& data = c.ctx.version.data;
  json items = json::array();
  for (const auto& e : data.emphases) {
    items.push_back({{"id", e.id}, {"perspective", e.perspective}, {"emphasis", e.emphasis}});
  }
  return json{{"items", items},
              {"empty", items.empty()},
              {"source", data.emphases_source ? source_label(c, *data.emphases_source) : ""}};
}

std::optional<json> glossary(const Call& c) {
  std::vector<const model::Term*> terms;
  for (const auto& t : c.ctx.version.data.terms) terms.push_back(&t);
  std::stable_sort(terms.begin(), terms.end(),
                   [](const auto* a, const auto* b) { return a->term < b->term; });
  json list = json::array();
  for (const auto* t : terms) {
    list.push_back({{"id", t->id},
                    {"term", t->term},
                    {"definition", t->definition},
                    {"source", source_label(c, t->source)}});
  }
  return json{{"terms", list}, {"empty", list.empty()}};
}

std::optional<json> programme(const Call& c) {
  const auto* w = workshop(c);
  if (w == nullptr) return std::nullopt;
  json parts = json::array();
  long total = 0;
  for (const auto& p : w->programme) {
    total += p.minutes;
    std::string presenters;
    for (const auto& name : p.presenters) presenters += (presenters.empty() ? "" : ", ") + name;
    parts.push_back({{"id", p.id},
                     {"title", p.title},
                     {"minutes", p.minutes},
                     {"presenters", presenters},
                     {"steps", p.steps},
                     {"has_steps", !p.steps.empty()}});
  }
  return json{{"workshop", workshop_json(*w)}, {"parts", parts}, {"total_minutes", total}};
}

std::optional<json> clusters(const Call& c) {
  const auto* w = workshop(c);
  if (w == nullptr) return std::nullopt;
  json list = json::array();
  for (const auto& cl : w->clusters) {
    list.push_back({{"id", cl.id},
                    {"label", cl.label},
                    {"aspects", items_json(cl.aspects)},
                    {"count", cl.aspects.size()}});
  }
  return json{{"workshop", workshop_json(*w)}, {"clusters", list}, {"empty", list.empty()}};
}

std::optional<json> perspectives(const Call& c) {
  const auto* w = workshop(c);
  if (w == nullptr) return std::nullopt;
  json list = json::array();
  for (const auto& p : w->perspectives) {
    list.push_back({{"id", p.id},
                    {"label", p.label},
                    {"scope", p.scope},
                    {"opportunities", items_json(p.opportunities)},
                    {"barriers", items_json(p.barriers)}});
  }
  return json{{"workshop", workshop_json(*w)}, {"perspectives", list}, {"empty", list.empty()}};
}

std::string item_text(const model::Workshop& w, std::string_view id) {
  for (const auto& cl : w.clusters) {
    if (cl.id == id) return cl.label;
    for (const auto& a : cl.aspects) {
      if (a.id == id) return a.text;
    }
  }
  for (const auto& p : w.perspectives) {
    for (const auto* list : {&p.opportunities, &p.barriers}) {
      for (const auto& i : *list) {
        if (i.id == id) return i.text;
      }
    }
  }
  return std::string(id);
}

std::optional<json> votes(const Call& c) {
  const auto* w = workshop(c);
  if (w == nullptr) return std::nullopt;
  const auto* a = activity(c, *w, model::ActivityKind::vote);
  if (a == nullptr) return std::nullopt;
  std::vector<const model::VoteResult*> results;
  for (const auto& v : a->votes) results.push_back(&v);
  std::stable_sort(results.begin(), results.end(),
                   [](const auto* x, const auto* y) { return x->votes > y->votes; });
  json list = json::array();
  for (const auto* v : results) {
    list.push_back({{"item", v->item.id}, {"label", item_text(*w, v->item.id)}, {"votes", v->votes}});
  }
  return json{{"workshop", workshop_json(*w)},
              {"title", a->title},
              {"prompt", a->prompt},
              {"results", list},
              {"has_results", !list.empty()}};
}

std::optional<json> questions(const Call& c) {
  const auto* w = workshop(c);
  if (w == nullptr) return std::nullopt;
  const auto* a = activity(c, *w, model::ActivityKind::questions);
  if (a == nullptr) return std::nullopt;
  json list = json::array();
  for (const auto& answer : a->answers) {
    std::string perspective;
    if (answer.perspective) {
      if (const auto* p = model::find_by_id(w->perspectives, answer.perspective->id)) {
        perspective = p->label;
      }
    }
    list.push_back({{"text", answer.text}, {"perspective", perspective}});
  }
  return json{{"workshop", workshop_json(*w)},
              {"title", a->title},
              {"prompt", a->prompt},
              {"answers", list},
              {"has_results", !list.empty()}};
}

std::optional<json> model_component(const Call& c) {
  const auto id = c.options.get("id");
  const auto* m = model::find_by_id(c.ctx.version.data.models, id);
  if (m == nullptr) {
    c.diags.error(c.options.at("id"),
                  "unknown model \"" + id + "\" (no data/models/" + id + ".json in this version)");
    return std::nullopt;
  }
  json parts = json::array();
  for (const auto& p : m->parts) {
    std::string percent;
    if (p.percent) {
      percent = p.percent->value ? format_percent(*p.percent->value) + " %"
                                 : format_percent(p.percent->min.value_or(0)) + "–" +
                                       format_percent(p.percent->max.value_or(0)) + " %";
    }
    parts.push_back({{"id", p.id},
                     {"role", p.role},
                     {"label", p.label},
                     {"description", p.description},
                     {"items", p.items},
                     {"has_items", !p.items.empty()},
                     {"quote", p.quote},
                     {"percent", percent}});
  }
  return json{{"id", m->id},
              {"kind", m->kind},
              {"title", m->title},
              {"description", m->description},
              {"source", source_label(c, m->source)},
              {"ordered", m->kind == "steps" || m->kind == "phases"},
              {"parts", parts}};
}

std::optional<json> references(const Call& c) {
  std::vector<const model::Reference*> refs;
  for (const auto& r : c.ctx.version.data.references) refs.push_back(&r);
  std::stable_sort(refs.begin(), refs.end(), [](const auto* a, const auto* b) {
    return full_citation(*a) < full_citation(*b);
  });
  json list = json::array();
  for (const auto* r : refs) {
    // Only web addresses become links; anything else is shown as text.
    const bool link = r->url.starts_with("https://") || r->url.starts_with("http://");
    list.push_back({{"id", r->id}, {"text", full_citation(*r)}, {"url", link ? r->url : ""}});
  }
  return json{{"references", list}, {"empty", list.empty()}};
}

std::optional<json> timeline(const Call& c) {
  json list = json::array();
  for (const auto& vc : c.ctx.all_versions) {
    const auto& v = vc.version;
    list.push_back({{"id", v.id},
                    {"label", v.label},
                    {"period", v.period},
                    {"milestone", v.milestone},
                    {"inputs", v.inputs},
                    {"status_label", str(c, "status_" + std::string(model::to_string(v.status)))},
                    {"current", v.id == c.ctx.version.version.id}});
  }
  return json{{"versions", list}};
}

const std::vector<Component>& components() {
  static const std::vector<Component> all = {
      {"clusters", {"workshop"}, {}, clusters},
      {"definitions", {}, {"sort", "kind"}, definitions},
      {"glossary", {}, {}, glossary},
      {"model", {"id"}, {}, model_component},
      {"perspective-emphases", {}, {}, perspective_emphases},
      {"perspectives", {"workshop"}, {}, perspectives},
      {"programme", {"workshop"}, {}, programme},
      {"questions", {"workshop", "activity"}, {}, questions},
      {"references", {}, {}, references},
      {"timeline", {}, {}, timeline},
      {"votes", {"workshop", "activity"}, {}, votes},
  };
  return all;
}

/// Allowed values of options that take a fixed set.
const std::map<std::string_view, std::vector<std::string_view>>& option_values() {
  static const std::map<std::string_view, std::vector<std::string_view>> values = {
      {"sort", {"year", "source"}},
      {"kind", {"research", "policy", "practice", "patient-organisation"}},
  };
  return values;
}

std::string join(const std::vector<std::string_view>& words) {
  std::string out;
  for (auto w : words) out += (out.empty() ? "" : ", ") + std::string(w);
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

std::string render_directive(const Context& ctx, const markdown::Directive& d,
                             const std::string& file, std::size_t first_line,
                             Diagnostics& diags) {
  const SourceLoc fence{file, first_line + d.line - 1, d.col};
  const Component* component = nullptr;
  for (const auto& c : components()) {
    if (c.name == d.name) component = &c;
  }
  if (component == nullptr) {
    std::vector<std::string_view> names;
    for (const auto& c : components()) names.push_back(c.name);
    diags.error(fence, (d.name.empty() ? std::string("a visie block needs a directive name")
                                       : "unknown directive \"" + d.name + "\"") +
                           " (known: " + join(names) + ")");
    return {};
  }

  Options options;
  options.loc = fence;
  const auto errors_before = diags.error_count();
  std::size_t line_no = fence.line;
  std::string_view body = d.body;
  while (!body.empty()) {
    ++line_no;
    const auto end = body.find('\n');
    const auto raw = body.substr(0, end);
    body = end == std::string_view::npos ? std::string_view() : body.substr(end + 1);
    const auto line = trim(raw);
    if (line.empty() || line.starts_with('#')) continue;
    const SourceLoc at{file, line_no, fence.col};
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) {
      diags.error(at, "expected an option as 'key: value', found \"" + std::string(line) + "\"");
      continue;
    }
    const std::string key(trim(line.substr(0, colon)));
    const std::string value(trim(line.substr(colon + 1)));
    const bool known =
        std::find(component->required.begin(), component->required.end(), key) !=
            component->required.end() ||
        std::find(component->optional.begin(), component->optional.end(), key) !=
            component->optional.end();
    if (!known) {
      auto all = component->required;
      all.insert(all.end(), component->optional.begin(), component->optional.end());
      diags.error(at, "unknown option \"" + key + "\" for directive \"" + d.name + "\"" +
                          (all.empty() ? " (it takes none)" : " (expected: " + join(all) + ")"));
      continue;
    }
    if (const auto it = option_values().find(key); it != option_values().end()) {
      if (std::find(it->second.begin(), it->second.end(), value) == it->second.end()) {
        diags.error(at, "option \"" + key + "\" must be one of " + join(it->second) +
                            "; found \"" + value + "\"");
        continue;
      }
    }
    if (!options.values.emplace(key, std::make_pair(value, at)).second) {
      diags.error(at, "option \"" + key + "\" is given twice");
    }
  }
  for (auto key : component->required) {
    if (options.values.find(key) == options.values.end()) {
      diags.error(fence, "directive \"" + d.name + "\" needs option \"" + std::string(key) + "\"");
    }
  }
  if (diags.error_count() > errors_before) return {};

  const auto data = component->build(Call{ctx, options, diags});
  if (!data) return {};
  auto with_strings = *data;
  with_strings["t"] = ctx.strings;
  return render_template(ctx.templates, "components/" + d.name + ".html", with_strings, diags);
}

std::string render_component(const Context& ctx, std::string_view name, Diagnostics& diags) {
  markdown::Directive d;
  d.name = std::string(name);
  d.line = 1;
  d.col = 1;
  return render_directive(ctx, d, "templates/components/" + d.name + ".html", 1, diags);
}

}  // namespace visie::render
