// `visie check`: the driver's build without writing, then the linter; the
// findings as `file:line:col: severity: message`, or as JSON.
#include <array>
#include <ostream>

#include "app/detail/command.hpp"
#include "app/detail/progress.hpp"
#include "lint/lint.hpp"

namespace visie::app {

int check(const Options& options, std::ostream& out, std::ostream& err) {
  core::Diagnostics diags;
  Progress progress(err, options.progress, options.verbose);
  auto driver = driver_options(options);
  driver.on_stage = [&progress](const char* name) { progress.stage(name); };
  const auto built = build::run(driver, diags);
  if (built) {
    progress.stage("lint");
    lint::run({built->content, lint::linted_version(built->content), built->site.files,
               built->site.term_uses},
              diags);
  }
  progress.finish();
  if (options.json) {
    out << lint::to_json(diags);
    return diags.has_errors() ? content_error : ok;
  }
  std::array<std::size_t, 3> counts{};
  for (const auto& d : diags.sorted()) {
    if (d.severity == core::Severity::note && options.quiet) continue;
    err << core::format(d) << '\n';
    ++counts.at(static_cast<std::size_t>(d.severity));
  }
  const auto plural = [](std::size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
  };
  if (counts[0] + counts[1] == 0) {
    if (!options.quiet) {
      err << "checked " << options.content.generic_string() << ": no problems";
      if (counts[2] > 0) err << " (" << plural(counts[2], "note") << ")";
      err << "\n";
    }
  } else {
    err << "checked " << options.content.generic_string() << ": " << plural(counts[0], "error")
        << ", " << plural(counts[1], "warning") << ", " << plural(counts[2], "note") << "\n";
  }
  return diags.has_errors() ? content_error : ok;
}

}  // namespace visie::app
