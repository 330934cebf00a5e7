#include "app/app.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <ostream>
#include <set>

#include "app/progress.hpp"
#include "app/review_support.hpp"
#include "core/sha256.hpp"
#include "core/text.hpp"
#include "emit/emit.hpp"
#include "lint/lint.hpp"
#include "load/embedded.hpp"
#include "load/json.hpp"
#include "load/load.hpp"
#include "model/model.hpp"
#include "publish/changes.hpp"
#include "publish/chapter_cache.hpp"
#include "publish/publish.hpp"
#include "review/api.hpp"
#include "review/store.hpp"
#include "serve/serve.hpp"

namespace visie::app {

namespace {

const model::VersionContent* find_version(const model::Content& content, const std::string& id) {
  for (const auto& vc : content.versions) {
    if (vc.version.id == id) return &vc;
  }
  return nullptr;
}

/// Who renders: the generator's name and its executable's size and
/// modification time, so that a rebuilt visie misses the frozen-version
/// cache. Empty when the executable cannot be found (then there is no cache).
/// The command `visie SUBCOMMAND` with the folders this run was given
/// (--content, --templates and, for `build`, --out) when they are not the
/// defaults: a hint that does the same thing when pasted.
std::string command_hint(const Options& options, const std::string& subcommand) {
  const Options defaults;
  std::string hint = "visie " + subcommand;
  if (options.content != defaults.content) {
    hint += " --content " + core::shell_quoted(options.content.generic_string());
  }
  if (options.templates) hint += " --templates " + core::shell_quoted(options.templates->generic_string());
  if (subcommand.starts_with("build") && options.out != defaults.out) {
    hint += " --out " + core::shell_quoted(options.out.generic_string());
  }
  return hint;
}

std::string generator_identity() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  const auto size = std::filesystem::file_size(exe, ec);
  if (ec) return {};
  const auto time = std::filesystem::last_write_time(exe, ec);
  if (ec) return {};
  return std::string(publish::generator_name) + '\n' + exe.generic_string() + '\n' +
         std::to_string(size) + '\n' + std::to_string(time.time_since_epoch().count());
}

/// The frozen-version cache's key of `vc`: the SHA-256 of everything its
/// pages are rendered from — the generator, the templates, visie.json and
/// versions.json (the other versions' labels and periods appear in its
/// pages), and its own inputs, published files and lock.
std::string frozen_cache_key(const std::string& generator, const model::Content& content,
                             const model::Templates& templates, const model::VersionContent& vc) {
  std::string all = "visie frozen-version cache 1\n";
  const auto add = [&all](std::string_view name, std::string_view bytes) {
    all += std::to_string(name.size()) + ':' + std::string(name) + std::to_string(bytes.size()) +
           ':' + std::string(bytes);
  };
  add("generator", generator);
  add("version", vc.version.id);
  for (const auto& [name, file] : templates.files) add("template " + name, file.text);
  for (const auto& [path, bytes] : content.project_files) add("project " + path, bytes);
  for (const auto& [path, bytes] : vc.inputs) add("input " + path, bytes);
  for (const auto& [path, bytes] : vc.published) add("published " + path, bytes);
  for (const auto& [path, hash] : vc.lock->inputs) add("lock input " + path, hash);
  for (const auto& [path, hash] : vc.lock->outputs) add("lock output " + path, hash);
  add("lock generator", vc.lock->generator);
  return core::sha256_hex(all);
}

/// What `visie serve` keeps from one build to the next, so that a rebuild
/// after an edit reads, checks and renders only what changed: the frozen
/// versions as loaded (and whether their snapshots matched their locks) and
/// the rendered chapters.
struct ServeCache {
  load::SnapshotCache snapshots;
  publish::ChapterCache chapters;
};

/// The frozen versions of `content` that were loaded from `cache` and whose
/// snapshots match their locks (checked here once, when first loaded): the
/// validation need not hash them again. A snapshot that does not match is
/// forgotten, so that it is read and checked in full every time.
std::set<std::string> verified_snapshots(const model::Content& content,
                                         load::SnapshotCache& cache) {
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

/// What load → validate → render → publish produced.
struct Built {
  model::Content content;
  publish::Site site;
};

/// Runs load → model → render → publish. Every diagnostic is collected,
/// not only the first. Returns nothing when loading or validation failed;
/// otherwise the content and the site, which is only worth writing when
/// `diags` has no errors (render errors leave the site incomplete, which
/// the linter can still look at).
std::optional<Built> make_site(const Options& options, core::Diagnostics& diags,
                               Progress* progress = nullptr, bool pdf_links = false,
                               bool reuse_frozen = false, ServeCache* serve_cache = nullptr,
                               publish::FileSink stream = {},
                               std::set<std::string> blocks_of = {}) {
  const auto stage = [progress](const char* name) {
    if (progress != nullptr) progress->stage(name);
  };
  stage("load");
  auto templates = load::load_templates(options.templates, diags);
  auto content = load::load_content(options.content, diags,
                                    serve_cache != nullptr ? &serve_cache->snapshots : nullptr);
  if (!content) return std::nullopt;
  stage("validate");
  if (serve_cache != nullptr) {
    model::validate(*content, diags, verified_snapshots(*content, serve_cache->snapshots));
  } else {
    model::validate(*content, diags);
  }
  for (const auto& id : options.refreeze) {
    const auto* vc = find_version(*content, id);
    if (vc == nullptr || !vc->version.frozen) {
      diags.error({}, "--refreeze " + id + ": there is no frozen version \"" + id + "\"");
    }
  }
  // Rendering after load errors would only repeat them as dangling
  // references; the author fixes the data first.
  if (diags.has_errors()) return std::nullopt;
  publish::Options publish_options;
  publish_options.refreeze = options.refreeze;
  publish_options.pdf_links = pdf_links;
  publish_options.reuse_frozen = reuse_frozen;
  publish_options.stream = std::move(stream);
  publish_options.blocks_of = std::move(blocks_of);
  if (serve_cache != nullptr) publish_options.chapter_cache = &serve_cache->chapters;
  // The frozen versions that rendered their locked output cleanly before,
  // with the same inputs and generator, need not be rendered again.
  std::map<std::string, std::string> cache_keys;
  const auto generator = options.cache ? generator_identity() : std::string();
  if (!generator.empty()) {
    for (const auto& vc : content->versions) {
      if (!vc.version.frozen || !vc.lock) continue;
      const auto& key = cache_keys[vc.version.id] =
          frozen_cache_key(generator, *content, templates, vc);
      if (emit::cache_has(*options.cache, key)) publish_options.known_clean.insert(vc.version.id);
    }
  }
  stage("render and publish");
  auto site = publish::build_site(*content, templates, publish_options, diags);
  if (diags.has_errors()) return Built{std::move(*content), std::move(site)};
  for (const auto& id : site.clean) {
    if (const auto key = cache_keys.find(id); key != cache_keys.end()) {
      emit::cache_put(*options.cache, key->second);
    }
  }
  for (const auto& [id, paths] : site.drifted) {
    if (options.refreeze.contains(id)) continue;
    std::string list;
    for (std::size_t i = 0; i < paths.size() && i < 5; ++i) list += (i ? ", " : "") + paths[i];
    if (paths.size() > 5) list += ", …";
    diags.warning({find_version(*content, id)->folder, 0, 0},
                  "the generator now renders " + std::to_string(paths.size()) +
                      " published file(s) of frozen version \"" + id + "\" differently (" +
                      list + "); the published bytes are kept. Run `" +
                      command_hint(options, "build --refreeze " + id) +
                      "` to publish the regenerated output.");
  }
  return Built{std::move(*content), std::move(site)};
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

/// The files of a snapshot: its inputs, what it publishes and its lock.
model::FileMap snapshot_files(const model::VersionContent& vc, const model::FileMap& outputs) {
  model::FileMap files = vc.inputs;
  for (const auto& [path, bytes] : outputs) files["site/" + path] = bytes;
  files["visie.lock"] = publish::lock_json(vc.version.id, vc.inputs, outputs);
  return files;
}

}  // namespace

std::optional<std::string> mark_frozen(const std::string& versions_json, const std::string& id) {
  core::Diagnostics ignored;
  const auto doc = load::parse_json("versions.json", versions_json, ignored);
  if (!doc || !doc->root().contains("versions") || !doc->root()["versions"].is_array()) {
    return std::nullopt;
  }
  const auto& versions = doc->root()["versions"];
  for (std::size_t i = 0; i < versions.size(); ++i) {
    if (!versions[i].is_object() || versions[i].value("id", "") != id) continue;
    // Only the one value changes; the rest of the file keeps its bytes.
    const auto object = load::child_pointer("/versions", i);
    const auto offset_of = [&](const std::string& pointer) {
      const auto loc = doc->loc(pointer);
      return core::byte_offset(versions_json, {loc.line, loc.col});
    };
    std::string text = versions_json;
    if (versions[i].contains("frozen")) {
      const auto at = offset_of(load::child_pointer(object, "frozen"));
      const std::string old = versions[i]["frozen"].dump();
      if (text.compare(at, old.size(), old) != 0) return std::nullopt;
      return text.replace(at, old.size(), "true");
    }
    // No "frozen" yet: add it after the object's last value, before the
    // white space that precedes its closing brace.
    std::size_t close = offset_of(object);
    for (int depth = 0; close < text.size(); ++close) {
      const char c = text[close];
      if (c == '"') {
        for (++close; close < text.size() && text[close] != '"'; ++close) {
          if (text[close] == '\\') ++close;
        }
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if ((c == '}' || c == ']') && --depth == 0) {
        break;
      }
    }
    std::size_t end = close;
    while (end > 0 && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
    const bool empty = text[end - 1] == '{';
    return text.insert(end, empty ? "\"frozen\": true" : ", \"frozen\": true");
  }
  return std::nullopt;
}

/// One PDF per version, from its print edition, dated with the version's
/// publication date (or 1970-01-01 when it has none) for byte-identical
/// output.
emit::PdfRendering pdf_jobs(const model::Content& content, const std::filesystem::path& weasyprint) {
  emit::PdfRendering pdfs{weasyprint, {}};
  for (const auto& vc : content.versions) {
    const auto& v = vc.version;
    pdfs.jobs.push_back({v.id + "/print.html", v.id + "/" + publish::pdf_file_name(content.project, v),
                         emit::epoch_of_date(v.date)});
  }
  return pdfs;
}

/// Takes the lock on `folder` for the rest of the command, saying on `err`
/// when another visie run holds it and this one waits. Null, with an error
/// in `diags`, when it cannot be taken.
std::unique_ptr<emit::FolderLock> lock_folder(const std::filesystem::path& folder,
                                              std::ostream& err, core::Diagnostics& diags) {
  return emit::FolderLock::acquire(
      folder,
      [&] {
        err << "waiting: another visie run is writing " << folder.generic_string() << "\n";
      },
      diags);
}

namespace {

/// A missing image, or one that points outside the site, fails the build
/// at its place, as `check`'s "images" rule finds it (before, only `check`
/// saw it and the build published the broken `<img>`). Working versions
/// only: a frozen version's published pages are kept as they are.
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

}  // namespace

int build(const Options& options, std::ostream& err) {
  core::Diagnostics diags;
  // One run at a time writes a folder: a refreeze rewrites snapshots in the
  // content folder, every build replaces the output folder. The content
  // folder is always locked first, so two runs never wait for each other.
  std::unique_ptr<emit::FolderLock> content_lock;
  if (!options.refreeze.empty()) {
    content_lock = lock_folder(options.content, err, diags);
    if (!content_lock) return finish(diags, err);
  }
  const auto out_lock = lock_folder(options.out, err, diags);
  if (!out_lock) return finish(diags, err);
  std::optional<std::filesystem::path> weasyprint;
  if (options.pdf) {
    const char* path = std::getenv("PATH");
    weasyprint = emit::find_program("weasyprint", path != nullptr ? path : "");
    if (!weasyprint) {
      diags.warning({"", 0, 0},
                    "--pdf: WeasyPrint is not installed (no weasyprint on PATH), so no PDFs "
                    "were made; the HTML site is built as usual. Install it with: "
                    "apt-get install weasyprint");
    }
  }
  Progress progress(err, options.progress, options.verbose);
  // The files of working versions are written into the staging folder as
  // they are made. A refused output folder is reported by write_site()
  // below, after the content's own errors, as it always was.
  core::Diagnostics refused;
  auto writer = emit::SiteWriter::open(options.out, options.content, refused);
  publish::FileSink stream;
  if (writer) {
    stream = [&writer](const std::string& path, std::string_view bytes) { writer->put(path, bytes); };
  }
  const auto built =
      make_site(options, diags, &progress, weasyprint.has_value(), false, nullptr, stream);
  if (built && !diags.has_errors()) check_images(*built, diags);
  if (!built || diags.has_errors()) {
    progress.finish();
    return finish(diags, err);
  }
  std::optional<emit::PdfRendering> pdfs;
  if (weasyprint) {
    pdfs = pdf_jobs(built->content, *weasyprint);
    if (!options.quiet) {
      err << "rendering " << pdfs->jobs.size() << " PDFs with " << weasyprint->generic_string()
          << "\n";
    }
  }
  progress.stage(pdfs ? "write and render PDFs" : "write");
  const bool written =
      writer ? writer->finish(built->site.files, built->site.streamed, diags, pdfs ? &*pdfs : nullptr)
             : emit::write_site(built->site.files, options.out, options.content, diags,
                                pdfs ? &*pdfs : nullptr);
  progress.finish();
  if (!written) return finish(diags, err);
  for (const auto& id : options.refreeze) {
    const auto* vc = find_version(built->content, id);
    const auto outputs = publish::version_files(built->site.files, id);
    if (!emit::write_snapshot(snapshot_files(*vc, outputs), options.content / "versions" / id,
                              /*replace=*/true, diags)) {
      return finish(diags, err);
    }
    if (!options.quiet) err << "refroze " << id << ": " << outputs.size() << " published files\n";
  }
  const int code = finish(diags, err);
  if (!options.quiet) {
    err << "built " << built->site.files.size() + (pdfs ? pdfs->jobs.size() : 0) << " files into "
        << options.out.generic_string() << "\n";
  }
  return code;
}

int check(const Options& options, std::ostream& out, std::ostream& err) {
  core::Diagnostics diags;
  Progress progress(err, options.progress, options.verbose);
  const auto built = make_site(options, diags, &progress);
  if (built) {
    progress.stage("lint");
    lint::run({built->content, lint::linted_version(built->content), built->site.files,
               built->site.term_uses},
              diags);
  }
  progress.finish();
  if (options.json) {
    out << lint::to_json(diags);
    return diags.has_errors() ? content_error : ok;
  }
  std::array<std::size_t, 3> counts{};
  for (const auto& d : diags.all()) {
    if (d.severity == core::Severity::note && options.quiet) continue;
    err << core::format(d) << '\n';
    ++counts.at(static_cast<std::size_t>(d.severity));
  }
  const auto plural = [](std::size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
  };
  if (counts[0] + counts[1] == 0) {
    if (!options.quiet) {
      err << "checked " << options.content.generic_string() << ": no problems";
      if (counts[2] > 0) err << " (" << plural(counts[2], "note") << ")";
      err << "\n";
    }
  } else {
    err << "checked " << options.content.generic_string() << ": " << plural(counts[0], "error")
        << ", " << plural(counts[1], "warning") << ", " << plural(counts[2], "note") << "\n";
  }
  return diags.has_errors() ? content_error : ok;
}

namespace {

/// Where and how `serve` serves, from the command's options.
serve::Options serve_options_of(const Options& options) {
  serve::Options serve_options;
  serve_options.port = options.port;
  serve_options.quiet = options.quiet;
  serve_options.verbose = options.verbose;
  serve_options.watch.push_back(options.content);
  if (options.templates) serve_options.watch.push_back(*options.templates);
  return serve_options;
}

/// The builder `serve` calls on every change. `on_built`, when set, sees
/// each good build before its site is served, with the blocks of the
/// versions in `blocks_of` (publish::Site::blocks).
serve::Builder site_builder(const Options& options,
                            std::function<void(const Built&)> on_built = {},
                            std::set<std::string> blocks_of = {}) {
  // Owned by the builder, kept from one rebuild to the next.
  auto cache = std::make_shared<ServeCache>();
  return [&options, on_built = std::move(on_built), blocks_of = std::move(blocks_of), cache]() {
    core::Diagnostics diags;
    // Frozen versions never change while the team writes the draft: serve
    // uses their published pages instead of rendering them again, and
    // reads, checks and renders again only what changed since the last build.
    auto built =
        make_site(options, diags, nullptr, false, /*reuse_frozen=*/true, cache.get(), {}, blocks_of);
    serve::BuildResult result;
    if (built && !diags.has_errors()) {
      if (on_built) on_built(*built);
      result.site = std::move(built->site.files);
    }
    if (built) cache->snapshots.give_back(built->content);
    result.diagnostics = diags.all();
    return result;
  };
}

}  // namespace

serve::Builder serve_builder(const Options& options) { return site_builder(options); }

int serve(const Options& options, std::ostream& out, std::ostream& err) {
  return serve::run(serve_options_of(options), site_builder(options), out, err);
}

namespace {

/// The blocks a comment may be on: for each chapter of `version`, its
/// reference-linked blocks, as the build rendered them.
review::SiteIndex site_index(const publish::Site& site, const std::string& version) {
  review::SiteIndex index;
  index.version = version;
  const auto blocks = site.blocks.find(version);
  if (blocks == site.blocks.end()) return index;
  for (const auto& [chapter, ids] : blocks->second) {
    index.chapters[chapter] = std::set<std::string>(ids.begin(), ids.end());
  }
  return index;
}

}  // namespace

std::optional<review::SiteIndex> review_site(const Options& options, const std::string& version,
                                             core::Diagnostics& diags) {
  auto built = make_site(options, diags, nullptr, false, /*reuse_frozen=*/true, nullptr, {},
                         {version});
  if (!built || diags.has_errors()) return std::nullopt;
  return site_index(built->site, version);
}

namespace {

/// The store and the index of the served version, shared by the HTTP
/// threads and the build loop (which replaces the index after each build).
/// The store is thread-safe (reads run beside writes); only the swap of the
/// index is under the lock.
class ReviewState {
 public:
  explicit ReviewState(const std::filesystem::path& db) : store_(db.string()) {}

  void set_index(review::SiteIndex index) {
    auto next = std::make_shared<const review::SiteIndex>(std::move(index));
    const std::lock_guard lock(mutex_);
    index_ = std::move(next);
  }

  review::Response handle(const review::Request& request) {
    std::shared_ptr<const review::SiteIndex> index;
    {
      const std::lock_guard lock(mutex_);
      index = index_;
    }
    return review::handle(request, store_, *index,
                          [] { return std::chrono::system_clock::now(); });
  }

 private:
  std::mutex mutex_;
  review::Store store_;
  std::shared_ptr<const review::SiteIndex> index_ = std::make_shared<const review::SiteIndex>();
};

}  // namespace

int serve_review(const Options& options, const ReviewOptions& review, std::ostream& out,
                 std::ostream& err) {
  if (!known_version(options, review.version, err)) return usage_error;
  std::unique_ptr<ReviewState> state;
  try {
    make_parent_folder(review.db);
    state = std::make_unique<ReviewState>(review.db);
  } catch (const std::exception& e) {
    err << "visie: " << e.what() << "\n";
    return content_error;
  }
  auto serve_options = serve_options_of(options);
  serve_options.api = serve::Api{
      [&state](const review::Request& request) { return state->handle(request); },
      "<meta name=\"visie-review\" content=\"/api\">", "/" + review.version + "/"};
  const auto build = site_builder(
      options,
      [&review, &state](const Built& built) {
        state->set_index(site_index(built.site, review.version));
      },
      {review.version});
  return serve::run(serve_options, build, out, err);
}

int new_project(const std::filesystem::path& dir, const Options& options, std::ostream& err) {
  model::FileMap files;
  for (const auto& file : load::embedded_scaffold()) {
    files[std::string(file.path)] = std::string(file.bytes);
  }
  // The templates are the project's own to restyle; `--templates` points
  // the build at them.
  for (const auto& file : load::embedded_templates()) {
    files["templates/" + std::string(file.path)] = std::string(file.bytes);
  }
  core::Diagnostics diags;
  if (!emit::write_project(files, dir, diags)) return finish(diags, err);
  if (!options.quiet) {
    const auto shown = dir.generic_string();
    err << "created " << shown << ": " << files.size() << " files\n"
        << "next:\n"
        << "  cd " << shown << "\n"
        << "  visie serve --content content --templates templates   # preview while you write\n"
        << "  visie check --content content --templates templates   # before you publish\n";
  }
  return ok;
}

int diff(const Options& options, const std::string& a, const std::string& b, bool colour,
         std::ostream& out, std::ostream& err) {
  core::Diagnostics diags;
  auto templates = load::load_templates(options.templates, diags);
  auto content = load::load_content(options.content, diags);
  if (!content) return finish(diags, err);
  model::validate(*content, diags);
  if (diags.has_errors()) return finish(diags, err);
  const auto result = publish::diff_versions(*content, templates, a, b, diags);
  if (!result) return finish(diags, err);
  std::string label_a = a;
  std::string label_b = b;
  for (const auto& vc : content->versions) {
    if (vc.version.id == a) label_a = vc.version.label;
    if (vc.version.id == b) label_b = vc.version.label;
  }
  out << publish::format_terminal(*result, label_a, label_b, colour);
  return finish(diags, err);
}

int freeze(const Options& options, const std::string& id, std::ostream& err) {
  core::Diagnostics diags;
  const auto content_lock = lock_folder(options.content, err, diags);
  if (!content_lock) return finish(diags, err);
  const auto built = make_site(options, diags);
  if (!built || diags.has_errors()) return finish(diags, err);
  const auto* vc = find_version(built->content, id);
  const std::string versions_file = (options.content / "versions.json").generic_string();
  if (vc == nullptr) {
    // Only the working draft (the version that is not frozen) can be
    // frozen, under the id versions.json gives it.
    std::string advice = "add it to versions.json first, as the last version, with \"frozen\": false";
    for (const auto& candidate : built->content.versions) {
      if (candidate.version.frozen) continue;
      advice = "the working draft is \"" + candidate.version.id + "\": change its \"id\" in "
               "versions.json to \"" + id + "\" first, or freeze it as it is: " +
               command_hint(options, "freeze " + candidate.version.id);
    }
    diags.error({versions_file, 0, 0},
                "there is no version \"" + id + "\" in versions.json to freeze; " + advice);
    return finish(diags, err);
  }
  if (vc->version.frozen) {
    diags.error(vc->version.loc, "version \"" + id +
                                     "\" is already frozen: a published version never changes");
    return finish(diags, err);
  }
  const auto text = built->content.project_files.find("versions.json");
  const auto marked = text == built->content.project_files.end()
                          ? std::nullopt
                          : mark_frozen(text->second, id);
  if (!marked) {
    diags.error({versions_file, 0, 0}, "cannot mark version \"" + id + "\" frozen");
    return finish(diags, err);
  }
  const auto outputs = publish::version_files(built->site.files, id);
  if (!emit::write_snapshot(snapshot_files(*vc, outputs), options.content / "versions" / id,
                            /*replace=*/false, diags) ||
      !emit::replace_file(options.content / "versions.json", *marked, diags)) {
    return finish(diags, err);
  }
  if (!options.quiet) {
    err << "froze " << id << ": " << vc->inputs.size() << " input files, " << outputs.size()
        << " published files, in " << (options.content / "versions" / id).generic_string()
        << "\n";
  }
  return finish(diags, err);
}

}  // namespace visie::app
