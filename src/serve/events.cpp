// `visie serve`'s live reload: the open pages' Server-Sent Event streams.
#include <algorithm>
#include <cstring>

#include "serve/detail/server.hpp"

namespace visie::serve::detail {

Stream* Streams::open(MHD_Connection* connection) {
  auto* s = new Stream;
  s->streams = this;
  s->connection = connection;
  const std::lock_guard lock(mutex_);
  s->at = open_.insert(open_.end(), s);
  return s;
}

void Streams::close(Stream* s) {
  {
    const std::lock_guard lock(mutex_);
    open_.erase(s->at);
  }
  closed_.notify_all();
  delete s;
}

ssize_t Streams::read(Stream* s, char* buf, std::size_t max) {
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

void Streams::wake(bool all) {
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

void Streams::stop(std::chrono::milliseconds timeout) {
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

namespace {

ssize_t read_stream(void* cls, std::uint64_t, char* buf, std::size_t max) {
  auto* s = static_cast<Stream*>(cls);
  return s->streams->read(s, buf, max);
}

void free_stream(void* cls) {
  auto* s = static_cast<Stream*>(cls);
  s->streams->close(s);
}

}  // namespace

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

}  // namespace visie::serve::detail
