// The bookmark names of a version's Word file (model/docx.hpp).

#include <doctest/doctest.h>

#include <cctype>
#include <string>

#include "model/docx.hpp"

using visie::model::docx_bookmark;

namespace {

/// What Word keeps as a bookmark name: at most 40 characters, a letter
/// first, then letters, digits and '_'.
bool word_keeps(const std::string& name) {
  if (name.empty() || name.size() > 40 || std::isalpha(static_cast<unsigned char>(name[0])) == 0) return false;
  for (const char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_') return false;
  }
  return true;
}

}  // namespace

TEST_CASE("docx: a block's bookmark is a name Word keeps, the same each time, and tells blocks apart") {
  const std::string long_heading = "waarom-een-visie-op-zelfmanagement-in-de-chronische-zorg-nodig-is";
  CHECK(word_keeps(docx_bookmark("aanleiding", "p-xe24xub")));
  CHECK(word_keeps(docx_bookmark("kansen-belemmeringen", long_heading)));
  CHECK(word_keeps(docx_bookmark("hoofdstuk_één", "li-1")));
  CHECK(docx_bookmark("aanleiding", "p-xe24xub") == docx_bookmark("aanleiding", "p-xe24xub"));
  CHECK(docx_bookmark("aanleiding", "p-xe24xub") != docx_bookmark("opdracht", "p-xe24xub"));
  // The chapter and the block are kept apart: "a"+"bc" is not "ab"+"c".
  CHECK(docx_bookmark("a", "bc") != docx_bookmark("ab", "c"));
}
