// `visie serve`'s HTTP layer on libmicrohttpd: requests checked, bodies
// collected and each routed to the review API, the event streams or the
// site's files.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>

#include "serve/detail/server.hpp"

namespace visie::serve::detail {

namespace {

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

/// What the access handler keeps between its calls for one request.
struct Pending {
  std::string body;
  bool too_large = false;
};

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

}  // namespace

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

MHD_Daemon* start_daemon(int listener, Context& context) {
  // Event-driven (epoll) on a few threads: an open page's event stream is a
  // suspended connection, not a thread, so a whole panel's pages cost no
  // more than their sockets, and a slow client holds no thread either.
  return MHD_start_daemon(
      MHD_USE_EPOLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME, 0, nullptr, nullptr, on_request,
      &context, MHD_OPTION_LISTEN_SOCKET, listener, MHD_OPTION_THREAD_POOL_SIZE, limits::threads,
      MHD_OPTION_CONNECTION_LIMIT, limits::connections, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
      limits::per_client, MHD_OPTION_CONNECTION_TIMEOUT, limits::idle_seconds,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, limits::request_memory, MHD_OPTION_STRICT_FOR_CLIENT, 1,
      MHD_OPTION_NOTIFY_COMPLETED, on_completed, nullptr, MHD_OPTION_END);
}

}  // namespace visie::serve::detail
