// The literature page of a version: every work its chapters cite.
#include "publish/detail/frame.hpp"
#include "render/citations.hpp"

namespace visie::publish::pages {

std::optional<ExtraPage> literature(const ExtraInput& in, core::Diagnostics& diags) {
  const auto& vc = in.site.content.versions[in.index];
  const render::Context ctx{in.site.content.project, vc, in.site.content.versions,
                            in.site.templates, in.site.strings};
  const auto refs = render::listed_references(ctx, in.chapters);
  if (refs.empty()) return std::nullopt;
  return ExtraPage{"references", std::string(render::references_page),
                   text(in.site.strings, "references_page"),
                   intro(in.site.strings, "references_intro") +
                       render::render_reference_list(ctx, refs, diags)};
}

}  // namespace visie::publish::pages
