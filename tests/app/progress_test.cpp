#include <doctest/doctest.h>

#include <sstream>
#include <thread>

// progress.hpp is private to app/: this test proves its internals.
#define VISIE_STAGE_APP
#include "app/detail/progress.hpp"

using namespace visie;

TEST_CASE("progress: a live line names the stage after the delay and is erased at the end") {
  std::ostringstream err;
  {
    app::Progress progress(err, /*live=*/true, /*verbose=*/false, std::chrono::milliseconds(20));
    progress.stage("render and publish");
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  const auto text = err.str();
  CHECK(text.starts_with("\r\033[Kvisie: render and publish… "));
  CHECK(text.ends_with("\r\033[K"));
}

TEST_CASE("progress: nothing is drawn for work shorter than the delay, and -v prints timings") {
  std::ostringstream err;
  app::Progress progress(err, /*live=*/true, /*verbose=*/true, std::chrono::seconds(5));
  progress.stage("load");
  progress.stage("write");
  progress.finish();
  const auto text = err.str();
  CHECK(text.find("visie:") == std::string::npos);
  CHECK(text.find("  load ") == 0);
  CHECK(text.find("  write ") != std::string::npos);
  CHECK(text.find("  total ") != std::string::npos);
  CHECK(progress.timings().size() == 2);
}
