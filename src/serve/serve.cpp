#include "serve/serve.hpp"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <condition_variable>
#include <memory>
#include <list>
#include <mutex>
#include <ostream>
#include <thread>

#include "core/text.hpp"
#include "serve/watch.hpp"

namespace visie::serve {

namespace {

using Clock = std::chrono::steady_clock;

/// How much the server holds (docs/review.md, "Load"). Every client on
/// loopback has the same address, so the per-client limit is what one
/// address may hold; the total bounds memory (each connection at most
/// request_memory) and descriptors.
namespace limits {
/// Threads of the event loop; an API call that waits for the disk holds one.
constexpr unsigned threads = 4;
constexpr unsigned connections = 4000;
constexpr unsigned per_client = 2000;
/// A connection that sends nothing for this long is closed (an open event
/// stream is not idle: it sends a keep-alive every 10 seconds).
constexpr unsigned idle_seconds = 30;
/// Request line and headers must fit; a larger request is refused (431).
constexpr std::size_t request_memory = 32 * 1024;
}  // namespace limits

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

Answer page_answer(const State& state, const std::optional<Api>& api, const std::string& path) {
  const auto snap = state.snapshot();
  Answer a;
  a.headers.emplace_back("Cache-Control", "no-store");
  const auto key = site_key(path);
  if (!snap.site) {
    a.status = 503;
    a.body = inject(fallback_page("visie: the site could not be built"), snap.generation,
                    snap.errors);
    a.type = "text/html; charset=utf-8";
    return a;
  }
  auto it = key ? snap.site->find(*key) : snap.site->end();
  if (it == snap.site->end() && key && !key->empty() && snap.site->contains(*key + "/index.html")) {
    // A folder without its slash: relative links on its index page only
    // resolve from "folder/".
    a.status = 301;
    a.headers.emplace_back("Location", path + "/");
    return a;
  }
  if (it == snap.site->end()) {
    a.status = 404;
    a.body = inject(fallback_page("404: " + path + " is not part of the site"), snap.generation,
                    snap.errors);
    a.type = "text/html; charset=utf-8";
    return a;
  }
  a.type = std::string(content_type(it->first));
  if (a.type.starts_with("text/html")) {
    const auto page = api ? inject_head(it->second, api->head) : it->second;
    a.body = inject(page, snap.generation, snap.errors);
  } else {
    a.site = snap.site;
    a.file = &it->second;
  }
  return a;
}

Answer api_answer(const review::Response& response) {
  Answer a;
  a.status = static_cast<unsigned>(response.status);
  a.body = response.body;
  a.type = review::json_type;
  a.headers = {{"Cache-Control", "no-store"}, {"X-Content-Type-Options", "nosniff"}};
  return a;
}

bool is_api_path(std::string_view path) { return path == "/api" || path.starts_with("/api/"); }

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

  Stream* open(MHD_Connection* connection) {
    auto* s = new Stream;
    s->streams = this;
    s->connection = connection;
    const std::lock_guard lock(mutex_);
    s->at = open_.insert(open_.end(), s);
    return s;
  }

  void close(Stream* s) {
    {
      const std::lock_guard lock(mutex_);
      open_.erase(s->at);
    }
    closed_.notify_all();
    delete s;
  }

  /// MHD's content reader: the next bytes of `s`, or 0 after suspending
  /// it, or the end of the stream when the server stops.
  ssize_t read(Stream* s, char* buf, std::size_t max) {
    const std::lock_guard lock(mutex_);
    if (stopping_) return MHD_CONTENT_READER_END_OF_STREAM;
    if (s->pending.empty()) {
      const auto generation = state_.snapshot().generation;
      if (s->sent != generation) {
        s->pending = "event: reload\ndata: " + std::to_string(generation) + "\n\n";
        s->sent = generation;
      } else if (Clock::now() - s->last >= keep_alive) {
        s->pending = ": keep-alive\n\n";
      } else {
        s->suspended = true;
        MHD_suspend_connection(s->connection);
        return 0;
      }
      s->last = Clock::now();
    }
    const auto n = std::min(max, s->pending.size());
    std::memcpy(buf, s->pending.data(), n);
    s->pending.erase(0, n);
    return static_cast<ssize_t>(n);
  }

  /// Resumes the suspended streams that have something to send: all of
  /// them after a build (or when stopping), the idle ones for their
  /// keep-alive.
  void wake(bool all) {
    std::vector<MHD_Connection*> resume;
    {
      const std::lock_guard lock(mutex_);
      const auto due = Clock::now() - keep_alive;
      for (auto* s : open_) {
        if (s->suspended && (all || stopping_ || s->last <= due)) {
          s->suspended = false;
          resume.push_back(s->connection);
        }
      }
    }
    // Outside the lock (MHD takes its own). A connection marked resumed is
    // still suspended in MHD until this call, so it cannot close meanwhile.
    for (auto* connection : resume) MHD_resume_connection(connection);
  }

  /// Ends every stream; returns once their connections let go of them (or
  /// after `timeout`).
  void stop(std::chrono::milliseconds timeout) {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake(true);
    {
      std::unique_lock lock(mutex_);
      closed_.wait_for(lock, timeout, [&] { return open_.empty(); });
    }
    // Whatever is left must not stay suspended: stopping the daemon with a
    // suspended connection is undefined.
    wake(true);
  }

 private:
  const State& state_;
  std::mutex mutex_;
  std::condition_variable closed_;
  std::list<Stream*> open_;
  bool stopping_ = false;
};

ssize_t read_stream(void* cls, std::uint64_t, char* buf, std::size_t max) {
  auto* s = static_cast<Stream*>(cls);
  return s->streams->read(s, buf, max);
}

void free_stream(void* cls) {
  auto* s = static_cast<Stream*>(cls);
  s->streams->close(s);
}

/// What the access handler keeps between its calls for one request.
struct Pending {
  std::string body;
  bool too_large = false;
};

/// Everything the HTTP threads need.
struct Context {
  const State& state;
  const Options& options;
  Streams& streams;
};

MHD_Result send(MHD_Connection* connection, Answer a) {
  MHD_Response* response = nullptr;
  if (a.file != nullptr) {
    auto* keep = new std::shared_ptr<const SiteFiles>(std::move(a.site));
    response = MHD_create_response_from_buffer_with_free_callback_cls(
        a.file->size(), const_cast<char*>(a.file->data()),
        [](void* cls) { delete static_cast<std::shared_ptr<const SiteFiles>*>(cls); }, keep);
    if (response == nullptr) delete keep;
  } else {
    auto* body = new std::string(std::move(a.body));
    response = MHD_create_response_from_buffer_with_free_callback_cls(
        body->size(), body->data(), [](void* cls) { delete static_cast<std::string*>(cls); },
        body);
    if (response == nullptr) delete body;
  }
  if (response == nullptr) return MHD_NO;
  if (!a.type.empty()) MHD_add_response_header(response, "Content-Type", a.type.c_str());
  for (const auto& [key, value] : a.headers) {
    MHD_add_response_header(response, key.c_str(), value.c_str());
  }
  const auto result = MHD_queue_response(connection, a.status, response);
  MHD_destroy_response(response);
  return result;
}

MHD_Result open_events(MHD_Connection* connection, Streams& streams) {
  auto* s = streams.open(connection);
  auto* response =
      MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 1024, read_stream, s, free_stream);
  if (response == nullptr) {
    streams.close(s);
    return MHD_NO;
  }
  MHD_add_response_header(response, "Content-Type", "text/event-stream");
  MHD_add_response_header(response, "Cache-Control", "no-store");
  const auto result = MHD_queue_response(connection, MHD_HTTP_OK, response);
  MHD_destroy_response(response);
  return result;
}

MHD_Result collect_query(void* cls, MHD_ValueKind, const char* key, const char* value) {
  auto& query = *static_cast<std::map<std::string, std::string>*>(cls);
  if (key != nullptr) query.emplace(key, value != nullptr ? value : "");
  return MHD_YES;
}

/// Hands a request under /api to the review handler.
Answer call_api(const Api& api, MHD_Connection* connection, const char* method,
                const std::string& path, std::string body) {
  review::Request request;
  request.method = method;
  request.path = path;
  MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, collect_query, &request.query);
  const char* authorization =
      MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
  request.authorization = authorization != nullptr ? authorization : "";
  request.body = std::move(body);
  return api_answer(api.handle(request));
}

Answer too_large(bool api) {
  const auto message = "the body is larger than " + std::to_string(review::max_body / 1024) + " KiB";
  if (api) return api_answer({413, nlohmann::json{{"error", message}}.dump()});
  Answer a;
  a.status = 413;
  a.body = message + "\n";
  a.type = "text/plain; charset=utf-8";
  return a;
}

/// The framing headers of a request, to refuse one whose length two
/// parties could read differently (request smuggling).
struct Framing {
  int lengths = 0;
  int encodings = 0;
  bool chunked = true;
  bool bad_name = false;
  [[nodiscard]] bool ambiguous() const {
    return bad_name || lengths > 1 || encodings > 1 || (lengths > 0 && encodings > 0) ||
           (encodings > 0 && !chunked);
  }
};

MHD_Result check_framing(void* cls, MHD_ValueKind, const char* key, const char* value) {
  auto& framing = *static_cast<Framing*>(cls);
  const std::string_view name = key != nullptr ? key : "";
  if (name.empty() || name.find_first_of(" \t") != std::string_view::npos) framing.bad_name = true;
  if (strcasecmp(name.data(), MHD_HTTP_HEADER_CONTENT_LENGTH) == 0) ++framing.lengths;
  if (strcasecmp(name.data(), MHD_HTTP_HEADER_TRANSFER_ENCODING) == 0) {
    ++framing.encodings;
    if (value == nullptr || strcasecmp(value, "chunked") != 0) framing.chunked = false;
  }
  return MHD_YES;
}

Answer bad_request(bool api, const std::string& message) {
  Answer a;
  if (api) {
    a = api_answer({400, nlohmann::json{{"error", message}}.dump()});
  } else {
    a.status = 400;
    a.body = message + "\n";
    a.type = "text/plain; charset=utf-8";
  }
  a.headers.emplace_back("Connection", "close");
  return a;
}

/// MHD's access handler: called once for the headers, then for every
/// piece of the body, then once more to answer.
MHD_Result on_request(void* cls, MHD_Connection* connection, const char* url, const char* method,
                      const char*, const char* upload_data, std::size_t* upload_data_size,
                      void** request_cls) {
  auto& context = *static_cast<Context*>(cls);
  const std::string path = url != nullptr ? url : "";
  const bool api = context.options.api && is_api_path(path);
  if (*request_cls == nullptr) {
    *request_cls = new Pending;
    Framing framing;
    MHD_get_connection_values(connection, MHD_HEADER_KIND, check_framing, &framing);
    if (framing.ambiguous()) {
      static_cast<Pending*>(*request_cls)->too_large = true;  // never read the body
      return send(connection,
                  bad_request(api, "the request's length is ambiguous (Content-Length and "
                                   "Transfer-Encoding must appear at most once, not together, "
                                   "and only as chunked)"));
    }
    // A body announced larger than the limit is refused before it is read.
    const char* length =
        MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (length != nullptr && std::strlen(length) > 0 &&
        std::strtoull(length, nullptr, 10) > review::max_body) {
      static_cast<Pending*>(*request_cls)->too_large = true;
      return send(connection, too_large(api));
    }
    return MHD_YES;
  }
  auto& pending = *static_cast<Pending*>(*request_cls);
  if (*upload_data_size > 0) {
    if (!pending.too_large) {
      if (pending.body.size() + *upload_data_size > review::max_body) {
        pending.too_large = true;
        pending.body.clear();
      } else {
        pending.body.append(upload_data, *upload_data_size);
      }
    }
    *upload_data_size = 0;
    return MHD_YES;
  }
  if (pending.too_large) return send(connection, too_large(api));
  const std::string_view m = method != nullptr ? method : "";
  if (api) return send(connection, call_api(*context.options.api, connection, method, path,
                                            std::move(pending.body)));
  if (m != "GET" && m != "HEAD") {
    Answer a;
    a.status = 405;
    a.headers.emplace_back("Allow", "GET, HEAD");
    a.body = "method not allowed\n";
    a.type = "text/plain; charset=utf-8";
    return send(connection, std::move(a));
  }
  if (path == events_path) return open_events(connection, context.streams);
  if (path == "/" && context.options.api && !context.options.api->home.empty()) {
    Answer a;
    a.status = 302;
    a.headers.emplace_back("Location", context.options.api->home);
    return send(connection, std::move(a));
  }
  return send(connection, page_answer(context.state, context.options.api, path));
}

void on_completed(void*, MHD_Connection*, void** request_cls, MHD_RequestTerminationCode) {
  delete static_cast<Pending*>(*request_cls);
  *request_cls = nullptr;
}

/// A listening socket on `host`:`port` (0: a free one) with SO_REUSEADDR
/// (restart at once after a stop) but not SO_REUSEPORT, with which a
/// second `visie serve` would silently share the port and answer half of
/// the requests. Returns the socket and the port, or -1.
std::pair<int, int> listen_on(const std::string& host, int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  if (port < 0 || port > 65535 || inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1) {
    return {-1, -1};
  }
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return {-1, -1};
  int yes = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  socklen_t size = sizeof address;
  if (bind(fd, reinterpret_cast<const sockaddr*>(&address), size) != 0 ||
      listen(fd, 1024) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    close(fd);
    return {-1, -1};
  }
  return {fd, ntohs(address.sin_port)};
}

/// Raises the soft limit of open files to the hard one: every open page
/// holds a connection.
void allow_many_connections() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
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

  allow_many_connections();
  const auto [listener, port] = listen_on(options.host, options.port);
  if (listener < 0) {
    err << "visie: serve: cannot listen on " << options.host << ":" << options.port
        << " (in use? try --port 0 for a free one)\n";
    return 2;
  }
  Streams streams(state);
  Context context{state, options, streams};
  // Event-driven (epoll) on a few threads: an open page's event stream is a
  // suspended connection, not a thread, so a whole panel's pages cost no
  // more than their sockets, and a slow client holds no thread either.
  MHD_Daemon* daemon = MHD_start_daemon(
      MHD_USE_EPOLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME, 0, nullptr, nullptr, on_request,
      &context, MHD_OPTION_LISTEN_SOCKET, listener, MHD_OPTION_THREAD_POOL_SIZE, limits::threads,
      MHD_OPTION_CONNECTION_LIMIT, limits::connections, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
      limits::per_client, MHD_OPTION_CONNECTION_TIMEOUT, limits::idle_seconds,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, limits::request_memory, MHD_OPTION_STRICT_FOR_CLIENT, 1,
      MHD_OPTION_NOTIFY_COMPLETED, on_completed, nullptr, MHD_OPTION_END);
  if (daemon == nullptr) {
    close(listener);
    err << "visie: serve: cannot start the HTTP server on " << options.host << ":" << port
        << "\n";
    return 2;
  }
  // Resumes the event streams after a build, and the idle ones for their
  // keep-alive.
  std::thread waker([&state, &streams] {
    std::uint64_t seen = state.snapshot().generation;
    while (true) {
      const auto generation = state.wait(seen, std::chrono::seconds(1));
      if (!generation) break;
      streams.wake(*generation != seen);
      seen = *generation;
    }
  });
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
  waker.join();
  streams.stop(std::chrono::seconds(2));
  MHD_stop_daemon(daemon);
  close(listener);
  return 0;
}

}  // namespace visie::serve
