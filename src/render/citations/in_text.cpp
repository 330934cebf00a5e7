// The in-text citation: parenthetical ("(Barlow et al., 2002; Lorig et
// al., 2003)", Vancouver "(1, 3–5)") and narrative ("Barlow et al.
// (2002)"), each work linked to its entry.
#include "render/citations.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "render/detail/citations.hpp"

namespace visie::render {

using namespace cite;
using model::Reference;

std::string CitationStyle::parenthetical(const std::vector<CiteItem>& items,
                                         std::string_view href_prefix) const {
  const auto anchor = [&](const Reference& ref, const std::string& html) {
    if (!listed(ref)) return html;
    return "<a href=\"" + std::string(href_prefix) + "ref-" + ref.id + "\">" + html + "</a>";
  };
  std::string out = "<span class=\"citation\">(";
  if (format_ == model::CitationFormat::vancouver) {
    // "(1, 3–5)": numbers in order, three or more in a row as a range.
    std::vector<std::pair<int, const CiteItem*>> numbered;
    std::string unnumbered;
    for (const auto& item : items) {
      if (listed(*item.ref)) {
        numbered.emplace_back(number(*item.ref), &item);
      } else {
        // A personal communication has no number: it is cited as in APA.
        unnumbered += "; " + names_cited(*item.ref, false, true) + ", " +
                      core::escape_html(when_cited(*item.ref));
      }
    }
    std::stable_sort(numbered.begin(), numbered.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 0; i < numbered.size();) {
      std::size_t j = i;
      while (j + 1 < numbered.size() && numbered[j + 1].first == numbered[j].first + 1 &&
             numbered[j + 1].second->locator.empty() && numbered[j].second->locator.empty() &&
             numbered[j + 1].second->prefix.empty()) {
        ++j;
      }
      if (i > 0) out += ", ";
      const auto& first = *numbered[i].second;
      if (!first.prefix.empty()) out += core::escape_html(first.prefix) + ' ';
      out += anchor(*first.ref, std::to_string(numbered[i].first));
      if (j >= i + 2) {
        out += "\u2013" + anchor(*numbered[j].second->ref, std::to_string(numbered[j].first));
      } else if (j == i + 1) {
        out += ", " + anchor(*numbered[j].second->ref, std::to_string(numbered[j].first));
      }
      if (!first.locator.empty() && j == i) out += ", " + core::escape_html(ranges(first.locator));
      i = j + 1;
    }
    if (numbered.empty() && !unnumbered.empty()) unnumbered.erase(0, 2);
    return out + unnumbered + ")</span>";
  }
  // APA 8.12: the works in the order of the reference list.
  std::vector<const CiteItem*> sorted;
  for (const auto& item : items) sorted.push_back(&item);
  // The key of the list, but with the names as the citation shows them
  // ("Smit et al." sorts as one).
  const auto key = [&](const CiteItem& c) {
    const auto& a = c.ref->authors;
    std::string k;
    if (a.empty()) {
      k = sort_fold(c.ref->title);
    } else {
      for (std::size_t i = 0; i < a.size() && (a.size() < 3 || i == 0); ++i) {
        k += sort_fold(a[i].literal.empty()
                           ? a[i].family + " " + a[i].particle + " " + a[i].dropping_particle
                           : a[i].literal) +
             '\x01' + sort_fold(a[i].given) + '\x02';
      }
    }
    return k + '\x03' + year(*c.ref);
  };
  // A prefix ("zie", "vgl.") belongs where the author put it: then the
  // author's order stands.
  const bool prefixed = std::any_of(items.begin(), items.end(),
                                    [](const auto& i) { return !i.prefix.empty(); });
  if (!prefixed) {
    std::stable_sort(sorted.begin(), sorted.end(),
                     [&](const auto* a, const auto* b) { return key(*a) < key(*b); });
  }
  std::string previous;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const auto& item = *sorted[i];
    const auto names = names_cited(*item.ref, false, true);
    std::string when = core::escape_html(when_cited(*item.ref));
    if (!item.locator.empty()) when += ", " + core::escape_html(ranges(item.locator));
    // APA 8.12: works of the same authors share their names: "(Smit,
    // 2017a, 2017b)".
    if (i > 0 && names == previous && item.prefix.empty()) {
      out += ", " + anchor(*item.ref, when);
      continue;
    }
    if (i > 0) out += "; ";
    if (!item.prefix.empty()) out += core::escape_html(item.prefix) + ' ';
    out += anchor(*item.ref, names + ", " + when);
    previous = names;
  }
  return out + ")</span>";
}

std::string CitationStyle::narrative(const CiteItem& item, std::string_view href_prefix) const {
  std::string when = format_ == model::CitationFormat::vancouver && listed(*item.ref)
                         ? std::to_string(number(*item.ref))
                         : when_cited(*item.ref);
  if (!item.locator.empty()) when += ", " + ranges(item.locator);
  const auto shown = names_cited(*item.ref, true, true) + " (" + core::escape_html(when) + ")";
  if (!listed(*item.ref)) return "<span class=\"citation\">" + shown + "</span>";
  return "<span class=\"citation\"><a href=\"" + std::string(href_prefix) + "ref-" +
         item.ref->id + "\">" + shown + "</a></span>";
}

}  // namespace visie::render
