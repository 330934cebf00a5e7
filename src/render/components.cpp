// The directive registry: which components exist, their options, and render_directive().
#include "render/detail/components.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>

#include "core/text.hpp"
#include "render/citations.hpp"
#include "render/detail/component_kit.hpp"
#include "render/inline.hpp"
#include "render/ui.hpp"

namespace visie::render {

namespace {

using core::Diagnostics;
using core::SourceLoc;
using nlohmann::json;
using namespace component;

/// The reference list stands as a marker until every chapter is rendered:
/// it lists what the whole version cites (see link_chapters()).
std::optional<json> references(const Call&) { return json::object(); }

const std::vector<Component>& components() {
  static const std::vector<Component> all = {
      {"clusters", {"workshop"}, {"figure", "label"}, clusters},
      {"definition-matrix", {}, {"label"}, definition_matrix},
      {"definitions", {}, {"sort", "kind", "concept"}, definitions},
      {"glossary", {}, {}, glossary},
      {"model", {"id"}, {"figure", "label"}, model_component},
      {"perspective-emphases", {}, {}, perspective_emphases},
      {"perspectives", {"workshop"}, {"figure", "label"}, perspectives},
      {"programme", {"workshop"}, {"label"}, programme},
      {"questions", {"workshop", "activity"}, {}, questions},
      {"references", {}, {}, references},
      {"timeline", {}, {"figure", "label"}, timeline},
      {"votes", {"workshop", "activity"}, {"figure", "label"}, votes},
      {"working-definition", {}, {"show"}, working_definition},
  };
  return all;
}

/// Allowed values of options that take a fixed set.
const std::map<std::string_view, std::vector<std::string_view>>& option_values() {
  static const std::map<std::string_view, std::vector<std::string_view>> values = {
      {"sort", {"year", "source"}},
      {"kind", model::names(model::source_kinds)},
      {"figure", {"true", "false"}},
      {"show", {"current", "history", "both"}},
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

std::string number_text(int chapter, int n) {
  return (chapter > 0 ? std::to_string(chapter) + "." : "") + std::to_string(n);
}

std::string render_directive(const Context& ctx, const markdown::Directive& d,
                             const std::string& file, std::size_t first_line,
                             const CitationStyle& style, Numbering& figures, Diagnostics& diags) {
  const SourceLoc fence{file, first_line + d.line - 1, d.col};
  const Component* component = nullptr;
  for (const auto& c : components()) {
    if (c.name == d.name) component = &c;
  }
  if (component == nullptr) {
    std::vector<std::string_view> names;
    for (const auto& c : components()) names.push_back(c.name);
    diags.error(fence, (d.name.empty() ? std::string("a visie block needs a directive name")
                                       : "unknown directive \"" + d.name + "\"" +
                                             core::did_you_mean(d.name, names)) +
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
                          core::did_you_mean(key, all) +
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

  const auto data = component->build(Call{ctx, options, figures, diags, style});
  if (!data) return {};
  if (component->name == "references") return std::string(references_marker);
  auto with_strings = *data;
  with_strings["t"] = ctx.strings;
  return render_template(ctx.templates, "components/" + d.name + ".html", with_strings, diags);
}

std::string render_component(const Context& ctx, std::string_view name, Diagnostics& diags) {
  markdown::Directive d;
  d.name = std::string(name);
  d.line = 1;
  d.col = 1;
  // References and glossary draw no figure; the numbering is a formality.
  Numbering figures;
  figures.page = d.name;
  std::optional<CitationStyle> own;
  if (ctx.citations == nullptr) {
    own.emplace(ctx.version.data.references, ctx.strings, ctx.project.citation_style);
  }
  const CitationStyle& style = ctx.citations != nullptr ? *ctx.citations : *own;
  return render_directive(ctx, d, "templates/components/" + d.name + ".html", 1, style, figures,
                          diags);
}

std::string render_reference_list(const Context& ctx,
                                  const std::vector<const model::Reference*>& refs,
                                  Diagnostics& diags) {
  const CitationStyle style(ctx.version.data.references, ctx.strings, ctx.project.citation_style);
  json list = json::array();
  for (const auto* r : refs) {
    // Only web addresses become links (a DOI as https://doi.org/…); the
    // note is for the author, not the reader (APA prints none).
    const auto url = CitationStyle::link(*r);
    const bool link = url.starts_with("https://") || url.starts_with("http://");
    list.push_back({{"id", r->id}, {"html", style.entry_html(*r)}, {"url", link ? url : ""}});
  }
  json data{{"references", list}, {"empty", list.empty()}, {"t", ctx.strings}};
  return render_template(ctx.templates, "components/references.html", data, diags);
}

}  // namespace visie::render
