#pragma once
// A `visie serve` process for end-to-end tests: started with the given
// arguments, its port read from the first line it prints, killed (SIGKILL)
// when the test ends, however it ends.
#include <doctest/doctest.h>

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace visie::test {

class ServeProcess {
 public:
  /// Runs `visie serve ARGS…` (without the word "serve") and waits up to
  /// 60 s for "http://127.0.0.1:PORT/" on its standard output.
  explicit ServeProcess(std::vector<std::string> args) {
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    args.insert(args.begin(), {VISIE_BIN, "serve"});
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    REQUIRE(rc == 0);
    // The first line on stdout names the URL, once the port is open.
    std::string line;
    pollfd p{fds[0], POLLIN, 0};
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
      if (poll(&p, 1, 100) <= 0) continue;
      char c = 0;
      if (read(fds[0], &c, 1) != 1) break;
      line += c;
    }
    out_ = fds[0];
    const auto at = line.find("http://127.0.0.1:");
    REQUIRE_MESSAGE(at != std::string::npos, line);
    port_ = std::stoi(line.substr(at + 17));
  }
  ~ServeProcess() {
    kill9();
    close(out_);
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  [[nodiscard]] int port() const { return port_; }

  /// Whether the process still runs (reaping it when it has exited).
  bool running() {
    if (pid_ <= 0) return false;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      exit_status_ = status;
    }
    return pid_ > 0;
  }

  /// Sends SIGTERM and returns the exit code (-1 if it did not exit in 30 s).
  int terminate() {
    if (pid_ > 0) kill(pid_, SIGTERM);
    for (int i = 0; i < 3000 && running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (running()) return -1;
    return WIFEXITED(exit_status_) ? WEXITSTATUS(exit_status_) : -1;
  }

  /// SIGKILL: no shutdown code runs, as when the machine loses the process.
  void kill9() {
    if (!running()) return;
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  int port_ = 0;
  int exit_status_ = 0;
};

}  // namespace visie::test
