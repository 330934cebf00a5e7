// versions.json (for tools) and versions.js (for the pages' version
// switcher): every version with its pages.
#include "publish/detail/frame.hpp"

namespace visie::publish {

std::vector<Page> versions_index(const model::Content& content, const SiteTree& site_files,
                                 const Downloads& downloads, const PdfSizes& pdf_sizes) {
  using nlohmann::json;
  json versions = json::array();
  for (const auto& vc : content.versions) {
    const auto& v = vc.version;
    json pages = json::array();
    const auto prefix = v.id + "/";
    for (auto it = site_files.lower_bound(prefix);
         it != site_files.end() && it->first.starts_with(prefix); ++it) {
      const auto path = std::string_view(it->first).substr(prefix.size());
      if (path.ends_with(".html") && path.find('/') == std::string_view::npos) {
        pages.push_back(std::string(path));
      }
    }
    const std::string pdf = downloads.pdf ? pdf_file_name(content.project, v) : "";
    json entry{{"id", v.id},
               {"label", v.label},
               {"period", v.period},
               {"date", v.date},
               {"status", model::to_string(v.status)},
               {"frozen", v.frozen},
               {"url", v.id + "/index.html"},
               {"pdf", pdf},
               {"pages", pages}};
    // The download link says how long and large the PDF is.
    if (const auto it = pdf_sizes.find(prefix + pdf); !pdf.empty() && it != pdf_sizes.end()) {
      if (it->second.pages > 0) entry["pdf_pages"] = it->second.pages;
      entry["pdf_bytes"] = it->second.bytes;
    }
    // Only when the Word files were made: versions.json stays as it was
    // without them.
    if (downloads.docx) entry["docx"] = docx_file_name(content.project, v);
    versions.push_back(std::move(entry));
  }
  json index{{"latest",
              content.versions.empty() ? "" : content.versions[latest_index(content)].version.id},
             {"versions", versions}};
  // A script rather than a fetch, so that it also works from file://.
  return {{"versions.json", index.dump(2) + "\n"},
          {"versions.js", "window.visieVersions = " + index.dump() + ";\n"}};
}

}  // namespace visie::publish
