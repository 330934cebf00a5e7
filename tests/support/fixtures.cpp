#include "support/fixtures.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <optional>
#include <utility>

#include "load/load.hpp"
#include "support/support.hpp"

namespace visie::test {

namespace fs = std::filesystem;

namespace {

/// The content folder at `dir`; fails the test unless it loads without a
/// diagnostic.
model::Content load_clean(const fs::path& dir) {
  core::Diagnostics diags;
  auto content = load::load_content(dir, diags);
  REQUIRE_MESSAGE(content.has_value(), all(diags));
  REQUIRE_MESSAGE(diags.all().empty(), all(diags));
  return std::move(*content);
}

}  // namespace

const model::Templates& default_templates() {
  static const model::Templates templates = [] {
    core::Diagnostics diags;
    auto loaded = load::load_templates(std::nullopt, diags);
    REQUIRE_MESSAGE(diags.all().empty(), all(diags));
    return loaded;
  }();
  return templates;
}

const nlohmann::json& dutch_strings() {
  static const nlohmann::json strings = [] {
    core::Diagnostics diags;
    auto made = render::ui_strings(default_templates(), "nl", diags);
    REQUIRE_MESSAGE(diags.all().empty(), all(diags));
    return made;
  }();
  return strings;
}

model::Content fixture_content(const std::string& name) {
  static std::map<std::string, model::Content> loaded;
  auto it = loaded.find(name);
  if (it == loaded.end()) it = loaded.emplace(name, load_clean(fs::path(VISIE_FIXTURES) / name)).first;
  return it->second;
}

const model::Content& bundled_content() {
  static const model::Content content = load_clean(fs::path(VISIE_SOURCE_DIR) / "content");
  return content;
}

const build::Site& bundled_site() {
  static const build::Site site = [] {
    core::Diagnostics diags;
    auto built = build::render_site(bundled_content(), default_templates(), {}, {}, diags);
    REQUIRE_MESSAGE(diags.all().empty(), all(diags));
    return built;
  }();
  return site;
}

model::Chapter chapter(const std::string& id, std::string markdown, std::size_t body_line) {
  model::Chapter c;
  c.id = id;
  c.title = id;
  c.body = std::move(markdown);
  c.body_line = body_line;
  c.loc = {id + ".md", 1, 1};
  return c;
}

render::Context RenderFixture::context() const {
  return {content.project, content.versions.at(0), content.versions, templates, strings};
}

render::RenderedChapter RenderFixture::render_markdown(const std::string& markdown,
                                                       core::Diagnostics& diags) const {
  auto c = chapter("t", markdown);
  // Not `c.title = "T"`: GCC 12 at -O2 warns (-Wrestrict) on a
  // one-character assignment there, a known false positive.
  c.title = std::string(1, 'T');
  return render(c, 1, diags);
}

render::RenderedChapter RenderFixture::render(const model::Chapter& c, int number,
                                              core::Diagnostics& diags) const {
  return render::render_chapter(context(), c, number, diags);
}

void RenderFixture::link(std::vector<render::RenderedChapter>& chapters,
                         core::Diagnostics& diags) const {
  render::link_chapters(context(), chapters, diags);
}

std::vector<render::RenderedChapter> RenderFixture::render_linked(
    const std::vector<model::Chapter>& chapters, core::Diagnostics& diags) const {
  std::vector<render::RenderedChapter> out;
  for (std::size_t i = 0; i < chapters.size(); ++i) {
    out.push_back(render(chapters[i], static_cast<int>(i + 1), diags));
  }
  link(out, diags);
  return out;
}

}  // namespace visie::test
