// `visie build`: the folder locks, the WeasyPrint and pandoc look-ups, the driver's
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
  std::optional<build::Output::WordTools> word;
  if (options.docx) {
    const char* path = std::getenv("PATH");
    const auto pandoc = emit::find_program("pandoc", path != nullptr ? path : "");
    const auto rsvg = emit::find_program("rsvg-convert", path != nullptr ? path : "");
    // Unlike a missing WeasyPrint, an error: the Word files are what the
    // review in Word needs, and a build without them would look fine.
    if (!pandoc || !rsvg) {
      std::string missing = !pandoc ? "pandoc" : "";
      std::string packages = !pandoc ? "pandoc" : "";
      if (!rsvg) {
        missing += std::string(missing.empty() ? "" : " and ") + "rsvg-convert";
        packages += std::string(packages.empty() ? "" : " ") + "librsvg2-bin";
      }
      const bool both = !pandoc && !rsvg;
      diags.error({"", 0, 0}, "--docx: " + missing + (both ? " are" : " is") +
                                  " not installed (not on PATH), so no Word files can be made. "
                                  "Install " + (both ? "them" : "it") + " with: apt-get install " +
                                  packages);
      return finish(diags, err);
    }
    word = build::Output::WordTools{*pandoc, *rsvg};
  }
  Progress progress(err, options.progress, options.verbose);
  auto driver = driver_options(options);
  driver.pdf_links = weasyprint.has_value();
  driver.docx_links = word.has_value();
  driver.frozen_cache = options.cache;
  driver.on_stage = [&progress](const char* name) { progress.stage(name); };
  build::Output output{options.out, weasyprint, {}, word, {}};
  output.on_pdfs = [&](std::size_t count) {
    if (!options.quiet) {
      err << "rendering " << count << " PDFs with " << weasyprint->generic_string() << "\n";
    }
  };
  output.on_docx = [&](std::size_t count) {
    if (!options.quiet) {
      err << "writing " << count << " Word files with " << word->pandoc.generic_string() << "\n";
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
