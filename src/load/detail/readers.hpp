#pragma once
/// The readers of each kind of file in a content folder (one source file
/// each, named below); load_content() in content.cpp calls them in order.
#ifndef VISIE_STAGE_LOAD
#error "load/detail is private to the load stage"
#endif

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "load/detail/file_reader.hpp"
#include "load/json.hpp"
#include "load/load.hpp"
#include "model/model.hpp"

namespace visie::load {

// project.cpp

/// visie.json: the project's title, language, organisation and address.
model::Project read_project(const JsonDocument& doc, core::Diagnostics& diags);
/// versions.json: every version in publication order (at most one not frozen).
std::vector<model::Version> read_versions(const JsonDocument& doc, core::Diagnostics& diags);
/// visie.lock in the folder of `files` (a frozen version's): the hashes of
/// its inputs and outputs.
std::optional<model::Lock> read_lock(FileReader& files, core::Diagnostics& diags);

// definitions.cpp

/// data/definitions.json: the definitions, the elements they name and the
/// perspectives' emphases, into `data`.
void read_definitions(const JsonDocument& doc, model::Dataset& data, core::Diagnostics& diags);
/// data/working-definitions.json: the team's definition, version by version.
void read_working_definitions(const JsonDocument& doc, model::Dataset& data,
                              core::Diagnostics& diags);
/// data/terms.json: the glossary's terms.
void read_terms(const JsonDocument& doc, model::Dataset& data, core::Diagnostics& diags);

// workshop.cpp

/// data/workshops/<id>.json: a workshop and what it produced.
model::Workshop read_workshop(const JsonDocument& doc, core::Diagnostics& diags);

// workshop_sheets.cpp

/// Adds the results in the spreadsheets of folder `dir`
/// (data/workshops/<id>/*.csv) to workshop `w`.
void read_workshop_sheets(FileReader& files, const std::filesystem::path& dir, model::Workshop& w,
                          core::Diagnostics& diags);

// models.cpp

/// data/models/<id>.json: a model and its parts.
model::Model read_model(const JsonDocument& doc, core::Diagnostics& diags);

// chapters.cpp

/// chapters/*.md of the folder of `files`, sorted by their `order`.
std::vector<model::Chapter> read_chapters(FileReader& files, core::Diagnostics& diags);

// reviews.cpp

/// The comments under reviews/ of the folder of `root`, one folder per
/// version of `content`, into that version's reviews.
void read_reviews(FileReader& root, model::Content& content, core::Diagnostics& diags);

}  // namespace visie::load
