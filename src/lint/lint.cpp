#include "lint/lint.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "core/text.hpp"
#include "render/render.hpp"
#include "render/markdown/markdown.hpp"

namespace visie::lint {

namespace {

using core::SourceLoc;

/// One chapter of the linted version as the author wrote it: its
/// directives, citable blocks and the links and images of its Markdown
/// (without what components add).
struct Scanned {
  const model::Chapter& chapter;
  std::string page;  // site key of its page, "<version>/<id>.html"
  std::vector<render::markdown::Directive> directives;
  std::vector<render::markdown::Block> blocks;
  std::vector<std::string> links;   // href values, decoded
  std::vector<std::string> images;  // src values, decoded
};

Scanned scan(const model::Chapter& chapter, const std::string& version_id) {
  Scanned s{chapter, version_id + "/" + chapter.id + ".html", {}, {}, {}, {}};
  render::markdown::Hooks hooks;
  hooks.directive = [&s](const render::markdown::Directive& d) {
    s.directives.push_back(d);
    return std::string();
  };
  auto rendered = render::markdown::to_html(chapter.body, hooks);
  s.blocks = std::move(rendered.blocks);
  for (auto& link : render::index_fragment(rendered.html).links) {
    (link.image ? s.images : s.links).push_back(std::move(link.target.value));
  }
  return s;
}

/// The file location of byte `offset` of a chapter's body.
SourceLoc body_loc(const model::Chapter& chapter, std::size_t offset) {
  const auto lc = core::line_col(chapter.body, offset);
  return {chapter.loc.file, chapter.body_line + lc.line - 1, lc.col};
}

/// Finds the places in a chapter's source where the author wrote each
/// target, in document order: the n-th search for the same text finds its
/// n-th occurrence.
class Locator {
 public:
  explicit Locator(const model::Chapter& chapter) : chapter_(chapter) {}

  /// Where `target` is written next, or nullopt when the source does not
  /// contain it (a link that cmark-gfm generated, such as a footnote's).
  std::optional<SourceLoc> next(const std::string& target) {
    for (const auto& candidate : {target, core::percent_decode(target)}) {
      if (candidate.empty()) continue;
      auto& from = next_[candidate];
      const auto at = chapter_.body.find(candidate, from);
      if (at == std::string::npos) continue;
      from = at + candidate.size();
      return body_loc(chapter_, at);
    }
    return std::nullopt;
  }

 private:
  const model::Chapter& chapter_;
  std::map<std::string, std::size_t> next_;
};

/// The ids of the elements of an HTML page.
std::multiset<std::string> ids_of(const std::string& page) {
  std::multiset<std::string> ids;
  for (auto& id : render::index_fragment(page).ids) ids.insert(std::move(id.value));
  return ids;
}

/// `dir` + `rel`, with "." and ".." segments resolved; nullopt when it
/// leaves the site.
std::optional<std::string> resolve(const std::string& dir, const std::string& rel) {
  const auto joined = std::filesystem::path(dir) / rel;
  const auto normal = joined.lexically_normal().generic_string();
  if (normal.starts_with("..") || normal.starts_with('/')) return std::nullopt;
  return normal;
}

bool has_scheme(std::string_view url) {
  const auto colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  return std::all_of(url.begin(), url.begin() + static_cast<std::ptrdiff_t>(colon), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
  });
}

std::string file_name(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

/// The options of a directive body ("key: value" lines).
std::map<std::string, std::string> options_of(const render::markdown::Directive& d) {
  std::map<std::string, std::string> options;
  std::size_t pos = 0;
  while (pos < d.body.size()) {
    auto end = d.body.find('\n', pos);
    if (end == std::string::npos) end = d.body.size();
    const auto line = d.body.substr(pos, end - pos);
    pos = end + 1;
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    auto trim = [](std::string s) {
      s.erase(0, s.find_first_not_of(" \t\r"));
      s.erase(s.find_last_not_of(" \t\r") + 1);
      return s;
    };
    options[trim(line.substr(0, colon))] = trim(line.substr(colon + 1));
  }
  return options;
}

std::vector<Scanned> scan_version(const Input& in) {
  const auto& vc = in.content.versions[in.version];
  std::vector<Scanned> out;
  for (const auto& chapter : vc.chapters) out.push_back(scan(chapter, vc.version.id));
  return out;
}

// ---- the rules -----------------------------------------------------------

/// Links to other chapters and to anchors: the page must exist and have
/// the id. External links are listed as notes, never fetched.
void check_links(const Input& in, Findings& out) {
  const auto& vc = in.content.versions[in.version];
  std::map<std::string, const model::Chapter*> by_file;
  for (const auto& c : vc.chapters) by_file[file_name(c.loc.file)] = &c;
  std::map<std::string, std::multiset<std::string>> ids;  // page → ids, on demand
  const auto ids_for = [&](const std::string& page) -> const std::multiset<std::string>& {
    auto it = ids.find(page);
    if (it == ids.end()) {
      const auto file = in.site.find(page);
      it = ids.emplace(page, file == in.site.end() ? std::multiset<std::string>{}
                                                   : ids_of(file->second))
               .first;
    }
    return it->second;
  };

  for (const auto& s : scan_version(in)) {
    Locator locate(s.chapter);
    for (const auto& href : s.links) {
      const auto loc = locate.next(href);
      if (!loc) continue;  // not written by the author (footnotes)
      if (has_scheme(href) || href.starts_with("//")) {
        out.note(*loc, "external link " + href + " (not checked: open it to see that it works)");
        continue;
      }
      const auto hash = href.find('#');
      std::string path = href.substr(0, hash);
      const std::string anchor = hash == std::string::npos ? "" : href.substr(hash + 1);
      std::string page = s.page;
      if (path.ends_with(".md")) {
        const auto target = by_file.find(file_name(path));
        if (target == by_file.end()) {
          out.error(*loc, "link to \"" + path + "\": there is no chapter file \"" +
                              file_name(path) + "\" in this version");
          continue;
        }
        const auto html = target->second->id + ".html";
        out.warning(*loc, "link to \"" + path + "\" works in an editor but not in the site: write \"" +
                              html + (anchor.empty() ? "" : "#" + anchor) + "\"");
        page = vc.version.id + "/" + html;
      } else if (!path.empty()) {
        const auto dir = std::filesystem::path(s.page).parent_path().generic_string();
        const auto key = resolve(dir, path);
        if (!key || !in.site.contains(*key)) {
          out.error(*loc, "broken link: \"" + path + "\" is not a page of the site");
          continue;
        }
        page = *key;
      }
      if (!anchor.empty() && !ids_for(page).contains(anchor)) {
        out.error(*loc, "broken anchor: \"#" + anchor + "\" is not an id on " +
                            (page == s.page ? std::string("this page") : file_name(page)));
      }
    }
  }
}

/// Whether cmark-gfm could make an <img> of `body`: only from `![`, an
/// inline or reference image (raw HTML, `<img>` too, is left out of the
/// page: visie renders without CMARK_OPT_UNSAFE). Chapters without one need
/// no parse for this rule, which the build runs on every working version.
bool may_hold_image(std::string_view body) { return body.find("![") != std::string_view::npos; }

/// Images must be files of the site.
void check_images(const Input& in, Findings& out) {
  const auto& vc = in.content.versions[in.version];
  for (const auto& chapter : vc.chapters) {
    if (!may_hold_image(chapter.body)) continue;
    const auto s = scan(chapter, vc.version.id);
    Locator locate(s.chapter);
    for (const auto& src : s.images) {
      const auto loc = locate.next(src);
      if (!loc) continue;
      if (has_scheme(src) || src.starts_with("//")) {
        out.note(*loc, "external image " + src +
                           " (not checked; the site then needs the network to show it)");
        continue;
      }
      const auto dir = std::filesystem::path(s.page).parent_path().generic_string();
      const auto key = resolve(dir, src);
      if (!key || !in.site.contains(*key)) {
        out.error(*loc, "image \"" + src + "\" does not exist in the site");
      }
    }
  }
}

/// Definitions, models and workshops that no directive of the version
/// shows.
void check_unused_data(const Input& in, Findings& out) {
  const auto& data = in.content.versions[in.version].data;
  std::set<std::string> models;
  std::set<std::string> workshops;
  std::set<std::string> definition_kinds;
  bool all_definitions = false;
  for (const auto& s : scan_version(in)) {
    for (const auto& d : s.directives) {
      const auto options = options_of(d);
      const auto option = [&](const char* key) {
        const auto it = options.find(key);
        return it == options.end() ? std::string() : it->second;
      };
      if (d.name == "model") models.insert(option("id"));
      if (!option("workshop").empty()) workshops.insert(option("workshop"));
      if (d.name == "definitions") {
        if (option("kind").empty()) all_definitions = true;
        definition_kinds.insert(option("kind"));
      }
    }
  }
  for (const auto& def : data.definitions) {
    const auto kind = std::string(model::to_string(def.kind));
    if (!all_definitions && !definition_kinds.contains(kind)) {
      out.warning(def.loc, "definition \"" + def.id +
                               "\" is never shown: no `visie definitions` block of this version "
                               "lists kind \"" + kind + "\"");
    }
  }
  for (const auto& m : data.models) {
    if (!models.contains(m.id)) {
      out.warning(m.loc, "model \"" + m.id + "\" is never shown: add a `visie model` block with "
                                             "`id: " + m.id + "` or remove the file");
    }
  }
  for (const auto& w : data.workshops) {
    if (!workshops.contains(w.id)) {
      out.warning(w.loc, "workshop \"" + w.id +
                             "\" is never shown: no directive of this version names `workshop: " +
                             w.id + "`");
    }
  }
}

/// A chapter of the previous version that is gone from this one, unless
/// versions.json says why (`removed`).
void check_missing_chapters(const Input& in, Findings& out) {
  if (in.version == 0) return;
  const auto& before = in.content.versions[in.version - 1];
  const auto& now = in.content.versions[in.version];
  std::set<std::string> explained;
  for (const auto& r : now.version.removed) {
    explained.insert(r.chapter.id);
    const bool was_there = model::find_by_id(before.chapters, r.chapter.id) != nullptr;
    const bool still_there = model::find_by_id(now.chapters, r.chapter.id) != nullptr;
    if (!was_there || still_there) {
      out.warning(r.chapter.loc, "\"removed\" names chapter \"" + r.chapter.id + "\", which " +
                                     (still_there ? "is still in " : "was not in ") +
                                     (still_there ? now.version.label : before.version.label));
    }
  }
  for (const auto& c : before.chapters) {
    if (model::find_by_id(now.chapters, c.id) != nullptr || explained.contains(c.id)) continue;
    out.warning(now.version.loc,
                "chapter \"" + c.id + "\" (" + c.title + ") of " + before.version.label +
                    " is missing from " + now.version.label +
                    ": restore it, or say why in this version's \"removed\" list");
  }
}

/// An id the author gave (`{#id}`) is unique on its page: it can collide
/// with the layout's, a figure's or a component's.
void check_duplicate_ids(const Input& in, Findings& out) {
  for (const auto& s : scan_version(in)) {
    const auto page = in.site.find(s.page);
    if (page == in.site.end()) continue;
    const auto ids = ids_of(page->second);
    std::set<std::string> reported;
    for (const auto& id : ids) {
      if (ids.count(id) < 2 || !reported.insert(id).second) continue;
      // Only ids the author chose: a collision among the ids visie makes
      // itself is the generator's to fix, not the team's.
      const auto at = s.chapter.body.find("{#" + id + "}");
      if (at == std::string::npos) continue;
      out.error(body_loc(s.chapter, at), "id \"" + id + "\" occurs " + std::to_string(ids.count(id)) +
                         " times on page " + s.page + ": links to it are ambiguous");
    }
  }
}

/// Headings go down one level at a time; the chapter title is the page's
/// level 1, so the body starts at `##`.
void check_heading_levels(const Input& in, Findings& out) {
  for (const auto& s : scan_version(in)) {
    int previous = 1;
    for (const auto& b : s.blocks) {
      if (b.kind != render::markdown::BlockKind::heading) continue;
      const SourceLoc loc{s.chapter.loc.file, s.chapter.body_line + b.line - 1, 1};
      if (b.level == 1) {
        out.warning(loc, "level-1 heading in the body: the chapter title is already the page's "
                         "level 1; start sections at ##");
      } else if (b.level > previous + 1) {
        out.warning(loc, "heading skips a level: " + std::string(static_cast<std::size_t>(b.level), '#') +
                             " after " + std::string(static_cast<std::size_t>(previous), '#') +
                             " (screen readers and the contents rely on the order)");
      }
      previous = b.level;
    }
  }
}

/// Terms the glossary of a working version defines but its chapters never
/// use. Every version that is not frozen is checked (a frozen one cannot
/// change any more).
void check_unused_terms(const Input& in, Findings& out) {
  for (const auto& vc : in.content.versions) {
    if (vc.version.frozen) continue;
    const auto uses = in.term_uses.find(vc.version.id);
    if (uses == in.term_uses.end()) continue;
    for (const auto& t : vc.data.terms) {
      const auto n = uses->second.find(t.id);
      if (n != uses->second.end() && n->second == 0) {
        out.warning(t.loc, "term \"" + t.term + "\" is defined but never used in the chapters of \"" +
                               vc.version.id + "\" (add a variant the text uses, or link it with [[" +
                               t.id + "]])");
      }
    }
  }
}

bool before(const core::Diagnostic& a, const core::Diagnostic& b) {
  return std::tie(a.loc.file, a.loc.line, a.loc.col) < std::tie(b.loc.file, b.loc.line, b.loc.col);
}

}  // namespace

const std::vector<Rule>& rules() {
  // More rules plug in here (citations, cross-references, terms).
  static const std::vector<Rule> all{
      {"links", "links to chapters and anchors resolve; external links are listed", check_links},
      {"images", "images exist in the site", check_images},
      {"unused-data", "every definition, model and workshop is shown somewhere",
       check_unused_data},
      {"missing-chapters", "a chapter of the previous version is not dropped silently",
       check_missing_chapters},
      {"duplicate-ids", "ids on a page are unique", check_duplicate_ids},
      {"heading-levels", "headings do not skip a level", check_heading_levels},
      {"unused-terms", "every term of the glossary is used in the chapters",
       check_unused_terms},
  };
  return all;
}

std::size_t linted_version(const model::Content& content) {
  for (std::size_t i = 0; i < content.versions.size(); ++i) {
    if (!content.versions[i].version.frozen) return i;
  }
  return content.versions.empty() ? 0 : content.versions.size() - 1;
}

void run(const Input& input, Findings& findings) {
  if (input.version >= input.content.versions.size()) return;
  for (const auto& rule : rules()) {
    Findings found;
    rule.run(input, found);
    auto items = found.all();
    std::stable_sort(items.begin(), items.end(), before);
    Findings sorted;
    for (auto& d : items) sorted.add(std::move(d));
    findings.append(sorted);
  }
}

std::string to_json(const core::Diagnostics& diags) {
  nlohmann::ordered_json out;
  out["findings"] = nlohmann::ordered_json::array();
  std::array<std::size_t, 3> counts{};
  for (const auto& d : diags.sorted()) {
    const auto severity = static_cast<std::size_t>(d.severity);
    ++counts.at(severity);
    out["findings"].push_back({{"file", d.loc.file},
                               {"line", d.loc.line},
                               {"col", d.loc.col},
                               {"severity", severity == 0   ? "error"
                                            : severity == 1 ? "warning"
                                                            : "note"},
                               {"message", d.message}});
  }
  out["errors"] = counts[0];
  out["warnings"] = counts[1];
  out["notes"] = counts[2];
  return out.dump(2) + "\n";
}

}  // namespace visie::lint
