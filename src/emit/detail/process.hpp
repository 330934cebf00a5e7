#pragma once
/// Internal to emit: the external programs emit runs (WeasyPrint, pandoc,
/// rsvg-convert), each started with an argument vector, never a shell.
#ifndef VISIE_STAGE_EMIT
#error "emit/detail is private to the emit stage"
#endif

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace visie::emit {

/// Starts `args[0]` (a path) with `args`, in the folder `cwd` (empty: this
/// process's), stdin and stdout on /dev/null, stderr into `log`, and our
/// environment with SOURCE_DATE_EPOCH set to `epoch`. Returns the pid, or
/// -1 with `problem` set.
pid_t spawn(const std::vector<std::string>& args, const std::filesystem::path& cwd,
            const std::filesystem::path& log, std::int64_t epoch, std::string& problem);

/// Waits for `pid`; empty when it exited with 0, else why not ("`program`
/// failed (exit code 2)", "… was stopped by signal 9").
std::string wait_for(pid_t pid, const std::string& program);

/// The last lines of a log, for an error message.
std::string tail_of(const std::filesystem::path& log);

}  // namespace visie::emit
