// The reference list entry in APA 7 (chapters 9 and 10): who, when,
// what and where, as HTML or plain text.
#include "render/citations.hpp"

#include <string>
#include <vector>

#include "render/detail/citations.hpp"

namespace visie::render {

using namespace cite;
using model::Name;
using model::Reference;

std::string CitationStyle::apa_entry(const Reference& ref, bool html) const {
  const Writer w(html);
  const auto period = [](std::string& s, std::string_view plain) {
    if (!ends_sentence(plain)) s += '.';
  };
  // Who: the authors, or the editors of an edited book (APA 9.8, 10.3).
  const auto listed_names = [&](const std::vector<Name>& names) {
    std::vector<std::string> parts;
    for (const auto& n : names) parts.push_back(listed_name(n));
    // APA 9.8: up to 20 names; of 21 or more the first 19, "…", the last.
    if (parts.size() >= 21) {
      std::string out;
      for (std::size_t i = 0; i < 19; ++i) out += parts[i] + ", ";
      return out + "\u2026 " + parts.back();
    }
    return join_names(parts, "&", true);
  };
  std::string who;
  std::string who_plain;
  if (!ref.authors.empty()) {
    who_plain = listed_names(ref.authors);
  } else if (!ref.editors.empty() && ref.type != "chapter") {
    who_plain = listed_names(ref.editors) + " (" + string("cite_editors", "Eds.") + ")";
  }
  who = w.text(who_plain);

  // What: the title with its description in brackets.
  const bool italic = italic_title(ref);
  std::string what = italic ? w.italic(ref.title) : w.text(ref.title);
  std::string what_plain = ref.title;
  std::vector<std::string> paren;
  if (!ref.edition.empty() && ref.type != "chapter") paren.push_back(edition(ref));
  if (ref.type == "dataset" || ref.type == "software") {
    const auto v = ref.variables.find("version");
    if (v != ref.variables.end()) paren.push_back(string("cite_version", "Version") + " " + v->second);
  }
  if (!ref.number.empty() && (ref.type == "report" || ref.type == "dataset")) {
    const bool numeric = ref.number[0] >= '0' && ref.number[0] <= '9';
    paren.push_back(numeric ? string("cite_number", "No.") + " " + ref.number : ref.number);
  }
  if (!paren.empty()) {
    std::string p;
    for (const auto& x : paren) p += (p.empty() ? "" : ", ") + x;
    what += " (" + w.text(p) + ")";
    what_plain += " (" + p + ")";
  }
  std::string bracket;
  if (ref.type == "dataset") bracket = string("cite_data_set", "Data set");
  if (ref.type == "thesis") {
    bracket = ref.genre.empty() ? string("cite_thesis", "Thesis") : ref.genre;
    // APA 10.6: the university in the brackets when a repository holds it.
    if (!link(ref).empty() && !ref.publisher.empty()) bracket += ", " + ref.publisher;
  } else if (!ref.genre.empty() && ref.type != "report") {
    bracket = ref.genre;
  } else if (!ref.medium.empty()) {
    bracket = ref.medium;
  }
  if (!bracket.empty()) {
    what += " [" + w.text(bracket) + "]";
    what_plain += " [" + bracket + "]";
  }

  // When.
  std::string when;
  if (ref.year || !ref.issued.literal.empty()) {
    const auto it = suffix_.find(ref.id);
    auto issued = ref.issued;
    if (!issued.year) issued.year = ref.year;
    when = dated_fully(ref) ? date_text(issued, false) : std::to_string(ref.year.value_or(0));
    if (!ref.year) when = ref.issued.literal;
    if (it != suffix_.end() && ref.year) {
      // The suffix follows the year: "2019a, mei 20".
      when.insert(std::to_string(*ref.year).size(), it->second);
    }
  } else {
    when = year(ref);
  }
  when = "(" + w.text(when) + ").";

  std::string out;
  if (!who_plain.empty()) {
    out = who;
    period(out, who_plain);
    out += ' ' + when + ' ' + what;
    period(out, what_plain);
  } else {
    // APA 9.12: without author the title takes its place.
    out = what;
    period(out, what_plain);
    out += ' ' + when;
  }

  // Where: the journal, the book a chapter is in, or the publisher.
  const bool periodical = ref.type == "article-journal" || ref.type == "article-magazine" ||
                          ref.type == "article-newspaper" || ref.type == "article" ||
                          (ref.type == "paper-conference" && !ref.container_title.empty());
  if (periodical) {
    std::string source = w.italic(ref.container_title);
    if (!ref.volume.empty()) {
      source += ", " + w.italic(ref.volume);
      if (!ref.issue.empty()) source += "(" + w.text(ref.issue) + ")";
    } else if (!ref.issue.empty()) {
      source += ", (" + w.text(ref.issue) + ")";
    }
    if (!ref.page.empty()) source += ", " + w.text(ranges(ref.page));
    if (!ref.container_title.empty()) out += ' ' + source + '.';
  } else if (ref.type == "chapter" || ref.type == "entry-encyclopedia" ||
             ref.type == "entry-dictionary") {
    std::string in = string("cite_in", "In");
    if (!ref.editors.empty()) {
      std::vector<std::string> eds;
      for (const auto& n : ref.editors) eds.push_back(given_first(n));
      in += ' ' + w.text(join_names(eds, "&", false)) + " (" +
            w.text(string("cite_editors", "Eds.")) + "),";
    }
    std::vector<std::string> paren_in;
    if (!ref.edition.empty()) paren_in.push_back(edition(ref));
    if (!ref.page.empty()) {
      const bool range = ref.page.find_first_of("-\u2013,") != std::string::npos;
      paren_in.push_back((range ? string("cite_pages", "pp.") : string("cite_page", "p.")) + " " +
                         ranges(ref.page));
    }
    if (!ref.container_title.empty()) {
      out += ' ' + in + ' ' + w.italic(ref.container_title);
      if (!paren_in.empty()) {
        std::string p;
        for (const auto& x : paren_in) p += (p.empty() ? "" : ", ") + x;
        out += " (" + w.text(p) + ")";
      }
      out += '.';
    }
    if (!ref.publisher.empty()) out += ' ' + w.text(ref.publisher) + '.';
  } else if (is_legal(ref)) {
    std::string source = ref.container_title;
    if (!ref.number.empty()) source += (source.empty() ? "" : " ") + ref.number;
    if (!source.empty()) out += ' ' + w.text(source) + '.';
  } else {
    // APA 9.25: a publisher (or site) that is also the author is not
    // repeated.
    const auto same_as_author = [&](const std::string& name) {
      return ref.authors.size() == 1 && family_name(ref.authors[0]) == name;
    };
    const auto& source = ref.type == "webpage" || ref.type == "post" || ref.type == "post-weblog"
                             ? ref.container_title
                             : ref.publisher;
    const bool in_brackets = ref.type == "thesis" && !link(ref).empty();
    if (!source.empty() && !same_as_author(source) && !in_brackets) {
      out += ' ' + w.text(source);
      period(out, source);
    }
  }
  // APA 9.16: a work without a date that may change says when it was
  // read, before its address (which the template adds).
  if (!ref.year && ref.issued.literal.empty() && ref.accessed.year && ref.doi.empty() &&
      !ref.url.empty()) {
    auto retrieved = string("cite_retrieved", "Retrieved {0}, from");
    const auto at = retrieved.find("{0}");
    if (at != std::string::npos) retrieved.replace(at, 3, date_text(ref.accessed, true));
    out += ' ' + w.text(retrieved);
  }
  return out;
}

}  // namespace visie::render
