#pragma once
/// The print edition as a Word document: render reads the print edition's
/// HTML (visie's own, publish/print.cpp) and writes it as a pandoc JSON
/// document (pandoc-api-version 1.22, pandoc 2.17), which pandoc's docx
/// writer turns into a .docx (emit runs pandoc). What the Word file holds
/// is docs/word.md.
///
/// - headings are pandoc Headers (Word's Heading 1..n), tables Tables,
///   page footnotes Notes (Word footnotes), drawings Images (PNG files
///   that emit makes from the SVGs listed here) with their captions;
/// - every citable block of a chapter (an element with an id and a
///   reference link, as render's anchors place them) and every heading
///   carries the Word bookmark model::docx_bookmark(chapter, block): the
///   identifier of a Div around it (pandoc gives a Header's own identifier
///   a bookmark over its whole section);
/// - what the print stylesheet hides on paper (the reference links, the
///   narrow drawings, texts for screen readers, …) is left out.

#include <string>
#include <string_view>
#include <vector>

namespace visie::render {

/// A drawing of the print edition: the SVG, made a file of its own, and the
/// PNG the document shows (a path relative to the version's folder).
struct WordDrawing {
  std::string png;
  std::string svg;
  /// The drawing's size in its own units (its viewBox), for the PNG's.
  double width = 0;
  double height = 0;
};

/// A bookmark the document holds, with the chapter and block it marks.
struct WordBookmark {
  std::string chapter;
  std::string block;
  std::string name;  // model::docx_bookmark(chapter, block)
};

/// The Word document of a print edition, for pandoc.
struct WordDocument {
  std::string pandoc_json;  // the document, `pandoc -f json`
  std::vector<WordDrawing> drawings;
  std::vector<WordBookmark> bookmarks;  // in document order
};

/// `html` (a version's print.html) as a pandoc document. Drawings are
/// named `<media>/<n>.png` (n from 1, in document order). Images of the
/// site (`<img src>` relative to the version's folder) keep their path;
/// external images become their alternative text.
WordDocument print_to_word(std::string_view html, const std::string& media);

}  // namespace visie::render
