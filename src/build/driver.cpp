// The build driver: runs the stages in their order (load, validate, render
// per chapter, link per version, publish page by page, emit as pages are
// made) and keeps all reuse around them.
#include <algorithm>
#include <optional>

#include "build/build.hpp"
#include "build/detail/driver.hpp"
#include "build/detail/chapter_cache.hpp"
#include "build/detail/frozen_cache.hpp"
#include "build/detail/snapshot_cache.hpp"
#include "core/parallel.hpp"
#include "core/sha256.hpp"
#include "emit/emit.hpp"
#include "lint/lint.hpp"
#include "load/load.hpp"
#include "model/model.hpp"
#include "render/citations.hpp"
#include "render/render.hpp"
#include "render/ui.hpp"
#include "render/word.hpp"

namespace visie::build {

/// What `visie serve` keeps from one build to the next, so that a rebuild
/// after an edit reads, checks and renders only what changed: the frozen
/// versions as loaded (and whether their snapshots matched their locks) and
/// the rendered chapters.
struct Session::Caches {
  SnapshotCache snapshots;
  ChapterCache chapters;
};

const model::VersionContent* find_version(const model::Content& content, const std::string& id) {
  for (const auto& vc : content.versions) {
    if (vc.version.id == id) return &vc;
  }
  return nullptr;
}

namespace {

void stage(const Options& options, const char* name) {
  if (options.on_stage) options.on_stage(name);
}

}  // namespace

std::string command_line(const Options& options, const std::string& subcommand) {
  return options.command ? options.command(subcommand) : "visie " + subcommand;
}

namespace {

/// The frozen versions of `content` that were loaded from `cache` and whose
/// snapshots match their locks (checked here once, when first loaded): the
/// validation need not hash them again. A snapshot that does not match is
/// forgotten, so that it is read and checked in full every time.
std::set<std::string> verified_snapshots(const model::Content& content,
                                         SnapshotCache& cache) {
  std::set<std::string> verified;
  for (const auto& vc : content.versions) {
    const auto entry = cache.entries.find(vc.version.id);
    if (!vc.version.frozen || entry == cache.entries.end()) continue;
    if (!entry->second.verified) {
      core::Diagnostics found;
      model::validate_snapshot(vc, found);
      if (!found.all().empty()) {
        cache.entries.erase(entry);
        continue;
      }
      entry->second.verified = true;
    }
    verified.insert(vc.version.id);
  }
  return verified;
}

/// The content and templates as loaded and validated.
struct Loaded {
  model::Templates templates;
  model::Content content;
};

/// Load and validate. Nothing when either failed: rendering after load
/// errors would only repeat them as dangling references; the author fixes
/// the data first.
std::optional<Loaded> load_and_validate(const Options& options, Session::Caches* caches,
                                        core::Diagnostics& diags) {
  stage(options, "load");
  auto templates = load::load_templates(options.templates, diags);
  auto content = caches != nullptr ? caches->snapshots.load(options.content, diags)
                                   : load::load_content(options.content, diags);
  if (!content) return std::nullopt;
  stage(options, "validate");
  if (caches != nullptr) {
    model::validate(*content, diags, verified_snapshots(*content, caches->snapshots));
  } else {
    model::validate(*content, diags);
  }
  for (const auto& id : options.refreeze) {
    const auto* vc = find_version(*content, id);
    if (vc == nullptr || !vc->version.frozen) {
      diags.error({}, "--refreeze " + id + ": there is no frozen version \"" + id + "\"");
    }
  }
  if (diags.has_errors()) return std::nullopt;
  return Loaded{std::move(templates), std::move(*content)};
}

/// Renders every chapter of version `index` (on all cores; reusing the
/// chapters of `cache` whose inputs did not change) and links them. A
/// Vancouver version renders its chapters twice (see below).
std::vector<render::RenderedChapter> render_version(const publish::SiteInput& site,
                                                    std::size_t index, ChapterCache* cache,
                                                    core::Diagnostics& diags) {
  const auto& vc = site.content.versions[index];
  const auto format = site.content.project.citation_style;
  std::optional<render::CitationStyle> citations;
  citations.emplace(vc.data.references, site.strings, format);
  const render::Context ctx{site.content.project, vc,           site.content.versions,
                            site.templates,       site.strings, &*citations};
  // Each chapter has its own diagnostics, merged in chapter order so the
  // report is deterministic.
  std::vector<render::RenderedChapter> chapters(vc.chapters.size());
  std::vector<core::Diagnostics> found(vc.chapters.size());
  auto* cached = cache != nullptr ? &cache->version(site.content, site.templates, vc) : nullptr;
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
    citations.emplace(vc.data.references, site.strings, format, render::cited_order(chapters));
    core::parallel_for(vc.chapters.size(), [&](std::size_t i) {
      found[i] = {};
      chapters[i] = render::render_chapter(ctx, vc.chapters[i], static_cast<int>(i + 1), found[i]);
    });
  }
  for (const auto& d : found) diags.append(d);
  render::link_chapters(ctx, chapters, diags);
  return chapters;
}

/// Publishes version `index` page by page: each page goes to `writer`, when
/// there is one, the moment it is made (`tree` then keeps its path only),
/// else into `tree`. Diagnostics come in the order of the pages.
void publish_version(const publish::SiteInput& site, std::size_t index,
                     const std::vector<std::vector<render::RenderedChapter>>& rendered,
                     emit::SiteWriter* writer, publish::SiteTree& tree, core::Diagnostics& diags) {
  // Hands `page` on; leaves its bytes empty when it went to the writer.
  const auto hand_on = [writer](publish::Page& page) {
    if (writer == nullptr) return;
    writer->put(page.path, page.bytes);
    std::string().swap(page.bytes);
  };
  const auto put = [&](publish::Page page) {
    hand_on(page);
    tree[std::move(page.path)] = std::move(page.bytes);
  };
  const publish::VersionPages pages(site, index, rendered[index],
                                    index > 0 ? &rendered[index - 1] : nullptr, diags);
  put(pages.contents(diags));

  // The chapter pages on all cores, stored by index and merged in order.
  const auto n = pages.chapter_count();
  std::vector<publish::Page> chapter_pages(n);
  std::vector<std::vector<publish::search::Section>> sections(n);
  std::vector<core::Diagnostics> found(n);
  core::parallel_for(n, [&](std::size_t i) {
    auto chapter = pages.chapter(i, found[i]);
    hand_on(chapter.page);
    chapter_pages[i] = std::move(chapter.page);
    sections[i] = std::move(chapter.sections);
  });
  for (std::size_t i = 0; i < n; ++i) {
    diags.append(found[i]);
    tree[std::move(chapter_pages[i].path)] = std::move(chapter_pages[i].bytes);
  }
  for (std::size_t i = 0; i < pages.extra_count(); ++i) put(pages.extra(i, diags));
  if (auto changes = pages.changes(diags)) put(std::move(*changes));
  put(pages.print(diags));

  std::vector<publish::search::Section> all;
  for (auto& parts : sections) {
    all.insert(all.end(), std::make_move_iterator(parts.begin()),
               std::make_move_iterator(parts.end()));
  }
  auto index_files = pages.search_index(std::move(all));
  core::parallel_for(index_files.size(), [&](std::size_t i) { hand_on(index_files[i]); });
  for (auto& file : index_files) tree[std::move(file.path)] = std::move(file.bytes);
  for (auto& asset : pages.assets()) put(std::move(asset));
}

/// Replaces the output of each frozen version with the bytes it published,
/// unless it is being refrozen; reports which files the generator would
/// now write differently.
void keep_published(const model::Content& content, const Options& options,
                    const std::set<std::string>& known_clean, Site& out) {
  for (const auto& vc : content.versions) {
    if (!vc.version.frozen || !vc.lock) continue;
    const auto& id = vc.version.id;
    if (known_clean.contains(id) && !options.refreeze.contains(id)) {
      for (const auto& [path, bytes] : vc.published) out.files[id + "/" + path] = bytes;
      continue;
    }
    const auto fresh = publish::version_files(out.files, id);
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

/// render_site(), with the chapters of `chapter_cache` (serve) reused.
Site make_site(const model::Content& content, const model::Templates& templates,
               const Options& options, const std::set<std::string>& known_clean,
               ChapterCache* chapter_cache, core::Diagnostics& diags) {
  Site out;
  auto& site = out.files;
  const auto strings = render::ui_strings(templates, content.project.language, diags);
  const publish::SiteInput input{content, templates, strings};

  // Versions render and publish on all cores (their chapters and pages too,
  // when there are fewer versions than cores); results and diagnostics are
  // merged in version order, so the output does not depend on scheduling.
  // A frozen version known to render what it published is not rendered,
  // except the one before a version that is (its changes page compares
  // with it) and one whose blocks are asked for.
  const std::size_t n = content.versions.size();
  const auto reused = [&](std::size_t i) {
    const auto& vc = content.versions[i];
    return known_clean.contains(vc.version.id) && vc.version.frozen && vc.lock &&
           !options.refreeze.contains(vc.version.id);
  };
  std::vector<std::vector<render::RenderedChapter>> rendered(n);
  std::vector<core::Diagnostics> found(n);
  core::parallel_for(n, [&](std::size_t i) {
    const bool needed = !reused(i) || (i + 1 < n && !reused(i + 1)) ||
                        options.blocks_of.contains(content.versions[i].version.id);
    if (needed) rendered[i] = render_version(input, i, chapter_cache, found[i]);
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
    auto& block_texts = out.block_texts[content.versions[i].version.id];
    for (const auto& c : rendered[i]) {
      auto& ids = blocks[c.id];
      auto& texts = block_texts[c.id];
      for (const auto& a : c.anchors) {
        if (!a.placed) continue;
        ids.push_back(a.id);
        texts.push_back(a.text);
      }
    }
  }
  std::vector<publish::SiteTree> trees(n);
  std::vector<core::Diagnostics> published(n);
  // Frozen versions are compared with what they published (keep_published),
  // so only the others can go to the writer.
  const auto writer_of = [&](std::size_t i) {
    const auto& vc = content.versions[i];
    return vc.version.frozen && vc.lock ? nullptr : options.writer;
  };
  core::parallel_for(n, [&](std::size_t i) {
    if (reused(i)) return;
    publish_version(input, i, rendered, writer_of(i), trees[i], published[i]);
  });
  for (std::size_t i = 0; i < n; ++i) {
    if (reused(i) || writer_of(i) == nullptr) continue;
    for (const auto& [path, bytes] : trees[i]) out.streamed.insert(out.streamed.end(), path);
  }
  for (std::size_t i = 0; i < n; ++i) {
    diags.append(published[i]);
    site.merge(trees[i]);
  }
  keep_published(content, options, known_clean, out);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& vc = content.versions[i];
    if (vc.version.frozen && vc.lock && !reused(i) && !out.drifted.contains(vc.version.id) &&
        found[i].all().empty() && published[i].all().empty()) {
      out.clean.insert(vc.version.id);
    }
  }

  // The pages at the root, which list every version's pages.
  if (!content.versions.empty()) {
    auto landing = publish::landing_page(input, diags);
    site[landing.path] = std::move(landing.bytes);
    auto missing = publish::not_found_page(input, diags);
    site[missing.path] = std::move(missing.bytes);
  }
  for (auto& page :
       publish::versions_index(content, site, {options.pdf_links, options.docx_links})) {
    site[page.path] = std::move(page.bytes);
  }
  for (auto& page : publish::site_assets(templates)) site[page.path] = std::move(page.bytes);
  if (auto page = publish::sitemap(input, site)) site[page->path] = std::move(page->bytes);
  return out;
}

/// The whole pipeline, with what `caches` (serve) or the frozen-version
/// cache (Options::frozen_cache) let it reuse.
std::optional<Built> run_with(const Options& options, Session::Caches* caches,
                              core::Diagnostics& diags) {
  auto loaded = load_and_validate(options, caches, diags);
  if (!loaded) return std::nullopt;
  auto& [templates, content] = *loaded;
  // Frozen versions whose published bytes are used without rendering them.
  std::set<std::string> known_clean;
  std::optional<FrozenCache> frozen_cache;
  if (caches != nullptr) {
    // Frozen versions never change while the team writes the draft: serve
    // uses their published pages instead of rendering them again.
    for (const auto& vc : content.versions) {
      if (vc.version.frozen && vc.lock) known_clean.insert(vc.version.id);
    }
  } else if (options.frozen_cache) {
    frozen_cache.emplace(*options.frozen_cache, FrozenCache::identity());
    known_clean = frozen_cache->known_clean(content, templates);
  }
  stage(options, "render and publish");
  auto site = make_site(content, templates, options, known_clean,
                        caches != nullptr ? &caches->chapters : nullptr, diags);
  if (diags.has_errors()) return Built{std::move(content), std::move(site)};
  if (frozen_cache) frozen_cache->remember(site.clean);
  // Serve reuses every frozen version: none drifts there.
  for (const auto& [id, paths] : site.drifted) {
    if (options.refreeze.contains(id)) continue;
    std::string list;
    for (std::size_t i = 0; i < paths.size() && i < 5; ++i) list += (i ? ", " : "") + paths[i];
    if (paths.size() > 5) list += ", …";
    const auto command = command_line(options, "build --refreeze " + id);
    diags.warning({find_version(content, id)->folder, 0, 0},
                  "the generator now renders " + std::to_string(paths.size()) +
                      " published file(s) of frozen version \"" + id + "\" differently (" +
                      list + "); the published bytes are kept. Run `" + command +
                      "` to publish the regenerated output.");
  }
  return Built{std::move(content), std::move(site)};
}

}  // namespace

namespace {

/// A missing image, or one that points outside the site, fails the build
/// at its place, as `check`'s "images" rule finds it (before, only `check`
/// saw it and the build published the broken `<img>`). Working versions
/// only: a frozen version's published pages are kept as they are. Only the
/// site's paths are looked at, so streamed pages (empty bytes) do.
void check_images(const Built& built, core::Diagnostics& diags) {
  for (std::size_t v = 0; v < built.content.versions.size(); ++v) {
    if (built.content.versions[v].version.frozen) continue;
    for (const auto& rule : lint::rules()) {
      if (rule.name != "images") continue;
      core::Diagnostics found;
      rule.run({built.content, v, built.site.files, built.site.term_uses}, found);
      for (const auto& d : found.all()) {
        if (d.severity == core::Severity::error) diags.add(d);
      }
    }
  }
}

/// One PDF per version, from its print edition, dated with the version's
/// publication date (or 1970-01-01 when it has none) for byte-identical
/// output.
emit::PdfRendering pdf_jobs(const model::Content& content, const std::filesystem::path& weasyprint) {
  emit::PdfRendering pdfs{weasyprint, {}, {}};
  for (const auto& vc : content.versions) {
    const auto& v = vc.version;
    pdfs.jobs.push_back({v.id + "/print.html", v.id + "/" + publish::pdf_file_name(content.project, v),
                         emit::epoch_of_date(v.date)});
  }
  return pdfs;
}

/// One Word file per version, beside its PDF, from its print edition, dated
/// like the PDF.
emit::DocxRendering docx_jobs(const model::Content& content, const Output::WordTools& tools) {
  emit::DocxRendering docx{tools.pandoc, tools.rsvg_convert, {}, {}};
  for (const auto& vc : content.versions) {
    const auto& v = vc.version;
    docx.jobs.push_back({v.id + "/print.html", v.id + "/" + publish::docx_file_name(content.project, v),
                         emit::epoch_of_date(v.date)});
  }
  docx.convert = [](std::string_view html) {
    auto word = render::print_to_word(html, emit::docx_media);
    emit::DocxSource source{std::move(word.pandoc_json), {}};
    for (auto& d : word.drawings) source.drawings.emplace_back(std::move(d.png), std::move(d.svg));
    return source;
  };
  return docx;
}

}  // namespace

Written write(const Options& options, const Output& output, core::Diagnostics& diags) {
  Written written;
  // The files of working versions are written into the staging folder as
  // they are made. A refused output folder is reported by write_site()
  // below, after the content's own errors.
  core::Diagnostics refused;
  auto writer = emit::SiteWriter::open(output.dir, options.content, refused);
  auto streaming = options;
  streaming.writer = writer.get();
  const auto built = run(streaming, diags);
  if (built && !diags.has_errors()) check_images(*built, diags);
  if (!built || diags.has_errors()) return written;
  std::optional<emit::PdfRendering> pdfs;
  if (output.weasyprint) {
    pdfs = pdf_jobs(built->content, *output.weasyprint);
    // The download links say each PDF's pages and size once they are known.
    pdfs->then = [&done = *built, word = options.docx_links](const publish::PdfSizes& sizes) {
      publish::SiteTree index;
      for (auto& page : publish::versions_index(done.content, done.site.files, {true, word}, sizes)) {
        index[page.path] = std::move(page.bytes);
      }
      return index;
    };
    if (output.on_pdfs) output.on_pdfs(pdfs->jobs.size());
  }
  std::optional<emit::DocxRendering> docx;
  if (output.word) {
    docx = docx_jobs(built->content, *output.word);
    if (output.on_docx) output.on_docx(docx->jobs.size());
  }
  stage(options, pdfs ? "write and render PDFs" : docx ? "write and make Word files" : "write");
  const auto* jobs = pdfs ? &*pdfs : nullptr;
  const auto* word_jobs = docx ? &*docx : nullptr;
  const bool in_place =
      writer ? writer->finish(built->site.files, built->site.streamed, diags, jobs, word_jobs)
             : emit::write_site(built->site.files, output.dir, options.content, diags, jobs, word_jobs);
  if (!in_place) return written;
  written.files = built->site.files.size() + (pdfs ? pdfs->jobs.size() : 0) +
                  (docx ? docx->jobs.size() : 0);
  for (const auto& id : options.refreeze) {
    const auto* vc = find_version(built->content, id);
    const auto outputs = publish::version_files(built->site.files, id);
    if (!emit::write_snapshot(publish::snapshot_files(*vc, outputs), options.content / "versions" / id,
                              /*replace=*/true, diags)) {
      return written;
    }
    written.refrozen.emplace_back(id, outputs.size());
  }
  written.ok = true;
  return written;
}

Site render_site(const model::Content& content, const model::Templates& templates,
                 const Options& options, const std::set<std::string>& reused,
                 core::Diagnostics& diags) {
  return make_site(content, templates, options, reused, nullptr, diags);
}

std::optional<Built> run(const Options& options, core::Diagnostics& diags) {
  return run_with(options, nullptr, diags);
}

std::optional<Diff> diff(const Options& options, const std::string& before_id,
                         const std::string& after_id, core::Diagnostics& diags) {
  const auto loaded = load_and_validate(options, nullptr, diags);
  if (!loaded) return std::nullopt;
  const auto& content = loaded->content;
  const auto strings = render::ui_strings(loaded->templates, content.project.language, diags);
  const publish::SiteInput input{content, loaded->templates, strings};
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
  const auto before = render_version(input, *a, nullptr, diags);
  const auto after = render_version(input, *b, nullptr, diags);
  if (diags.has_errors()) return std::nullopt;
  const auto& older = content.versions[*a];
  const auto& newer = content.versions[*b];
  return Diff{{publish::compare_versions(older, before, newer, after), strings},
              older.version.label,
              newer.version.label};
}

Session::Session(Options options)
    : options_(std::move(options)), caches_(std::make_unique<Caches>()) {}

Session::~Session() = default;

std::optional<Site> Session::rebuild(core::Diagnostics& diags) {
  auto built = run_with(options_, caches_.get(), diags);
  if (!built) return std::nullopt;
  return std::move(built->site);
}

}  // namespace visie::build
