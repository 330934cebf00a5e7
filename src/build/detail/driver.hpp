#pragma once
/// Internal to build: what the driver's files share.
#ifndef VISIE_STAGE_BUILD
#error "build/detail is private to the build stage"
#endif

#include <string>

#include "build/build.hpp"

namespace visie::build {

/// Options::command for `subcommand`, or "visie <subcommand>".
std::string command_line(const Options& options, const std::string& subcommand);

}  // namespace visie::build
