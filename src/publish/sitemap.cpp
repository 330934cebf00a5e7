#include "publish/sitemap.hpp"

#include "core/text.hpp"

namespace visie::publish {

std::string sitemap_xml(const SiteTree& site, const std::string& base_url) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const auto& [path, bytes] : site) {
    if (!path.ends_with(".html") || path == "404.html" || path.ends_with("/print.html")) continue;
    // Paths are ids and file names visie chose: no characters to percent-encode.
    xml += "  <url><loc>" + core::escape_html(base_url + path) + "</loc></url>\n";
  }
  xml += "</urlset>\n";
  return xml;
}

}  // namespace visie::publish
