// Directive blocks: the input's first line is the directive's name, the
// rest its options, inside a `visie` fence, rendered against the minimal
// fixture's data (components, option checks, figures, templates).
#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = visie::fuzz::as_text(data, size);
  const auto newline = text.find('\n');
  const auto name = text.substr(0, newline);
  const auto options = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
  std::string body = "Tekst.\n\n```visie ";
  body += name;
  body += '\n';
  body += options;
  if (!body.ends_with('\n')) body += '\n';
  body += "```\n\nMeer tekst.\n";
  visie::core::Diagnostics diags;
  (void)visie::fuzz::render_body(std::move(body), diags);
  for (const auto& d : diags.all()) (void)visie::core::format(d);
  return 0;
}
