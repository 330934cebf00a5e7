// The glossary page of a version: its terms, which term links point to.
#include "publish/detail/frame.hpp"
#include "render/citations.hpp"

namespace visie::publish::pages {

std::optional<ExtraPage> glossary(const ExtraInput& in, core::Diagnostics& diags) {
  const auto& vc = in.site.content.versions[in.index];
  if (vc.data.terms.empty()) return std::nullopt;
  // The glossary names sources as the chapters cite them (Vancouver: by
  // the numbers of their first citations).
  const render::CitationStyle citations(vc.data.references, in.site.strings,
                                        in.site.content.project.citation_style,
                                        render::cited_order(in.chapters));
  const render::Context ctx{in.site.content.project, vc,           in.site.content.versions,
                            in.site.templates,       in.site.strings, &citations};
  return ExtraPage{"glossary", std::string(render::glossary_page),
                   text(in.site.strings, "glossary_page"),
                   intro(in.site.strings, "glossary_intro") +
                       render::render_component(ctx, "glossary", diags)};
}

}  // namespace visie::publish::pages
