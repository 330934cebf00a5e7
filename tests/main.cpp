#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "render/markdown/markdown.hpp"

int main(int argc, char** argv) {
  visie::render::markdown::init();
  doctest::Context context(argc, argv);
  return context.run();
}
