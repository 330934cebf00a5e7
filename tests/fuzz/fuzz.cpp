#include "fuzz.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "load/load.hpp"
#include "render/markdown/markdown.hpp"

namespace visie::fuzz {

const Fixture& fixture() {
  static const Fixture loaded = [] {
    render::markdown::init();
    core::Diagnostics diags;
    Fixture f;
    f.templates = load::load_templates(std::nullopt, diags);
    auto content = load::load_content(std::filesystem::path(VISIE_FIXTURES) / "good/minimal", diags);
    if (!content || diags.has_errors()) {
      diags.print(std::cerr);
      std::fputs("fuzz: the fixture tests/fixtures/good/minimal does not load\n", stderr);
      std::abort();
    }
    f.content = std::move(*content);
    f.strings = render::ui_strings(f.templates, f.content.project.language, diags);
    return f;
  }();
  return loaded;
}

render::RenderedChapter render_body(std::string body, core::Diagnostics& diags) {
  model::Chapter chapter;
  chapter.id = "fuzz";
  chapter.title = "Fuzz";
  chapter.body = std::move(body);
  chapter.body_line = 5;
  chapter.loc = {"fuzz.md", 1, 1};
  return render::render_chapter(fixture().context(), chapter, 1, diags);
}

}  // namespace visie::fuzz
