#pragma once
/// Source locations and diagnostics: how every stage reports a problem in
/// the user's content, compiler style (`file:line:col: error: message`).

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace visie::core {

/// A position in a user file. Line and column are 1-based; column counts
/// Unicode code points, as editors show it. Line 0 means "the whole file".
struct SourceLoc {
  std::string file;
  std::size_t line = 0;
  std::size_t col = 0;

  friend bool operator==(const SourceLoc&, const SourceLoc&) = default;
};

/// How bad a finding is: errors fail the build, warnings do not.
enum class Severity { error, warning, note };

/// One finding about the content, with where it is.
struct Diagnostic {
  Severity severity = Severity::error;
  SourceLoc loc;
  std::string message;
};

/// Formats `file:line:col: error: message` (omitting line and column when
/// the finding is about the whole file).
std::string format(const Diagnostic& d);

/// Collects every diagnostic of a run, so that all problems are reported at
/// once instead of only the first.
class Diagnostics {
 public:
  /// Records an error at `loc`.
  void error(SourceLoc loc, std::string message);
  /// Records a warning at `loc`.
  void warning(SourceLoc loc, std::string message);
  /// Records a note at `loc`: information that needs no change.
  void note(SourceLoc loc, std::string message);
  /// Records `d` as it is.
  void add(Diagnostic d);
  /// Appends all findings of `other`, keeping their order.
  void append(const Diagnostics& other);

  /// True when at least one error was recorded.
  [[nodiscard]] bool has_errors() const { return errors_ > 0; }
  /// Number of errors recorded.
  [[nodiscard]] std::size_t error_count() const { return errors_; }
  /// All findings, in the order they were recorded.
  [[nodiscard]] const std::vector<Diagnostic>& all() const { return items_; }
  /// All findings sorted by file, line and column (findings about a whole
  /// file first, those of one place in the order recorded): the order they
  /// are shown in.
  [[nodiscard]] std::vector<Diagnostic> sorted() const;

  /// Writes every finding, one per line, to `out`, in sorted() order.
  void print(std::ostream& out) const;

 private:
  std::vector<Diagnostic> items_;
  std::size_t errors_ = 0;
};

}  // namespace visie::core
