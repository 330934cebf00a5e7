#pragma once
/// Internal to emit: WeasyPrint run as a child process on the staging
/// folder.
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

}  // namespace visie::emit
