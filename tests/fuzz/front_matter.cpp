// Chapter files: UTF-8 check, BOM, the front matter fences (LF and CRLF),
// yaml-cpp and the title/order/id fields.
#include "fuzz.hpp"
// front_matter.hpp is private to load/: this target fuzzes its internals.
#define VISIE_STAGE_LOAD
#include "load/detail/front_matter.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  visie::core::Diagnostics diags;
  const auto chapter = visie::load::parse_chapter("fuzz.md", visie::fuzz::as_text(data, size),
                                                  "fuzz", diags);
  if (chapter) (void)chapter->body.size();
  for (const auto& d : diags.all()) (void)visie::core::format(d);
  return 0;
}
