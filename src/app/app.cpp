#include "app/app.hpp"

#include <cstdlib>
#include <ostream>

#include "emit/emit.hpp"
#include "load/load.hpp"
#include "model/model.hpp"
#include "publish/publish.hpp"

namespace visie::app {

namespace {

/// A built site with the content it was built from.
struct Built {
  model::Content content;
  publish::SiteTree site;
};

/// Runs load → model → render → publish; the site when there were no
/// errors. Every diagnostic is printed, not only the first.
std::optional<Built> make_site(const Options& options, const publish::SiteOptions& site_options,
                               core::Diagnostics& diags) {
  auto templates = load::load_templates(options.templates, diags);
  auto content = load::load_content(options.content, diags);
  if (!content) return std::nullopt;
  model::validate(*content, diags);
  // Rendering after load errors would only repeat them as dangling
  // references; the author fixes the data first.
  if (diags.has_errors()) return std::nullopt;
  auto site = publish::build_site(*content, templates, diags, site_options);
  if (diags.has_errors()) return std::nullopt;
  return Built{std::move(*content), std::move(site)};
}

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

int finish(const core::Diagnostics& diags, std::ostream& err) {
  diags.print(err);
  if (diags.has_errors()) {
    err << diags.error_count() << (diags.error_count() == 1 ? " error" : " errors")
        << "; nothing was written\n";
    return content_error;
  }
  return ok;
}

}  // namespace

int build(const Options& options, std::ostream& err) {
  core::Diagnostics diags;
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
  const auto built = make_site(options, {.pdf_links = weasyprint.has_value()}, diags);
  if (!built) return finish(diags, err);
  std::optional<emit::PdfRendering> pdfs;
  if (weasyprint) {
    pdfs = pdf_jobs(built->content, *weasyprint);
    if (!options.quiet) {
      err << "rendering " << pdfs->jobs.size() << " PDFs with " << weasyprint->generic_string()
          << "\n";
    }
  }
  if (!emit::write_site(built->site, options.out, options.content, diags,
                        pdfs ? &*pdfs : nullptr)) {
    return finish(diags, err);
  }
  const int code = finish(diags, err);
  if (!options.quiet) {
    err << "built " << built->site.size() + (pdfs ? pdfs->jobs.size() : 0) << " files into "
        << options.out.generic_string() << "\n";
  }
  return code;
}

int check(const Options& options, std::ostream& err) {
  core::Diagnostics diags;
  const auto built = make_site(options, {}, diags);
  const int code = finish(diags, err);
  if (code == ok && !options.quiet) {
    err << "checked " << options.content.generic_string() << ": no problems\n";
  }
  return code;
}

}  // namespace visie::app
