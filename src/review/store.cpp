#include "review/store.hpp"

#include <sqlite3.h>
#include <sys/random.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <mutex>
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
  [[nodiscard]] sqlite3_stmt* raw() const { return stmt_.get(); }
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

/// The columns of a comment, in the order of their parameters
/// (comment_values) and of what a SELECT of them returns: the text columns
/// (comment_texts), then `published`, then the author's token hash.
constexpr const char* comment_columns =
    "id, version, chapter, block, quote, role, name, comment, suggestion, created, "
    "disposition, response, published, token_hash";
constexpr const char* comment_values =
    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
/// The members of Comment in the first columns of comment_columns.
constexpr std::string Comment::*comment_texts[] = {
    &Comment::id,      &Comment::version, &Comment::chapter,    &Comment::block,
    &Comment::quote,   &Comment::role,    &Comment::name,       &Comment::comment,
    &Comment::suggestion, &Comment::created, &Comment::disposition, &Comment::response};
constexpr int published_column = 12;  // 0-based, as SELECT returns it
constexpr int author_column = 13;

Comment read_comment(const Statement& s) {
  Comment c;
  int column = 0;
  for (const auto member : comment_texts) c.*member = s.text(column++);
  c.published = s.integer(published_column) != 0;
  c.author = s.text(author_column);
  return c;
}

/// Binds the columns of `c` to their parameters (comment_values) and runs `s`.
void run_with(Statement& s, const Comment& c) {
  int parameter = 1;
  for (const auto member : comment_texts) s.bind(parameter++, c.*member);
  s.bind(published_column + 1, std::int64_t{c.published ? 1 : 0})
      .bind(author_column + 1, c.author)
      .run();
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

// Named, not anonymous: Store::Impl (declared in the header) holds
// connections, and a type with internal linkage in its fields is an error in
// waiting (GCC's -Wsubobject-linkage, seen in the unity build).
namespace sqlite_connection {
struct Closer {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
}  // namespace sqlite_connection
using Connection = std::unique_ptr<sqlite3, sqlite_connection::Closer>;

namespace {

Connection open_connection(const std::string& path, int flags, std::chrono::milliseconds busy) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  Connection db(raw);
  if (rc != SQLITE_OK) fail(raw, "cannot open " + path);
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, static_cast<int>(busy.count()));
  return db;
}

/// BEGIN IMMEDIATE … COMMIT, rolled back when left by an exception.
class Transaction {
 public:
  explicit Transaction(sqlite3* db) : db_(db) { exec(db_, "BEGIN IMMEDIATE"); }
  ~Transaction() {
    if (!done_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit() {
    exec(db_, "COMMIT");
    done_ = true;
  }

 private:
  sqlite3* db_;
  bool done_ = false;
};

}  // namespace

struct Store::Impl {
  std::string path;
  std::chrono::milliseconds busy{};
  /// A file store: reads get connections of their own.
  bool pooled = false;
  std::mutex write_mutex;
  Connection writer;
  std::mutex pool_mutex;
  std::vector<Connection> idle;

  /// Runs `f` with the write connection, one caller at a time.
  template <class F>
  auto write(F&& f) {
    const std::lock_guard lock(write_mutex);
    return f(writer.get());
  }

  /// Runs `f` with a read connection of its own (the write connection for
  /// a store in memory).
  template <class F>
  auto read(F&& f) {
    if (!pooled) return write(std::forward<F>(f));
    Connection db;
    {
      const std::lock_guard lock(pool_mutex);
      if (!idle.empty()) {
        db = std::move(idle.back());
        idle.pop_back();
      }
    }
    if (!db) db = open_connection(path, SQLITE_OPEN_READONLY, busy);
    struct GiveBack {
      Impl& impl;
      Connection& db;
      ~GiveBack() {
        const std::lock_guard lock(impl.pool_mutex);
        impl.idle.push_back(std::move(db));
      }
    } give_back{*this, db};
    return f(db.get());
  }
};

Store::Store(const std::string& path, std::chrono::milliseconds busy_timeout)
    : impl_(std::make_unique<Impl>()) {
  impl_->path = path;
  impl_->busy = busy_timeout;
  impl_->pooled = !path.empty() && path != ":memory:";
  impl_->writer = open_connection(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, busy_timeout);
  auto* raw = impl_->writer.get();
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
    Transaction transaction(raw);
    exec(raw, schema_v1);
    transaction.commit();
  }
}

Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

namespace {

std::string insert_sql() {
  return std::string("INSERT OR IGNORE INTO comments (") + comment_columns + ") VALUES " +
         comment_values;
}

/// Inserts `c` with the prepared `s`; whether a row was added.
bool insert_with(sqlite3* db, Statement& s, const Comment& c) {
  run_with(s, c);
  return sqlite3_changes(db) > 0;
}

std::optional<Comment> find_in(sqlite3* db, const std::string& id) {
  Statement s(db, std::string("SELECT ") + comment_columns + " FROM comments WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return read_comment(s);
}

/// Updates the comment of `c`'s id and version to `c` (its id and version
/// stay as they are).
void update_in(sqlite3* db, const Comment& c) {
  Statement s(db, std::string("UPDATE comments SET (") + comment_columns + ") = " +
                      comment_values + " WHERE id = ?1 AND version = ?2");
  run_with(s, c);
}

}  // namespace

void Store::add_token(const Token& token) {
  impl_->write([&](sqlite3* db) {
    Statement s(db,
                "INSERT INTO tokens (hash, version, access, role, created) VALUES (?, ?, ?, ?, ?)");
    s.bind(1, token.hash)
        .bind(2, token.version)
        .bind(3, token.access == Access::team ? "team" : "reviewer")
        .bind(4, token.role)
        .bind(5, token.created)
        .run();
  });
}

std::optional<Token> Store::find_token(const std::string& hash) const {
  return impl_->read([&](sqlite3* db) -> std::optional<Token> {
    Statement s(db, "SELECT hash, version, access, role, created FROM tokens WHERE hash = ?");
    s.bind(1, hash);
    if (!s.step()) return std::nullopt;
    return Token{s.text(0), s.text(1), s.text(2) == "team" ? Access::team : Access::reviewer,
                 s.text(3), s.text(4)};
  });
}

bool Store::insert(const Comment& c) {
  return impl_->write([&](sqlite3* db) {
    Statement s(db, insert_sql());
    return insert_with(db, s, c);
  });
}

std::size_t Store::insert_all(const std::vector<Comment>& all) {
  return impl_->write([&](sqlite3* db) {
    Transaction transaction(db);
    Statement s(db, insert_sql());
    std::size_t added = 0;
    for (const auto& c : all) {
      if (insert_with(db, s, c)) ++added;
      sqlite3_reset(s.raw());
      sqlite3_clear_bindings(s.raw());
    }
    transaction.commit();
    return added;
  });
}

std::optional<Comment> Store::find(const std::string& id) const {
  return impl_->read([&](sqlite3* db) { return find_in(db, id); });
}

void Store::update(const Comment& c) {
  impl_->write([&](sqlite3* db) { update_in(db, c); });
}

std::optional<Comment> Store::change(const std::string& id,
                                     const std::function<bool(Comment&)>& edit) {
  return impl_->write([&](sqlite3* db) -> std::optional<Comment> {
    Transaction transaction(db);
    auto c = find_in(db, id);
    if (!c) return std::nullopt;
    auto edited = *c;
    if (!edit(edited)) return c;
    edited.id = c->id;
    edited.version = c->version;
    update_in(db, edited);
    transaction.commit();
    return edited;
  });
}

std::vector<Comment> Store::list(const std::string& version, const std::string& chapter) const {
  return impl_->read([&](sqlite3* db) {
    Statement s(db, std::string("SELECT ") + comment_columns +
                        " FROM comments WHERE version = ? AND (? = '' OR chapter = ?)"
                        " ORDER BY created, id");
    s.bind(1, version).bind(2, chapter).bind(3, chapter);
    std::vector<Comment> out;
    while (s.step()) out.push_back(read_comment(s));
    return out;
  });
}

Page Store::page(const PageQuery& query) const {
  return impl_->read([&](sqlite3* db) {
    Statement s(db, std::string("SELECT ") + comment_columns +
                        " FROM comments WHERE version = ?1 AND (?2 = '' OR chapter = ?2)"
                        " AND (?3 = 1 OR published = 1 OR token_hash = ?4)"
                        " AND (?5 = '' OR (created, id) >"
                        " (SELECT created, id FROM comments WHERE id = ?5))"
                        " ORDER BY created, id LIMIT ?6");
    s.bind(1, query.version)
        .bind(2, query.chapter)
        .bind(3, std::int64_t{query.all ? 1 : 0})
        .bind(4, query.reader)
        .bind(5, query.after)
        .bind(6, static_cast<std::int64_t>(query.limit) + 1);
    Page out;
    while (s.step()) {
      if (out.comments.size() == query.limit) {
        out.more = true;
        break;
      }
      out.comments.push_back(read_comment(s));
    }
    return out;
  });
}

std::map<std::string, std::int64_t> Store::counts(const std::string& version) const {
  return impl_->read([&](sqlite3* db) {
    Statement s(db, "SELECT chapter, count(*) FROM comments WHERE version = ? GROUP BY chapter");
    s.bind(1, version);
    std::map<std::string, std::int64_t> out;
    while (s.step()) out[s.text(0)] = s.integer(1);
    return out;
  });
}

std::string Store::integrity_check() const {
  return impl_->write([&](sqlite3* db) {
    Statement s(db, "PRAGMA integrity_check");
    std::string out;
    while (s.step()) out += (out.empty() ? "" : "\n") + s.text(0);
    return out;
  });
}

}  // namespace visie::review
