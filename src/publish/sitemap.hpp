#pragma once
/// Internal to publish: sitemap.xml, for a site with a base URL.

#include <string>

#include "publish/publish.hpp"

namespace visie::publish {

/// The sitemap of `site` (sitemaps.org 0.9): every HTML page except the
/// print editions and 404.html, as `base_url` + its path, in path order.
/// `base_url` ends in '/'. The returned XML is owned by the caller.
std::string sitemap_xml(const SiteTree& site, const std::string& base_url);

}  // namespace visie::publish
