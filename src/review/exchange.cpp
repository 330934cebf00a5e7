#include "review/exchange.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "load/json.hpp"
#include "load/load.hpp"
#include "load/object_reader.hpp"
#include "review/api.hpp"

namespace visie::review {

namespace {

using load::Need;
using load::ObjectReader;

/// Reads a text member and checks its length (in characters; blank text is
/// empty) and that it has no NUL character.
std::string text(ObjectReader& r, std::string_view key, Need need, std::size_t min, std::size_t max,
                 core::Diagnostics& diags) {
  if (!r.has(key)) {
    if (need == Need::required) r.string(key, need);  // reports it missing
    return {};
  }
  auto value = r.string(key, Need::optional);
  if (const auto problem = text_problem(key, value, min, max)) diags.error(r.loc(key), *problem);
  return value;
}

std::string timestamp(ObjectReader& r, core::Diagnostics& diags) {
  auto value = r.string("created", Need::required);
  if (r.has("created") && !value.empty() && !core::is_utc_time(value)) {
    diags.error(r.loc("created"), "\"created\" must be a UTC time like 2019-01-14T10:00:00Z");
  } else if (r.has("created") && !value.empty() && !plausible_time(value)) {
    diags.error(r.loc("created"), "\"created\" must be a time from " + std::string(earliest_time) +
                                      " to " + std::string(latest_time) +
                                      " without a leap second, not " + value);
  }
  return value;
}

/// The fields every comment file and export share.
void read_common(ObjectReader& r, Comment& c, core::Diagnostics& diags) {
  c.block = text(r, "block", Need::required, 1, max_name, diags);
  c.quote = text(r, "quote", Need::required, 0, max_quote, diags);
  c.role = r.one_of("role", Need::required, model::names(model::review_roles));
  c.comment = text(r, "comment", Need::required, 1, max_text, diags);
  c.suggestion = text(r, "suggestion", Need::optional, 0, max_text, diags);
  c.created = timestamp(r, diags);
}

/// Reads an existing `content/reviews/<version>/<chapter>.json` with the
/// loader's reader (the one the build uses). Returns its `example` flag and
/// comments, or nullopt when it is broken.
struct ReviewFile {
  bool example = false;
  std::vector<Comment> comments;
};

std::optional<ReviewFile> read_review_file(const std::string& version, const std::string& chapter,
                                           const ExistingFile& file, core::Diagnostics& diags) {
  core::Diagnostics local;
  const auto doc = load::parse_json(file.path, file.text, local);
  ReviewFile out;
  if (doc) {
    const auto review = load::read_review_file(*doc, version, chapter, local);
    out.example = review.example;
    for (const auto& rc : review.comments) {
      Comment c;
      c.id = rc.id;
      c.version = version;
      c.chapter = chapter;
      c.block = rc.block;
      c.quote = rc.quote;
      c.role = model::to_string(rc.role);
      c.comment = rc.comment;
      c.suggestion = rc.suggestion;
      c.created = rc.created;
      c.disposition = model::to_string(rc.disposition);
      c.response = rc.response;
      out.comments.push_back(std::move(c));
    }
  }
  diags.append(local);
  if (!doc || local.has_errors()) return std::nullopt;
  return out;
}

/// The store's comments merged with the file's: the store wins, except
/// that it never clears a decision the file has.
std::vector<Comment> merge(std::vector<Comment> from_store, const std::vector<Comment>& from_file) {
  for (const auto& old : from_file) {
    const auto it = std::find_if(from_store.begin(), from_store.end(),
                                 [&](const Comment& c) { return c.id == old.id; });
    if (it == from_store.end()) {
      from_store.push_back(old);
      continue;
    }
    if (it->disposition == "open") it->disposition = old.disposition;
    if (it->response.empty()) it->response = old.response;
  }
  std::sort(from_store.begin(), from_store.end(), [](const Comment& a, const Comment& b) {
    return std::tie(a.created, a.id) < std::tie(b.created, b.id);
  });
  return from_store;
}

std::string review_file_text(const std::string& version, const std::string& chapter, bool example,
                             const std::vector<Comment>& comments) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& c : comments) list.push_back(comment_fields<nlohmann::ordered_json>(c));
  const nlohmann::ordered_json doc{{"$schema", "../../../schemas/review.schema.json"},
                                   {"version", version},
                                   {"chapter", chapter},
                                   {"example", example},
                                   {"comments", list}};
  return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace

bool plausible_time(std::string_view t) {
  // The fixed shape makes text order time order.
  return core::is_utc_time(t) && t.substr(17, 2) != "60" && t >= earliest_time &&
         t <= latest_time;
}

std::optional<std::string> read_import_file(const std::string& path, core::Diagnostics& diags,
                                            std::size_t max_bytes) {
  const core::SourceLoc at{path, 1, 1};
  const auto refuse = [&](const std::string& message) {
    diags.error(at, message);
    return std::nullopt;
  };
  // O_NONBLOCK: opening a FIFO without a writer must not hang; it is then
  // refused below without a read.
  const int fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return refuse(std::string("cannot open the file: ") + std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { close(fd); }
  } closer{fd};
  struct stat st {};
  if (fstat(fd, &st) != 0) return refuse(std::string("cannot read the file: ") + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) return refuse("is a folder, not a file");
  if (!S_ISREG(st.st_mode)) {
    return refuse("is not a regular file (a pipe or a device): export the comments to a file first");
  }
  const auto too_big = "is larger than " + std::to_string(max_bytes / (1024 * 1024)) +
                       " MiB, the most an import reads: split it up";
  if (static_cast<std::uintmax_t>(st.st_size) > max_bytes) return refuse(too_big);
  std::string text;
  text.reserve(static_cast<std::size_t>(st.st_size));
  std::array<char, 65536> buffer{};
  while (true) {
    const auto n = read(fd, buffer.data(), buffer.size());
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n < 0) return refuse(std::string("cannot read the file: ") + std::strerror(errno));
    if (n == 0) break;
    text.append(buffer.data(), static_cast<std::size_t>(n));
    if (text.size() > max_bytes) return refuse(too_big);
  }
  return text;
}

std::optional<ImportResult> import_comments(const std::string& file, std::string_view text_in,
                                            const std::set<std::string>& known_versions,
                                            const SiteOf& site_of, Store& store,
                                            core::Diagnostics& diags) {
  core::Diagnostics local;
  const auto doc = load::parse_json(file, text_in, local);
  ImportResult result;
  struct Placed {
    Comment comment;
    core::SourceLoc chapter;
    core::SourceLoc block;
  };
  std::vector<Placed> comments;
  if (doc) {
    ObjectReader r(*doc, "", local);
    const auto format = r.string("format", Need::required);
    if (r.has("format") && format != export_format) {
      local.error(r.loc("format"), "\"format\" must be \"" + std::string(export_format) +
                                       "\" (a file downloaded from the review page)");
    }
    result.version = r.id("version", Need::required);
    if (!result.version.empty() && !known_versions.empty() &&
        !known_versions.contains(result.version)) {
      local.error(r.loc("version"), "there is no version \"" + result.version + "\"");
    }
    r.array("comments", Need::required, [&](const std::string& pointer) {
      ObjectReader cr(*doc, pointer, local);
      if (!cr.ok()) return;
      Comment c;
      c.version = result.version;
      c.chapter = cr.id("chapter", Need::required);
      read_common(cr, c, local);
      c.id = comment_id(c);
      // The page may have computed the id already; it must follow the rule.
      if (cr.has("id") && cr.string("id", Need::optional) != c.id && !local.has_errors()) {
        local.error(cr.loc("id"),
                    "\"id\" does not match the comment (by the id rule it is \"" + c.id + "\")");
      }
      cr.finish();
      comments.push_back({std::move(c), cr.loc("chapter"), cr.loc("block")});
    });
    r.finish();
  }
  // The chapters and blocks, as the API checks them: only worth building
  // the version for when the file itself is sound.
  if (doc && !local.has_errors() && site_of) {
    const auto site = site_of(result.version, local);
    if (site) {
      for (const auto& [c, chapter_at, block_at] : comments) {
        if (auto problem = place_problem(*site, c)) {
          local.error(problem->chapter ? chapter_at : block_at, std::move(problem->message));
        }
      }
    } else if (!local.has_errors()) {
      local.error({file, 1, 1}, "the chapters of version " + result.version + " are not known");
    }
  }
  diags.append(local);
  if (!doc || local.has_errors()) return std::nullopt;
  std::vector<Comment> all;
  all.reserve(comments.size());
  for (auto& placed : comments) all.push_back(std::move(placed.comment));
  return store_imported(result.version, all, store);
}

std::optional<PlaceProblem> place_problem(const SiteIndex& site, const Comment& c) {
  const auto blocks = site.chapters.find(c.chapter);
  if (blocks == site.chapters.end()) {
    return PlaceProblem{true, "version " + c.version + " has no chapter \"" + c.chapter + "\""};
  }
  if (!blocks->second.contains(c.block)) {
    return PlaceProblem{false, "chapter \"" + c.chapter + "\" has no block \"" + c.block + "\""};
  }
  return std::nullopt;
}

std::optional<std::string> comment_problem(const Comment& c) {
  if (auto p = text_problem("comment", c.comment, 1, max_text)) return p;
  if (auto p = text_problem("suggestion", c.suggestion, 0, max_text)) return p;
  if (auto p = text_problem("quote", c.quote, 0, max_quote)) return p;
  if (auto p = text_problem("name", c.name, 0, max_name)) return p;
  if (!plausible_time(c.created)) {
    return "\"created\" must be a time from " + std::string(earliest_time) + " to " +
           std::string(latest_time) + ", not " + c.created;
  }
  return std::nullopt;
}

ImportResult store_imported(const std::string& version, const std::vector<Comment>& comments,
                            Store& store) {
  ImportResult result;
  result.version = version;
  result.added = store.insert_all(comments);
  result.skipped = comments.size() - result.added;
  return result;
}

std::map<std::string, std::string> export_comments(
    const std::string& version, const std::vector<Comment>& comments,
    const std::map<std::string, ExistingFile>& existing, core::Diagnostics& diags) {
  std::map<std::string, std::vector<Comment>> by_chapter;
  for (const auto& c : comments) {
    if (c.version == version) by_chapter[c.chapter].push_back(c);
  }
  std::map<std::string, std::string> files;
  for (auto& [chapter, list] : by_chapter) {
    ReviewFile old;
    if (const auto it = existing.find(chapter); it != existing.end()) {
      auto read = read_review_file(version, chapter, it->second, diags);
      if (!read) continue;
      old = std::move(*read);
    }
    files[chapter] =
        review_file_text(version, chapter, old.example, merge(std::move(list), old.comments));
  }
  return files;
}

}  // namespace visie::review
