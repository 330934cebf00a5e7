// `visie freeze ID`: the content folder locked, the driver's
// build::freeze(), and what it wrote, told.
#include <ostream>

#include "app/detail/command.hpp"

namespace visie::app {

int freeze(const Options& options, const std::string& id, std::ostream& err) {
  core::Diagnostics diags;
  const auto content_lock = lock_folder(options.content, err, diags);
  if (!content_lock) return finish(diags, err);
  const auto frozen = build::freeze(driver_options(options), id, diags);
  if (frozen && !options.quiet) {
    err << "froze " << id << ": " << frozen->inputs << " input files, " << frozen->outputs
        << " published files, in " << (options.content / "versions" / id).generic_string()
        << "\n";
  }
  return finish(diags, err);
}

}  // namespace visie::app
