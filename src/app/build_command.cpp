// `visie build`: the folder locks and the WeasyPrint look-up, the driver's
// build::write(), and what it wrote, told.
#include <cstdlib>
#include <ostream>

#include "app/detail/command.hpp"
#include "app/detail/progress.hpp"

namespace visie::app {

int build(const Options& options, std::ostream& err) {
  core::Diagnostics diags;
  // One run at a time writes a folder: a refreeze rewrites snapshots in the
  // content folder, every build replaces the output folder. The content
  // folder is always locked first, so two runs never wait for each other.
  std::unique_ptr<emit::FolderLock> content_lock;
  if (!options.refreeze.empty()) {
    content_lock = lock_folder(options.content, err, diags);
    if (!content_lock) return finish(diags, err);
  }
  const auto out_lock = lock_folder(options.out, err, diags);
  if (!out_lock) return finish(diags, err);
  std::optional<std::filesystem::path> weasyprint;
  if (options.pdf) {
    const char* path = std::getenv("PATH");
    weasyprint = emit::find_program("weasyprint", path != nullptr ? path : "");
    if (!weasyprint) {
      diags.warning({"", 0, 0},
                    "--pdf: WeasyPrint is not installed (no weasyprint on PATH), so no PDFs "
                    "were made; the HTML site is built as usual. Install it with: "
                    "apt-get install weasyprint");
    }
  }
  Progress progress(err, options.progress, options.verbose);
  auto driver = driver_options(options);
  driver.pdf_links = weasyprint.has_value();
  driver.frozen_cache = options.cache;
  driver.on_stage = [&progress](const char* name) { progress.stage(name); };
  build::Output output{options.out, weasyprint, {}};
  output.on_pdfs = [&](std::size_t count) {
    if (!options.quiet) {
      err << "rendering " << count << " PDFs with " << weasyprint->generic_string() << "\n";
    }
  };
  const auto written = build::write(driver, output, diags);
  progress.finish();
  if (!options.quiet) {
    for (const auto& [id, files] : written.refrozen) {
      err << "refroze " << id << ": " << files << " published files\n";
    }
  }
  if (!written.ok) return finish(diags, err);
  const int code = finish(diags, err);
  if (!options.quiet) {
    err << "built " << written.files << " files into " << options.out.generic_string() << "\n";
  }
  return code;
}

}  // namespace visie::app
