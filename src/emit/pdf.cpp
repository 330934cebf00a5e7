#include "emit/detail/pdf.hpp"
#include "emit/detail/process.hpp"

#include <unistd.h>

#include <chrono>
#include <deque>
#include <fstream>
#include <iterator>
#include <thread>

namespace visie::emit {

namespace {

namespace fs = std::filesystem;

/// One WeasyPrint process on its way.
struct Running {
  const PdfJob* job = nullptr;
  pid_t pid = -1;
  fs::path log;  // WeasyPrint's stderr
};

/// Starts WeasyPrint for `job` (absolute paths: an argument can never be
/// taken for an option).
pid_t start(const fs::path& weasyprint, const fs::path& html, const fs::path& pdf,
            const fs::path& log, std::int64_t epoch, std::string& problem) {
  return spawn({weasyprint.string(), fs::absolute(html).string(), fs::absolute(pdf).string()}, {}, log,
               epoch, problem);
}

bool looks_like_pdf(const fs::path& pdf) {
  std::ifstream in(pdf, std::ios::binary);
  char head[5] = {};
  in.read(head, sizeof head);
  return in.gcount() == 5 && std::string_view(head, 5) == "%PDF-";
}

/// Waits for `r` and checks what it wrote; reports a failure to `diags`.
bool finish(const Running& r, const fs::path& staging, const fs::path& shown,
            core::Diagnostics& diags) {
  const core::SourceLoc loc{(shown / r.job->html).generic_string(), 0, 0};
  std::string why = wait_for(r.pid, "WeasyPrint");
  if (why.empty() && !looks_like_pdf(staging / r.job->pdf)) {
    why = "WeasyPrint did not write a PDF";
  }
  if (!why.empty()) {
    const auto tail = tail_of(r.log);
    diags.error(loc, why + (tail.empty() ? "" : ": " + tail));
  }
  std::error_code ec;
  fs::remove(r.log, ec);
  return why.empty();
}

}  // namespace

bool render_pdfs(const PdfRendering& pdfs, const fs::path& staging, const fs::path& shown,
                 core::Diagnostics& diags) {
  const std::size_t slots = std::max(1U, std::thread::hardware_concurrency());
  std::deque<Running> running;
  bool ok = true;
  std::size_t n = 0;
  for (const auto& job : pdfs.jobs) {
    if (running.size() >= slots) {
      ok = finish(running.front(), staging, shown, diags) && ok;
      running.pop_front();
    }
    if (!ok) break;
    std::error_code ec;
    fs::create_directories((staging / job.pdf).parent_path(), ec);
    Running r{&job, -1, staging / (".weasyprint-" + std::to_string(n++) + ".log")};
    std::string problem;
    r.pid = start(pdfs.weasyprint, staging / job.html, staging / job.pdf, r.log,
                  job.source_date_epoch, problem);
    if (r.pid < 0) {
      diags.error({pdfs.weasyprint.generic_string(), 0, 0}, "cannot run WeasyPrint: " + problem);
      fs::remove(r.log, ec);
      ok = false;
      break;
    }
    running.push_back(std::move(r));
  }
  // Every started process is waited for, also after a failure.
  for (const auto& r : running) ok = finish(r, staging, shown, diags) && ok;
  if (!ok || !pdfs.then) return ok;
  publish::PdfSizes sizes;
  for (const auto& job : pdfs.jobs) {
    std::ifstream in(staging / job.pdf, std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    sizes[job.pdf] = {pdf_page_count(bytes), bytes.size()};
  }
  for (const auto& [path, bytes] : pdfs.then(sizes)) {
    std::ofstream out(staging / path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) {
      diags.error({(shown / path).generic_string(), 0, 0}, "cannot write file");
      return false;
    }
  }
  return ok;
}

std::size_t pdf_page_count(std::string_view bytes) {
  // "/Type /Page" followed by a delimiter, not "/Pages": PDF allows any
  // white space (or none) between the name and its value.
  std::size_t count = 0;
  for (auto at = bytes.find("/Type"); at != std::string_view::npos; at = bytes.find("/Type", at + 1)) {
    auto p = at + 5;
    while (p < bytes.size() && (bytes[p] == ' ' || bytes[p] == '\n' || bytes[p] == '\r' ||
                                bytes[p] == '\t' || bytes[p] == '\f' || bytes[p] == '\0')) {
      ++p;
    }
    if (bytes.substr(p, 5) != "/Page") continue;
    p += 5;
    const bool name_ends = p == bytes.size() ||
                           std::string_view(" \n\r\t\f/<>[]()%", 13).find(bytes[p]) != std::string_view::npos ||
                           bytes[p] == '\0';
    if (name_ends) ++count;
  }
  return count;
}

std::optional<fs::path> find_program(std::string_view name, std::string_view path_list) {
  if (name.empty() || name.find('/') != std::string_view::npos) return std::nullopt;
  std::size_t pos = 0;
  while (pos <= path_list.size()) {
    auto end = path_list.find(':', pos);
    if (end == std::string_view::npos) end = path_list.size();
    const auto dir = path_list.substr(pos, end - pos);
    const fs::path candidate = fs::path(dir.empty() ? "." : std::string(dir)) / std::string(name);
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec) && access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
    pos = end + 1;
  }
  return std::nullopt;
}

std::int64_t epoch_of_date(std::string_view date) {
  using namespace std::chrono;
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return 0;
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8};
  const std::size_t lengths[3] = {4, 2, 2};
  for (int i = 0; i < 3; ++i) {
    for (std::size_t k = 0; k < lengths[i]; ++k) {
      const char c = date[starts[i] + k];
      if (c < '0' || c > '9') return 0;
      parts[i] = parts[i] * 10 + (c - '0');
    }
  }
  const year_month_day ymd{year{parts[0]}, month{static_cast<unsigned>(parts[1])},
                           day{static_cast<unsigned>(parts[2])}};
  if (!ymd.ok()) return 0;
  return duration_cast<seconds>(sys_days{ymd}.time_since_epoch()).count();
}

}  // namespace visie::emit
