// The review files: a browser export imported into an in-memory store
// (`visie review import`), then an existing
// `content/reviews/<version>/<chapter>.json` that `visie review export`
// merges with the store. The input is the export, a line "===", and the
// existing file (used for every chapter). Every problem must be a located
// diagnostic, and export must be a fixed point: exporting again over what
// it wrote gives the same bytes.
#include <cstdlib>

#include "fuzz.hpp"
#include "review/exchange.hpp"

using namespace visie;

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = fuzz::as_text(data, size);
  const auto split = input.find("\n===\n");
  const auto text = std::string(input.substr(0, split));
  const auto old =
      split == std::string_view::npos ? std::string() : std::string(input.substr(split + 5));
  review::Store store(":memory:");
  core::Diagnostics diags;
  const auto imported = review::import_comments("fuzz.json", text, {}, {}, store, diags);
  require(imported.has_value() != diags.has_errors());
  const auto version = imported ? imported->version : std::string("concept-2");
  const auto comments = store.list(version);

  // The input as the existing file of every chapter the store has.
  std::map<std::string, review::ExistingFile> existing;
  for (const auto& c : comments) existing[c.chapter] = {"old.json", old};
  core::Diagnostics export_diags;
  const auto files = review::export_comments(version, comments, existing, export_diags);
  for (const auto& d : export_diags.all()) require(d.loc.file == "old.json");

  for (const auto& [chapter, bytes] : files) {
    require(nlohmann::json::parse(bytes, nullptr, false).is_object());
    core::Diagnostics again_diags;
    const auto again = review::export_comments(version, comments,
                                               {{chapter, {"written.json", bytes}}}, again_diags);
    require(!again_diags.has_errors());
    require(again.at(chapter) == bytes);
  }
  return 0;
}
