// The bundled content/ (the seed vision) builds cleanly.
#include <doctest/doctest.h>

#include "support.hpp"

using namespace visie;
namespace fs = std::filesystem;

TEST_CASE("the bundled content passes visie check") {
  const auto r = test::run_visie("check --content '" + std::string(VISIE_SOURCE_DIR) + "/content'");
  INFO(r.output);
  CHECK(r.exit_code == 0);
}
