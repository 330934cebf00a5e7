#pragma once
/// The print edition's rewriting of one rendered fragment (a chapter or an
/// appendix), kept in render, the one stage that reads visie's own HTML.
/// publish decides the document (each part's anchor, ids unique in the
/// whole document, where a link to another page goes, footnote numbers
/// across the parts); this module reads and rewrites the fragment:
///  - cmark-gfm's footnote section becomes page footnotes: the first call
///    of a footnote becomes `<span class="footnote" id="fn-…">body</span>`,
///    a later call links to it with its number;
///  - every id is renamed to the name publish gives it;
///  - href, xlink:href, id-reference lists (for, aria-…) and `url(#…)` are
///    rewritten to the document's names;
///  - an external link whose text is its address gets class "url-shown";
///  - every drawing (<svg>) gets the print stylesheet of the drawings.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace visie::render {

/// What the print edition must know of a part before it rewrites any part.
struct PrintPartIndex {
  /// How many page footnotes the part gets (numbered from 1 in the part).
  int footnotes = 0;
  /// Every id of the part once its footnotes are page footnotes, in
  /// document order, repeats included.
  std::vector<std::string> ids;
};

/// Reads `html` for index_print_part()'s data.
PrintPartIndex index_print_part(std::string_view html);

/// How the document names a part's ids and resolves its links.
struct PrintRewrite {
  /// The footnotes of the parts before this one: added to the numbers that
  /// later calls of a footnote show (the CSS counter numbers the others).
  int footnotes_before = 0;
  /// The document's name of each id of PrintPartIndex::ids, in that order.
  std::vector<std::string> id_names;
  /// Id in the part → id in the document, for links within the part and
  /// id references (a repeated id: its first occurrence).
  const std::map<std::string, std::string>* ids = nullptr;
  /// A link that does not start with '#': its path (before '#') and its
  /// fragment with percent-escapes decoded → the link in the document
  /// ("#anchor"), or nullopt to keep it as written.
  std::function<std::optional<std::string>(std::string_view path, const std::string& fragment)>
      resolve_page;
  /// Trusted markup (a <style> element) put right after the start tag of
  /// every <svg>: WeasyPrint does not resolve the site's custom properties
  /// in SVG, so each drawing carries its print rules. Empty: none.
  std::string drawing_style = {};
};

/// `html` rewritten for the print edition (see above).
std::string rewrite_for_print(std::string_view html, const PrintRewrite& rewrite);

/// `html` (a print layout our templates made) with `style` (trusted markup)
/// right after the start tag of every <svg>, as rewrite_for_print() does
/// with PrintRewrite::drawing_style.
std::string style_drawings(std::string_view html, const std::string& style);

}  // namespace visie::render
