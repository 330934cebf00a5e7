// The reference list entry in Vancouver (ICMJE, after the NLM's Citing
// Medicine), as HTML or plain text.
#include "render/citations.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "render/detail/citations.hpp"

namespace visie::render {

namespace {

/// The number written in a Vancouver page range: "80-86" → "80-6" (NLM
/// drops the repeated leading digits).
std::string nlm_pages(std::string_view page) {
  const auto dash = page.find('-');
  if (dash == std::string_view::npos) return std::string(page);
  const auto a = page.substr(0, dash);
  const auto b = page.substr(dash + 1);
  if (a.size() != b.size() ||
      !std::all_of(a.begin(), a.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
      !std::all_of(b.begin(), b.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::string(page);
  }
  std::size_t same = 0;
  while (same + 1 < a.size() && a[same] == b[same]) ++same;
  return std::string(a) + "-" + std::string(b.substr(same));
}

}  // namespace

using namespace cite;
using model::Name;
using model::Reference;

std::string CitationStyle::vancouver_entry(const Reference& ref, bool html) const {
  const Writer w(html);
  std::string out;
  const auto add = [&](std::string_view part, std::string_view end) {
    if (part.empty()) return;
    if (!out.empty()) out += ' ';
    out += w.text(part);
    if (!ends_sentence(part) || end != ".") out += end;
  };
  // ICMJE: up to six authors, then "et al."
  const auto names = [&](const std::vector<Name>& list) {
    std::string s;
    for (std::size_t i = 0; i < list.size() && i < 6; ++i) {
      s += (i > 0 ? ", " : "") + vancouver_name(list[i]);
    }
    if (list.size() > 6) s += ", et al";
    return s;
  };
  const std::string year_text = ref.year ? std::to_string(*ref.year) : std::string();
  if (!ref.authors.empty()) {
    add(names(ref.authors), ".");
  } else if (!ref.editors.empty() && ref.type != "chapter") {
    add(names(ref.editors) + ", " +
            (ref.editors.size() > 1 ? string("cite_editors_vancouver", "editors")
                                    : string("cite_editor_vancouver", "editor")),
        ".");
  }
  const bool web = ref.type == "webpage" || ref.type == "post" || ref.type == "post-weblog";
  std::string medium = web ? "Internet" : "";
  if (ref.type == "thesis") medium = ref.genre.empty() ? string("cite_thesis", "Thesis") : ref.genre;
  if (ref.type == "dataset") medium = string("cite_data_set", "Data set");
  add(ref.title + (medium.empty() ? "" : " [" + medium + "]"), ".");
  const bool periodical = ref.type == "article-journal" || ref.type == "article-magazine" ||
                          ref.type == "article-newspaper" || ref.type == "article";
  if (periodical) {
    std::string source = ref.container_title + ".";
    std::string where = year_text;
    if (!ref.volume.empty()) where += ";" + ref.volume;
    if (!ref.issue.empty()) where += "(" + ref.issue + ")";
    if (!ref.page.empty()) where += ":" + nlm_pages(ref.page);
    out += (out.empty() ? "" : " ") + w.text(source) + ' ' + w.text(where) + '.';
  } else {
    if (ref.type == "chapter" && !ref.container_title.empty()) {
      std::string in = "In: ";
      if (!ref.editors.empty()) {
        in += names(ref.editors) + ", " +
              (ref.editors.size() > 1 ? string("cite_editors_vancouver", "editors")
                                      : string("cite_editor_vancouver", "editor")) +
              ". ";
      }
      add(in + ref.container_title, ".");
    }
    if (!ref.edition.empty()) add(edition(ref), ".");
    std::string published = ref.publisher_place;
    // A web page is published by its site.
    const auto& publisher = web && ref.publisher.empty() ? ref.container_title : ref.publisher;
    if (!publisher.empty()) published += (published.empty() ? "" : ": ") + publisher;
    if (!year_text.empty()) published += (published.empty() ? "" : "; ") + year_text;
    add(published, ".");
    if (ref.type == "chapter" && !ref.page.empty()) add("p. " + nlm_pages(ref.page), ".");
    if (ref.type == "report" && !ref.number.empty()) {
      add(string("cite_report_number", "Report No.") + ": " + ref.number, ".");
    }
  }
  return out;
}

}  // namespace visie::render
