#include "serve/serve.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <ostream>
#include <thread>

#include "core/text.hpp"
#include "serve/watch.hpp"

namespace visie::serve {

namespace {

using Clock = std::chrono::steady_clock;

/// The path of the event stream; no page of a site can have it, because
/// visie never writes a file whose name starts with "__".
constexpr const char* events_path = "/__visie/events";

/// What the server hands out: the last site that built, and the errors of
/// the latest build when it failed. Shared between the build loop (the
/// only writer) and the HTTP threads.
class State {
 public:
  void publish(std::shared_ptr<const SiteFiles> site, std::vector<core::Diagnostic> errors) {
    {
      const std::lock_guard lock(mutex_);
      if (site) site_ = std::move(site);
      errors_ = std::move(errors);
      ++generation_;
    }
    changed_.notify_all();
  }

  void stop() {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
  }

  struct Snapshot {
    std::shared_ptr<const SiteFiles> site;
    std::vector<core::Diagnostic> errors;
    std::uint64_t generation = 0;
  };

  Snapshot snapshot() const {
    const std::lock_guard lock(mutex_);
    return {site_, errors_, generation_};
  }

  /// Waits until the generation differs from `seen`, the server stops or
  /// `timeout` passes. Returns the generation, or nullopt when stopping.
  std::optional<std::uint64_t> wait(std::uint64_t seen, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, timeout, [&] { return stopping_ || generation_ != seen; });
    if (stopping_) return std::nullopt;
    return generation_;
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::shared_ptr<const SiteFiles> site_;
  std::vector<core::Diagnostic> errors_;
  std::uint64_t generation_ = 0;
  bool stopping_ = false;
};

std::vector<core::Diagnostic> errors_of(const std::vector<core::Diagnostic>& all) {
  std::vector<core::Diagnostic> errors;
  std::copy_if(all.begin(), all.end(), std::back_inserter(errors),
               [](const auto& d) { return d.severity == core::Severity::error; });
  return errors;
}

/// A page for a request the site cannot answer (nothing built yet, or no
/// such file), still carrying the reload script and the overlay.
std::string fallback_page(std::string_view title) {
  return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
         core::escape_html(title) + "</title></head>\n<body><h1>" + core::escape_html(title) +
         "</h1>\n</body></html>\n";
}

void handle_page(const State& state, const std::optional<Api>& api, const httplib::Request& req,
                 httplib::Response& res) {
  const auto snap = state.snapshot();
  res.set_header("Cache-Control", "no-store");
  const auto key = site_key(req.path);
  if (!snap.site) {
    res.status = 503;
    res.set_content(inject(fallback_page("visie: the site could not be built"), snap.generation,
                           snap.errors),
                    "text/html; charset=utf-8");
    return;
  }
  auto it = key ? snap.site->find(*key) : snap.site->end();
  if (it == snap.site->end() && key && !key->empty() && snap.site->contains(*key + "/index.html")) {
    // A folder without its slash: relative links on its index page only
    // resolve from "folder/".
    res.status = 301;
    res.set_header("Location", req.path + "/");
    return;
  }
  if (it == snap.site->end()) {
    res.status = 404;
    res.set_content(inject(fallback_page("404: " + req.path + " is not part of the site"),
                           snap.generation, snap.errors),
                    "text/html; charset=utf-8");
    return;
  }
  const auto type = content_type(it->first);
  if (type.starts_with("text/html")) {
    const auto page = api ? inject_head(it->second, api->head) : it->second;
    res.set_content(inject(page, snap.generation, snap.errors), std::string(type));
  } else {
    res.set_content(it->second, std::string(type));
  }
}

void send_api_answer(const review::Response& answer, httplib::Response& res) {
  res.status = answer.status;
  res.set_header("Cache-Control", "no-store");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_content(answer.body, review::json_type);
}

/// Hands a request under /api to the review handler.
void handle_api(const Api& api, const httplib::Request& req, httplib::Response& res) {
  review::Request request;
  request.method = req.method;
  request.path = req.path;
  for (const auto& [key, value] : req.params) request.query.emplace(key, value);
  request.authorization = req.get_header_value("Authorization");
  request.body = req.body;
  send_api_answer(api.handle(request), res);
}

bool is_api_path(std::string_view path) { return path == "/api" || path.starts_with("/api/"); }

/// Routes /api to the review handler, `/` to the served version, and makes
/// httplib's own errors under /api (a body over the limit: 413) JSON too.
void add_api_routes(httplib::Server& server, const Api& api) {
  const auto handler = [&api](const httplib::Request& req, httplib::Response& res) {
    handle_api(api, req, res);
  };
  const char* pattern = "/api(/.*)?";
  server.Get(pattern, handler);
  server.Post(pattern, handler);
  server.Patch(pattern, handler);
  server.Put(pattern, handler);
  server.Delete(pattern, handler);
  server.Options(pattern, handler);
  if (!api.home.empty()) {
    server.Get("/", [&api](const httplib::Request&, httplib::Response& res) {
      res.set_redirect(api.home, 302);
    });
  }
  server.set_payload_max_length(review::max_body);
  using Handled = httplib::Server::HandlerResponse;
  server.set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request& req, httplib::Response& res) {
        if (!is_api_path(req.path) || !res.body.empty()) return Handled::Unhandled;
        const auto* message = res.status == 413 ? "the body is larger than 16 KiB"
                                                : "the request could not be read";
        send_api_answer({res.status, nlohmann::json{{"error", message}}.dump()}, res);
        return Handled::Handled;
      }));
}

/// The event stream: one "reload" event with the current generation at
/// once (a page built from an older generation reloads), then one per
/// rebuild, and a comment now and then to notice closed connections.
void handle_events(State& state, httplib::Response& res) {
  res.set_header("Cache-Control", "no-store");
  auto sent = std::make_shared<std::optional<std::uint64_t>>();
  res.set_chunked_content_provider(
      "text/event-stream", [&state, sent](std::size_t, httplib::DataSink& sink) {
        const auto generation =
            sent->has_value() ? state.wait(**sent, std::chrono::seconds(10))
                              : std::optional(state.snapshot().generation);
        if (!generation) return false;
        std::string message = ": keep-alive\n\n";
        if (*sent != generation) {
          message = "event: reload\ndata: " + std::to_string(*generation) + "\n\n";
          *sent = generation;
        }
        return sink.write(message.data(), message.size());
      });
}

/// Blocks SIGINT and SIGTERM in this thread and the threads it starts, and
/// delivers them through a descriptor the build loop polls. Restores the
/// previous mask when destroyed.
class SignalDescriptor {
 public:
  SignalDescriptor() {
    sigemptyset(&mask_);
    sigaddset(&mask_, SIGINT);
    sigaddset(&mask_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &mask_, &previous_);
    fd_ = signalfd(-1, &mask_, SFD_CLOEXEC | SFD_NONBLOCK);
  }
  ~SignalDescriptor() {
    if (fd_ >= 0) close(fd_);
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }
  SignalDescriptor(const SignalDescriptor&) = delete;
  SignalDescriptor& operator=(const SignalDescriptor&) = delete;
  [[nodiscard]] int fd() const { return fd_; }

 private:
  sigset_t mask_{};
  sigset_t previous_{};
  int fd_ = -1;
};

long long millis_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

void print_diagnostics(const std::vector<core::Diagnostic>& diags, std::ostream& err) {
  for (const auto& d : diags) err << core::format(d) << '\n';
}

/// Runs one build and hands its result to the server. Returns the site now
/// served (the new one, or the last good one when the build failed).
std::shared_ptr<const SiteFiles> rebuild(const Builder& build, State& state,
                                         std::shared_ptr<const SiteFiles> current,
                                         const Options& options, std::ostream& err) {
  const auto start = Clock::now();
  auto result = build();
  const auto took = millis_since(start);
  print_diagnostics(result.diagnostics, err);
  auto errors = errors_of(result.diagnostics);
  if (!result.site) {
    err << "serve: " << errors.size() << (errors.size() == 1 ? " error" : " errors")
        << (current ? "; the last good site is still served, with the errors over every page"
                    : "; pages show the errors until they are fixed")
        << "\n";
    state.publish(nullptr, std::move(errors));
    return current;
  }
  auto next = std::make_shared<const SiteFiles>(std::move(*result.site));
  if (current) {
    const auto changes = compare_trees(*current, *next);
    if (!options.quiet) {
      err << "serve: rebuilt in " << took << " ms, " << changes.changed.size() << " file(s) changed";
      if (!changes.removed.empty()) err << ", " << changes.removed.size() << " removed";
      err << "\n";
      if (options.verbose) {
        for (const auto& path : changes.changed) err << "  changed " << path << "\n";
        for (const auto& path : changes.removed) err << "  removed " << path << "\n";
      }
    }
  } else if (!options.quiet) {
    err << "serve: built " << next->size() << " files in " << took << " ms\n";
  }
  state.publish(next, {});
  return next;
}

}  // namespace

std::optional<std::string> site_key(std::string_view request_path) {
  std::string key(request_path);
  while (key.starts_with('/')) key.erase(0, 1);
  if (key.empty() || key.ends_with('/')) key += "index.html";
  std::size_t start = 0;
  while (start <= key.size()) {
    const auto end = std::min(key.find('/', start), key.size());
    const auto segment = std::string_view(key).substr(start, end - start);
    if (segment.empty() || segment == "." || segment == ".." ||
        segment.find('\0') != std::string_view::npos) {
      return std::nullopt;
    }
    start = end + 1;
  }
  return key;
}

std::string inject_head(std::string_view html, std::string_view markup) {
  std::string out(html);
  const auto head = out.find("</head>");
  if (head != std::string::npos) out.insert(head, markup);
  return out;
}

std::string_view content_type(std::string_view path) {
  static const std::array<std::pair<std::string_view, std::string_view>, 12> types{{
      {".html", "text/html; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".woff2", "font/woff2"},
      {".pdf", "application/pdf"},
      {".txt", "text/plain; charset=utf-8"},
  }};
  for (const auto& [ext, type] : types) {
    if (path.ends_with(ext)) return type;
  }
  return "application/octet-stream";
}

std::string inject(std::string_view html, std::uint64_t generation,
                   const std::vector<core::Diagnostic>& errors) {
  std::string extra;
  if (!errors.empty()) {
    extra += "<div id=\"visie-overlay\" role=\"alert\" style=\"position:fixed;inset:0;"
             "z-index:2147483647;overflow:auto;margin:0;padding:2rem;"
             "background:rgba(24,24,24,.94);color:#fff;font:15px/1.5 monospace\">"
             "<p style=\"font-weight:bold;color:#ff8a80\">visie: " +
             std::to_string(errors.size()) + (errors.size() == 1 ? " error" : " errors") +
             " — the page shows the last good build until they are fixed</p><pre "
             "style=\"white-space:pre-wrap;margin:0\">";
    for (const auto& d : errors) extra += core::escape_html(core::format(d)) + "\n";
    extra += "</pre></div>\n";
  }
  // Reloads the page when the site is rebuilt (or fails to): the server
  // sends the generation now and after every build.
  extra += "<script>(function(){var g=" + std::to_string(generation) +
           ";var s=new EventSource(\"" + events_path +
           "\");s.addEventListener(\"reload\",function(e){if(+e.data!==g){s.close();"
           "location.reload();}});})();</script>\n";
  std::string out(html);
  const auto body = out.rfind("</body>");
  out.insert(body == std::string::npos ? out.size() : body, extra);
  return out;
}

TreeChanges compare_trees(const SiteFiles& before, const SiteFiles& after) {
  TreeChanges changes;
  for (const auto& [path, bytes] : after) {
    const auto it = before.find(path);
    if (it == before.end() || it->second != bytes) changes.changed.push_back(path);
  }
  for (const auto& [path, bytes] : before) {
    if (!after.contains(path)) changes.removed.push_back(path);
  }
  return changes;
}

int run(const Options& options, const Builder& build, std::ostream& out, std::ostream& err) {
  // Before any thread starts, so that every thread inherits the mask and
  // only the build loop sees the signals.
  const SignalDescriptor signals;
  Watcher watcher(options.watch);
  if (!watcher.ok() || signals.fd() < 0) {
    err << "visie: serve: cannot watch the content folder (inotify): " << std::strerror(errno)
        << "\n";
    return 2;
  }

  State state;
  auto current = rebuild(build, state, nullptr, options, err);

  httplib::Server server;
  // Each open page holds one connection for its event stream.
  server.new_task_queue = [] { return new httplib::ThreadPool(32); };
  // SO_REUSEADDR (restart at once after a stop) but not httplib's default
  // SO_REUSEPORT, with which a second `visie serve` would silently share
  // the port and answer half of the requests.
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  server.Get(events_path, [&state](const httplib::Request&, httplib::Response& res) {
    handle_events(state, res);
  });
  if (options.api) add_api_routes(server, *options.api);
  server.Get(".*", [&state, &options](const httplib::Request& req, httplib::Response& res) {
    handle_page(state, options.api, req, res);
  });
  const int port = options.port == 0 ? server.bind_to_any_port(options.host)
                   : server.bind_to_port(options.host, options.port) ? options.port
                                                                     : -1;
  if (port <= 0) {
    err << "visie: serve: cannot listen on " << options.host << ":" << options.port
        << " (in use? try --port 0 for a free one)\n";
    return 2;
  }
  std::thread listener([&server] { server.listen_after_bind(); });
  out << "serving http://" << options.host << ":" << port << "/ (Ctrl-C stops)" << std::endl;

  std::array<pollfd, 2> fds{{{watcher.fd(), POLLIN, 0}, {signals.fd(), POLLIN, 0}}};
  while (true) {
    if (poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if ((fds[1].revents & POLLIN) != 0) {
      // Taken from the queue: left pending, it would end the process with
      // the default action once the old signal mask is restored.
      signalfd_siginfo info{};
      if (read(signals.fd(), &info, sizeof info) != static_cast<ssize_t>(sizeof info)) continue;
      break;
    }
    if ((fds[0].revents & POLLIN) == 0) continue;
    auto changed = watcher.drain();
    // Debounce: wait for the burst of events of one save to end.
    while (poll(fds.data(), 1, static_cast<int>(options.debounce.count())) > 0) {
      auto more = watcher.drain();
      changed.insert(changed.end(), more.begin(), more.end());
    }
    if (changed.empty()) continue;
    if (options.verbose) {
      std::sort(changed.begin(), changed.end());
      changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
      for (const auto& path : changed) err << "serve: " << path << " changed\n";
    }
    current = rebuild(build, state, current, options, err);
  }

  if (!options.quiet) err << "serve: stopping\n";
  state.stop();
  server.stop();
  listener.join();
  return 0;
}

}  // namespace visie::serve
