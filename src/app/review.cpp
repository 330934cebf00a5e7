// `visie review invite|import|export`: the store from the command line
// (docs/review.md).
#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <map>
#include <ostream>
#include <sstream>

#include "app/app.hpp"
#include "app/detail/review_support.hpp"
#include "emit/emit.hpp"
#include "load/json.hpp"
#include "publish/text_diff.hpp"
#include "review/api.hpp"
#include "review/docx.hpp"
#include "review/exchange.hpp"
#include "review/store.hpp"

namespace visie::app {

namespace {

namespace fs = std::filesystem;

std::optional<std::string> read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(bytes).str();
}

int print_and_fail(const core::Diagnostics& diags, std::ostream& err) {
  diags.print(err);
  return content_error;
}

/// Opens the store at `db` (creating its folder), or prints why not.
std::optional<review::Store> open_store(const fs::path& db, std::ostream& err) {
  try {
    make_parent_folder(db);
    return review::Store(db.string());
  } catch (const std::exception& e) {
    err << "visie: " << e.what() << "\n";
    return std::nullopt;
  }
}

/// The chapter files of `content/reviews/<version>/` as they are now.
std::map<std::string, review::ExistingFile> existing_files(const fs::path& folder) {
  std::map<std::string, review::ExistingFile> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
    if (auto text = read_text(entry.path())) {
      files[entry.path().stem().string()] = {entry.path().generic_string(), std::move(*text)};
    }
  }
  return files;
}

/// The tail `review import` and `review import-docx` share: opens the
/// store, runs `import` on it, and says what it added; on failure prints
/// `diags`.
int run_import(const Options& options, const ReviewOptions& review, const fs::path& file,
               const core::Diagnostics& diags, std::ostream& err, std::ostream& out,
               const std::function<std::optional<review::ImportResult>(review::Store&)>& import) {
  auto store = open_store(review.db, err);
  if (!store) return content_error;
  try {
    const auto result = import(*store);
    if (!result) return print_and_fail(diags, err);
    if (!options.quiet) {
      out << "imported " << file.generic_string() << " (" << result->version
          << "): " << result->added << " added, " << result->skipped << " already there\n";
    }
  } catch (const std::exception& e) {
    err << "visie: " << e.what() << "\n";
    return content_error;
  }
  return ok;
}

}  // namespace

std::optional<std::set<std::string>> version_ids(const Options& options, core::Diagnostics& diags) {
  const auto path = options.content / "versions.json";
  const auto text = read_text(path);
  if (!text) {
    diags.error({path.generic_string(), 0, 0}, "cannot read the versions file");
    return std::nullopt;
  }
  const auto doc = load::parse_json(path.generic_string(), *text, diags);
  if (!doc) return std::nullopt;
  std::set<std::string> ids;
  const auto& versions =
      doc->root().is_object() ? doc->root().value("versions", nlohmann::json()) : nlohmann::json();
  if (versions.is_array()) {
    for (const auto& v : versions) {
      if (v.is_object() && v.contains("id") && v["id"].is_string()) {
        ids.insert(v["id"].get<std::string>());
      }
    }
  }
  return ids;
}

bool known_version(const Options& options, const std::string& version, std::ostream& err) {
  core::Diagnostics diags;
  const auto ids = version_ids(options, diags);
  diags.print(err);
  if (!ids) return false;
  if (ids->contains(version)) return true;
  err << "visie: there is no version \"" << version << "\" in "
      << (options.content / "versions.json").generic_string() << "\n";
  return false;
}

void make_parent_folder(const fs::path& path) {
  if (path.has_parent_path()) fs::create_directories(path.parent_path());
}

int review_invite(const Options& options, const ReviewOptions& review, std::ostream& out,
                  std::ostream& err) {
  if (!known_version(options, review.version, err)) return usage_error;
  if (!review.team) {
    const auto& roles = review::roles();
    if (std::find(roles.begin(), roles.end(), review.role) == roles.end()) {
      err << "visie: unknown role \"" << review.role
          << "\" (expert, client, care-provider, researcher, policy)\n";
      return usage_error;
    }
  }
  auto store = open_store(review.db, err);
  if (!store) return content_error;
  try {
    const auto token = review::new_token();
    store->add_token({review::token_hash(token), review.version,
                      review.team ? review::Access::team : review::Access::reviewer,
                      review.team ? "" : review.role,
                      review::format_time(std::chrono::system_clock::now())});
    auto base = review.base_url;
    while (base.ends_with('/')) base.pop_back();
    out << base << "/" << review.version << "/?token=" << token << "\n";
  } catch (const std::exception& e) {
    err << "visie: " << e.what() << "\n";
    return content_error;
  }
  return ok;
}

int review_import(const Options& options, const ReviewOptions& review, const fs::path& file,
                  std::ostream& out, std::ostream& err) {
  core::Diagnostics diags;
  const auto ids = version_ids(options, diags);
  if (!ids) return print_and_fail(diags, err);
  const auto text = review::read_import_file(file.generic_string(), diags);
  if (!text) return print_and_fail(diags, err);
  return run_import(options, review, file, diags, err, out, [&](review::Store& store) {
    return review::import_comments(
        file.generic_string(), *text, *ids,
        [&options](const std::string& version, core::Diagnostics& found) {
          return review_site(options, version, found);
        },
        store, diags);
  });
}

int review_import_docx(const Options& options, const ReviewOptions& review,
                       const fs::path& file, std::ostream& out, std::ostream& err) {
  if (!known_version(options, review.version, err)) return usage_error;
  core::Diagnostics diags;
  const auto bytes = review::read_import_file(file.generic_string(), diags, review::max_docx_bytes);
  if (!bytes) return print_and_fail(diags, err);
  // The build's own warnings are not the import's: only its errors show.
  core::Diagnostics built;
  const auto site = review_site(options, review.version, built);
  if (!site) {
    diags.append(built);
    diags.error({file.generic_string(), 1, 1},
                "the chapters of version " + review.version + " are not known");
    return print_and_fail(diags, err);
  }
  return run_import(options, review, file, diags, err, out, [&](review::Store& store) {
    auto result = review::import_docx(
        file.generic_string(), *bytes, {review.version, review.role, review.name}, *site,
        [](const std::string& a, const std::string& b) { return publish::similarity(a, b); },
        store, diags);
    if (result) diags.print(err);  // its warnings (a comment without text)
    return result;
  });
}

int review_export(const Options& options, const ReviewOptions& review, std::ostream& out,
                  std::ostream& err) {
  if (!known_version(options, review.version, err)) return usage_error;
  auto store = open_store(review.db, err);
  if (!store) return content_error;
  const auto folder = options.content / "reviews" / review.version;
  core::Diagnostics diags;
  std::map<std::string, std::string> files;
  try {
    files = review::export_comments(review.version, store->list(review.version),
                                    existing_files(folder), diags);
  } catch (const std::exception& e) {
    err << "visie: " << e.what() << "\n";
    return content_error;
  }
  // A broken existing file is never overwritten: its decisions would be lost.
  if (diags.has_errors()) {
    diags.print(err);
    err << "nothing was written\n";
    return content_error;
  }
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) {
    err << "visie: cannot create " << folder.generic_string() << ": " << ec.message() << "\n";
    return content_error;
  }
  for (const auto& [chapter, text] : files) {
    if (!emit::replace_file(folder / (chapter + ".json"), text, diags)) break;
  }
  if (diags.has_errors()) return print_and_fail(diags, err);
  if (!options.quiet) {
    out << "wrote " << files.size() << (files.size() == 1 ? " file" : " files") << " to "
        << folder.generic_string() << "\n";
  }
  return ok;
}

}  // namespace visie::app
