// `visie serve` end to end: the binary on a loopback port, a chapter edited
// while it runs, the reload event and the error overlay.
#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "e2e/serve_process.hpp"
#include "support/support.hpp"

namespace fs = std::filesystem;
using namespace visie;
using Clock = std::chrono::steady_clock;

namespace {

/// `visie serve` on a free loopback port for `content`.
test::ServeProcess serve(const fs::path& content) {
  return test::ServeProcess({"--port", "0", "--content", content.string()});
}

/// Listens to the server's event stream and keeps the reload events.
class Events {
 public:
  explicit Events(int port)
      : thread_([this, port] {
          httplib::Client client("127.0.0.1", port);
          client.set_read_timeout(60, 0);
          client.Get("/__visie/events", [this](const char* data, std::size_t len) {
            const std::lock_guard lock(mutex_);
            text_.append(data, len);
            changed_.notify_all();
            return true;
          });
        }) {}
  ~Events() { thread_.join(); }
  Events(const Events&) = delete;
  Events& operator=(const Events&) = delete;

  /// Waits up to `timeout` for the n-th reload event; its data (the
  /// generation), or an empty string.
  std::string wait_for(std::size_t n, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    std::string data;
    changed_.wait_for(lock, timeout, [&] {
      std::size_t count = 0;
      std::size_t pos = 0;
      while ((pos = text_.find("event: reload\ndata: ", pos)) != std::string::npos) {
        pos += 20;
        const auto end = text_.find("\n\n", pos);
        if (end == std::string::npos) break;
        if (++count == n) {
          data = text_.substr(pos, end - pos);
          return true;
        }
      }
      return false;
    });
    return data;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::string text_;
  std::thread thread_;
};

std::string get(int port, const std::string& path, int* status = nullptr) {
  httplib::Client client("127.0.0.1", port);
  auto res = client.Get(path);
  if (!res) return {};
  if (status != nullptr) *status = res->status;
  return res->body;
}

const char* chapter_head = "---\ntitle: Inleiding\norder: 1\n---\n";

/// `text` with the first `from` replaced by `to`.
std::string replaced_once(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("serve rebuilds on a chapter edit, shows errors as an overlay and never stops") {
  test::TempDir dir;
  test::copy_fixture("good/minimal", dir / "c");
  const auto chapter = dir / "c/chapters/01-inleiding.md";
  auto server = serve(dir / "c");
  const int port = server.port();

  int status = 0;
  const auto first = get(port, "/concept-1/inleiding.html", &status);
  CHECK(status == 200);
  CHECK(first.find("EventSource(\"/__visie/events\")") != std::string::npos);
  CHECK(get(port, "/", &status).find("<html") != std::string::npos);
  CHECK(get(port, "/concept-1/assets/style.css").find("<script>") == std::string::npos);
  get(port, "/bestaat-niet.html", &status);
  CHECK(status == 404);

  Events events(port);
  const auto initial = events.wait_for(1, std::chrono::seconds(5));
  REQUIRE_FALSE(initial.empty());

  // 1. An edit: the page changes and the open page is told to reload.
  auto start = Clock::now();
  test::write_file(chapter, std::string(chapter_head) + "Een nieuwe zin van vandaag.\n");
  const auto second = events.wait_for(2, std::chrono::seconds(5));
  const auto latency = Clock::now() - start;
  CHECK(second != initial);
  CHECK(latency < std::chrono::seconds(1));
  MESSAGE("rebuild and reload event after ",
          std::chrono::duration_cast<std::chrono::milliseconds>(latency).count(), " ms");
  CHECK(get(port, "/concept-1/inleiding.html").find("Een nieuwe zin van vandaag.") !=
        std::string::npos);

  // 2. An error: the last good page stays, with the diagnostics over it.
  test::write_file(chapter, std::string(chapter_head) + "Tekst.\n\n```visie grafiek\n```\n");
  CHECK_FALSE(events.wait_for(3, std::chrono::seconds(5)).empty());
  const auto broken = get(port, "/concept-1/inleiding.html", &status);
  CHECK(status == 200);
  CHECK(broken.find("visie-overlay") != std::string::npos);
  CHECK(broken.find("01-inleiding.md:7:1: error: unknown directive &quot;grafiek&quot;") !=
        std::string::npos);
  CHECK(broken.find("Een nieuwe zin van vandaag.") != std::string::npos);
  CHECK(server.running());

  // 3. Fixed: the new page, no overlay.
  start = Clock::now();
  test::write_file(chapter, std::string(chapter_head) + "Weer goed.\n");
  CHECK_FALSE(events.wait_for(4, std::chrono::seconds(5)).empty());
  CHECK(Clock::now() - start < std::chrono::seconds(1));
  const auto fixed = get(port, "/concept-1/inleiding.html");
  CHECK(fixed.find("Weer goed.") != std::string::npos);
  CHECK(fixed.find("visie-overlay") == std::string::npos);

  CHECK(server.running());
  start = Clock::now();
  CHECK(server.terminate() == 0);
  MESSAGE("stopped after ",
          std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count(),
          " ms");
}

TEST_CASE("serve starts on broken content, shows the errors, and serves the site once fixed") {
  test::TempDir dir;
  test::copy_fixture("good/minimal", dir / "c");
  const auto chapter = dir / "c/chapters/01-inleiding.md";
  // Two errors that the build records in the reverse of their order in the
  // file (placeholders before citations): shown by line, as `check` does.
  test::write_file(chapter, std::string(chapter_head) + "Zie [@nergens].\n\n{{onbekend}}\n");
  auto server = serve(dir / "c");
  const int port = server.port();
  int status = 0;
  const auto page = get(port, "/concept-1/inleiding.html", &status);
  CHECK(status == 503);
  const auto citation = page.find("01-inleiding.md:5:6: error: unknown citation key");
  const auto placeholder = page.find("01-inleiding.md:7:1: error: unknown placeholder");
  REQUIRE(citation != std::string::npos);
  REQUIRE(placeholder != std::string::npos);
  CHECK(citation < placeholder);
  CHECK(page.find("EventSource") != std::string::npos);

  // A second server cannot take the same port: a usage error, not a hang.
  const auto busy = test::run_visie("serve --port " + std::to_string(port) + " --content '" +
                                    (dir / "c").string() + "'",
                                    "timeout 20");  // a regression must not hang the suite
  CHECK(busy.exit_code == 2);
  CHECK(busy.output.find("cannot listen") != std::string::npos);

  Events events(port);
  REQUIRE_FALSE(events.wait_for(1, std::chrono::seconds(5)).empty());
  test::write_file(chapter, std::string(chapter_head) + "Goed.\n");
  CHECK_FALSE(events.wait_for(2, std::chrono::seconds(5)).empty());
  const auto fixed = get(port, "/concept-1/inleiding.html", &status);
  CHECK(status == 200);
  CHECK(fixed.find("Goed.") != std::string::npos);
  CHECK(server.terminate() == 0);
}

TEST_CASE("serve shows every edit: a chapter, a data file and a template (nothing stale kept)") {
  test::TempDir dir;
  test::copy_fixture("good/minimal", dir / "c");
  const auto programme = dir / "t/components/programme.html";
  test::write_file(programme, test::read_file(fs::path(VISIE_SOURCE_DIR) /
                                              "templates/components/programme.html"));
  auto server = test::ServeProcess({"--port", "0", "--content", (dir / "c").string(),
                                    "--templates", (dir / "t").string()});
  const int port = server.port();
  Events events(port);
  REQUIRE_FALSE(events.wait_for(1, std::chrono::seconds(5)).empty());
  std::size_t builds = 1;
  const auto rebuilt = [&] { return !events.wait_for(++builds, std::chrono::seconds(5)).empty(); };

  // Each edit leaves the other chapter alone: it comes from the cache, and
  // must still show the edits that concern it.
  test::write_file(dir / "c/chapters/01-inleiding.md",
                   std::string(chapter_head) + "Over zelfzorg, vandaag herschreven.\n");
  REQUIRE(rebuilt());
  CHECK(get(port, "/concept-1/inleiding.html").find("vandaag herschreven") != std::string::npos);

  test::write_file(dir / "c/data/terms.json",
                   replaced_once(test::read_file(dir / "c/data/terms.json"), "Zorg voor jezelf.",
                                 "Goed zorgen voor jezelf."));
  REQUIRE(rebuilt());
  CHECK(get(port, "/concept-1/inleiding.html").find("Goed zorgen voor jezelf.") !=
        std::string::npos);

  test::write_file(programme, test::read_file(programme) + "<!-- programma-merkteken -->\n");
  REQUIRE(rebuilt());
  CHECK(get(port, "/concept-1/sessie.html").find("programma-merkteken") != std::string::npos);
  CHECK(get(port, "/concept-1/inleiding.html").find("Goed zorgen voor jezelf.") !=
        std::string::npos);
  CHECK(server.terminate() == 0);
}

TEST_CASE("serve refuses path traversal, oversized headers and bodies and ambiguous framing") {
  test::TempDir dir;
  test::copy_fixture("good/minimal", dir / "c");
  test::write_file(dir / "geheim.txt", "GEHEIM");
  auto server = serve(dir / "c");
  const auto ask = [&](const std::string& request) {
    test::RawConnection connection(server.port());
    connection.send(request);
    return connection.receive("\r\n\r\n", std::chrono::seconds(5));
  };
  const auto status_of = [](const std::string& answer) {
    return answer.size() >= 12 ? answer.substr(9, 3) : answer;
  };
  for (const std::string path : {"/../geheim.txt", "/%2e%2e/geheim.txt",
                                 "/concept-1/..%2f..%2fgeheim.txt", "//etc/passwd"}) {
    CAPTURE(path);
    const auto answer = ask("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
    CHECK(status_of(answer) == "404");
    CHECK(answer.find("GEHEIM") == std::string::npos);
  }
  // Headers larger than 32 KiB: 431, and the server goes on.
  CHECK(status_of(ask("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(40000, 'a') +
                      "\r\n\r\n")) == "431");
  // A body announced larger than the limit: refused before it is sent.
  CHECK(status_of(ask("POST /concept-1/ HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n")) ==
        "413");
  // Request smuggling: two parties could read the length differently.
  for (const std::string framing :
       {"Content-Length: 5\r\nContent-Length: 40\r\n",
        "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "Transfer-Encoding: xchunked\r\n",
        "Content-Length : 5\r\n"}) {
    CAPTURE(framing);
    const auto answer =
        ask("POST /concept-1/ HTTP/1.1\r\nHost: x\r\n" + framing + "\r\n0\r\n\r\nGET /x HTTP/1.1\r\n\r\n");
    CHECK(status_of(answer) == "400");
    CHECK(answer.find("HTTP/1.1", 9) == std::string::npos);  // one answer: the rest is not read
  }
  // A page and its event stream still answer; other methods are 405.
  int status = 0;
  get(server.port(), "/concept-1/inleiding.html", &status);
  CHECK(status == 200);
  CHECK(status_of(ask("DELETE /concept-1/ HTTP/1.1\r\nHost: x\r\n\r\n")) == "405");
  CHECK(server.terminate() == 0);
}
