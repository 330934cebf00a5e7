// `visie freeze`: the working draft published as a frozen version — its
// inputs, the output the driver builds and their lock — and versions.json
// marked.
#include <cctype>

#include "build/detail/driver.hpp"
#include "core/text.hpp"
#include "emit/emit.hpp"
#include "load/json.hpp"
#include "publish/publish.hpp"

namespace visie::build {

std::optional<std::string> mark_frozen(const std::string& versions_json, const std::string& id) {
  core::Diagnostics ignored;
  const auto doc = load::parse_json("versions.json", versions_json, ignored);
  if (!doc || !doc->root().contains("versions") || !doc->root()["versions"].is_array()) {
    return std::nullopt;
  }
  const auto& versions = doc->root()["versions"];
  for (std::size_t i = 0; i < versions.size(); ++i) {
    if (!versions[i].is_object() || versions[i].value("id", "") != id) continue;
    // Only the one value changes; the rest of the file keeps its bytes.
    const auto object = load::child_pointer("/versions", i);
    const auto offset_of = [&](const std::string& pointer) {
      const auto loc = doc->loc(pointer);
      return core::byte_offset(versions_json, {loc.line, loc.col});
    };
    std::string text = versions_json;
    if (versions[i].contains("frozen")) {
      const auto at = offset_of(load::child_pointer(object, "frozen"));
      const std::string old = versions[i]["frozen"].dump();
      if (text.compare(at, old.size(), old) != 0) return std::nullopt;
      return text.replace(at, old.size(), "true");
    }
    // No "frozen" yet: add it after the object's last value, before the
    // white space that precedes its closing brace.
    std::size_t close = offset_of(object);
    for (int depth = 0; close < text.size(); ++close) {
      const char c = text[close];
      if (c == '"') {
        for (++close; close < text.size() && text[close] != '"'; ++close) {
          if (text[close] == '\\') ++close;
        }
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if ((c == '}' || c == ']') && --depth == 0) {
        break;
      }
    }
    std::size_t end = close;
    while (end > 0 && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
    const bool empty = text[end - 1] == '{';
    return text.insert(end, empty ? "\"frozen\": true" : ", \"frozen\": true");
  }
  return std::nullopt;
}

std::optional<Frozen> freeze(const Options& options, const std::string& id,
                             core::Diagnostics& diags) {
  const auto built = run(options, diags);
  if (!built || diags.has_errors()) return std::nullopt;
  const auto* vc = find_version(built->content, id);
  const std::string versions_file = (options.content / "versions.json").generic_string();
  if (vc == nullptr) {
    // Only the working draft (the version that is not frozen) can be
    // frozen, under the id versions.json gives it.
    std::string advice = "add it to versions.json first, as the last version, with \"frozen\": false";
    for (const auto& candidate : built->content.versions) {
      if (candidate.version.frozen) continue;
      advice = "the working draft is \"" + candidate.version.id + "\": change its \"id\" in "
               "versions.json to \"" + id + "\" first, or freeze it as it is: " +
               command_line(options, "freeze " + candidate.version.id);
    }
    diags.error({versions_file, 0, 0},
                "there is no version \"" + id + "\" in versions.json to freeze; " + advice);
    return std::nullopt;
  }
  if (vc->version.frozen) {
    diags.error(vc->version.loc, "version \"" + id +
                                     "\" is already frozen: a published version never changes");
    return std::nullopt;
  }
  const auto text = built->content.project_files.find("versions.json");
  const auto marked = text == built->content.project_files.end()
                          ? std::nullopt
                          : mark_frozen(text->second, id);
  if (!marked) {
    diags.error({versions_file, 0, 0}, "cannot mark version \"" + id + "\" frozen");
    return std::nullopt;
  }
  const auto outputs = publish::version_files(built->site.files, id);
  if (!emit::write_snapshot(publish::snapshot_files(*vc, outputs),
                            options.content / "versions" / id, /*replace=*/false, diags) ||
      !emit::replace_file(options.content / "versions.json", *marked, diags)) {
    return std::nullopt;
  }
  return Frozen{vc->inputs.size(), outputs.size()};
}

}  // namespace visie::build
