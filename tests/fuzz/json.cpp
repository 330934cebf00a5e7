// The JSON data loader: nlohmann/json, the location scanner (duplicate
// keys, depth, UTF-8, BOM) and ObjectReader's typed getters on every
// object of whatever parsed.
#include "fuzz.hpp"
#include "load/json.hpp"
#include "load/object_reader.hpp"

namespace {

using visie::load::Need;
using visie::load::ObjectReader;

/// Reads every member of every object under `pointer` with the getter of
/// its type (and once with a wrong one), as the typed readers do.
void walk(const visie::load::JsonDocument& doc, const std::string& pointer,
          const nlohmann::json& value, visie::core::Diagnostics& diags) {
  (void)doc.loc(pointer);
  (void)doc.key_loc(pointer);
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      walk(doc, visie::load::child_pointer(pointer, i), value[i], diags);
    }
    return;
  }
  if (!value.is_object()) return;
  ObjectReader r(doc, pointer, diags);
  for (const auto& [key, member] : value.items()) {
    if (member.is_string()) {
      if (key.size() % 2 == 0) r.string(key, Need::required);
      else r.id(key, Need::optional);
    } else if (member.is_number_integer()) {
      r.integer(key, Need::required);
    } else if (member.is_number()) {
      r.number(key, Need::optional);
    } else if (member.is_boolean()) {
      r.boolean(key, Need::required);
    } else if (member.is_array()) {
      r.strings(key, Need::optional);
    } else {
      r.one_of(key, Need::optional, {"a", "b"});
    }
    walk(doc, visie::load::child_pointer(pointer, key), member, diags);
  }
  r.integer("missing", Need::required);
  r.finish();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  visie::core::Diagnostics diags;
  const auto doc = visie::load::parse_json("fuzz.json", visie::fuzz::as_text(data, size), diags);
  if (doc) walk(*doc, "", doc->root(), diags);
  for (const auto& d : diags.all()) (void)visie::core::format(d);
  return 0;
}
