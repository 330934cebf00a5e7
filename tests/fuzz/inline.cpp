// Citations, cross-references and term links: the InlineRewriter over
// Markdown against the fixture's references and terms, then the version's
// cross-references resolved as link_chapters() does.
#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  visie::core::Diagnostics diags;
  std::vector<visie::render::RenderedChapter> chapters;
  chapters.push_back(visie::fuzz::render_body(std::string(visie::fuzz::as_text(data, size)), diags));
  visie::render::link_chapters(visie::fuzz::fixture().context(), chapters, diags);
  for (const auto& d : diags.all()) (void)visie::core::format(d);
  return 0;
}
