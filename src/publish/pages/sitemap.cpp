// sitemap.xml (sitemaps.org 0.9), for a site with a base URL.
#include "core/text.hpp"
#include "publish/publish.hpp"

namespace visie::publish {

std::optional<Page> sitemap(const SiteInput& site, const SiteTree& site_files) {
  const auto& base_url = site.content.project.base_url;
  if (base_url.empty()) return std::nullopt;
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const auto& [path, bytes] : site_files) {
    if (!path.ends_with(".html") || path == "404.html" || path.ends_with("/print.html")) continue;
    // Paths are ids and file names visie chose: no characters to percent-encode.
    xml += "  <url><loc>" + core::escape_html(base_url + path) + "</loc></url>\n";
  }
  xml += "</urlset>\n";
  return Page{"sitemap.xml", std::move(xml)};
}

}  // namespace visie::publish
