// The Markdown path on its own: cmark-gfm with visie's options and hooks
// (directives and text rewritten), then stable ids and references.
#include "fuzz.hpp"
#include "render/anchors.hpp"
#include "render/markdown/markdown.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)visie::fuzz::fixture();  // registers the GFM extensions once
  visie::render::markdown::Hooks hooks;
  hooks.directive = [](const visie::render::markdown::Directive& d) {
    return "<div class=\"directive\">" + std::to_string(d.name.size()) + "</div>";
  };
  hooks.placeholder = [](const visie::render::markdown::Placeholder& p) -> std::optional<std::string> {
    if (p.name.empty()) return std::nullopt;
    return std::string(p.name) + "\xC2\x98!";
  };
  auto rendered = visie::render::markdown::to_html(visie::fuzz::as_text(data, size), hooks);
  visie::core::Diagnostics diags;
  const auto anchors =
      visie::render::attach_anchors(rendered.html, rendered.blocks, 3, "fuzz.md", 5, diags);
  (void)anchors.size();
  for (const auto& d : diags.all()) (void)visie::core::format(d);
  return 0;
}
