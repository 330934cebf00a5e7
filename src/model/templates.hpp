#pragma once
/// The template set a build uses: the defaults embedded in the binary, each
/// optionally overridden by a file of the project.

#include <map>
#include <string>

namespace visie::model {

/// One template or asset: its text and where it came from (for messages).
struct TemplateFile {
  std::string text;
  std::string origin;  // "embedded:<name>" or the override's path
};

/// Templates and assets by their path relative to templates/ (e.g.
/// "layouts/page.html", "assets/style.css").
struct Templates {
  std::map<std::string, TemplateFile, std::less<>> files;
  /// The UI strings of each language, parsed by the loader from
  /// `i18n/<language>.json` (embedded or overridden): language → key → text.
  std::map<std::string, std::map<std::string, std::string>, std::less<>> ui_strings;

  /// The file named `name`, or null when there is none.
  [[nodiscard]] const TemplateFile* find(std::string_view name) const {
    const auto it = files.find(name);
    return it == files.end() ? nullptr : &it->second;
  }
};

}  // namespace visie::model
