// `visie diff A B`: what the driver finds changed between two versions, as
// a terminal report.
#include <ostream>

#include "app/detail/command.hpp"
#include "publish/changes.hpp"

namespace visie::app {

int diff(const Options& options, const std::string& a, const std::string& b, bool colour,
         std::ostream& out, std::ostream& err) {
  core::Diagnostics diags;
  auto driver = driver_options(options);
  driver.refreeze.clear();
  const auto result = build::diff(driver, a, b, diags);
  if (!result) return finish(diags, err);
  out << publish::format_terminal(result->diff, result->before_label, result->after_label, colour);
  return finish(diags, err);
}

}  // namespace visie::app
