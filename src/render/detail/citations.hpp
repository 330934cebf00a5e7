#pragma once
/// What the citation formatter's files share (render/citations/, one file
/// per job: names, typography, the style's state and order, the in-text
/// citation, the APA entry, the Vancouver entry). Private to render/.
#ifndef VISIE_STAGE_RENDER
#error "render/detail is private to the render stage"
#endif

#include <string>
#include <string_view>
#include <vector>

#include "core/text.hpp"
#include "model/model.hpp"

namespace visie::render::cite {

// Names (render/citations/names.cpp).

/// "van der Berg": the family name with its particles, as a citation
/// names the person.
std::string family_name(const model::Name& n);
/// "van der Berg, J." or "Vilans": a name as the APA list writes it.
std::string listed_name(const model::Name& n);
/// "K. de Vries": an editor as an APA chapter entry writes them.
std::string given_first(const model::Name& n);
/// "Berg J van den"-like Vancouver form: "van den Berg J".
std::string vancouver_name(const model::Name& n);
/// The initials of a person without spaces or hyphens, for comparing two
/// first authors.
std::string initials_key(const model::Name& n);
/// A list of names joined as APA joins them: "A", "A, & B", "A, B, & C".
std::string join_names(const std::vector<std::string>& names, std::string_view amp, bool comma);

// Reference types and typography (render/citations/typography.cpp).

/// APA 9.22 and 8.14: a work that stands on its own has an italic title; a
/// part of something (an article, a chapter) and a law do not. A title in
/// square brackets is a description, never italic.
bool italic_title(const model::Reference& ref);
/// Types whose date in the list is the full date ("2021, maart 6").
bool dated_fully(const model::Reference& ref);
/// A law, a case, a bill, a regulation or a treaty.
bool is_legal(const model::Reference& ref);
/// Whether `s` ends with a full stop, a question mark or an exclamation mark.
bool ends_sentence(std::string_view s);
/// Typographic apostrophes, as citeproc prints them ("patient's" →
/// "patient’s").
std::string typographic(std::string_view s);
/// "112-120" → "112–120": a range of pages or a locator takes an en dash.
std::string ranges(std::string_view s);

/// Writes one entry or citation as HTML or plain text.
class Writer {
 public:
  explicit Writer(bool html) : html_(html) {}
  [[nodiscard]] std::string text(std::string_view s) const {
    const auto t = typographic(s);
    return html_ ? core::escape_html(t) : t;
  }
  [[nodiscard]] std::string italic(std::string_view s) const {
    return html_ ? "<i>" + text(s) + "</i>" : text(s);
  }

 private:
  bool html_;
};

}  // namespace visie::render::cite
