#pragma once
// What every fuzz target shares: the libFuzzer entry points and the
// minimal fixture to render against. A target defines
// LLVMFuzzerTestOneInput; built with -DVISIE_FUZZ=ON it links libFuzzer,
// otherwise replay.cpp drives it over saved inputs (the regression test).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/diagnostic.hpp"
#include "model/model.hpp"
#include "model/templates.hpp"
#include "render/render.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace visie::fuzz {

/// The fuzzer's bytes as text (not NUL-terminated; may be any bytes).
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// tests/fixtures/good/minimal with the embedded templates, loaded once
/// per process: the data a chapter under test renders against.
struct Fixture {
  model::Templates templates;
  model::Content content;
  nlohmann::json strings;

  /// A render context for the fixture's one version.
  [[nodiscard]] render::Context context() const {
    return {content.project, content.versions.at(0), content.versions, templates, strings};
  }
};

/// The process-wide fixture (registers cmark-gfm's extensions the first
/// time, as main() does). Aborts when the fixture does not load: that is a
/// broken test setup, not a finding.
const Fixture& fixture();

/// Renders `body` as the body of chapter "fuzz" (file "fuzz.md", body on
/// line 5) of the fixture's version, reporting to `diags`.
render::RenderedChapter render_body(std::string body, core::Diagnostics& diags);

}  // namespace visie::fuzz
