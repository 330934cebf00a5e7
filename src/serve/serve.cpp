// `visie serve`: the build loop. Builds, hands each site to the HTTP
// threads (http.cpp) and wakes the open pages' event streams (events.cpp);
// rebuilds when a watched file changes, until SIGINT or SIGTERM.
#include "serve/serve.hpp"

#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <ostream>
#include <thread>

#include "serve/detail/server.hpp"
#include "serve/detail/watch.hpp"

namespace visie::serve {

namespace {

using namespace detail;

std::vector<core::Diagnostic> errors_of(const std::vector<core::Diagnostic>& all) {
  std::vector<core::Diagnostic> errors;
  std::copy_if(all.begin(), all.end(), std::back_inserter(errors),
               [](const auto& d) { return d.severity == core::Severity::error; });
  return errors;
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
  MHD_Daemon* daemon = start_daemon(listener, context);
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
