// The print edition of a version (`<id>/print.html`): its chapters, then
// the literature, the glossary, the disposition of comments and the changes
// since the version before, handed to render_print() (print.cpp).
#include "publish/detail/version.hpp"

namespace visie::publish {

namespace {

/// The print edition of version `index`: every chapter in one document,
/// then the extra pages and `changes_html` (the changes since the version
/// before, without a title; empty for the first version).
std::string print_edition(const SiteInput& site, std::size_t index,
                          const std::vector<render::RenderedChapter>& chapters,
                          const std::vector<pages::ExtraPage>& extras, std::string changes_html,
                          core::Diagnostics& diags) {
  const auto& versions = site.content.versions;
  PrintEdition edition{site.content.project, versions[index].version, {}, {}};
  for (const auto& c : chapters) edition.chapters.push_back({c.id, c.title, c.html});
  for (const auto& e : extras) {
    edition.appendices.push_back({e.kind, pages::text(site.strings, "print_" + e.kind), e.html,
                                  e.file.substr(0, e.file.size() - 5)});
  }
  if (index > 0) {
    edition.appendices.push_back(
        {"changes", pages::text(site.strings, "changes_since") + " " + versions[index - 1].version.label,
         std::move(changes_html)});
  }
  return render_print(edition, site.templates, site.strings, diags);
}

}  // namespace

Page VersionPages::print(core::Diagnostics& diags) const {
  const auto& s = *shared_;
  // The appendix has its own title: the changes are rendered without theirs.
  // Their diagnostics were reported with the changes page's.
  std::string changes_html;
  if (s.changes) {
    core::Diagnostics reported;
    changes_html = render_changes(*s.changes, s.site.content.versions[s.index - 1].version,
                                  s.vc.version, s.site.templates, s.site.strings,
                                  ChangesTitle::left_out, reported);
  }
  return {s.vc.version.id + "/print.html",
          print_edition(s.site, s.index, s.chapters, s.extras, std::move(changes_html),
                               diags)};
}

}  // namespace visie::publish
