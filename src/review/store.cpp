#include "review/store.hpp"

#include <sqlite3.h>
#include <sys/random.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <string_view>

#include "core/sha256.hpp"
#include "model/vocab.hpp"

namespace visie::review {

namespace {

constexpr const char* schema_v1 = R"sql(
CREATE TABLE tokens (
  hash    TEXT PRIMARY KEY,
  version TEXT NOT NULL,
  access  TEXT NOT NULL CHECK (access IN ('team', 'reviewer')),
  role    TEXT NOT NULL,
  created TEXT NOT NULL
) STRICT;
CREATE TABLE comments (
  id          TEXT PRIMARY KEY,
  version     TEXT NOT NULL,
  chapter     TEXT NOT NULL,
  block       TEXT NOT NULL,
  quote       TEXT NOT NULL,
  role        TEXT NOT NULL,
  name        TEXT NOT NULL,
  comment     TEXT NOT NULL,
  suggestion  TEXT NOT NULL,
  created     TEXT NOT NULL,
  disposition TEXT NOT NULL,
  response    TEXT NOT NULL,
  published   INTEGER NOT NULL,
  token_hash  TEXT NOT NULL
) STRICT;
CREATE INDEX comments_by_chapter ON comments (version, chapter, created);
PRAGMA user_version = 1;
)sql";

[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  throw StoreError("review store: " + std::string(what) + ": " +
                   (db != nullptr ? sqlite3_errmsg(db) : "out of memory"));
}

struct Finalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};

/// One prepared statement; parameters are bound by position, 1-based.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql) : db_(db) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &raw, nullptr) !=
        SQLITE_OK) {
      fail(db, "prepare");
    }
    stmt_.reset(raw);
  }

  Statement& bind(int index, std::string_view text) {
    check(sqlite3_bind_text(stmt_.get(), index, text.data(), static_cast<int>(text.size()),
                            SQLITE_TRANSIENT));
    return *this;
  }
  Statement& bind(int index, std::int64_t value) {
    check(sqlite3_bind_int64(stmt_.get(), index, value));
    return *this;
  }

  /// Steps once: true while there is a row.
  bool step() {
    const int rc = sqlite3_step(stmt_.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(db_, "step");
  }
  /// Runs a statement that returns no rows.
  void run() {
    while (step()) {
    }
  }

  [[nodiscard]] std::string text(int column) const {
    const auto* p = sqlite3_column_text(stmt_.get(), column);
    const int n = sqlite3_column_bytes(stmt_.get(), column);
    return p == nullptr
               ? std::string()
               : std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
  }
  [[nodiscard]] std::int64_t integer(int column) const {
    return sqlite3_column_int64(stmt_.get(), column);
  }

 private:
  void check(int rc) const {
    if (rc != SQLITE_OK) fail(db_, "bind");
  }
  sqlite3* db_;
  std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
};

void exec(sqlite3* db, const char* sql) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail(db, "exec");
}

constexpr const char* comment_columns =
    "id, version, chapter, block, quote, role, name, comment, suggestion, created, "
    "disposition, response, published, token_hash";

Comment read_comment(const Statement& s) {
  Comment c;
  c.id = s.text(0);
  c.version = s.text(1);
  c.chapter = s.text(2);
  c.block = s.text(3);
  c.quote = s.text(4);
  c.role = s.text(5);
  c.name = s.text(6);
  c.comment = s.text(7);
  c.suggestion = s.text(8);
  c.created = s.text(9);
  c.disposition = s.text(10);
  c.response = s.text(11);
  c.published = s.integer(12) != 0;
  c.author = s.text(13);
  return c;
}

std::string base64url(const unsigned char* bytes, std::size_t size) {
  static constexpr std::string_view alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < size; ++i) {
    buffer = (buffer << 8U) | bytes[i];
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += alphabet[(buffer >> static_cast<unsigned>(bits)) & 0x3FU];
    }
  }
  if (bits > 0) out += alphabet[(buffer << static_cast<unsigned>(6 - bits)) & 0x3FU];
  return out;
}

std::vector<std::string> copies(const std::vector<std::string_view>& words) {
  return {words.begin(), words.end()};
}

}  // namespace

const std::vector<std::string>& roles() {
  static const auto list = copies(model::names(model::review_roles));
  return list;
}

const std::vector<std::string>& dispositions() {
  static const auto list = copies(model::names(model::dispositions));
  return list;
}

std::string comment_id(const Comment& c) {
  std::string joined;
  for (const auto* field :
       {&c.version, &c.chapter, &c.block, &c.role, &c.comment, &c.suggestion, &c.created}) {
    if (field != &c.version) joined += '\0';
    joined += *field;
  }
  return "c-" + core::sha256_hex(joined).substr(0, 16);
}

std::string new_token() {
  std::array<unsigned char, 32> bytes{};
  std::size_t got = 0;
  while (got < bytes.size()) {
    const auto n = getrandom(bytes.data() + got, bytes.size() - got, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw StoreError(std::string("getrandom: ") + std::strerror(errno));
    }
    got += static_cast<std::size_t>(n);
  }
  return base64url(bytes.data(), bytes.size());
}

std::string token_hash(const std::string& token) { return core::sha256_hex(token); }

void Store::Closer::operator()(sqlite3* db) const { sqlite3_close(db); }

Store::Store(const std::string& path, std::chrono::milliseconds busy_timeout) {
  sqlite3* raw = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  db_.reset(raw);
  if (rc != SQLITE_OK) fail(raw, "cannot open " + path);
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, static_cast<int>(busy_timeout.count()));
  exec(raw, "PRAGMA journal_mode = WAL");
  exec(raw, "PRAGMA synchronous = FULL");
  exec(raw, "PRAGMA foreign_keys = ON");
  Statement version(raw, "PRAGMA user_version");
  const auto current = version.step() ? version.integer(0) : 0;
  if (current > schema_version) {
    throw StoreError("review store: " + path + " has schema version " + std::to_string(current) +
                     ", newer than this visie knows (" + std::to_string(schema_version) + ")");
  }
  if (current == 0) {
    exec(raw, "BEGIN IMMEDIATE");
    try {
      exec(raw, schema_v1);
      exec(raw, "COMMIT");
    } catch (...) {
      sqlite3_exec(raw, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }
}

Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

void Store::add_token(const Token& token) {
  Statement s(db_.get(),
              "INSERT INTO tokens (hash, version, access, role, created) VALUES (?, ?, ?, ?, ?)");
  s.bind(1, token.hash)
      .bind(2, token.version)
      .bind(3, token.access == Access::team ? "team" : "reviewer")
      .bind(4, token.role)
      .bind(5, token.created)
      .run();
}

std::optional<Token> Store::find_token(const std::string& hash) const {
  Statement s(db_.get(), "SELECT hash, version, access, role, created FROM tokens WHERE hash = ?");
  s.bind(1, hash);
  if (!s.step()) return std::nullopt;
  return Token{s.text(0), s.text(1), s.text(2) == "team" ? Access::team : Access::reviewer,
               s.text(3), s.text(4)};
}

bool Store::insert(const Comment& c) {
  Statement s(db_.get(), std::string("INSERT OR IGNORE INTO comments (") + comment_columns +
                             ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, c.id)
      .bind(2, c.version)
      .bind(3, c.chapter)
      .bind(4, c.block)
      .bind(5, c.quote)
      .bind(6, c.role)
      .bind(7, c.name)
      .bind(8, c.comment)
      .bind(9, c.suggestion)
      .bind(10, c.created)
      .bind(11, c.disposition)
      .bind(12, c.response)
      .bind(13, std::int64_t{c.published ? 1 : 0})
      .bind(14, c.author)
      .run();
  return sqlite3_changes(db_.get()) > 0;
}

std::optional<Comment> Store::find(const std::string& id) const {
  Statement s(db_.get(), std::string("SELECT ") + comment_columns + " FROM comments WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return read_comment(s);
}

void Store::update(const Comment& c) {
  Statement s(db_.get(),
              "UPDATE comments SET chapter = ?, block = ?, quote = ?, role = ?, name = ?, "
              "comment = ?, suggestion = ?, created = ?, disposition = ?, response = ?, "
              "published = ?, token_hash = ? WHERE id = ? AND version = ?");
  s.bind(1, c.chapter)
      .bind(2, c.block)
      .bind(3, c.quote)
      .bind(4, c.role)
      .bind(5, c.name)
      .bind(6, c.comment)
      .bind(7, c.suggestion)
      .bind(8, c.created)
      .bind(9, c.disposition)
      .bind(10, c.response)
      .bind(11, std::int64_t{c.published ? 1 : 0})
      .bind(12, c.author)
      .bind(13, c.id)
      .bind(14, c.version)
      .run();
}

std::vector<Comment> Store::list(const std::string& version, const std::string& chapter) const {
  Statement s(db_.get(), std::string("SELECT ") + comment_columns +
                             " FROM comments WHERE version = ? AND (? = '' OR chapter = ?)"
                             " ORDER BY created, id");
  s.bind(1, version).bind(2, chapter).bind(3, chapter);
  std::vector<Comment> out;
  while (s.step()) out.push_back(read_comment(s));
  return out;
}

std::map<std::string, std::int64_t> Store::counts(const std::string& version) const {
  Statement s(db_.get(),
              "SELECT chapter, count(*) FROM comments WHERE version = ? GROUP BY chapter");
  s.bind(1, version);
  std::map<std::string, std::int64_t> out;
  while (s.step()) out[s.text(0)] = s.integer(1);
  return out;
}

std::string Store::integrity_check() const {
  Statement s(db_.get(), "PRAGMA integrity_check");
  std::string out;
  while (s.step()) out += (out.empty() ? "" : "\n") + s.text(0);
  return out;
}

}  // namespace visie::review
