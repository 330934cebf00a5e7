#pragma once
/// Internal to emit: WeasyPrint and pandoc run as child processes on the
/// staging folder.
#ifndef VISIE_STAGE_EMIT
#error "emit/detail is private to the emit stage"
#endif

#include <filesystem>

#include "core/diagnostic.hpp"
#include "emit/emit.hpp"

namespace visie::emit {

/// Runs WeasyPrint for every job of `pdfs` on the files in `staging` (a few
/// at a time, one per core). `shown` is the output folder as the user named
/// it, for messages. Returns true when every PDF was written; each failure
/// is an error in `diags` with WeasyPrint's own last words.
bool render_pdfs(const PdfRendering& pdfs, const std::filesystem::path& staging,
                 const std::filesystem::path& shown, core::Diagnostics& diags);

/// Has pandoc write every job of `docx` from the print editions in
/// `staging` (their drawings made PNGs with rsvg-convert first), one
/// version per core. Returns true when every Word file was written; each
/// failure is an error in `diags` with the program's own last words.
bool render_docx(const DocxRendering& docx, const std::filesystem::path& staging,
                 const std::filesystem::path& shown, core::Diagnostics& diags);

}  // namespace visie::emit
