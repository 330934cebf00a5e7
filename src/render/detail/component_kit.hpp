#pragma once
/// What the directive components share: a directive's options, the call a
/// component's builder gets, the helpers that number figures and tables and
/// name sources, and the builders themselves (render/components/, one file
/// per family; the registry is render/components.cpp). Private to render/.
#ifndef VISIE_STAGE_RENDER
#error "render/detail is private to the render stage"
#endif

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/diagnostic.hpp"
#include "render/citations.hpp"
#include "render/detail/components.hpp"
#include "render/detail/figures.hpp"
#include "render/render.hpp"

namespace visie::render::component {

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
  Numbering& figures;
  Diagnostics& diags;
  const CitationStyle& style;
};

using Builder = std::function<std::optional<json>(const Call&)>;

/// A directive: its options and how to build its template's data.
struct Component {
  std::string_view name;
  std::vector<std::string_view> required;
  std::vector<std::string_view> optional;
  Builder build;
};

// ------------------------------------------------------------ helpers (kit.cpp)

std::string str(const Call& c, std::string_view key);
/// "Barlow et al., 2002": how a component names a source, which it thereby
/// cites (the reference list includes it).
std::string source_label(const Call& c, const model::Ref& ref);
/// The link to a source's entry in the literature list.
std::string source_href(const model::Ref& ref);
/// Registers label `name` (e.g. "fig:huis") for the element `id` numbered
/// `number`, written at the directive.
void add_label(const Call& c, std::string name, const std::string& number, const std::string& id);
/// The label a directive gives its figure or table: its `label` option, or
/// `fallback`.
std::string label_of(const Call& c, const std::string& fallback);
/// The workshop the `workshop` option names, or null (reported).
const model::Workshop* workshop(const Call& c);
/// The activity of `w` the `activity` option names, when it is of `kind`;
/// null otherwise (reported).
const model::Activity* activity(const Call& c, const model::Workshop& w,
                                model::ActivityKind kind);
/// False when the directive asks for its text only (`figure: false`).
bool wants_figure(const Call& c);
std::string join_labels(const std::vector<std::string>& labels);
/// The words figures draw themselves, from the UI strings.
figures::Strings figure_strings(const Call& c);
/// Draws a figure in both layouts under the next number of the page and
/// returns what the templates show of it: number, label ("Figuur 3"), both
/// SVGs, and whether it shows everything (so the text version can fold).
json figure_json(const Call& c, const std::string& label, const std::string& title,
                 const std::string& desc, bool complete,
                 const std::function<figures::Figure(const figures::Frame&)>& draw);
/// Numbers a table a component shows under the next table number of the
/// page: its id and caption label ("Tabel 3.1"), registered as
/// "tbl:<label>" for cross-references.
json table_json(const Call& c, const std::string& label);
json items_json(const std::vector<model::Item>& items);
json workshop_json(const model::Workshop& w);

// ------------------------------------------------------------ the builders, one file per family

// Each builds the template data of the directive of its name (model_component:
// "model"), or nullopt after reporting why it cannot.
// definitions.cpp: the inventory of definitions and the team's own
std::optional<json> definitions(const Call& c), definition_matrix(const Call& c),
    working_definition(const Call& c), perspective_emphases(const Call& c);
// glossary.cpp, model.cpp, timeline.cpp
std::optional<json> glossary(const Call& c), model_component(const Call& c),
    timeline(const Call& c);
// workshop.cpp: a workshop's programme and results
std::optional<json> programme(const Call& c), clusters(const Call& c), perspectives(const Call& c),
    votes(const Call& c), questions(const Call& c);

}  // namespace visie::render::component
