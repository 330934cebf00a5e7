// The print edition: every chapter of a version in one document for CSS
// Paged Media, in the manner of mdBook's print page (ids made unique per
// chapter, links rewritten to #anchors), plus page footnotes. Figures and
// tables keep the numbers the render stage gave them, as on the site.
#include <map>
#include <optional>
#include <unordered_set>

#include "core/parallel.hpp"
#include "core/text.hpp"
#include "publish/publish.hpp"
#include "render/print_fragment.hpp"
#include "render/render.hpp"

namespace visie::publish {

namespace {

using nlohmann::json;

/// Hands out ids that are unique across the whole document: a taken id
/// gets "-2", "-3", … appended.
class IdRegistry {
 public:
  std::string unique(const std::string& wanted) {
    std::string id = wanted.empty() ? std::string("x") : wanted;
    if (used_.insert(id).second) return id;
    for (int n = 2;; ++n) {
      auto candidate = id + "-" + std::to_string(n);
      if (used_.insert(candidate).second) return candidate;
    }
  }

 private:
  std::unordered_set<std::string> used_;
};

/// An id as it may appear in the document: no whitespace (HTML forbids it
/// in ids).
std::string sanitize_id(std::string_view id) {
  std::string out;
  for (char c : id) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    out += space ? '-' : c;
  }
  return out;
}

/// One chapter or appendix of the document.
struct Part {
  std::string page;    // the chapter's page id ("" for appendices)
  std::string anchor;  // the id of its <section> in the document
  std::map<std::string, std::string> ids;  // id in the page → id in the document
};

/// The document's names for the pages of the site a chapter may link to.
struct LinkTargets {
  std::string contents;  // the table of contents, for links to index.html
  /// The first part of each page, by page id: one lookup per link instead
  /// of a scan of every part (chapters × links).
  std::map<std::string, const Part*, std::less<>> by_page = {};

  /// Where a link to `path` (`X.html` of a page of this version) and its
  /// decoded `fragment` goes in the document; nullopt for anything else
  /// (other folders, other sites).
  [[nodiscard]] std::optional<std::string> resolve(std::string_view path,
                                                   const std::string& fragment) const {
    if (!path.ends_with(".html")) return std::nullopt;
    const auto page = path.substr(0, path.size() - 5);
    if (!core::is_valid_id(page)) return std::nullopt;
    if (page == "index") return "#" + contents;
    const auto found = by_page.find(page);
    if (found == by_page.end()) return std::nullopt;
    const auto& other = *found->second;
    if (const auto it = other.ids.find(fragment); !fragment.empty() && it != other.ids.end()) {
      return "#" + it->second;
    }
    return "#" + other.anchor;
  }
};

/// The print stylesheet, safe inside <style>: "</" cannot end the element.
std::string inline_css(std::string_view css) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    const auto at = css.find("</", pos);
    if (at == std::string_view::npos) break;
    out += css.substr(pos, at - pos);
    out += "<\\/";
    pos = at + 2;
  }
  out += css.substr(pos);
  return out;
}

}  // namespace

namespace {

constexpr std::string_view part_marker_prefix = "<visie-part ";

/// Where part `i` goes in the rendered layout.
std::string part_marker(std::size_t i) {
  return std::string(part_marker_prefix) + std::to_string(i) + ">";
}

/// `skeleton` with each part's marker replaced by `parts[i]`; nothing when
/// the markers are not each there exactly once.
std::optional<std::string> splice_parts(const std::string& skeleton,
                                        const std::vector<std::string>& parts) {
  struct Spot {
    std::size_t at;
    std::size_t length;
    std::size_t part;
  };
  std::vector<Spot> spots;
  std::vector<bool> seen(parts.size(), false);
  std::size_t size = skeleton.size();
  for (auto at = skeleton.find(part_marker_prefix); at != std::string::npos;
       at = skeleton.find(part_marker_prefix, at + 1)) {
    const auto digits = at + part_marker_prefix.size();
    const auto close = skeleton.find('>', digits);
    if (close == std::string::npos || close == digits || close - digits > 9) return std::nullopt;
    std::size_t part = 0;
    for (auto k = digits; k < close; ++k) {
      if (skeleton[k] < '0' || skeleton[k] > '9') return std::nullopt;
      part = part * 10 + static_cast<std::size_t>(skeleton[k] - '0');
    }
    if (part >= parts.size() || seen[part]) return std::nullopt;
    seen[part] = true;
    spots.push_back({at, close + 1 - at, part});
    size += parts[part].size();
  }
  if (spots.size() != parts.size()) return std::nullopt;
  std::string out;
  out.reserve(size);
  std::size_t pos = 0;
  for (const auto& spot : spots) {
    out.append(skeleton, pos, spot.at - pos);
    out += parts[spot.part];
    pos = spot.at + spot.length;
  }
  out.append(skeleton, pos, std::string::npos);
  return out;
}

}  // namespace

std::string render_print(const PrintEdition& edition, const model::Templates& templates,
                         const json& strings, core::Diagnostics& diags) {
  IdRegistry registry;
  std::vector<Part> parts;
  // Chapters claim their page ids first, so that "X.html" becomes "#X".
  for (const auto& c : edition.chapters) {
    parts.push_back({c.id, registry.unique(sanitize_id(c.id)), {}});
  }
  for (const auto& a : edition.appendices) {
    parts.push_back({a.page, registry.unique(sanitize_id(a.id)), {}});
  }
  const auto cover = registry.unique("cover");
  const auto contents = registry.unique("contents");
  const auto contents_heading = registry.unique(contents + "-heading");

  // The passes over the parts run on all cores; what depends on the parts
  // before (footnote numbers, ids unique in the whole document) is settled
  // in between, in document order, so the result is the same on any number
  // of cores.
  const auto source = [&](std::size_t i) -> const std::string& {
    return i < edition.chapters.size() ? edition.chapters[i].html
                                       : edition.appendices[i - edition.chapters.size()].html;
  };
  // Render reads each part twice (render/print_fragment.hpp): once to
  // count its footnotes and list its ids, then to rename them, rewrite its
  // links and write it, when every part's ids are known. (The tokens of
  // every part at once would take ten times the size of the document.)
  std::vector<render::PrintPartIndex> index(parts.size());
  core::parallel_for(parts.size(), [&](std::size_t i) { index[i] = render::index_print_part(source(i)); });
  std::vector<render::PrintRewrite> rewrites(parts.size());
  for (std::size_t i = 0, before = 0; i < parts.size(); ++i) {
    auto& rewrite = rewrites[i];
    rewrite.footnotes_before = static_cast<int>(before);
    before += static_cast<std::size_t>(index[i].footnotes);
    // Each id asks for its name prefixed with the part's anchor, made
    // unique in the document.
    for (const auto& id : index[i].ids) {
      rewrite.id_names.push_back(registry.unique(parts[i].anchor + "_" + sanitize_id(id)));
      // Links to an id that occurs twice go to its first occurrence.
      parts[i].ids.emplace(id, rewrite.id_names.back());
    }
  }
  LinkTargets targets{contents};
  for (const auto& part : parts) {
    if (!part.page.empty()) targets.by_page.emplace(part.page, &part);
  }
  // The print stylesheet of the drawings, which render puts inside each <svg>.
  const auto* drawing_rules = templates.find("assets/figures-print.css");
  const auto drawing_style =
      drawing_rules ? "<style>" + inline_css(drawing_rules->text) + "</style>" : std::string();
  for (std::size_t i = 0; i < parts.size(); ++i) {
    rewrites[i].ids = &parts[i].ids;
    rewrites[i].drawing_style = drawing_style;
    rewrites[i].resolve_page = [&targets](std::string_view path, const std::string& fragment) {
      return targets.resolve(path, fragment);
    };
  }
  std::vector<std::string> serialized(parts.size());
  core::parallel_for(parts.size(), [&](std::size_t i) {
    serialized[i] = render::rewrite_for_print(source(i), rewrites[i]);
  });

  json chapters = json::array();
  json appendices = json::array();
  json toc = json::array();
  for (std::size_t i = 0; i < parts.size(); ++i) {
    auto& part = parts[i];
    const bool is_chapter = i < edition.chapters.size();
    const int number = static_cast<int>(i) + 1;
    const auto& title =
        is_chapter ? edition.chapters[i].title : edition.appendices[i - edition.chapters.size()].title;
    json entry{{"id", part.anchor}, {"title", title}, {"html", part_marker(i)}};
    if (is_chapter) entry["number"] = std::to_string(number);
    toc.push_back({{"id", part.anchor},
                   {"title", title},
                   {"number", is_chapter ? std::to_string(number) : ""},
                   {"kind", is_chapter ? "chapter" : "appendix"}});
    (is_chapter ? chapters : appendices).push_back(std::move(entry));
  }

  const auto& p = edition.project;
  std::string authors;
  for (const auto& a : p.authors) authors += (authors.empty() ? "" : ", ") + a;
  // The layout links assets/print.css (the version's copy, next to
  // print.html): its CSS Paged Media, which WeasyPrint implements, stays out
  // of the HTML that validators check. figures.css is left out: its colours
  // are custom properties, which WeasyPrint does not resolve in SVG (the
  // drawings get figures-print.css inside them instead, below).
  if (templates.find("assets/print.css") == nullptr) {
    diags.error({"templates/assets/print.css", 0, 0}, "template not found");
  }
  json page{{"lang", p.language},
            {"project",
             {{"title", p.title},
              {"subtitle", p.subtitle},
              {"organisation", p.organisation},
              {"authors", authors}}},
            {"version", version_json(edition.version, strings)},
            {"ids", {{"cover", cover}, {"contents", contents}, {"contents_heading", contents_heading}}},
            {"toc", toc},
            {"chapters", std::move(chapters)},
            {"appendices", std::move(appendices)},
            {"t", strings}};
  // The layout is rendered with a marker for each part's HTML, which is
  // put in after: Mustache need not copy the whole document. A layout that
  // does not show each part once (or escapes it) is rendered again with the
  // parts themselves.
  core::Diagnostics found;
  // A drawing in the layout itself gets the style too.
  const auto skeleton = render::style_drawings(
      render::render_template(templates, "layouts/print.html", page, found), drawing_style);
  if (auto spliced = splice_parts(skeleton, serialized)) {
    diags.append(found);
    return std::move(*spliced);
  }
  for (auto* list : {&page["chapters"], &page["appendices"]}) {
    for (auto& entry : *list) {
      const auto& marker = entry["html"].get_ref<const std::string&>();
      const auto i = std::stoul(marker.substr(part_marker_prefix.size()));
      entry["html"] = serialized[i];
    }
  }
  // The parts' drawings are styled already.
  return render::render_template(templates, "layouts/print.html", std::move(page), diags);
}

namespace {

/// The name of a version's downloads, without the extension.
std::string download_base_name(const model::Project& project, const model::Version& version) {
  const auto name = core::slug(project.title);
  return (name.empty() ? "visie" : name) + "-" + version.id;
}

}  // namespace

std::string pdf_file_name(const model::Project& project, const model::Version& version) {
  return download_base_name(project, version) + ".pdf";
}

std::string docx_file_name(const model::Project& project, const model::Version& version) {
  return download_base_name(project, version) + ".docx";
}

}  // namespace visie::publish
