// A workshop's spreadsheets, data/workshops/<id>/*.csv, merged into its workshop.
#include <algorithm>
#include <iterator>
#include <optional>
#include <set>

#include "core/text.hpp"
#include "load/detail/csv.hpp"
#include "load/detail/readers.hpp"
#include "model/items.hpp"

namespace visie::load {

namespace fs = std::filesystem;
using core::Diagnostics;
using core::SourceLoc;

namespace {

/// The spreadsheets a workshop's results may come in, next to its JSON
/// file in data/workshops/<id>/ (see docs/content-format.md).
constexpr std::string_view workshop_sheets[] = {"aspects.csv", "perspectives.csv", "questions.csv",
                                                "votes.csv"};

/// Every item id of `w` (clusters, aspects, opportunities, barriers share
/// one id space), for spotting a spreadsheet row that repeats one.
std::set<std::string> item_ids_of(const model::Workshop& w) {
  std::set<std::string> ids;
  model::for_each_item_id(w, [&](const std::string& id) { ids.insert(id); });
  return ids;
}

/// The value of a required cell: reports an empty one.
std::string required_cell(const CsvCell* cell, std::string_view column, Diagnostics& diags) {
  if (cell == nullptr) return {};
  if (cell->text.empty()) diags.error(cell->loc, "empty \"" + std::string(column) + "\"");
  return cell->text;
}

/// A cell that must be an id; reports what is not.
std::string id_cell(const CsvCell* cell, std::string_view column, Diagnostics& diags) {
  auto id = required_cell(cell, column, diags);
  if (!id.empty() && !core::is_valid_id(id)) {
    diags.error(cell->loc, "\"" + id + "\" is not a valid " + std::string(column) +
                               " id: use lowercase letters, digits and -, starting with a letter");
    return {};
  }
  return id;
}

/// A new item id from a spreadsheet row, unless the workshop has it already.
bool add_item_id(std::set<std::string>& ids, const std::string& id, const CsvCell* cell,
                 Diagnostics& diags) {
  if (id.empty()) return false;
  if (!ids.insert(id).second) {
    diags.error(cell->loc, "item id \"" + id + "\" is used twice in this workshop");
    return false;
  }
  return true;
}

/// The cluster or perspective (of `groups`) that a row names in its
/// `column` cell (`id`, at `cell`): the workshop's own, or a new one
/// labelled by the row's `<column>_label` cell. A new one's id must also be
/// new among `item_ids` when given (clusters are items). Null, reported,
/// when the row gives no label for an unknown one or reuses an item id.
template <class Group>
Group* group_of(std::vector<Group>& groups, const std::string& id, const CsvCell* cell,
                const CsvColumns& cols, const std::vector<CsvCell>& row, const std::string& column,
                const std::string& workshop, std::set<std::string>* item_ids,
                Diagnostics& diags) {
  const auto it = std::find_if(groups.begin(), groups.end(),
                               [&](const auto& g) { return g.id == id; });
  if (it != groups.end()) return &*it;
  const auto* label = cols.cell(row, column + "_label");
  if (label == nullptr || label->text.empty()) {
    diags.error(cell->loc, "unknown " + column + " \"" + id + "\": add it to \"" + column +
                               "s\" in " + workshop + ".json or give its " + column + "_label");
    return nullptr;
  }
  if (item_ids != nullptr && !item_ids->insert(id).second) {
    diags.error(cell->loc, "item id \"" + id + "\" is used twice in this workshop");
    return nullptr;
  }
  Group group;
  group.id = id;
  group.label = label->text;
  groups.push_back(std::move(group));
  return &groups.back();
}

void read_aspects_sheet(const CsvTable& table, const std::string& file, model::Workshop& w,
                        std::set<std::string>& ids, Diagnostics& diags) {
  const CsvColumns cols(table, file, {"cluster", "id", "text"}, {"cluster_label"}, diags);
  if (!cols.ok()) return;
  for (const auto& row : table.rows) {
    if (!cols.row_ok(row, diags)) continue;
    const auto* cluster_cell = cols.cell(row, "cluster");
    const auto cluster_id = id_cell(cluster_cell, "cluster", diags);
    const auto* id_cell_ptr = cols.cell(row, "id");
    const auto id = id_cell(id_cell_ptr, "id", diags);
    const auto text = required_cell(cols.cell(row, "text"), "text", diags);
    if (cluster_id.empty()) continue;
    // A cluster is an item too: a new one takes its id from the items'.
    auto* cluster = group_of(w.clusters, cluster_id, cluster_cell, cols, row, "cluster", w.id,
                             &ids, diags);
    if (cluster == nullptr) continue;
    if (add_item_id(ids, id, id_cell_ptr, diags) && !text.empty()) {
      cluster->aspects.push_back({id, text, id_cell_ptr->loc});
    }
  }
}

void read_perspectives_sheet(const CsvTable& table, const std::string& file, model::Workshop& w,
                             std::set<std::string>& ids, Diagnostics& diags) {
  const CsvColumns cols(table, file, {"perspective", "kind", "id", "text"},
                        {"perspective_label"}, diags);
  if (!cols.ok()) return;
  for (const auto& row : table.rows) {
    if (!cols.row_ok(row, diags)) continue;
    const auto* perspective_cell = cols.cell(row, "perspective");
    const auto perspective_id = id_cell(perspective_cell, "perspective", diags);
    const auto* kind_cell = cols.cell(row, "kind");
    const auto kind = required_cell(kind_cell, "kind", diags);
    const bool opportunity = kind == "opportunity" || kind == "kans";
    if (!kind.empty() && !opportunity && kind != "barrier" && kind != "belemmering") {
      diags.error(kind_cell->loc, "unknown kind \"" + kind +
                                      "\" (expected: opportunity or barrier; kans or belemmering)");
      continue;
    }
    const auto* id_cell_ptr = cols.cell(row, "id");
    const auto id = id_cell(id_cell_ptr, "id", diags);
    const auto text = required_cell(cols.cell(row, "text"), "text", diags);
    if (perspective_id.empty() || kind.empty()) continue;
    auto* perspective = group_of(w.perspectives, perspective_id, perspective_cell, cols, row,
                                 "perspective", w.id, nullptr, diags);
    if (perspective == nullptr) continue;
    if (add_item_id(ids, id, id_cell_ptr, diags) && !text.empty()) {
      (opportunity ? perspective->opportunities : perspective->barriers)
          .push_back({id, text, id_cell_ptr->loc});
    }
  }
}

/// The activity of kind `kind` that a sheet row names (`id`, at `cell`),
/// or null, reported, when `w` has none or its JSON file holds its results
/// already (`filled`: the activities this sheet has given results so far).
model::Activity* sheet_activity(model::Workshop& w, const std::string& id, model::ActivityKind kind,
                                const CsvCell* cell, std::set<std::string>& filled,
                                Diagnostics& diags) {
  const bool vote = kind == model::ActivityKind::vote;
  const auto it = std::find_if(w.activities.begin(), w.activities.end(),
                               [&](const auto& a) { return a.id == id; });
  if (it == w.activities.end() || it->kind != kind) {
    const std::string kind_name = vote ? "vote" : "questions";
    diags.error(cell->loc, "\"" + id + "\" is not a" + (vote ? " vote" : " question round") +
                               " activity of workshop \"" + w.id +
                               "\" (add it to \"activities\" with kind \"" + kind_name + "\")");
    return nullptr;
  }
  const bool has_results = vote ? !it->votes.empty() : !it->answers.empty();
  if (filled.insert(id).second && has_results) {
    diags.error(cell->loc, "activity \"" + id + "\" already has results in " + w.id +
                               ".json: keep them in one place");
    return nullptr;
  }
  return &*it;
}

void read_votes_sheet(const CsvTable& table, const std::string& file, model::Workshop& w,
                      Diagnostics& diags) {
  const CsvColumns cols(table, file, {"activity", "item", "votes"}, {}, diags);
  if (!cols.ok()) return;
  std::set<std::string> filled;  // activities that got results from this sheet
  for (const auto& row : table.rows) {
    if (!cols.row_ok(row, diags)) continue;
    const auto* activity_cell = cols.cell(row, "activity");
    const auto activity_id = id_cell(activity_cell, "activity", diags);
    const auto* item_cell = cols.cell(row, "item");
    const auto item = required_cell(item_cell, "item", diags);
    const auto* votes_cell = cols.cell(row, "votes");
    const auto votes_text = required_cell(votes_cell, "votes", diags);
    long votes = 0;
    const bool number = !votes_text.empty() && votes_text.size() < 10 &&
                        std::all_of(votes_text.begin(), votes_text.end(),
                                    [](char ch) { return ch >= '0' && ch <= '9'; });
    if (number) {
      votes = std::stol(votes_text);
    } else if (!votes_text.empty()) {
      diags.error(votes_cell->loc, "\"votes\" must be a whole number of 0 or more, found \"" +
                                       votes_text + "\"");
    }
    if (activity_id.empty() || item.empty() || !number) continue;
    auto* activity = sheet_activity(w, activity_id, model::ActivityKind::vote, activity_cell,
                                    filled, diags);
    if (activity == nullptr) continue;
    activity->votes.push_back({{item, item_cell->loc}, votes});
  }
}

void read_questions_sheet(const CsvTable& table, const std::string& file, model::Workshop& w,
                          Diagnostics& diags) {
  const CsvColumns cols(table, file, {"activity", "text"}, {"perspective"}, diags);
  if (!cols.ok()) return;
  std::set<std::string> filled;  // activities that got answers from this sheet
  for (const auto& row : table.rows) {
    if (!cols.row_ok(row, diags)) continue;
    const auto* activity_cell = cols.cell(row, "activity");
    const auto activity_id = id_cell(activity_cell, "activity", diags);
    const auto text = required_cell(cols.cell(row, "text"), "text", diags);
    // An answer's perspective is optional: known only when it was noted.
    const auto* perspective_cell = cols.cell(row, "perspective");
    std::optional<model::Ref> perspective;
    if (perspective_cell != nullptr && !perspective_cell->text.empty()) {
      const auto id = id_cell(perspective_cell, "perspective", diags);
      if (id.empty()) continue;
      perspective = model::Ref{id, perspective_cell->loc};
    }
    if (activity_id.empty() || text.empty()) continue;
    auto* activity = sheet_activity(w, activity_id, model::ActivityKind::questions, activity_cell,
                                    filled, diags);
    if (activity == nullptr) continue;
    activity->answers.push_back({text, perspective});
  }
}

}  // namespace

/// Adds the results in data/workshops/<id>/*.csv to workshop `w`.
void read_workshop_sheets(FileReader& files, const fs::path& dir, model::Workshop& w,
                          Diagnostics& diags) {
  auto ids = item_ids_of(w);
  for (const auto name : workshop_sheets) {
    const auto rel = dir / name;
    if (!files.exists(rel)) continue;
    const auto text = files.read(rel);
    if (!text) continue;
    const auto shown = files.display(rel);
    const auto table = parse_csv(shown, *text, diags);
    if (!table) continue;
    if (name == "aspects.csv") read_aspects_sheet(*table, shown, w, ids, diags);
    if (name == "perspectives.csv") read_perspectives_sheet(*table, shown, w, ids, diags);
    if (name == "questions.csv") read_questions_sheet(*table, shown, w, diags);
    if (name == "votes.csv") read_votes_sheet(*table, shown, w, diags);
  }
  for (const auto& name : files.list(dir, "")) {
    if (std::find(std::begin(workshop_sheets), std::end(workshop_sheets), name) ==
        std::end(workshop_sheets)) {
      diags.warning({files.display(dir / name), 0, 0},
                    "not a workshop spreadsheet visie reads (aspects.csv, perspectives.csv, "
                    "questions.csv, votes.csv); ignored");
    }
  }
}

}  // namespace visie::load
