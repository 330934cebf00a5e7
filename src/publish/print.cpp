// The print edition: every chapter of a version in one document for CSS
// Paged Media, in the manner of mdBook's print page (ids made unique per
// chapter, links rewritten to #anchors), plus page footnotes. Figures and
// tables keep the numbers the render stage gave them, as on the site.
#include <map>
#include <optional>
#include <set>
#include <unordered_set>

#include "core/parallel.hpp"
#include "core/text.hpp"
#include "render/html.hpp"
#include "publish/publish.hpp"
#include "render/render.hpp"

namespace visie::publish {

namespace html = render::html;

namespace {

using html::Token;
using nlohmann::json;
using Tokens = std::vector<Token>;

/// Hands out ids that are unique across the whole document: a taken id
/// gets "-2", "-3", … appended.
class IdRegistry {
 public:
  std::string unique(const std::string& wanted) {
    std::string id = wanted.empty() ? std::string("x") : wanted;
    if (used_.insert(id).second) return id;
    for (int n = 2;; ++n) {
      auto candidate = id + "-" + std::to_string(n);
      if (used_.insert(candidate).second) return candidate;
    }
  }

 private:
  std::unordered_set<std::string> used_;
};

/// An id as it may appear in the document: no whitespace (HTML forbids it
/// in ids).
std::string sanitize_id(std::string_view id) {
  std::string out;
  for (char c : id) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    out += space ? '-' : c;
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// A URL fragment with its percent-escapes decoded (cmark-gfm escapes
/// hrefs, not ids).
std::string fragment_text(std::string_view fragment) {
  std::string out;
  for (std::size_t i = 0; i < fragment.size(); ++i) {
    if (fragment[i] == '%' && i + 2 < fragment.size()) {
      const int hi = hex_value(fragment[i + 1]);
      const int lo = hex_value(fragment[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += fragment[i];
  }
  return out;
}

Token start_tag(std::string name, std::vector<std::pair<std::string, std::string>> attrs) {
  Token t;
  t.kind = Token::Kind::start_tag;
  t.name = std::move(name);
  t.changed = true;
  for (auto& [k, v] : attrs) t.set(k, std::move(v));
  return t;
}

Token end_tag(const std::string& name) {
  Token t;
  t.kind = Token::Kind::end_tag;
  t.name = name;
  t.raw = "</" + name + ">";
  return t;
}

bool is_blank(const Token& t) {
  return t.kind == Token::Kind::text && t.raw.find_first_not_of(" \t\r\n") == std::string::npos;
}

/// One chapter or appendix on its way through the passes.
struct Part {
  std::string page;    // the chapter's page id ("" for appendices)
  std::string anchor;  // the id of its <section> in the document
  Tokens tokens;
  std::map<std::string, std::string> ids;  // id in the page → id in the document
};

// ------------------------------------------------------------ footnotes

/// Block elements that may occur in a footnote, turned into spans: the
/// footnote body sits inside a paragraph, where block elements would end
/// the paragraph.
bool is_footnote_block(const std::string& name) {
  static const std::set<std::string, std::less<>> blocks = {"p", "ul", "ol", "li", "blockquote",
                                                             "pre", "div", "dl", "dt", "dd"};
  return blocks.contains(name);
}

/// The body of one footnote list item (`<li id="fn-…">…</li>`) as inline
/// markup: back-references removed, paragraphs and other blocks as spans.
Tokens footnote_body(const Tokens& tokens, std::size_t open, std::size_t close) {
  Tokens body;
  for (std::size_t i = open + 1; i < close; ++i) {
    const auto& t = tokens[i];
    if (t.is_start("a") && t.has_class("footnote-backref")) {
      // The "↩" link back into the text: a page footnote sits next to its call.
      i = html::find_close(tokens, i);
      if (!body.empty() && body.back().kind == Token::Kind::text) {
        auto& prev = body.back().raw;
        while (!prev.empty() && (prev.back() == ' ' || prev.back() == '\n')) prev.pop_back();
      }
      continue;
    }
    if (t.kind == Token::Kind::start_tag && is_footnote_block(t.name)) {
      auto span = start_tag("span", {{"class", "footnote-" + t.name}});
      body.push_back(std::move(span));
      continue;
    }
    if (t.kind == Token::Kind::end_tag && is_footnote_block(t.name)) {
      body.push_back(end_tag("span"));
      continue;
    }
    body.push_back(t);
  }
  while (!body.empty() && is_blank(body.front())) body.erase(body.begin());
  while (!body.empty() && is_blank(body.back())) body.pop_back();
  return body;
}

/// A later call of a footnote, which shows the footnote's number: where
/// its number token is, and the number within its part.
struct FootnoteNumber {
  std::size_t token;
  int number;
};

/// Replaces cmark-gfm's footnote section by page footnotes: the first call
/// of a footnote becomes `<span class="footnote" id="fn-…">body</span>`
/// (CSS floats it to the foot of the page); a later call of the same
/// footnote links to it with its number. Footnotes are numbered from 1 in
/// the part; the CSS footnote counter numbers those of the whole document,
/// so the numbers shown are listed in `shown`, for the document's parts to
/// add the footnotes before them (number_footnotes()). Returns how many
/// footnotes the part has.
int make_page_footnotes(Tokens& tokens, std::vector<FootnoteNumber>& shown) {
  int counter = 0;
  std::map<std::string, Tokens> bodies;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto& t = tokens[i];
    if (!(t.is_start("section") && t.has_class("footnotes"))) continue;
    const auto close = html::find_close(tokens, i);
    for (std::size_t j = i + 1; j < close; ++j) {
      if (!tokens[j].is_start("li") || !tokens[j].has("id")) continue;
      const auto li_close = html::find_close(tokens, j);
      bodies.emplace(*tokens[j].get("id"), footnote_body(tokens, j, std::min(li_close, close)));
      j = li_close;
    }
    tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(i),
                 tokens.begin() + static_cast<std::ptrdiff_t>(std::min(close + 1, tokens.size())));
    // A trailing newline of the removed section stays; harmless.
    --i;
  }
  if (bodies.empty()) return 0;

  std::map<std::string, int> numbers;
  Tokens out;
  out.reserve(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto& t = tokens[i];
    if (!(t.is_start("sup") && t.has_class("footnote-ref"))) {
      out.push_back(t);
      continue;
    }
    const auto close = html::find_close(tokens, i);
    std::string target;
    for (std::size_t j = i + 1; j < close; ++j) {
      if (tokens[j].is_start("a")) {
        const auto href = tokens[j].get("href").value_or("");
        if (href.starts_with("#")) target = fragment_text(std::string_view(href).substr(1));
        break;
      }
    }
    const auto body = bodies.find(target);
    if (body == bodies.end()) {
      out.push_back(t);
      continue;
    }
    if (const auto seen = numbers.find(target); seen != numbers.end()) {
      out.push_back(start_tag("sup", {{"class", "footnote-ref"}}));
      out.push_back(start_tag("a", {{"href", "#" + target}}));
      shown.push_back({out.size(), seen->second});
      out.push_back(html::raw_text(std::to_string(seen->second)));
      out.push_back(end_tag("a"));
      out.push_back(end_tag("sup"));
    } else {
      numbers.emplace(target, ++counter);
      out.push_back(start_tag("span", {{"class", "footnote"}, {"id", target}}));
      out.insert(out.end(), body->second.begin(), body->second.end());
      out.push_back(end_tag("span"));
    }
    i = std::min(close, tokens.size() - 1);
  }
  tokens = std::move(out);
  return counter;
}

/// Adds `before` (the footnotes of the parts before this one) to the
/// numbers that make_page_footnotes() listed in `shown`.
void number_footnotes(Tokens& tokens, const std::vector<FootnoteNumber>& shown, int before) {
  if (before == 0) return;
  for (const auto& s : shown) tokens[s.token] = html::raw_text(std::to_string(before + s.number));
}

// ------------------------------------------------------------ ids and links

/// An id of a part: the token that has it, the id, and its name in the
/// document (first the name it asks for: the id prefixed with the part's
/// anchor; then that name made unique in the document).
struct IdName {
  std::size_t token;
  std::string id;
  std::string name;
};

/// The ids of `tokens`, the tokens of the part with anchor `anchor`, in
/// document order.
std::vector<IdName> wanted_ids(const Tokens& tokens, const std::string& anchor) {
  std::vector<IdName> wanted;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto& t = tokens[i];
    if (t.kind != Token::Kind::start_tag) continue;
    if (auto id = t.get("id")) {
      auto name = anchor + "_" + sanitize_id(*id);
      wanted.push_back({i, std::move(*id), std::move(name)});
    }
  }
  return wanted;
}

/// Attributes whose value is a list of ids.
bool is_idref_list(const std::string& name) {
  static const std::set<std::string, std::less<>> names = {
      "for",          "headers",          "list",         "form",
      "itemref",      "aria-labelledby",  "aria-describedby", "aria-controls",
      "aria-owns",    "aria-details",     "aria-flowto",  "aria-errormessage",
      "aria-activedescendant"};
  return names.contains(name);
}

/// The document's names for the pages of the site a chapter may link to.
struct LinkTargets {
  const std::vector<Part>& parts;
  std::string contents;  // the table of contents, for links to index.html
  /// The first part of each page, by page id: one lookup per link instead
  /// of a scan of every part (chapters × links).
  std::map<std::string, const Part*, std::less<>> by_page = {};
};

/// `X.html` or `X.html#frag` of a page of this version: the page id and
/// fragment; nullopt for anything else (other folders, other sites).
std::optional<std::pair<std::string, std::string>> sibling_page(std::string_view href) {
  const auto hash = href.find('#');
  const auto path = href.substr(0, hash);
  if (!path.ends_with(".html")) return std::nullopt;
  const auto page = path.substr(0, path.size() - 5);
  if (!core::is_valid_id(page)) return std::nullopt;
  const auto fragment = hash == std::string_view::npos ? std::string_view() : href.substr(hash + 1);
  return std::make_pair(std::string(page), fragment_text(fragment));
}

std::optional<std::string> resolve_link(const Part& part, const LinkTargets& targets,
                                        std::string_view href) {
  if (href.starts_with("#")) {
    const auto it = part.ids.find(fragment_text(href.substr(1)));
    if (it == part.ids.end()) return std::nullopt;
    return "#" + it->second;
  }
  const auto sibling = sibling_page(href);
  if (!sibling) return std::nullopt;
  const auto& [page, fragment] = *sibling;
  if (page == "index") return "#" + targets.contents;
  const auto found = targets.by_page.find(page);
  if (found == targets.by_page.end()) return std::nullopt;
  const auto& other = *found->second;
  if (const auto it = other.ids.find(fragment); !fragment.empty() && it != other.ids.end()) {
    return "#" + it->second;
  }
  return "#" + other.anchor;
}

/// `url(#id)` references inside an attribute value (SVG paint servers,
/// clip paths, markers) renamed with `ids`.
std::string rename_url_refs(const std::string& value, const std::map<std::string, std::string>& ids) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    const auto at = value.find("url(#", pos);
    if (at == std::string::npos) break;
    const auto close = value.find(')', at);
    if (close == std::string::npos) break;
    out += value.substr(pos, at + 5 - pos);
    const auto id = value.substr(at + 5, close - at - 5);
    const auto it = ids.find(id);
    out += it == ids.end() ? id : it->second;
    pos = close;
  }
  out += value.substr(pos);
  return out;
}

/// The text inside the element opened at `open`, decoded.
std::string inner_text(const Tokens& tokens, std::size_t open) {
  std::string out;
  const auto close = html::find_close(tokens, open);
  for (std::size_t i = open + 1; i < close && i < tokens.size(); ++i) {
    if (tokens[i].kind == Token::Kind::text) out += html::decode(tokens[i].raw);
  }
  const auto first = out.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return out.substr(first, out.find_last_not_of(" \t\r\n") - first + 1);
}

/// True when a link's text already shows its address, so print need not
/// repeat it after the link.
bool shows_address(std::string_view shown, std::string_view href) {
  const auto strip = [](std::string_view s) {
    for (std::string_view scheme : {"https://", "http://"}) {
      if (s.starts_with(scheme)) s.remove_prefix(scheme.size());
    }
    while (s.ends_with("/")) s.remove_suffix(1);
    return s;
  };
  return !shown.empty() && strip(shown) == strip(href);
}

void rewrite_links(Part& part, const LinkTargets& targets) {
  for (std::size_t i = 0; i < part.tokens.size(); ++i) {
    auto& t = part.tokens[i];
    if (t.kind != Token::Kind::start_tag) continue;
    for (std::size_t a = 0; a < t.attributes.size(); ++a) {
      const auto name = t.attributes[a].name;
      const auto value = t.attributes[a].value;
      if (name == "href" || name == "xlink:href") {
        if (auto resolved = resolve_link(part, targets, value)) t.set(name, std::move(*resolved));
      } else if (is_idref_list(name)) {
        std::string out;
        std::size_t pos = 0;
        while (pos < value.size()) {
          const auto start = value.find_first_not_of(" \t\r\n", pos);
          if (start == std::string::npos) break;
          auto end = value.find_first_of(" \t\r\n", start);
          if (end == std::string::npos) end = value.size();
          const auto id = value.substr(start, end - start);
          const auto it = part.ids.find(id);
          out += (out.empty() ? "" : " ") + (it == part.ids.end() ? id : it->second);
          pos = end;
        }
        if (out != value) t.set(name, out);
      } else if (value.find("url(#") != std::string::npos) {
        auto renamed = rename_url_refs(value, part.ids);
        if (renamed != value) t.set(name, std::move(renamed));
      }
    }
    // External links print their address after the text (print.css), unless
    // the text already is the address.
    const auto href = t.get("href");
    if (t.name == "a" && href && (href->starts_with("http://") || href->starts_with("https://")) &&
        shows_address(inner_text(part.tokens, i), *href)) {
      const auto cls = t.get("class");
      t.set("class", cls && !cls->empty() ? *cls + " url-shown" : std::string("url-shown"));
    }
  }
}

/// The print stylesheet, safe inside <style>: "</" cannot end the element.
std::string inline_css(std::string_view css) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    const auto at = css.find("</", pos);
    if (at == std::string_view::npos) break;
    out += css.substr(pos, at - pos);
    out += "<\\/";
    pos = at + 2;
  }
  out += css.substr(pos);
  return out;
}

}  // namespace

namespace {

/// Puts `style` right after the opening tag of every <svg> in `html`.
std::string style_drawings(const std::string& html, const std::string& style) {
  std::string out;
  out.reserve(html.size());
  std::size_t pos = 0;
  while (true) {
    const auto at = html.find("<svg", pos);
    const auto end = at == std::string::npos ? at : html.find('>', at);
    if (end == std::string::npos) break;
    out.append(html, pos, end + 1 - pos);
    out += style;
    pos = end + 1;
  }
  out.append(html, pos, std::string::npos);
  return out;
}

constexpr std::string_view part_marker_prefix = "<visie-part ";

/// Where part `i` goes in the rendered layout.
std::string part_marker(std::size_t i) {
  return std::string(part_marker_prefix) + std::to_string(i) + ">";
}

/// `skeleton` with each part's marker replaced by `parts[i]`; nothing when
/// the markers are not each there exactly once.
std::optional<std::string> splice_parts(const std::string& skeleton,
                                        const std::vector<std::string>& parts) {
  struct Spot {
    std::size_t at;
    std::size_t length;
    std::size_t part;
  };
  std::vector<Spot> spots;
  std::vector<bool> seen(parts.size(), false);
  std::size_t size = skeleton.size();
  for (auto at = skeleton.find(part_marker_prefix); at != std::string::npos;
       at = skeleton.find(part_marker_prefix, at + 1)) {
    const auto digits = at + part_marker_prefix.size();
    const auto close = skeleton.find('>', digits);
    if (close == std::string::npos || close == digits || close - digits > 9) return std::nullopt;
    std::size_t part = 0;
    for (auto k = digits; k < close; ++k) {
      if (skeleton[k] < '0' || skeleton[k] > '9') return std::nullopt;
      part = part * 10 + static_cast<std::size_t>(skeleton[k] - '0');
    }
    if (part >= parts.size() || seen[part]) return std::nullopt;
    seen[part] = true;
    spots.push_back({at, close + 1 - at, part});
    size += parts[part].size();
  }
  if (spots.size() != parts.size()) return std::nullopt;
  std::string out;
  out.reserve(size);
  std::size_t pos = 0;
  for (const auto& spot : spots) {
    out.append(skeleton, pos, spot.at - pos);
    out += parts[spot.part];
    pos = spot.at + spot.length;
  }
  out.append(skeleton, pos, std::string::npos);
  return out;
}

}  // namespace

std::string render_print(const PrintEdition& edition, const model::Templates& templates,
                         const json& strings, core::Diagnostics& diags) {
  IdRegistry registry;
  std::vector<Part> parts;
  // Chapters claim their page ids first, so that "X.html" becomes "#X".
  for (const auto& c : edition.chapters) {
    parts.push_back({c.id, registry.unique(sanitize_id(c.id)), {}, {}});
  }
  for (const auto& a : edition.appendices) {
    parts.push_back({a.page, registry.unique(sanitize_id(a.id)), {}, {}});
  }
  const auto cover = registry.unique("cover");
  const auto contents = registry.unique("contents");
  const auto contents_heading = registry.unique(contents + "-heading");

  // The passes over the parts run on all cores; what depends on the parts
  // before (footnote numbers, ids unique in the whole document) is settled
  // in between, in document order, so the result is the same on any number
  // of cores.
  const auto source = [&](std::size_t i) -> const std::string& {
    return i < edition.chapters.size() ? edition.chapters[i].html
                                       : edition.appendices[i - edition.chapters.size()].html;
  };
  // The tokens of every part at once would take ten times the size of the
  // document, so a part is tokenized twice: once to count its footnotes
  // and list its ids, then (the same tokens again) to rename them, rewrite
  // its links and serialize it, when every part's ids are known.
  std::vector<int> footnotes(parts.size());
  std::vector<std::vector<FootnoteNumber>> shown(parts.size());
  std::vector<std::vector<IdName>> ids(parts.size());
  const auto footnoted = [&](std::size_t i) {
    auto tokens = html::tokenize(source(i));
    shown[i].clear();
    footnotes[i] = make_page_footnotes(tokens, shown[i]);
    return tokens;
  };
  core::parallel_for(parts.size(), [&](std::size_t i) {
    ids[i] = wanted_ids(footnoted(i), parts[i].anchor);
  });
  std::vector<int> footnotes_before(parts.size());
  for (std::size_t i = 0, before = 0; i < parts.size(); ++i) {
    footnotes_before[i] = static_cast<int>(before);
    before += static_cast<std::size_t>(footnotes[i]);
    for (auto& id : ids[i]) id.name = registry.unique(id.name);
    // Links to an id that occurs twice go to its first occurrence.
    for (const auto& id : ids[i]) parts[i].ids.emplace(id.id, id.name);
  }
  LinkTargets targets{parts, contents};
  for (const auto& part : parts) {
    if (!part.page.empty()) targets.by_page.emplace(part.page, &part);
  }
  // The print stylesheet of the drawings, put inside each <svg>.
  const auto* drawing_rules = templates.find("assets/figures-print.css");
  const auto drawing_style =
      drawing_rules ? "<style>" + inline_css(drawing_rules->text) + "</style>" : std::string();
  std::vector<std::string> serialized(parts.size());
  core::parallel_for(parts.size(), [&](std::size_t i) {
    auto& part = parts[i];
    part.tokens = footnoted(i);
    number_footnotes(part.tokens, shown[i], footnotes_before[i]);
    for (auto& id : ids[i]) part.tokens[id.token].set("id", std::move(id.name));
    rewrite_links(part, targets);
    serialized[i] = html::serialize(part.tokens);
    if (drawing_rules) serialized[i] = style_drawings(serialized[i], drawing_style);
    Tokens().swap(part.tokens);
  });

  json chapters = json::array();
  json appendices = json::array();
  json toc = json::array();
  for (std::size_t i = 0; i < parts.size(); ++i) {
    auto& part = parts[i];
    const bool is_chapter = i < edition.chapters.size();
    const int number = static_cast<int>(i) + 1;
    const auto& title =
        is_chapter ? edition.chapters[i].title : edition.appendices[i - edition.chapters.size()].title;
    json entry{{"id", part.anchor}, {"title", title}, {"html", part_marker(i)}};
    if (is_chapter) entry["number"] = std::to_string(number);
    toc.push_back({{"id", part.anchor},
                   {"title", title},
                   {"number", is_chapter ? std::to_string(number) : ""},
                   {"kind", is_chapter ? "chapter" : "appendix"}});
    (is_chapter ? chapters : appendices).push_back(std::move(entry));
  }

  const auto& p = edition.project;
  std::string authors;
  for (const auto& a : p.authors) authors += (authors.empty() ? "" : ", ") + a;
  // figures.css is left out: its colours are custom properties, which
  // WeasyPrint does not resolve in SVG (the drawings get figures-print.css
  // inside them instead, below).
  std::string css;
  for (const char* name : {"assets/print.css"}) {
    if (const auto* file = templates.find(name)) {
      css += inline_css(file->text);
    } else {
      diags.error({std::string("templates/") + name, 0, 0}, "template not found");
    }
  }
  json page{{"lang", p.language},
            {"project",
             {{"title", p.title},
              {"subtitle", p.subtitle},
              {"organisation", p.organisation},
              {"authors", authors}}},
            {"version", version_json(edition.version, strings)},
            {"ids", {{"cover", cover}, {"contents", contents}, {"contents_heading", contents_heading}}},
            {"toc", toc},
            {"chapters", std::move(chapters)},
            {"appendices", std::move(appendices)},
            {"css", css},
            {"t", strings}};
  // The layout is rendered with a marker for each part's HTML, which is
  // put in after: Mustache need not copy the whole document. A layout that
  // does not show each part once (or escapes it) is rendered again with the
  // parts themselves.
  core::Diagnostics found;
  auto skeleton = render::render_template(templates, "layouts/print.html", page, found);
  if (drawing_rules) skeleton = style_drawings(skeleton, drawing_style);
  if (auto spliced = splice_parts(skeleton, serialized)) {
    diags.append(found);
    return std::move(*spliced);
  }
  for (auto* list : {&page["chapters"], &page["appendices"]}) {
    for (auto& entry : *list) {
      const auto& marker = entry["html"].get_ref<const std::string&>();
      const auto i = std::stoul(marker.substr(part_marker_prefix.size()));
      entry["html"] = serialized[i];
    }
  }
  auto html = render::render_template(templates, "layouts/print.html", std::move(page), diags);
  if (drawing_rules) html = style_drawings(html, drawing_style);
  return html;
}

std::string slug(std::string_view text) {
  // Latin letters with diacritics (U+00C0–U+00FF) and their base letter.
  static constexpr std::string_view latin1 =
      "aaaaaaaceeeeiiiidnooooo-ouuuuyts"   // U+00C0–U+00DF (upper case)
      "aaaaaaaceeeeiiiidnooooo-ouuuuyty";  // U+00E0–U+00FF
  std::string out;
  bool dash = false;
  const auto put = [&](char c) {
    if (c == '-') {
      dash = !out.empty();
      return;
    }
    if (dash) out += '-';
    dash = false;
    out += c;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      put(static_cast<char>(c));
    } else if (c >= 'A' && c <= 'Z') {
      put(static_cast<char>(c - 'A' + 'a'));
    } else if ((c == 0xC3U) && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      const auto index = static_cast<std::size_t>(next) - 0x80U;
      put(next >= 0x80U && next <= 0xBFU ? latin1[index] : '-');
      ++i;
      if (index == 0x1FU) put('s');                   // ß → ss
      if (index == 0x06U || index == 0x26U) put('e');  // æ → ae
    } else {
      // Skip the rest of a multi-byte character: one separator for all of it.
      put('-');
      while (i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xC0U) == 0x80U) ++i;
    }
  }
  return out.empty() ? std::string("visie") : out;
}

std::string pdf_file_name(const model::Project& project, const model::Version& version) {
  return slug(project.title) + "-" + version.id + ".pdf";
}

}  // namespace visie::publish
