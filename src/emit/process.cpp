// The external programs emit runs: started with posix_spawn (no shell),
// waited for, their last words read from a log.
#include "emit/detail/process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <deque>
#include <fstream>
#include <string_view>

extern char** environ;  // NOLINT: POSIX; the child inherits our environment

namespace visie::emit {

namespace {

namespace fs = std::filesystem;

/// The environment of the child: ours, with SOURCE_DATE_EPOCH fixed.
std::vector<std::string> child_environment(std::int64_t epoch) {
  std::vector<std::string> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    if (!std::string_view(*e).starts_with("SOURCE_DATE_EPOCH=")) env.emplace_back(*e);
  }
  env.push_back("SOURCE_DATE_EPOCH=" + std::to_string(epoch));
  return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace

pid_t spawn(const std::vector<std::string>& args, const fs::path& cwd, const fs::path& log,
            std::int64_t epoch, std::string& problem) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  auto strings = args;
  auto env = child_environment(epoch);
  auto argv = pointers(strings);
  auto envp = pointers(env);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, strings[0].c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    problem = std::strerror(rc);
    return -1;
  }
  return pid;
}

std::string wait_for(pid_t pid, const std::string& program) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status)) return program + " was stopped by signal " + std::to_string(WTERMSIG(status));
  if (WEXITSTATUS(status) != 0) {
    return program + " failed (exit code " + std::to_string(WEXITSTATUS(status)) + ")";
  }
  return {};
}

std::string tail_of(const fs::path& log) {
  std::ifstream in(log, std::ios::binary);
  std::deque<std::string> last;
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty()) continue;
    last.push_back(line);
    if (last.size() > 3) last.pop_front();
  }
  std::string out;
  for (const auto& l : last) out += (out.empty() ? "" : " | ") + l;
  return out;
}

}  // namespace visie::emit
