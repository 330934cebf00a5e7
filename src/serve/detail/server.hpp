#pragma once
/// The parts of `visie serve` (internal to serve): the state the build loop
/// hands to the HTTP threads, the answers they give, the live-reload event
/// streams and the HTTP layer on libmicrohttpd. serve.cpp runs them.
#ifndef VISIE_STAGE_SERVE
#error "serve/detail is private to the serve stage"
#endif

#include <microhttpd.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostic.hpp"
#include "review/api.hpp"
#include "serve/serve.hpp"

namespace visie::serve::detail {

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

/// An answer before it is handed to the HTTP library.
struct Answer {
  unsigned status = 200;
  std::string body;
  std::string type;
  std::vector<std::pair<std::string, std::string>> headers;
  /// When set, the body is this file of the site, kept alive (and not
  /// copied) until it is sent.
  std::shared_ptr<const SiteFiles> site;
  const std::string* file = nullptr;
};

// site.cpp: the site's files as pages.

/// The file of the served site at request path `path` (the reload script
/// and the overlay injected into a page), a redirect, a 404 or a 503.
Answer page_answer(const State& state, const std::optional<Api>& api, const std::string& path);

// api.cpp: the review API's routing.

/// The review handler's response as an answer.
Answer api_answer(const review::Response& response);
/// Whether `path` is the review API's (`/api` or under `/api/`).
bool is_api_path(std::string_view path);
/// Hands a request under /api to the review handler.
Answer call_api(const Api& api, MHD_Connection* connection, const char* method,
                const std::string& path, std::string body);

// events.cpp: the live-reload event streams.

/// The keep-alive comment of an idle event stream is due this long after
/// the last thing it sent (a closed connection is noticed when it fails).
constexpr auto keep_alive = std::chrono::seconds(10);

/// One open event stream. Its connection is suspended (it costs no thread
/// and no polling) while there is nothing to send, and resumed by
/// Streams::wake when a build finishes or its keep-alive is due.
struct Stream {
  class Streams* streams = nullptr;
  MHD_Connection* connection = nullptr;
  std::optional<std::uint64_t> sent;  ///< the generation it last announced
  Clock::time_point last = Clock::now();
  std::string pending;  ///< the unsent rest of the current message
  bool suspended = false;
  std::list<Stream*>::iterator at;
};

/// The open event streams: "event: reload" with the current generation at
/// once (a page built from an older generation reloads), then one per
/// rebuild, and a comment now and then to notice closed connections.
class Streams {
 public:
  explicit Streams(const State& state) : state_(state) {}

  Stream* open(MHD_Connection* connection);
  void close(Stream* s);

  /// MHD's content reader: the next bytes of `s`, or 0 after suspending
  /// it, or the end of the stream when the server stops.
  ssize_t read(Stream* s, char* buf, std::size_t max);

  /// Resumes the suspended streams that have something to send: all of
  /// them after a build (or when stopping), the idle ones for their
  /// keep-alive.
  void wake(bool all);

  /// Ends every stream; returns once their connections let go of them (or
  /// after `timeout`).
  void stop(std::chrono::milliseconds timeout);

 private:
  const State& state_;
  std::mutex mutex_;
  std::condition_variable closed_;
  std::list<Stream*> open_;
  bool stopping_ = false;
};

/// Answers `connection` with a new event stream.
MHD_Result open_events(MHD_Connection* connection, Streams& streams);

// http.cpp: the HTTP layer on libmicrohttpd.

/// Everything the HTTP threads need.
struct Context {
  const State& state;
  const Options& options;
  Streams& streams;
};

/// Queues answer `a` on `connection`.
MHD_Result send(MHD_Connection* connection, Answer a);

/// A listening socket on `host`:`port` (0: a free one) with SO_REUSEADDR
/// (restart at once after a stop) but not SO_REUSEPORT, with which a
/// second `visie serve` would silently share the port and answer half of
/// the requests. Returns the socket and the port, or -1.
std::pair<int, int> listen_on(const std::string& host, int port);

/// Raises the soft limit of open files to the hard one: every open page
/// holds a connection.
void allow_many_connections();

/// Starts the HTTP server on socket `listener`, answering with `context`
/// (which must outlive it); null when it cannot start.
MHD_Daemon* start_daemon(int listener, Context& context);

}  // namespace visie::serve::detail
