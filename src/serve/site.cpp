// `visie serve`'s static files: the built site's files as answers, with the
// reload script (and the errors' overlay) injected into every page.
#include <algorithm>
#include <array>

#include "core/text.hpp"
#include "serve/detail/server.hpp"
#include "serve/serve.hpp"

namespace visie::serve {

namespace detail {

namespace {

/// A page for a request the site cannot answer (nothing built yet, or no
/// such file), still carrying the reload script and the overlay.
std::string fallback_page(std::string_view title) {
  return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
         core::escape_html(title) + "</title></head>\n<body><h1>" + core::escape_html(title) +
         "</h1>\n</body></html>\n";
}

}  // namespace

Answer page_answer(const State& state, const std::optional<Api>& api, const std::string& path) {
  const auto snap = state.snapshot();
  Answer a;
  a.headers.emplace_back("Cache-Control", "no-store");
  const auto key = site_key(path);
  if (!snap.site) {
    a.status = 503;
    a.body = inject(fallback_page("visie: the site could not be built"), snap.generation,
                    snap.errors);
    a.type = "text/html; charset=utf-8";
    return a;
  }
  auto it = key ? snap.site->find(*key) : snap.site->end();
  if (it == snap.site->end() && key && !key->empty() && snap.site->contains(*key + "/index.html")) {
    // A folder without its slash: relative links on its index page only
    // resolve from "folder/".
    a.status = 301;
    a.headers.emplace_back("Location", path + "/");
    return a;
  }
  if (it == snap.site->end()) {
    a.status = 404;
    a.body = inject(fallback_page("404: " + path + " is not part of the site"), snap.generation,
                    snap.errors);
    a.type = "text/html; charset=utf-8";
    return a;
  }
  a.type = std::string(content_type(it->first));
  if (a.type.starts_with("text/html")) {
    const auto page = api ? inject_head(it->second, api->head) : it->second;
    a.body = inject(page, snap.generation, snap.errors);
  } else {
    a.site = snap.site;
    a.file = &it->second;
  }
  return a;
}

}  // namespace detail

using detail::events_path;

std::optional<std::string> site_key(std::string_view request_path) {
  std::string key(request_path);
  while (key.starts_with('/')) key.erase(0, 1);
  if (key.empty() || key.ends_with('/')) key += "index.html";
  std::size_t start = 0;
  while (start <= key.size()) {
    const auto end = std::min(key.find('/', start), key.size());
    const auto segment = std::string_view(key).substr(start, end - start);
    if (segment.empty() || segment == "." || segment == ".." ||
        segment.find('\0') != std::string_view::npos) {
      return std::nullopt;
    }
    start = end + 1;
  }
  return key;
}

std::string inject_head(std::string_view html, std::string_view markup) {
  std::string out(html);
  const auto head = out.find("</head>");
  if (head != std::string::npos) out.insert(head, markup);
  return out;
}

std::string_view content_type(std::string_view path) {
  static const std::array<std::pair<std::string_view, std::string_view>, 12> types{{
      {".html", "text/html; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".woff2", "font/woff2"},
      {".pdf", "application/pdf"},
      {".txt", "text/plain; charset=utf-8"},
  }};
  for (const auto& [ext, type] : types) {
    if (path.ends_with(ext)) return type;
  }
  return "application/octet-stream";
}

std::string inject(std::string_view html, std::uint64_t generation,
                   const std::vector<core::Diagnostic>& errors) {
  std::string extra;
  if (!errors.empty()) {
    extra += "<div id=\"visie-overlay\" role=\"alert\" style=\"position:fixed;inset:0;"
             "z-index:2147483647;overflow:auto;margin:0;padding:2rem;"
             "background:rgba(24,24,24,.94);color:#fff;font:15px/1.5 monospace\">"
             "<p style=\"font-weight:bold;color:#ff8a80\">visie: " +
             std::to_string(errors.size()) + (errors.size() == 1 ? " error" : " errors") +
             " — the page shows the last good build until they are fixed</p><pre "
             "style=\"white-space:pre-wrap;margin:0\">";
    for (const auto& d : errors) extra += core::escape_html(core::format(d)) + "\n";
    extra += "</pre></div>\n";
  }
  // Reloads the page when the site is rebuilt (or fails to): the server
  // sends the generation now and after every build.
  extra += "<script>(function(){var g=" + std::to_string(generation) +
           ";var s=new EventSource(\"" + events_path +
           "\");s.addEventListener(\"reload\",function(e){if(+e.data!==g){s.close();"
           "location.reload();}});})();</script>\n";
  std::string out(html);
  const auto body = out.rfind("</body>");
  out.insert(body == std::string::npos ? out.size() : body, extra);
  return out;
}

TreeChanges compare_trees(const SiteFiles& before, const SiteFiles& after) {
  TreeChanges changes;
  for (const auto& [path, bytes] : after) {
    const auto it = before.find(path);
    if (it == before.end() || it->second != bytes) changes.changed.push_back(path);
  }
  for (const auto& [path, bytes] : before) {
    if (!after.contains(path)) changes.removed.push_back(path);
  }
  return changes;
}

}  // namespace visie::serve
