#pragma once
/// What changed between two versions: per chapter the added, removed,
/// moved and changed blocks (matched by their stable ids, with a word diff
/// inside changed ones), and the changes in the data told in the data's
/// own terms ("definition Lorig 2003 added", "cluster ethiek gained 2
/// aspects").

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/diagnostic.hpp"
#include "model/model.hpp"
#include "model/templates.hpp"
#include "publish/text_diff.hpp"
#include "render/render.hpp"

namespace visie::publish {

/// What happened to one block.
struct BlockChange {
  enum class Kind { added, removed, moved, changed };
  Kind kind = Kind::added;
  std::string id;    // the block's id in the newer version (older when removed)
  std::string ref;   // its reference ("§3.2 ¶4")
  std::string text;  // its text as the page shows it (newer; older when removed)
  std::vector<WordOp> words;  // for changed blocks: the diff of the text as written
  std::vector<Phrase> phrases = {};  // the same as the page shows it (words grouped)
  std::string old_id = {};    // for changed blocks: the id it had in the older version
  std::string from = {};      // for a block moved from another chapter: its title and reference there
};

/// What happened to one chapter.
struct ChapterChange {
  enum class Kind { added, removed, changed };
  Kind kind = Kind::changed;
  std::string id;
  std::string title;
  std::string old_title;  // when the title changed
  std::vector<BlockChange> blocks;
  std::string reason = {};  // for a removed chapter: why (versions.json `removed`), or empty
};

/// A change in the data: a message key of the UI strings and its values.
struct DataChange {
  std::string key;                // e.g. "change_definition_added"
  std::vector<std::string> args;  // filled into {0}, {1}, …
};

/// All changes from one version to the next.
struct Changes {
  std::vector<ChapterChange> chapters;  // only chapters with changes
  std::vector<DataChange> data;
  /// Blocks unchanged as written whose id is new (a placeholder in them
  /// took another value): "chapter\0old id" → new id. No change to tell,
  /// but a comment on the old block finds it.
  std::map<std::string, std::string> new_ids = {};
  [[nodiscard]] bool empty() const { return chapters.empty() && data.empty(); }
};

/// Compares version `before` (rendered as `before_chapters`) with `after`.
Changes compare_versions(const model::VersionContent& before,
                         const std::vector<render::RenderedChapter>& before_chapters,
                         const model::VersionContent& after,
                         const std::vector<render::RenderedChapter>& after_chapters);

/// A data change as text in the UI language (`strings`).
std::string describe(const DataChange& change, const nlohmann::json& strings);

/// The changes between two versions with the UI strings to tell them.
struct VersionDiff {
  Changes changes;
  nlohmann::json strings;
};

/// The changes as a terminal report: one line per change, with ANSI colour
/// when `colour` (deleted words red, inserted words green).
std::string format_terminal(const VersionDiff& diff, const std::string& before_label,
                            const std::string& after_label, bool colour);

/// Whether the changes open with their own <h1> title: on the changes page
/// they do; as an appendix of the print edition, which has its own title,
/// they do not.
enum class ChangesTitle { shown, left_out };

/// The body of the changes page (layouts/changes.html).
std::string render_changes(const Changes& changes, const model::Version& before,
                           const model::Version& after, const model::Templates& templates,
                           const nlohmann::json& strings, ChangesTitle title,
                           core::Diagnostics& diags);

}  // namespace visie::publish
