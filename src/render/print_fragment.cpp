// The print edition's rewriting of a rendered fragment: page footnotes,
// ids renamed for the document, links rewritten to #anchors. publish
// assembles the document; this is where its parts' HTML is read.
#include "render/print_fragment.hpp"

#include <algorithm>
#include <set>

#include "core/text.hpp"
#include "render/detail/html.hpp"

namespace visie::render {

namespace {

using html::Token;
using Tokens = std::vector<Token>;

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
        if (href.starts_with("#")) target = core::percent_decode(std::string_view(href).substr(1));
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

/// Attributes whose value is a list of ids.
bool is_idref_list(const std::string& name) {
  static const std::set<std::string, std::less<>> names = {
      "for",          "headers",          "list",         "form",
      "itemref",      "aria-labelledby",  "aria-describedby", "aria-controls",
      "aria-owns",    "aria-details",     "aria-flowto",  "aria-errormessage",
      "aria-activedescendant"};
  return names.contains(name);
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

/// Id in the part → id in the document; none when publish gave no map.
const std::map<std::string, std::string>& ids_of(const PrintRewrite& rewrite) {
  static const std::map<std::string, std::string> none;
  return rewrite.ids ? *rewrite.ids : none;
}

/// The document's address for `href`, or nullopt to keep it.
std::optional<std::string> resolve_link(const PrintRewrite& rewrite, std::string_view href) {
  if (href.starts_with("#")) {
    const auto& ids = ids_of(rewrite);
    const auto it = ids.find(core::percent_decode(href.substr(1)));
    if (it == ids.end()) return std::nullopt;
    return "#" + it->second;
  }
  if (!rewrite.resolve_page) return std::nullopt;
  const auto hash = href.find('#');
  const auto fragment = hash == std::string_view::npos ? std::string_view() : href.substr(hash + 1);
  return rewrite.resolve_page(href.substr(0, hash), core::percent_decode(fragment));
}

void rewrite_links(Tokens& tokens, const PrintRewrite& rewrite) {
  const auto& ids = ids_of(rewrite);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    auto& t = tokens[i];
    if (t.kind != Token::Kind::start_tag) continue;
    for (std::size_t a = 0; a < t.attributes.size(); ++a) {
      const auto name = t.attributes[a].name;
      const auto value = t.attributes[a].value;
      if (name == "href" || name == "xlink:href") {
        if (auto resolved = resolve_link(rewrite, value)) t.set(name, std::move(*resolved));
      } else if (is_idref_list(name)) {
        std::string out;
        std::size_t pos = 0;
        while (pos < value.size()) {
          const auto start = value.find_first_not_of(" \t\r\n", pos);
          if (start == std::string::npos) break;
          auto end = value.find_first_of(" \t\r\n", start);
          if (end == std::string::npos) end = value.size();
          const auto id = value.substr(start, end - start);
          const auto it = ids.find(id);
          out += (out.empty() ? "" : " ") + (it == ids.end() ? id : it->second);
          pos = end;
        }
        if (out != value) t.set(name, out);
      } else if (value.find("url(#") != std::string::npos) {
        auto renamed = rename_url_refs(value, ids);
        if (renamed != value) t.set(name, std::move(renamed));
      }
    }
    // External links print their address after the text (print.css), unless
    // the text already is the address.
    const auto href = t.get("href");
    if (t.name == "a" && href && (href->starts_with("http://") || href->starts_with("https://")) &&
        shows_address(inner_text(tokens, i), *href)) {
      const auto cls = t.get("class");
      t.set("class", cls && !cls->empty() ? *cls + " url-shown" : std::string("url-shown"));
    }
  }
}

/// `tokens` with `style` (trusted markup) after every <svg> start tag.
void insert_after_drawings(Tokens& tokens, const std::string& style) {
  if (style.empty()) return;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].is_start("svg") && !tokens[i].self_closing) {
      tokens.insert(tokens.begin() + static_cast<std::ptrdiff_t>(++i), html::raw_text(style));
    }
  }
}

/// The tokens of a part with its footnotes made page footnotes; `shown`
/// lists the numbers later calls show, `footnotes` gets how many it has.
Tokens footnoted(std::string_view html, std::vector<FootnoteNumber>& shown, int& footnotes) {
  auto tokens = html::tokenize(html);
  footnotes = make_page_footnotes(tokens, shown);
  return tokens;
}

}  // namespace

PrintPartIndex index_print_part(std::string_view html) {
  PrintPartIndex index;
  std::vector<FootnoteNumber> shown;
  for (const auto& t : footnoted(html, shown, index.footnotes)) {
    if (t.kind != Token::Kind::start_tag) continue;
    if (auto id = t.get("id")) index.ids.push_back(std::move(*id));
  }
  return index;
}

std::string rewrite_for_print(std::string_view html, const PrintRewrite& rewrite) {
  std::vector<FootnoteNumber> shown;
  int footnotes = 0;
  auto tokens = footnoted(html, shown, footnotes);
  number_footnotes(tokens, shown, rewrite.footnotes_before);
  std::size_t next = 0;
  for (auto& t : tokens) {
    if (t.kind != Token::Kind::start_tag || !t.has("id")) continue;
    // The ids are those index_print_part() listed, in the same order.
    if (next < rewrite.id_names.size()) t.set("id", rewrite.id_names[next]);
    ++next;
  }
  rewrite_links(tokens, rewrite);
  insert_after_drawings(tokens, rewrite.drawing_style);
  return html::serialize(tokens);
}

std::string style_drawings(std::string_view html, const std::string& style) {
  if (style.empty()) return std::string(html);
  auto tokens = html::tokenize(html);
  insert_after_drawings(tokens, style);
  return html::serialize(tokens);
}

}  // namespace visie::render
