#pragma once
/// `visie serve`: the site from memory on a loopback port, rebuilt when the
/// content or the templates change, with open pages reloaded through
/// Server-Sent Events. A build that fails keeps the last good site served
/// and shows its diagnostics over every page until it is fixed.
///
/// This library knows nothing about how a site is built: the app passes a
/// Builder. It is the only code that includes libmicrohttpd and inotify.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "review/api.hpp"

namespace visie::serve {

/// Paths relative to the site root → bytes, as publish builds them.
using SiteFiles = std::map<std::string, std::string>;

/// What one build produced: the site when it succeeded, and every finding
/// (errors make the build fail; warnings are only printed).
struct BuildResult {
  std::optional<SiteFiles> site;
  std::vector<core::Diagnostic> diagnostics;
};

/// Builds the site from the current files. Called once at start and after
/// every change, always from the same thread.
using Builder = std::function<BuildResult()>;

/// `visie serve --review`: an API under `/api` beside the site.
struct Api {
  /// Answers every request whose path is `/api` or starts with `/api/`;
  /// called from the HTTP threads at the same time, so it must be
  /// thread-safe.
  std::function<review::Response(const review::Request&)> handle;
  /// Markup added before `</head>` of every HTML page.
  std::string head;
  /// Where `/` redirects to (empty: `/` serves the landing page).
  std::string home;
};

/// Where and how to serve.
struct Options {
  /// Only loopback: the preview is for the author, not the network.
  std::string host = "127.0.0.1";
  /// 0 picks a free port (printed with the URL).
  int port = 8000;
  /// Folders watched recursively (content, template overrides).
  std::vector<std::filesystem::path> watch;
  /// A rebuild starts once no change has arrived for this long, so that an
  /// editor's save (write, rename, chmod) causes one rebuild, not three.
  std::chrono::milliseconds debounce{40};
  bool quiet = false;
  /// Print how long each rebuild took and what it changed (`-v`).
  bool verbose = false;
  /// The review API, when serving with `--review`.
  std::optional<Api> api;
};

/// Builds, serves and rebuilds until SIGINT or SIGTERM. Prints
/// "serving http://HOST:PORT/" on `out` once the port is open, rebuild
/// reports and diagnostics on `err`. Returns 0 after a clean shutdown, 2
/// when the port cannot be opened.
int run(const Options& options, const Builder& build, std::ostream& out, std::ostream& err);

/// The page `html` as served: the reload script (which knows the build
/// `generation` it came from) before `</body>`, and, when `errors` is not
/// empty, an overlay listing them. Pure; returns a new string.
std::string inject(std::string_view html, std::uint64_t generation,
                   const std::vector<core::Diagnostic>& errors);

/// `html` with `markup` inserted before its first `</head>` (unchanged
/// when it has none). Pure.
std::string inject_head(std::string_view html, std::string_view markup);

/// The key in the site of a request path ("/" → "index.html", "/a/" →
/// "a/index.html", "/a/b.html" → "a/b.html"); nullopt for a path that
/// tries to leave the site ("..", empty segments after decoding).
std::optional<std::string> site_key(std::string_view request_path);

/// The Content-Type for a file name by its extension.
std::string_view content_type(std::string_view path);

/// The paths of `after` that are new or differ from `before`, and the paths
/// of `before` that are gone. Sorted.
struct TreeChanges {
  std::vector<std::string> changed;
  std::vector<std::string> removed;
};
TreeChanges compare_trees(const SiteFiles& before, const SiteFiles& after);

}  // namespace visie::serve
