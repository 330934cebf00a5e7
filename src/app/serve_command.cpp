// `visie serve` and `visie serve --review`: the driver's session rebuilds
// the site in memory on every change; serve/ serves it (and the review API).
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>

#include "app/detail/command.hpp"
#include "app/detail/review_support.hpp"
#include "review/api.hpp"
#include "review/store.hpp"
#include "serve/serve.hpp"

namespace visie::app {

namespace {

/// Where and how `serve` serves, from the command's options.
serve::Options serve_options_of(const Options& options) {
  serve::Options serve_options;
  serve_options.port = options.port;
  serve_options.quiet = options.quiet;
  serve_options.verbose = options.verbose;
  serve_options.watch.push_back(options.content);
  if (options.templates) serve_options.watch.push_back(*options.templates);
  return serve_options;
}

/// The builder `serve` calls on every change: one build::Session, kept from
/// one rebuild to the next. `on_built`, when set, sees each good build
/// before its site is served, with the blocks of the versions in
/// `blocks_of` (build::Site::blocks).
serve::Builder site_builder(const Options& options,
                            std::function<void(const build::Site&)> on_built = {},
                            std::set<std::string> blocks_of = {}) {
  auto driver = driver_options(options);
  driver.blocks_of = std::move(blocks_of);
  auto session = std::make_shared<build::Session>(std::move(driver));
  return [on_built = std::move(on_built), session]() {
    core::Diagnostics diags;
    auto site = session->rebuild(diags);
    serve::BuildResult result;
    if (site && !diags.has_errors()) {
      if (on_built) on_built(*site);
      result.site = std::move(site->files);
    }
    result.diagnostics = diags.sorted();  // as `check` shows them: by file and line
    return result;
  };
}

/// The blocks a comment may be on: for each chapter of `version`, its
/// reference-linked blocks, as the build rendered them.
review::SiteIndex site_index(const build::Site& site, const std::string& version) {
  review::SiteIndex index;
  index.version = version;
  const auto blocks = site.blocks.find(version);
  if (blocks == site.blocks.end()) return index;
  for (const auto& [chapter, ids] : blocks->second) {
    index.chapters[chapter] = std::set<std::string>(ids.begin(), ids.end());
  }
  if (const auto texts = site.block_texts.find(version); texts != site.block_texts.end()) {
    for (const auto& [chapter, list] : texts->second) {
      const auto& ids = blocks->second.at(chapter);
      auto& out = index.texts[chapter];
      for (std::size_t i = 0; i < list.size() && i < ids.size(); ++i) out.emplace(ids[i], list[i]);
    }
  }
  return index;
}

/// The store and the index of the served version, shared by the HTTP
/// threads and the build loop (which replaces the index after each build).
/// The store is thread-safe (reads run beside writes); only the swap of the
/// index is under the lock.
class ReviewState {
 public:
  explicit ReviewState(const std::filesystem::path& db) : store_(db.string()) {}

  void set_index(review::SiteIndex index) {
    auto next = std::make_shared<const review::SiteIndex>(std::move(index));
    const std::lock_guard lock(mutex_);
    index_ = std::move(next);
  }

  review::Response handle(const review::Request& request) {
    std::shared_ptr<const review::SiteIndex> index;
    {
      const std::lock_guard lock(mutex_);
      index = index_;
    }
    return review::handle(request, store_, *index,
                          [] { return std::chrono::system_clock::now(); });
  }

 private:
  std::mutex mutex_;
  review::Store store_;
  std::shared_ptr<const review::SiteIndex> index_ = std::make_shared<const review::SiteIndex>();
};

}  // namespace

std::optional<review::SiteIndex> review_site(const Options& options, const std::string& version,
                                             core::Diagnostics& diags) {
  // The build `serve --review` makes: frozen versions reused, the blocks
  // of `version` listed.
  auto driver = driver_options(options);
  driver.blocks_of = {version};
  build::Session session(std::move(driver));
  const auto site = session.rebuild(diags);
  if (!site || diags.has_errors()) return std::nullopt;
  return site_index(*site, version);
}

serve::Builder serve_builder(const Options& options) { return site_builder(options); }

int serve(const Options& options, std::ostream& out, std::ostream& err) {
  return serve::run(serve_options_of(options), site_builder(options), out, err);
}

int serve_review(const Options& options, const ReviewOptions& review, std::ostream& out,
                 std::ostream& err) {
  if (!known_version(options, review.version, err)) return usage_error;
  std::unique_ptr<ReviewState> state;
  try {
    make_parent_folder(review.db);
    state = std::make_unique<ReviewState>(review.db);
  } catch (const std::exception& e) {
    err << "visie: " << e.what() << "\n";
    return content_error;
  }
  auto serve_options = serve_options_of(options);
  serve_options.api = serve::Api{
      [&state](const review::Request& request) { return state->handle(request); },
      "<meta name=\"visie-review\" content=\"/api\">", "/" + review.version + "/"};
  const auto build = site_builder(
      options,
      [&review, &state](const build::Site& site) {
        state->set_index(site_index(site, review.version));
      },
      {review.version});
  return serve::run(serve_options, build, out, err);
}

}  // namespace visie::app
