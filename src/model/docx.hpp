#pragma once
/// The one name scheme that ties a version's Word file to its blocks: the
/// writer puts a bookmark of this name around each block, and
/// `visie review import-docx` finds the block of a Word comment or tracked
/// change through it (docs/review.md, "Review in Word").

#include <string>
#include <string_view>

#include "core/sha256.hpp"

namespace visie::model {

/// The Word bookmark around block `block` of chapter `chapter`: `visie_`
/// and the first 12 hex digits of the SHA-256 of the chapter and the block
/// joined by a NUL byte. Word keeps a bookmark name of at most 40
/// characters, a letter first, then letters, digits and `_`; a chapter slug
/// and a heading's id can be longer or hold other characters, so the name is
/// a digest. The reader maps a name back by computing it for every block of
/// the version.
inline std::string docx_bookmark(std::string_view chapter, std::string_view block) {
  std::string key;
  key.reserve(chapter.size() + 1 + block.size());
  key.append(chapter).push_back('\0');
  key.append(block);
  return "visie_" + core::sha256_hex(key).substr(0, 12);
}

}  // namespace visie::model
