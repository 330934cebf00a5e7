// The Word files: each version's print edition as pandoc's JSON document
// (made by render, through the driver), its drawings made PNGs with
// rsvg-convert, then `pandoc -f json -t docx`, all in the staging folder.
#include <fstream>
#include <iterator>

#include "core/parallel.hpp"
#include "emit/detail/pdf.hpp"
#include "emit/detail/process.hpp"

namespace visie::emit {

namespace {

namespace fs = std::filesystem;

bool write_bytes(const fs::path& file, std::string_view bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out.flush());
}

bool looks_like_zip(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  char head[4] = {};
  in.read(head, sizeof head);
  return in.gcount() == 4 && std::string_view(head, 4) == std::string_view("PK\x03\x04", 4);
}

/// Runs `args` in `folder` and waits; empty when it succeeded, else why not
/// with the program's last words.
std::string run(const std::vector<std::string>& args, const std::string& program, const fs::path& folder,
                const fs::path& log, std::int64_t epoch) {
  std::string problem;
  const auto pid = spawn(args, folder, log, epoch, problem);
  if (pid < 0) return "cannot run " + program + " (" + args[0] + "): " + problem;
  auto why = wait_for(pid, program);
  if (!why.empty()) {
    const auto tail = tail_of(log);
    if (!tail.empty()) why += ": " + tail;
  }
  return why;
}

/// One version's Word file; an error in `diags` when it was not written.
void render_one(const DocxRendering& docx, const DocxJob& job, const fs::path& staging,
                const fs::path& shown, core::Diagnostics& diags) {
  const core::SourceLoc loc{(shown / job.html).generic_string(), 0, 0};
  const fs::path folder = (staging / job.html).parent_path();
  std::ifstream in(staging / job.html, std::ios::binary);
  if (!in) {
    diags.error(loc, "cannot read the print edition for the Word file");
    return;
  }
  const std::string html{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const auto source = docx.convert(html);
  const fs::path media = folder / docx_media;
  std::error_code ec;
  fs::remove_all(media, ec);
  fs::create_directories(media, ec);
  const auto done = [&](const std::string& why) {
    if (!why.empty()) diags.error(loc, why);
    std::error_code ignored;
    fs::remove_all(media, ignored);
  };
  if (ec) return done("cannot create folder " + (shown / job.html).parent_path().generic_string() +
                      "/" + docx_media + ": " + ec.message());
  const fs::path log = media / "log";
  for (const auto& [png, svg] : source.drawings) {
    const auto svg_name = fs::path(png).replace_extension(".svg");
    if (!write_bytes(folder / svg_name, svg)) return done("cannot write " + svg_name.generic_string());
    // "./": a relative path is never taken for an option.
    auto why = run({docx.rsvg_convert.string(), "--zoom", "2", "--format", "png", "--output", "./" + png,
                    "./" + svg_name.generic_string()},
                   "rsvg-convert", folder, log, job.source_date_epoch);
    if (!why.empty()) return done(why);
  }
  const auto document = fs::path(docx_media) / "document.json";
  if (!write_bytes(folder / document, source.pandoc_json)) {
    return done("cannot write " + document.generic_string());
  }
  const auto name = fs::path(job.docx).filename().string();
  // An empty data folder: no reference.docx of the user's changes the file.
  auto why = run({docx.pandoc.string(), "--from", "json", "--to", "docx",
                  "--data-dir", "./" + std::string(docx_media), "--output", "./" + name,
                  "./" + document.generic_string()},
                 "pandoc", folder, log, job.source_date_epoch);
  if (why.empty() && !looks_like_zip(folder / name)) why = "pandoc did not write a Word file";
  done(why);
}

}  // namespace

bool render_docx(const DocxRendering& docx, const fs::path& staging, const fs::path& shown,
                 core::Diagnostics& diags) {
  std::vector<core::Diagnostics> found(docx.jobs.size());
  core::parallel_for(docx.jobs.size(), [&](std::size_t i) {
    render_one(docx, docx.jobs[i], staging, shown, found[i]);
  });
  bool ok = true;
  for (const auto& f : found) {
    ok = ok && !f.has_errors();
    diags.append(f);
  }
  return ok;
}

}  // namespace visie::emit
