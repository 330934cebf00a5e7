// The disposition-of-comments page of a version: how it handled what the
// panels said about the version before it.
#include <algorithm>

#include "publish/detail/dispositions.hpp"
#include "publish/detail/frame.hpp"

namespace visie::publish::pages {

std::optional<ExtraPage> comments(const ExtraInput& in, core::Diagnostics& diags) {
  if (in.changes == nullptr || in.before == nullptr || in.index == 0) return std::nullopt;
  const auto& versions = in.site.content.versions;
  const auto& before = versions[in.index - 1];
  const bool commented = std::any_of(before.reviews.begin(), before.reviews.end(),
                                     [](const auto& r) { return !r.comments.empty(); });
  if (!commented) return std::nullopt;
  const ReviewedPair pair{before, *in.before, versions[in.index], in.chapters, *in.changes};
  return ExtraPage{"comments", std::string(dispositions_page),
                   text(in.site.strings, "comments_page"),
                   render_dispositions(pair, in.site.templates, in.site.strings, diags)};
}

}  // namespace visie::publish::pages
