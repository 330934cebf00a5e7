#include "app/detail/progress.hpp"

#include <array>
#include <cstdio>
#include <iomanip>
#include <ostream>

namespace visie::app {

using Clock = std::chrono::steady_clock;

Progress::Progress(std::ostream& err, bool live, bool verbose, std::chrono::milliseconds delay)
    : err_(err), verbose_(verbose), delay_(delay), started_(Clock::now()),
      stage_started_(started_) {
  if (live) drawer_ = std::thread([this] { draw_loop(); });
}

Progress::~Progress() { finish(); }

void Progress::end_stage() {
  if (current_.empty()) return;
  timings_.emplace_back(current_, std::chrono::duration_cast<std::chrono::milliseconds>(
                                      Clock::now() - stage_started_));
  current_.clear();
}

void Progress::stage(std::string name) {
  const std::lock_guard lock(mutex_);
  end_stage();
  current_ = std::move(name);
  stage_started_ = Clock::now();
}

void Progress::finish() {
  {
    const std::lock_guard lock(mutex_);
    if (done_) return;
    end_stage();
    done_ = true;
  }
  wake_.notify_all();
  if (drawer_.joinable()) drawer_.join();
  if (drawn_) err_ << "\r\033[K" << std::flush;
  if (verbose_) {
    std::chrono::milliseconds total{0};
    for (const auto& [name, took] : timings_) {
      err_ << "  " << std::left << std::setw(18) << name << std::right << std::setw(7)
           << took.count() << " ms\n";
      total += took;
    }
    err_ << "  " << std::left << std::setw(18) << "total" << std::right << std::setw(7)
         << total.count() << " ms\n";
  }
}

void Progress::draw_loop() {
  std::unique_lock lock(mutex_);
  if (wake_.wait_for(lock, delay_, [this] { return done_; })) return;
  while (!done_) {
    const auto elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started_).count();
    std::array<char, 32> seconds{};
    std::snprintf(seconds.data(), seconds.size(), "%.1f s", static_cast<double>(elapsed) / 1000.0);
    err_ << "\r\033[Kvisie: " << (current_.empty() ? "working" : current_) << "… "
         << seconds.data() << std::flush;
    drawn_ = true;
    wake_.wait_for(lock, std::chrono::milliseconds(100), [this] { return done_; });
  }
}

}  // namespace visie::app
