// `visie build`: the driver's site written into the output folder (with
// PDFs, with --pdf), and refrozen snapshots written back.
#include <cstdlib>
#include <ostream>

#include "app/command.hpp"
#include "app/progress.hpp"
#include "publish/publish.hpp"

namespace visie::app {

namespace {

/// One PDF per version, from its print edition, dated with the version's
/// publication date (or 1970-01-01 when it has none) for byte-identical
/// output.
emit::PdfRendering pdf_jobs(const model::Content& content, const std::filesystem::path& weasyprint) {
  emit::PdfRendering pdfs{weasyprint, {}};
  for (const auto& vc : content.versions) {
    const auto& v = vc.version;
    pdfs.jobs.push_back({v.id + "/print.html", v.id + "/" + publish::pdf_file_name(content.project, v),
                         emit::epoch_of_date(v.date)});
  }
  return pdfs;
}

}  // namespace

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
  // The files of working versions are written into the staging folder as
  // they are made. A refused output folder is reported by write_site()
  // below, after the content's own errors, as it always was.
  core::Diagnostics refused;
  auto writer = emit::SiteWriter::open(options.out, options.content, refused);
  auto driver = driver_options(options);
  driver.pdf_links = weasyprint.has_value();
  driver.frozen_cache = options.cache;
  driver.writer = writer.get();
  driver.on_stage = [&progress](const char* name) { progress.stage(name); };
  const auto built = build::run(driver, diags);
  if (!built || diags.has_errors()) {
    progress.finish();
    return finish(diags, err);
  }
  std::optional<emit::PdfRendering> pdfs;
  if (weasyprint) {
    pdfs = pdf_jobs(built->content, *weasyprint);
    if (!options.quiet) {
      err << "rendering " << pdfs->jobs.size() << " PDFs with " << weasyprint->generic_string()
          << "\n";
    }
  }
  progress.stage(pdfs ? "write and render PDFs" : "write");
  const bool written =
      writer ? writer->finish(built->site.files, built->site.streamed, diags, pdfs ? &*pdfs : nullptr)
             : emit::write_site(built->site.files, options.out, options.content, diags,
                                pdfs ? &*pdfs : nullptr);
  progress.finish();
  if (!written) return finish(diags, err);
  for (const auto& id : options.refreeze) {
    const auto* vc = find_version(built->content, id);
    const auto outputs = publish::version_files(built->site.files, id);
    if (!emit::write_snapshot(snapshot_files(*vc, outputs), options.content / "versions" / id,
                              /*replace=*/true, diags)) {
      return finish(diags, err);
    }
    if (!options.quiet) err << "refroze " << id << ": " << outputs.size() << " published files\n";
  }
  const int code = finish(diags, err);
  if (!options.quiet) {
    err << "built " << built->site.files.size() + (pdfs ? pdfs->jobs.size() : 0) << " files into "
        << options.out.generic_string() << "\n";
  }
  return code;
}

}  // namespace visie::app
