// The panels' comments, reviews/<version>/<chapter>.json: the one reader of that file.
#include <algorithm>

#include "core/text.hpp"
#include "load/detail/readers.hpp"
#include "load/load.hpp"
#include "load/object_reader.hpp"

namespace visie::load {

namespace fs = std::filesystem;
using core::Diagnostics;
using core::SourceLoc;

namespace {

bool is_comment_id(std::string_view id) {
  if (id.size() != 18 || !id.starts_with("c-")) return false;
  return std::all_of(id.begin() + 2, id.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

/// `reviews/<version>/<chapter>.json`: the comments one chapter received.
model::ChapterReview read_review(const JsonDocument& doc, std::string_view version,
                                 std::string_view stem, Diagnostics& diags) {
  model::ChapterReview review;
  ObjectReader r(doc, "", diags);
  review.loc = r.loc();
  r.accept("$schema");
  const auto named = r.string("version", Need::required);
  if (!named.empty() && named != version) {
    diags.error(r.loc("version"), "version \"" + named + "\" must equal the folder name \"" +
                                      std::string(version) + "\"");
  }
  review.chapter = r.ref("chapter", Need::required);
  if (!review.chapter.id.empty() && review.chapter.id != stem) {
    diags.error(review.chapter.loc, "chapter \"" + review.chapter.id +
                                        "\" must equal the file name \"" + std::string(stem) +
                                        "\"");
  }
  review.example = r.boolean("example", Need::optional).value_or(false);
  r.objects("comments", Need::required, [&](ObjectReader& cr) {
    model::ReviewComment c;
    c.loc = cr.loc();
    c.id = cr.string("id", Need::required);
    if (!c.id.empty() && !is_comment_id(c.id)) {
      diags.error(cr.loc("id"), "a comment id is \"c-\" and 16 lowercase hex digits");
    }
    c.block = cr.string("block", Need::required);
    c.quote = cr.string("quote", Need::optional);
    c.role = cr.word("role", Need::required, model::review_roles, model::ReviewRole::expert);
    c.comment = cr.string("comment", Need::required);
    c.suggestion = cr.string("suggestion", Need::optional);
    c.created = cr.string("created", Need::required);
    if (!c.created.empty() && !core::is_utc_time(c.created)) {
      diags.error(cr.loc("created"), "a time is UTC, written as 2019-01-14T10:00:00Z (a day and time that exist)");
    }
    c.disposition =
        cr.word("disposition", Need::optional, model::dispositions, model::Disposition::open);
    c.response = cr.string("response", Need::optional);
    review.comments.push_back(std::move(c));
  });
  r.finish();
  return review;
}

}  // namespace

model::ChapterReview read_review_file(const JsonDocument& doc, std::string_view version,
                                      std::string_view chapter, Diagnostics& diags) {
  return read_review(doc, version, chapter, diags);
}

/// The panels' comments under `reviews/`, one folder per version. A folder
/// that names no version is an error: its comments would be lost silently.
void read_reviews(FileReader& root, model::Content& content, Diagnostics& diags) {
  for (const auto& name : root.list("reviews", "")) {
    const fs::path dir = fs::path("reviews") / name;
    const auto vc = std::find_if(content.versions.begin(), content.versions.end(),
                                 [&](const auto& v) { return v.version.id == name; });
    if (vc == content.versions.end()) {
      diags.error({root.display(dir), 0, 0},
                  "comments on a version that versions.json does not have: \"" + name + "\"");
      continue;
    }
    for (const auto& file : root.list(dir, ".json")) {
      if (auto doc = root.json(dir / file)) {
        vc->reviews.push_back(read_review(*doc, name, fs::path(file).stem().string(), diags));
      }
    }
  }
}

}  // namespace visie::load
