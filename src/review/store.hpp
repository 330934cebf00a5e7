#pragma once
/// The review store: invitations (tokens) and comments in one SQLite file.
///
/// SQLite in WAL mode with `synchronous=FULL`: a write that returned is on
/// disk, so a comment the server answered 201 for survives a `kill -9`.
/// Every statement is prepared with bound parameters.
///
/// The store is thread-safe. Writes go through one connection, one at a
/// time; reads of a file store run on a pool of read-only connections (one
/// per thread that is reading at that moment), so that WAL lets them run
/// beside a write instead of waiting for it. A ":memory:" store has one
/// connection only and serialises everything on it.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

struct sqlite3;

namespace visie::review {

/// A failure of SQLite itself (cannot open, disk full, corrupt file): the
/// system failing, never bad user input.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// What an invitation may do.
enum class Access { team, reviewer };

/// An invitation as stored: only the SHA-256 of the token is kept.
struct Token {
  std::string hash;     ///< SHA-256 hex of the token
  std::string version;  ///< the version it is for
  Access access = Access::reviewer;
  std::string role;     ///< the panel role; empty for the team
  std::string created;  ///< UTC, `2019-01-14T10:00:00Z`
};

/// One comment on one block of one chapter of one version.
struct Comment {
  std::string id;  ///< `c-` + 16 hex digits, see comment_id()
  std::string version;
  std::string chapter;
  std::string block;
  std::string quote;
  std::string role;
  std::string name;  ///< optional; never leaves the store but to the team
  std::string comment;
  std::string suggestion;  ///< empty: none
  std::string created;
  std::string disposition = "open";
  std::string response;
  bool published = false;
  std::string author;  ///< token hash of the author; empty for imported comments

  friend bool operator==(const Comment&, const Comment&) = default;
};

/// The fields of `c` a review file keeps (docs/review.md), in the file's
/// order, as a JSON object of type `Json` (nlohmann's ordered_json for the
/// file, json for the API, which adds its own).
template <class Json>
Json comment_fields(const Comment& c) {
  return Json{{"id", c.id},
              {"block", c.block},
              {"quote", c.quote},
              {"role", c.role},
              {"comment", c.comment},
              {"suggestion", c.suggestion},
              {"created", c.created},
              {"disposition", c.disposition},
              {"response", c.response}};
}

/// The names of the roles and dispositions of docs/review.md (the tables of
/// model/vocab.hpp), for the store's text columns and the command line.
const std::vector<std::string>& roles();
const std::vector<std::string>& dispositions();

/// A comment's id: `c-` and the first 16 hex digits of the SHA-256 of
/// version, chapter, block, role, comment, suggestion and created, joined
/// with NUL bytes.
std::string comment_id(const Comment& c);

/// A new invitation token: 32 bytes from getrandom(), base64url without
/// padding (43 characters).
std::string new_token();

/// The SHA-256 hex the store keeps for `token`.
std::string token_hash(const std::string& token);

/// The schema version this build writes (PRAGMA user_version).
inline constexpr int schema_version = 1;

/// One page of a comment list (Store::page).
struct PageQuery {
  std::string version;
  std::string chapter;  ///< empty: every chapter
  /// The id of the last comment of the previous page; empty: from the start.
  std::string after;
  std::size_t limit = 500;
  /// Only the published comments and those of this token hash, unless
  /// `all` is set (the team).
  std::string reader;
  bool all = false;
};
struct Page {
  std::vector<Comment> comments;
  bool more = false;  ///< whether another page follows the last comment
};

/// An open store. Move-only; closes the database when destroyed.
class Store {
 public:
  /// Opens (creating if needed) the database at `path` (":memory:" for a
  /// private in-memory one) and brings its schema up to date. Throws
  /// StoreError when SQLite cannot, or the file was made by a newer visie.
  /// A statement waits up to `busy_timeout` for another connection's lock
  /// (the CLI importing while the server runs) before it fails.
  explicit Store(const std::string& path,
                 std::chrono::milliseconds busy_timeout = std::chrono::seconds(5));
  ~Store();
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  /// Stores an invitation.
  void add_token(const Token& token);
  /// The invitation whose hash is `hash`, if any.
  [[nodiscard]] std::optional<Token> find_token(const std::string& hash) const;

  /// Adds `c` unless a comment with its id exists. Returns whether it was
  /// added.
  bool insert(const Comment& c);
  /// Adds every comment of `all` that is not stored yet, in one transaction:
  /// all of them or, when anything fails, none. Returns how many were added.
  std::size_t insert_all(const std::vector<Comment>& all);
  /// The comment with id `id`, if any.
  [[nodiscard]] std::optional<Comment> find(const std::string& id) const;
  /// Replaces the stored comment with `c`'s id by `c` (id and version are
  /// keys and are not changed).
  void update(const Comment& c);
  /// Reads the comment `id` and, within one write transaction, hands it to
  /// `edit`; stores what `edit` made of it when it returns true. No other
  /// write can come between the read and the update. Returns the comment
  /// as stored afterwards, or nullopt when there is none with that id.
  std::optional<Comment> change(const std::string& id, const std::function<bool(Comment&)>& edit);
  /// The comments of `version` (of one chapter unless `chapter` is empty),
  /// ordered by created time and id.
  [[nodiscard]] std::vector<Comment> list(const std::string& version,
                                          const std::string& chapter = "") const;
  /// One page of the comments `query` asks for, ordered by created time
  /// and id (keyset paging: a comment added meanwhile never shifts a page).
  [[nodiscard]] Page page(const PageQuery& query) const;
  /// Chapter → number of comments of `version`.
  [[nodiscard]] std::map<std::string, std::int64_t> counts(const std::string& version) const;

  /// The answer of `PRAGMA integrity_check` ("ok" when the file is sound).
  [[nodiscard]] std::string integrity_check() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace visie::review
