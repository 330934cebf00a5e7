#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "core/parallel.hpp"
#include "core/sha256.hpp"
#include "core/text.hpp"
#include "publish/chapter_cache.hpp"
#include "publish/changes.hpp"
#include "publish/dispositions.hpp"
#include "publish/publish.hpp"
#include "publish/search.hpp"
#include "publish/sitemap.hpp"
#include "render/citations.hpp"
#include "render/render.hpp"
#include "render/ui.hpp"

namespace visie::publish {

namespace {

using nlohmann::json;

std::string text(const json& strings, const std::string& key) { return render::ui_text(strings, key); }


/// Everything the page layout needs besides the page itself.
struct PageFrame {
  const model::Content& content;
  const model::Templates& templates;
  const json& strings;
  const Options& options;
};

/// The layout data every page of the site shares: language, project, UI
/// strings. A version adds its own (shared_version_data()).
json shared_site_data(const PageFrame& f) {
  const auto& p = f.content.project;
  return {{"lang", p.language},
          {"project", {{"title", p.title},
                       {"subtitle", p.subtitle},
                       {"organisation", p.organisation},
                       {"description", p.description}}},
          {"t", f.strings}};
}

/// `page` in `layouts/page.html`, with `shared` (converted for the
/// templates once per version, not per page) behind it.
std::string layout(const PageFrame& f, const render::SharedData& shared, json page,
                   core::Diagnostics& diags) {
  const auto& p = f.content.project;
  page["has_crumbs"] = page.contains("crumbs") && !page["crumbs"].empty();
  page["has_outline"] = page.contains("outline") && !page["outline"].empty();
  if (!p.base_url.empty() && page.contains("path")) {
    page["canonical"] = p.base_url + page["path"].get<std::string>();
  }
  // cmark-gfm labels a footnote's back-link in English: say it in the
  // page's language.
  if (page.contains("content") && page["content"].is_string()) {
    auto& html = page["content"].get_ref<std::string&>();
    const std::string english = "aria-label=\"Back to content\"";
    const std::string local = "aria-label=\"" + core::escape_html(text(f.strings, "footnote_back")) + "\"";
    for (auto at = html.find(english); at != std::string::npos; at = html.find(english, at + local.size())) {
      html.replace(at, english.size(), local);
    }
  }
  return render::render_template(f.templates, "layouts/page.html", shared, std::move(page), diags);
}

/// A version's sidebar lists every chapter up to this many. A longer one
/// lists a window of chapters around the current page and links to the
/// contents page, which lists them all: the whole list on each of N pages
/// would make a build grow with N² (10,000 chapters, 10 GB of sidebars).
constexpr std::size_t sidebar_full_limit = 100;
/// How many chapters the window shows either side of the current one.
constexpr std::size_t sidebar_reach = 10;

/// Sets the sidebar of `page` from `toc` (the version's `chapters` chapter
/// entries, then its extra pages), with entry `current` (an index into
/// `toc`, if the page is in it) marked. Up to sidebar_full_limit chapters:
/// every entry. Beyond: 2 × sidebar_reach + 1 chapters around the current
/// one (shifted at either end; the first ones on a page that is no
/// chapter) numbered from `toc_start`, every extra entry, and
/// `toc_chapters` for the link to the contents page.
void set_sidebar(json& page, const json& toc, std::size_t chapters,
                 std::optional<std::size_t> current) {
  std::size_t from = 0;
  std::size_t to = chapters;
  if (chapters > sidebar_full_limit) {
    const std::size_t width = 2 * sidebar_reach + 1;
    if (current && *current < chapters) {
      from = std::min(*current - std::min(*current, sidebar_reach), chapters - width);
    }
    to = from + width;
    page["toc_start"] = from + 1;
    page["toc_chapters"] = chapters;
  }
  auto& entries = page["toc"] = json::array();
  for (std::size_t i = 0; i < toc.size(); ++i) {
    if (i < chapters && (i < from || i >= to)) continue;
    entries.push_back(toc[i]);
    if (current == i) entries.back()["current"] = true;
  }
}

/// `page` (whose id attributes are `ids`) with every repeated id renamed
/// "<id>-2", "<id>-3", … (two components on a page may name parts alike):
/// ids must be unique in a document, and the first one keeps the name that
/// links point to. Each renamed attribute is spliced in at its offset.
/// Nothing when no id repeats.
std::optional<std::string> unique_ids(const std::string& page,
                                      const std::vector<render::AttributeSpot>& ids) {
  std::set<std::string> seen;
  std::vector<std::pair<const render::AttributeSpot*, std::string>> renames;
  for (const auto& id : ids) {
    if (seen.insert(id.value).second) continue;
    for (int n = 2;; ++n) {
      auto renamed = id.value + "-" + std::to_string(n);
      if (page.find("id=\"" + renamed + "\"") == std::string::npos && seen.insert(renamed).second) {
        renames.emplace_back(&id, std::move(renamed));
        break;
      }
    }
  }
  if (renames.empty()) return std::nullopt;
  std::string out;
  out.reserve(page.size() + renames.size() * 8);
  std::size_t pos = 0;
  for (const auto& [spot, renamed] : renames) {
    out.append(page, pos, spot->offset - pos);
    out += "id=\"" + core::escape_html(renamed) + "\"";
    pos = spot->offset + spot->size;
  }
  out.append(page, pos, std::string::npos);
  return out;
}

/// The in-page contents of a long chapter: its sections' headings, when
/// there are at least three at the top level; empty otherwise.
json outline(const std::vector<search::Section>& parts) {
  json items = json::array();
  for (const auto& s : parts) {
    if (s.level < 2 || s.heading.empty()) continue;
    const auto hash = s.href.find('#');
    items.push_back({{"title", s.heading}, {"href", s.href.substr(hash)}, {"sub", s.level == 3}});
  }
  const auto top = std::count_if(items.begin(), items.end(),
                                 [](const json& item) { return !item["sub"].get<bool>(); });
  return top >= 3 ? items : json::array();
}

/// The newest published (frozen) version, or the last one when none is.
std::size_t latest_index(const model::Content& content) {
  for (std::size_t i = content.versions.size(); i-- > 0;) {
    if (content.versions[i].version.frozen) return i;
  }
  return content.versions.empty() ? 0 : content.versions.size() - 1;
}

/// Renders every chapter of version `index`.
std::vector<render::RenderedChapter> render_version(const PageFrame& f, std::size_t index,
                                                    core::Diagnostics& diags) {
  const auto& vc = f.content.versions[index];
  const auto format = f.content.project.citation_style;
  std::optional<render::CitationStyle> citations;
  citations.emplace(vc.data.references, f.strings, format);
  const render::Context ctx{f.content.project, vc,       f.content.versions,
                            f.templates,       f.strings, &*citations};
  // Chapters render independently, on all cores; each has its own
  // diagnostics, merged in chapter order so the report is deterministic.
  std::vector<render::RenderedChapter> chapters(vc.chapters.size());
  std::vector<core::Diagnostics> found(vc.chapters.size());
  // `visie serve` keeps the chapters whose inputs did not change.
  auto* cached = f.options.chapter_cache != nullptr
                     ? &f.options.chapter_cache->version(f.content, f.templates, vc)
                     : nullptr;
  core::parallel_for(vc.chapters.size(), [&](std::size_t i) {
    const auto& chapter = vc.chapters[i];
    const int number = static_cast<int>(i + 1);
    if (cached != nullptr && cached->find(chapter, number, chapters[i], found[i])) return;
    chapters[i] = render::render_chapter(ctx, chapter, number, found[i]);
    if (cached != nullptr) cached->store(chapter, number, chapters[i], found[i]);
  });
  // Vancouver numbers the works in the order of their first citation,
  // known once every chapter is rendered: the chapters are rendered again
  // with those numbers (and not taken from the cache, whose chapters may
  // hold other numbers).
  if (format == model::CitationFormat::vancouver) {
    citations.emplace(vc.data.references, f.strings, format, render::cited_order(chapters));
    core::parallel_for(vc.chapters.size(), [&](std::size_t i) {
      found[i] = {};
      chapters[i] = render::render_chapter(ctx, vc.chapters[i], static_cast<int>(i + 1), found[i]);
    });
  }
  for (const auto& d : found) diags.append(d);
  render::link_chapters(ctx, chapters, diags);
  return chapters;
}

/// A page a version has besides its chapters: the literature, the
/// glossary, the disposition of comments.
struct ExtraPage {
  std::string kind;   // "references", "glossary", "comments": its print appendix
  std::string file;   // "begrippenlijst.html"
  std::string title;
  std::string html;   // the page body, without its <h1>
};

/// The literature (when the version lists any work), the glossary (when it
/// has terms), which term links and citations point to, and how it handled
/// the comments on the version before it (when there were any).
std::vector<ExtraPage> extra_pages(const PageFrame& f, std::size_t index,
                                   const std::vector<std::vector<render::RenderedChapter>>& rendered,
                                   const std::optional<Changes>& changes, core::Diagnostics& diags) {
  const auto& vc = f.content.versions[index];
  const auto& chapters = rendered[index];
  // The glossary names sources as the chapters cite them (Vancouver: by
  // the numbers of their first citations).
  const render::CitationStyle citations(vc.data.references, f.strings,
                                        f.content.project.citation_style,
                                        render::cited_order(chapters));
  const render::Context ctx{f.content.project, vc,       f.content.versions,
                            f.templates,       f.strings, &citations};
  std::vector<ExtraPage> pages;
  const auto intro = [&](const char* key) {
    return "<p class=\"intro\">" + core::escape_html(text(f.strings, key)) + "</p>\n";
  };
  const auto refs = render::listed_references(ctx, chapters);
  if (!refs.empty()) {
    pages.push_back({"references", std::string(render::references_page),
                     text(f.strings, "references_page"),
                     intro("references_intro") + render::render_reference_list(ctx, refs, diags)});
  }
  if (!vc.data.terms.empty()) {
    pages.push_back({"glossary", std::string(render::glossary_page),
                     text(f.strings, "glossary_page"),
                     intro("glossary_intro") + render::render_component(ctx, "glossary", diags)});
  }
  const auto commented = [](const model::VersionContent& v) {
    return std::any_of(v.reviews.begin(), v.reviews.end(),
                       [](const auto& r) { return !r.comments.empty(); });
  };
  if (changes && commented(f.content.versions[index - 1])) {
    const ReviewedPair pair{f.content.versions[index - 1], rendered[index - 1], vc, chapters,
                            *changes};
    pages.push_back({"comments", std::string(dispositions_page), text(f.strings, "comments_page"),
                     render_dispositions(pair, f.templates, f.strings, diags)});
  }
  return pages;
}

/// The print edition of version `index` (`print.html`): every chapter in
/// one document, then the literature, the glossary and the disposition of
/// comments (when the version has them) and the changes since the previous
/// version (`changes_html`, the body of its changes page; empty for the first).
std::string print_edition(const PageFrame& f, std::size_t index,
                          const std::vector<render::RenderedChapter>& chapters,
                          const std::vector<ExtraPage>& extras, std::string changes_html,
                          core::Diagnostics& diags) {
  const auto& v = f.content.versions[index].version;
  PrintEdition edition{f.content.project, v, {}, {}};
  for (const auto& c : chapters) edition.chapters.push_back({c.id, c.title, c.html});
  for (const auto& e : extras) {
    edition.appendices.push_back({e.kind, text(f.strings, "print_" + e.kind), e.html,
                                  e.file.substr(0, e.file.size() - 5)});
  }
  if (index > 0) {
    // The appendix has its own title; the page's <h1> would repeat it.
    const auto end = changes_html.find("</h1>");
    if (changes_html.starts_with("<h1>") && end != std::string::npos) changes_html.erase(0, end + 5);
    edition.appendices.push_back({"changes",
                                  text(f.strings, "changes_since") + " " +
                                      f.content.versions[index - 1].version.label,
                                  std::move(changes_html)});
  }
  return render_print(edition, f.templates, f.strings, diags);
}

/// Writes the pages of version `index` (contents, chapters, changes) and
/// its own copy of the assets into `site`. Everything a version's pages
/// link to lies inside `<id>/`, except `../versions.js` and `../index.html`,
/// so that a frozen version's files never need to change.
void publish_version(const PageFrame& f, std::size_t index,
                     const std::vector<std::vector<render::RenderedChapter>>& rendered,
                     const FileSink* sink, SiteTree& site, core::Diagnostics& diags) {
  // Each file goes to `sink`, when there is one, the moment it is made;
  // `site` then keeps its path only.
  const auto put = [&](const std::string& path, std::string bytes) {
    if (sink != nullptr) {
      (*sink)(path, bytes);
      bytes.clear();
    }
    site[path] = std::move(bytes);
  };
  const auto& vc = f.content.versions[index];
  const auto& v = vc.version;
  const auto& chapters = rendered[index];
  // What changed since the previous version, compared once: its page, the
  // print edition's appendix and the disposition page's links share it.
  std::optional<Changes> changes;
  std::string changes_html;
  if (index > 0) {
    const auto& before = f.content.versions[index - 1];
    changes = compare_versions(before, rendered[index - 1], vc, chapters);
    changes_html = render_changes(*changes, before.version, v, f.templates, f.strings, diags);
  }
  const auto extras = extra_pages(f, index, rendered, changes, diags);

  json toc = json::array();
  for (const auto& c : chapters) toc.push_back({{"title", c.title}, {"href", c.id + ".html"}});
  for (const auto& e : extras) toc.push_back({{"title", e.title}, {"href", e.file}, {"extra", true}});

  // What every page of the version shares, converted for the templates
  // once; each page adds its own data (and its sidebar) in front of it.
  const auto version = version_json(v, f.strings);
  auto shared = shared_site_data(f);
  shared["root"] = "../";
  shared["has_version"] = true;
  shared["version"] = version;
  shared["has_changes"] = index > 0;
  shared["search_root"] = "";
  const render::SharedData frame(shared);

  {
    json page;
    page["title"] = v.label;
    page["is_version_index"] = true;  // the <title> names the version once
    page["page_file"] = "index.html";
    page["path"] = v.id + "/index.html";
    page["crumbs"] = json::array({{{"title", f.content.project.title}, {"href", "../index.html"}}});
    set_sidebar(page, toc, chapters.size(), std::nullopt);
    json body{{"version", version},
              {"toc", toc},
              {"has_changes", index > 0},
              {"t", f.strings}};
    if (index > 0) body["previous"] = f.content.versions[index - 1].version.label;
    page["content"] = render::render_template(f.templates, "layouts/contents.html", body, diags);
    put(v.id + "/index.html", layout(f, frame, std::move(page), diags));
  }

  // The search sections and outline of every chapter first (its page
  // needs the outline, the index every section), then the search index,
  // the print edition and the chapter pages, one after the other, each on
  // all cores. Results are stored by index and merged in a fixed order.
  std::vector<std::vector<search::Section>> chapter_sections(chapters.size());
  std::vector<json> outlines(chapters.size());
  std::vector<std::optional<std::string>> renamed(chapters.size());  // unique_ids()
  core::parallel_for(chapters.size(), [&](std::size_t i) {
    const auto& c = chapters[i];
    chapter_sections[i] = search::sections(c);
    outlines[i] = outline(chapter_sections[i]);
    renamed[i] = unique_ids(c.html, c.ids);
  });
  std::vector<search::Section> sections;
  for (auto& parts : chapter_sections) {
    sections.insert(sections.end(), std::make_move_iterator(parts.begin()),
                    std::make_move_iterator(parts.end()));
  }
  // The literature and the glossary are searched too (each one section, or
  // one per heading); how comments were handled is not part of the text.
  for (const auto& e : extras) {
    if (e.kind == "comments") continue;
    auto parts = search::sections(e.title, e.file, render::index_fragment(e.html).sections);
    sections.insert(sections.end(), std::make_move_iterator(parts.begin()),
                    std::make_move_iterator(parts.end()));
  }
  auto search_files = search::build_index(sections, {f.content.project.language});
  core::Diagnostics print_diags;
  auto print = print_edition(f, index, chapters, extras, changes_html, print_diags);

  std::vector<std::string> pages(chapters.size());
  std::vector<core::Diagnostics> found(chapters.size());
  core::parallel_for(chapters.size(), [&](std::size_t i) {
    const auto& c = chapters[i];
    json page;
    page["title"] = c.title;
    page["page_file"] = c.id + ".html";
    page["path"] = v.id + "/" + c.id + ".html";
    page["chapter"] = c.id;
    set_sidebar(page, toc, chapters.size(), i);
    page["crumbs"] = json::array({{{"title", f.content.project.title}, {"href", "../index.html"}},
                                  {{"title", v.label}, {"href", "index.html"}}});
    page["outline"] = std::move(outlines[i]);
    page["h1"] = c.title;
    page["content"] = renamed[i] ? std::move(*renamed[i]) : c.html;
    if (i > 0) page["prev"] = {{"title", chapters[i - 1].title}, {"href", chapters[i - 1].id + ".html"}};
    if (i + 1 < chapters.size()) {
      page["next"] = {{"title", chapters[i + 1].title}, {"href", chapters[i + 1].id + ".html"}};
    }
    pages[i] = layout(f, frame, std::move(page), found[i]);
    if (sink != nullptr) {
      (*sink)(v.id + "/" + c.id + ".html", pages[i]);
      std::string().swap(pages[i]);
    }
  });
  for (std::size_t i = 0; i < chapters.size(); ++i) {
    diags.append(found[i]);
    site[v.id + "/" + chapters[i].id + ".html"] = std::move(pages[i]);
  }

  for (std::size_t i = 0; i < extras.size(); ++i) {
    const auto& e = extras[i];
    json page;
    page["title"] = e.title;
    page["page_file"] = e.file;
    page["path"] = v.id + "/" + e.file;
    set_sidebar(page, toc, chapters.size(), chapters.size() + i);
    page["crumbs"] = json::array({{{"title", f.content.project.title}, {"href", "../index.html"}},
                                  {{"title", v.label}, {"href", "index.html"}}});
    page["h1"] = e.title;
    page["content"] = e.html;
    put(v.id + "/" + e.file, layout(f, frame, std::move(page), diags));
  }

  if (index > 0) {
    json page;
    page["title"] = text(f.strings, "changes");
    page["page_file"] = "changes.html";
    page["path"] = v.id + "/changes.html";
    set_sidebar(page, toc, chapters.size(), std::nullopt);
    page["crumbs"] = json::array({{{"title", f.content.project.title}, {"href", "../index.html"}},
                                  {{"title", v.label}, {"href", "index.html"}}});
    page["content"] = std::move(changes_html);
    put(v.id + "/changes.html", layout(f, frame, std::move(page), diags));
  }

  diags.append(print_diags);
  put(v.id + "/print.html", std::move(print));
  if (sink != nullptr) {
    std::vector<std::pair<const std::string, std::string>*> files;
    files.reserve(search_files.size());
    for (auto& file : search_files) files.push_back(&file);
    core::parallel_for(files.size(), [&](std::size_t i) {
      (*sink)(v.id + "/" + files[i]->first, files[i]->second);
      std::string().swap(files[i]->second);
    });
  }
  for (auto& [path, bytes] : search_files) site[v.id + "/" + path] = std::move(bytes);
  for (const auto& [name, file] : f.templates.files) {
    if (name.starts_with("assets/")) put(v.id + "/" + name, file.text);
  }
}

/// Replaces the output of each frozen version with the bytes it published,
/// unless it is being refrozen; reports which files the generator would
/// now write differently.
void keep_published(const model::Content& content, const Options& options, Site& out) {
  for (const auto& vc : content.versions) {
    if (!vc.version.frozen || !vc.lock) continue;
    const auto& id = vc.version.id;
    if ((options.reuse_frozen || options.known_clean.contains(id)) &&
        !options.refreeze.contains(id)) {
      for (const auto& [path, bytes] : vc.published) out.files[id + "/" + path] = bytes;
      continue;
    }
    const auto fresh = version_files(out.files, id);
    std::vector<std::string> differ;
    for (const auto& [path, bytes] : fresh) {
      const auto it = vc.lock->outputs.find(path);
      if (it == vc.lock->outputs.end() || it->second != core::sha256_hex(bytes)) {
        differ.push_back(path);
      }
    }
    for (const auto& [path, hash] : vc.lock->outputs) {
      if (!fresh.contains(path)) differ.push_back(path);
    }
    if (differ.empty()) continue;
    std::sort(differ.begin(), differ.end());
    out.drifted[id] = differ;
    if (options.refreeze.contains(id)) continue;
    const auto prefix = id + "/";
    for (auto it = out.files.lower_bound(prefix);
         it != out.files.end() && it->first.starts_with(prefix);) {
      it = out.files.erase(it);
    }
    for (const auto& [path, bytes] : vc.published) out.files[prefix + path] = bytes;
  }
}

}  // namespace

json version_json(const model::Version& v, const json& strings) {
  const std::string status(model::to_string(v.status));
  return {{"id", v.id},
          {"label", v.label},
          {"period", v.period},
          {"date", v.date},
          {"milestone", v.milestone},
          {"inputs", v.inputs},
          {"has_inputs", !v.inputs.empty()},
          {"status", status},
          {"status_label", text(strings, std::string(model::label_key(v.status)))},
          {"is_concept", v.status == model::Status::concept_},
          {"is_final", v.status == model::Status::final}};
}

std::optional<VersionDiff> diff_versions(const model::Content& content,
                                         const model::Templates& templates,
                                         const std::string& before_id,
                                         const std::string& after_id, core::Diagnostics& diags) {
  const auto strings = render::ui_strings(templates, content.project.language, diags);
  const Options options;
  const PageFrame frame{content, templates, strings, options};
  std::optional<std::size_t> a;
  std::optional<std::size_t> b;
  for (std::size_t i = 0; i < content.versions.size(); ++i) {
    if (content.versions[i].version.id == before_id) a = i;
    if (content.versions[i].version.id == after_id) b = i;
  }
  for (const auto& [id, found] : {std::pair{before_id, a}, std::pair{after_id, b}}) {
    if (!found) diags.error({}, "there is no version \"" + id + "\" in versions.json");
  }
  if (!a || !b) return std::nullopt;
  const auto before = render_version(frame, *a, diags);
  const auto after = render_version(frame, *b, diags);
  if (diags.has_errors()) return std::nullopt;
  return VersionDiff{compare_versions(content.versions[*a], before, content.versions[*b], after),
                     strings};
}

model::FileMap version_files(const SiteTree& site, const std::string& id) {
  model::FileMap files;
  const auto prefix = id + "/";
  for (auto it = site.lower_bound(prefix); it != site.end() && it->first.starts_with(prefix); ++it) {
    files[it->first.substr(prefix.size())] = it->second;
  }
  return files;
}

std::string lock_json(const std::string& id, const model::FileMap& inputs,
                      const model::FileMap& outputs) {
  json lock{{"version", id}, {"generator", generator_name}};
  lock["inputs"] = json::object();
  lock["outputs"] = json::object();
  for (const auto& [path, bytes] : inputs) lock["inputs"][path] = core::sha256_hex(bytes);
  for (const auto& [path, bytes] : outputs) lock["outputs"][path] = core::sha256_hex(bytes);
  return lock.dump(2) + "\n";
}

Site build_site(const model::Content& content, const model::Templates& templates,
                const Options& options, core::Diagnostics& diags) {
  Site out;
  auto& site = out.files;
  const auto strings = render::ui_strings(templates, content.project.language, diags);
  const PageFrame frame{content, templates, strings, options};

  // Versions render and publish on all cores (their chapters and pages too,
  // when there are fewer versions than cores); results and diagnostics are
  // merged in version order, so the output does not depend on scheduling.
  // `visie serve` reuses what frozen versions published instead of
  // rendering them, except the one before a version that is rendered (its
  // changes page compares with it).
  const std::size_t n = content.versions.size();
  const auto reused = [&](std::size_t i) {
    const auto& vc = content.versions[i];
    return (options.reuse_frozen || options.known_clean.contains(vc.version.id)) &&
           vc.version.frozen && vc.lock && !options.refreeze.contains(vc.version.id);
  };
  std::vector<std::vector<render::RenderedChapter>> rendered(n);
  std::vector<core::Diagnostics> found(n);
  core::parallel_for(n, [&](std::size_t i) {
    const bool needed = !reused(i) || (i + 1 < n && !reused(i + 1)) ||
                        options.blocks_of.contains(content.versions[i].version.id);
    if (needed) rendered[i] = render_version(frame, i, found[i]);
  });
  for (std::size_t i = 0; i < n; ++i) {
    diags.append(found[i]);
    auto& uses = out.term_uses[content.versions[i].version.id];
    for (const auto& t : content.versions[i].data.terms) uses[t.id] = 0;
    for (const auto& c : rendered[i]) {
      for (const auto& [id, count] : c.term_uses) uses[id] += count;
    }
    if (!options.blocks_of.contains(content.versions[i].version.id)) continue;
    auto& blocks = out.blocks[content.versions[i].version.id];
    for (const auto& c : rendered[i]) {
      auto& ids = blocks[c.id];
      for (const auto& a : c.anchors) {
        if (a.placed) ids.push_back(a.id);
      }
    }
  }
  std::vector<SiteTree> trees(n);
  std::vector<core::Diagnostics> published(n);
  // Frozen versions are compared with what they published (keep_published),
  // so only the others can go to the stream.
  const auto streamed = [&](std::size_t i) {
    return options.stream && !(content.versions[i].version.frozen && content.versions[i].lock);
  };
  core::parallel_for(n, [&](std::size_t i) {
    if (reused(i)) return;
    publish_version(frame, i, rendered, streamed(i) ? &options.stream : nullptr, trees[i],
                    published[i]);
  });
  for (std::size_t i = 0; i < n; ++i) {
    if (reused(i) || !streamed(i)) continue;
    for (const auto& [path, bytes] : trees[i]) out.streamed.insert(out.streamed.end(), path);
  }
  for (std::size_t i = 0; i < n; ++i) {
    diags.append(published[i]);
    site.merge(trees[i]);
  }
  keep_published(content, options, out);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& vc = content.versions[i];
    if (vc.version.frozen && vc.lock && !reused(i) && !out.drifted.contains(vc.version.id) &&
        found[i].all().empty() && published[i].all().empty()) {
      out.clean.insert(vc.version.id);
    }
  }

  const std::size_t latest = latest_index(content);
  // The landing page: the newest published version first, then the whole
  // process with every step linked to its version.
  if (!content.versions.empty()) {
    const auto& newest = content.versions[latest];
    json toc = json::array();
    for (const auto& c : newest.chapters) {
      toc.push_back({{"title", c.title}, {"href", newest.version.id + "/" + c.id + ".html"}});
    }
    json timeline = json::array();
    json versions = json::array();
    for (const auto& vc : content.versions) {
      auto v = version_json(vc.version, strings);
      v["href"] = vc.version.id + "/index.html";
      timeline.push_back(v);
      versions.push_back({{"label", vc.version.label},
                          {"period", vc.version.period},
                          {"href", vc.version.id + "/index.html"}});
    }
    json body{{"newest", version_json(newest.version, strings)},
              {"newest_href", newest.version.id + "/index.html"},
              {"toc", toc},
              {"timeline", timeline},
              {"project", {{"title", content.project.title},
                           {"subtitle", content.project.subtitle},
                           {"description", content.project.description},
                           {"about", content.project.about},
                           {"organisation", content.project.organisation}}},
              {"t", strings}};
    const render::SharedData shared(shared_site_data(frame));
    json page;
    page["root"] = "";
    page["title"] = content.project.title;
    page["is_landing"] = true;
    page["is_home"] = true;  // the <title> is the project's, once
    page["path"] = "index.html";
    page["search_root"] = newest.version.id + "/";
    page["versions"] = versions;
    page["content"] = render::render_template(templates, "layouts/landing.html", body, diags);
    site["index.html"] = layout(frame, shared, std::move(page), diags);

    // A static host serves 404.html for any missing address, at any depth:
    // with a base URL its links are absolute through <base>.
    json missing;
    missing["root"] = "";
    missing["title"] = text(strings, "not_found");
    // Without a base URL, a script in the page finds the site's root.
    missing["find_root"] = content.project.base_url.empty();
    missing["is_landing"] = true;
    missing["search_root"] = newest.version.id + "/";
    missing["versions"] = versions;
    missing["base"] = content.project.base_url;
    missing["content"] = render::render_template(templates, "layouts/404.html",
                                                 {{"t", strings}, {"newest_href", newest.version.id + "/index.html"},
                                                  {"newest", version_json(newest.version, strings)}},
                                                 diags);
    site["404.html"] = layout(frame, shared, std::move(missing), diags);
  }

  // versions.json for tools, versions.js for the pages' switcher (a script
  // rather than a fetch, so that it also works from file://).
  json versions = json::array();
  for (const auto& vc : content.versions) {
    const auto& v = vc.version;
    json pages = json::array();
    const auto prefix = v.id + "/";
    for (auto it = site.lower_bound(prefix); it != site.end() && it->first.starts_with(prefix);
         ++it) {
      const auto path = std::string_view(it->first).substr(prefix.size());
      if (path.ends_with(".html") && path.find('/') == std::string_view::npos) {
        pages.push_back(std::string(path));
      }
    }
    versions.push_back({{"id", v.id},
                        {"label", v.label},
                        {"period", v.period},
                        {"date", v.date},
                        {"status", model::to_string(v.status)},
                        {"frozen", v.frozen},
                        {"url", v.id + "/index.html"},
                        {"pdf", options.pdf_links ? pdf_file_name(content.project, v) : ""},
                        {"pages", pages}});
  }
  json index{{"latest", content.versions.empty() ? "" : content.versions[latest].version.id},
             {"versions", versions}};
  site["versions.json"] = index.dump(2) + "\n";
  site["versions.js"] = "window.visieVersions = " + index.dump() + ";\n";

  for (const auto& [name, file] : templates.files) {
    if (name.starts_with("assets/")) site[name] = file.text;
  }
  if (!content.project.base_url.empty()) {
    site["sitemap.xml"] = sitemap_xml(site, content.project.base_url);
  }
  return out;
}

}  // namespace visie::publish
