#pragma once
/// `visie check`'s linter: rules that look at a content folder as the team
/// wrote it and at the site it builds, and report what a reader or a panel
/// would trip over (broken links, missing images, unused data, a chapter
/// that disappeared, duplicate ids, skipped heading levels, external links
/// to check by hand). The build itself already reports what cannot be
/// rendered (unknown directives and options, dangling data ids).
///
/// Adding a rule: write a function `void rule(const Input&, Findings&)` in
/// lint.cpp and add it to the table in rules(). Rules are independent of
/// each other and read only their Input.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "model/model.hpp"

namespace visie::lint {

/// Paths relative to the site root → bytes (publish::SiteTree).
using SiteFiles = std::map<std::string, std::string>;

/// Version id → term id → how often the version's chapters use the term
/// (build::Site::term_uses).
using TermUses = std::map<std::string, std::map<std::string, int>>;

/// What every rule looks at. Borrows everything.
struct Input {
  const model::Content& content;
  /// The version being linted: an index into content.versions.
  std::size_t version = 0;
  /// The site built from `content` (every version).
  const SiteFiles& site;
  /// How the chapters of each version use the glossary's terms, as the
  /// build counted them.
  const TermUses& term_uses;
};

/// Where rules report. Notes are findings that need no action from visie's
/// side (an external link to check by hand).
using Findings = core::Diagnostics;

/// One rule of the linter.
struct Rule {
  std::string_view name;     ///< e.g. "links"
  std::string_view summary;  ///< one line for --help and the docs
  void (*run)(const Input&, Findings&);
};

/// Every rule, in the order they run.
const std::vector<Rule>& rules();

/// The version `check` lints: the working draft (the version that is not
/// frozen), or the newest version when every version is frozen.
std::size_t linted_version(const model::Content& content);

/// Runs every rule on version `input.version` and appends the findings to
/// `findings`, sorted by file, line and column within each rule's output.
void run(const Input& input, Findings& findings);

/// Formats `diags` as JSON for tools: {"findings": [{file, line, col,
/// severity, message}], "errors": N, "warnings": N, "notes": N}.
std::string to_json(const core::Diagnostics& diags);

}  // namespace visie::lint
