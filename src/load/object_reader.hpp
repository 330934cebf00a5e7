#pragma once
/// Typed, located access to the members of one JSON object. Every missing
/// field, wrong type and unknown key becomes a diagnostic at its place; the
/// reader never throws on user data.

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "load/json.hpp"
#include "model/model.hpp"

namespace visie::load {

/// Whether a member must be present.
enum class Need { required, optional };

/// Reads the members of the object at `pointer` in `doc`.
class ObjectReader {
 public:
  /// Reports an error when the value at `pointer` is not an object; the
  /// getters then return nothing.
  ObjectReader(const JsonDocument& doc, std::string pointer, core::Diagnostics& diags);

  /// True when the value is an object.
  [[nodiscard]] bool ok() const { return object_ != nullptr; }
  /// Location of the object itself.
  [[nodiscard]] core::SourceLoc loc() const { return doc_.loc(pointer_); }
  /// Location of member `key` (its value), or of the object when absent.
  [[nodiscard]] core::SourceLoc loc(std::string_view key) const;
  /// JSON pointer of member `key`.
  [[nodiscard]] std::string pointer(std::string_view key) const;
  /// True when member `key` is present.
  [[nodiscard]] bool has(std::string_view key) const;

  /// A string member. Required-but-missing and non-strings are reported.
  std::string string(std::string_view key, Need need);
  /// A string member that must be a valid id (`^[a-z][a-z0-9-]*$`).
  std::string id(std::string_view key, Need need);
  /// A required id member that must be new among `seen` (the ids of one
  /// kind, each with where it was first written): one used before is
  /// reported as a duplicate `what` id (see check_unique()).
  std::string unique_id(std::string_view key, std::map<std::string, core::SourceLoc>& seen,
                        std::string_view what);
  /// A string member that must be one of `allowed`.
  std::string one_of(std::string_view key, Need need,
                     const std::vector<std::string_view>& allowed);
  /// A string member that must name a row of `table` (a vocabulary of
  /// model/vocab.hpp): that row's value, or `fallback` when the member is
  /// absent or names no row (reported).
  template <class Table, class E>
  E word(std::string_view key, Need need, const Table& table, E fallback) {
    std::vector<std::string_view> names;
    for (const auto& w : table) names.push_back(w.name);
    const auto name = one_of(key, need, names);
    for (const auto& w : table) {
      if (w.name == name) return w.value;
    }
    return fallback;
  }
  /// An integer member.
  std::optional<long> integer(std::string_view key, Need need);
  /// A number member.
  std::optional<double> number(std::string_view key, Need need);
  /// A boolean member.
  std::optional<bool> boolean(std::string_view key, Need need);
  /// An array of strings.
  std::vector<std::string> strings(std::string_view key, Need need);
  /// A string member that names something elsewhere (an id), with its place.
  model::Ref ref(std::string_view key, Need need);
  /// An optional array of id strings, each with its place.
  std::vector<model::Ref> refs(std::string_view key);
  /// Calls `each(pointer)` for every element of array member `key`.
  void array(std::string_view key, Need need,
             const std::function<void(const std::string&)>& each);
  /// Calls `each(reader)` with a reader of every element of array member
  /// `key` that is an object (one that is not is reported), then reports
  /// the members `each` did not read (ObjectReader::finish()).
  void objects(std::string_view key, Need need, const std::function<void(ObjectReader&)>& each);
  /// The objects of array member `key`, each read as a T: its place (when
  /// T has one), its id (member "id", reported when `seen` has it, as a
  /// duplicate `what` id) and then whatever `fill(reader, t)` reads.
  template <class T, class Fill>
  std::vector<T> list(std::string_view key, Need need, std::map<std::string, core::SourceLoc>& seen,
                      std::string_view what, Fill fill) {
    std::vector<T> out;
    objects(key, need, [&](ObjectReader& r) {
      T t;
      if constexpr (requires { t.loc; }) t.loc = r.loc();
      t.id = r.unique_id("id", seen, what);
      fill(r, t);
      out.push_back(std::move(t));
    });
    return out;
  }
  /// Marks `key` as known without reading it (for members read elsewhere).
  void accept(std::string_view key);

  /// Reports every member that no getter asked for. Call once, last.
  void finish();

 private:
  const nlohmann::json* member(std::string_view key, Need need);
  /// member(), when it passes `is`; otherwise null, a present member being
  /// reported as not `expected` ("a string").
  const nlohmann::json* typed(std::string_view key, Need need, bool (*is)(const nlohmann::json&),
                              std::string_view expected);

  const JsonDocument& doc_;
  std::string pointer_;
  core::Diagnostics& diags_;
  const nlohmann::json* object_ = nullptr;
  std::set<std::string, std::less<>> known_;
};

/// Name of a JSON value's type for messages ("a string", "an array", …).
std::string_view type_name(const nlohmann::json& value);

/// Reports an id that occurs twice among `seen` (ids of one kind, each with
/// where it was first written); records it otherwise. An empty id is
/// ignored (its absence is reported where it is read).
void check_unique(std::map<std::string, core::SourceLoc>& seen, const std::string& id,
                  const core::SourceLoc& loc, std::string_view what, core::Diagnostics& diags);

}  // namespace visie::load
