#pragma once
// Internal to app: what the commands share — the driver's options from the
// command's, the closing report, folder locks and snapshot files.
#ifndef VISIE_STAGE_APP
#error "app/detail is private to the app stage"
#endif

#include <iosfwd>
#include <memory>
#include <string>

#include "app/app.hpp"
#include "build/build.hpp"
#include "core/diagnostic.hpp"
#include "emit/emit.hpp"
#include "model/model.hpp"

namespace visie::app {

/// The command `visie SUBCOMMAND` with the folders this run was given
/// (--content, --templates and, for `build`, --out) when they are not the
/// defaults: a hint that does the same thing when pasted.
std::string command_hint(const Options& options, const std::string& subcommand);

/// The build driver's options for a command run with `options`: its
/// folders, and the command a drift warning advises.
build::Options driver_options(const Options& options);

/// Prints `diags` and, when there are errors, that nothing was written.
/// Returns the exit code.
int finish(const core::Diagnostics& diags, std::ostream& err);

/// Takes the lock on `folder` for the rest of the command, saying on `err`
/// when another visie run holds it and this one waits. Null, with an error
/// in `diags`, when it cannot be taken.
std::unique_ptr<emit::FolderLock> lock_folder(const std::filesystem::path& folder,
                                              std::ostream& err, core::Diagnostics& diags);

}  // namespace visie::app
