#include "app/app.hpp"

#include <ostream>

#include "emit/emit.hpp"
#include "load/load.hpp"
#include "model/model.hpp"
#include "publish/publish.hpp"

namespace visie::app {

namespace {

/// Runs load → model → render → publish; the site when there were no
/// errors. Every diagnostic is printed, not only the first.
std::optional<publish::SiteTree> make_site(const Options& options, core::Diagnostics& diags) {
  auto templates = load::load_templates(options.templates, diags);
  auto content = load::load_content(options.content, diags);
  if (!content) return std::nullopt;
  model::validate(*content, diags);
  // Rendering after load errors would only repeat them as dangling
  // references; the author fixes the data first.
  if (diags.has_errors()) return std::nullopt;
  auto site = publish::build_site(*content, templates, diags);
  if (diags.has_errors()) return std::nullopt;
  return site;
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
  const auto site = make_site(options, diags);
  if (!site) return finish(diags, err);
  if (!emit::write_site(*site, options.out, options.content, diags)) return finish(diags, err);
  const int code = finish(diags, err);
  if (!options.quiet) {
    err << "built " << site->size() << " files into " << options.out.generic_string() << "\n";
  }
  return code;
}

int check(const Options& options, std::ostream& err) {
  core::Diagnostics diags;
  const auto site = make_site(options, diags);
  const int code = finish(diags, err);
  if (code == ok && !options.quiet) {
    err << "checked " << options.content.generic_string() << ": no problems\n";
  }
  return code;
}

}  // namespace visie::app
