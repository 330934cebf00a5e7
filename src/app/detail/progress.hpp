#pragma once
/// Progress of a long command on stderr: a line that names the running
/// stage, shown only when the work takes more than a moment and stderr is a
/// terminal, and per-stage timings with `-v`.
#ifndef VISIE_STAGE_APP
#error "app/detail is private to the app stage"
#endif

#include <chrono>
#include <condition_variable>
#include <iosfwd>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace visie::app {

/// Times the stages of one command. With `live`, a thread redraws
/// "visie: <stage>… 1.2 s" on `err` once the command has run longer than
/// `delay`, and erases it when the command ends; with `verbose`, finish()
/// prints how long every stage took.
class Progress {
 public:
  Progress(std::ostream& err, bool live, bool verbose,
           std::chrono::milliseconds delay = std::chrono::milliseconds(400));
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  /// Ends the current stage (if any) and starts the stage `name`.
  void stage(std::string name);
  /// Ends the last stage, erases the live line and, when verbose, prints
  /// the timings. Called by the destructor when not called before.
  void finish();

  /// The stages finished so far with their durations.
  [[nodiscard]] const std::vector<std::pair<std::string, std::chrono::milliseconds>>& timings()
      const {
    return timings_;
  }

 private:
  void draw_loop();
  void end_stage();

  std::ostream& err_;
  bool verbose_;
  std::chrono::milliseconds delay_;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point stage_started_;
  std::string current_;
  std::vector<std::pair<std::string, std::chrono::milliseconds>> timings_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  bool drawn_ = false;
  std::thread drawer_;
};

}  // namespace visie::app
