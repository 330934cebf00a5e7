// `{{…}}` placeholders in a chapter's text: the input is a paragraph of a
// chapter rendered against the minimal fixture (values, unknown names and
// their columns, placeholders split across lines and inline markup).
#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string body = "## Kop\n\n";
  body += visie::fuzz::as_text(data, size);
  body += "\n\nSlot {{version.label}}.\n";
  visie::core::Diagnostics diags;
  (void)visie::fuzz::render_body(std::move(body), diags);
  for (const auto& d : diags.all()) (void)visie::core::format(d);
  return 0;
}
