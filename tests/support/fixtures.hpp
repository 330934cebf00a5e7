#pragma once
// What the unit tests share beyond support.hpp: content and templates
// loaded once, hand-made chapters, and the one render fixture that renders
// Markdown as a chapter of the minimal fixture's version.

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "build/build.hpp"
#include "core/diagnostic.hpp"
#include "model/model.hpp"
#include "model/templates.hpp"
#include "publish/publish.hpp"
#include "render/render.hpp"

namespace visie::test {

/// The default templates (those embedded in the binary), loaded once.
const model::Templates& default_templates();

/// The Dutch UI strings of the default templates, made once.
const nlohmann::json& dutch_strings();

/// A copy of the content folder `name` under tests/fixtures, which the test
/// may change. Each folder is loaded once; the test fails when it does not
/// load without a diagnostic.
model::Content fixture_content(const std::string& name = "good/minimal");

/// The bundled content (the repository's content/), loaded once.
const model::Content& bundled_content();

/// The site of the bundled content with the default templates and options,
/// built once; the test fails when the build reports anything.
const build::Site& bundled_site();

/// A chapter with id and title `id`, from file "<id>.md", whose body
/// `markdown` starts at line `body_line` of the file (as if after four lines
/// of front matter by default).
model::Chapter chapter(const std::string& id, std::string markdown, std::size_t body_line = 5);

/// The render fixture: the minimal fixture's content (a copy each test may
/// change before rendering), the default templates and the Dutch strings,
/// and ways to render Markdown as chapters of its first version.
struct RenderFixture {
  model::Content content = fixture_content();
  const model::Templates& templates = default_templates();
  nlohmann::json strings = dutch_strings();

  /// What rendering the first version of `content` needs. Borrows this
  /// fixture: make it again after replacing `content`'s versions.
  [[nodiscard]] render::Context context() const;

  /// Renders `markdown` as chapter 1, "t" (title "T", file "t.md", its body
  /// from line 5).
  render::RenderedChapter render_markdown(const std::string& markdown, core::Diagnostics& diags) const;

  /// Renders `chapter` as number `number` (1-based) of the version.
  render::RenderedChapter render(const model::Chapter& chapter, int number,
                                 core::Diagnostics& diags) const;

  /// Resolves the cross-references and the literature of `chapters`.
  void link(std::vector<render::RenderedChapter>& chapters, core::Diagnostics& diags) const;

  /// Renders `chapters`, numbered from 1 in this order, and links them.
  std::vector<render::RenderedChapter> render_linked(const std::vector<model::Chapter>& chapters,
                                                     core::Diagnostics& diags) const;
};

}  // namespace visie::test
