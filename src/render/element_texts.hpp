#pragma once
/// The text of a chapter's blocks as a reader sees it (fragment.cpp reads
/// the HTML).

#include <map>
#include <string>
#include <string_view>

namespace visie::render {

/// The text a reader sees of each block element with an id in `html` (a
/// chapter's final HTML), by id: citations and cross-references as they are
/// rendered, whitespace collapsed; reference links, footnote references,
/// scripts, styles and drawings left out. The changes pages show blocks so.
std::map<std::string, std::string> element_texts(std::string_view html);

}  // namespace visie::render
