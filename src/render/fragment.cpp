// What a rendered chapter holds, read once from the fragment render made:
// with print_fragment.cpp (the print edition's parts), the one place where
// visie reads its own HTML.

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "render/detail/html.hpp"
#include "render/element_texts.hpp"
#include "render/render.hpp"

namespace visie::render {

namespace {

/// Tags that separate words: their text never runs into the next one's.
bool is_block(const std::string& tag) {
  static const std::set<std::string> blocks{
      "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div",
      "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
      "header", "hr", "li", "ol", "p", "pre", "section", "summary", "table", "td", "th",
      "tr", "ul"};
  return blocks.contains(tag);
}

std::string collapse_spaces(std::string_view s) {
  constexpr std::string_view spaces = " \n\t\r\f";
  std::string out;
  out.reserve(s.size());
  // Each run of other characters goes in at once, with one space before it
  // when white space separated it from the one before.
  for (auto start = s.find_first_not_of(spaces); start != std::string_view::npos;) {
    const auto end = std::min(s.find_first_of(spaces, start), s.size());
    if (!out.empty()) out += ' ';
    out.append(s.substr(start, end - start));
    start = s.find_first_not_of(spaces, end);
  }
  return out;
}

/// The spot of attribute `name` of start tag `tok`, if it has one.
std::optional<AttributeSpot> spot(const html::Token& tok, std::string_view name) {
  for (const auto& a : tok.attributes) {
    if (a.name == name) return AttributeSpot{a.value, tok.offset + a.offset, a.raw.size()};
  }
  return std::nullopt;
}

}  // namespace

FragmentIndex index_fragment(std::string_view source) {
  const auto tokens = html::tokenize(source);
  FragmentIndex out;
  auto& result = out.sections;
  result.push_back({1, "", "", ""});
  std::string text;
  std::string heading;
  std::string heading_tag;  // set while inside a heading that starts a section
  std::string skip_tag;     // set while inside an element search leaves out
  int skip_depth = 0;

  for (const auto& tok : tokens) {
    if (tok.kind == html::Token::Kind::start_tag) {
      if (auto id = spot(tok, "id")) out.ids.push_back(std::move(*id));
      if (tok.name == "a") {
        if (auto href = spot(tok, "href")) out.links.push_back({false, std::move(*href)});
      } else if (tok.name == "img") {
        if (auto src = spot(tok, "src")) out.links.push_back({true, std::move(*src)});
      }
    }
    if (!skip_tag.empty()) {
      if (tok.is_start(skip_tag) && !tok.self_closing) ++skip_depth;
      if (tok.is_end(skip_tag) && --skip_depth == 0) skip_tag.clear();
      continue;
    }
    if (tok.kind == html::Token::Kind::start_tag) {
      const bool ref = tok.name == "a" && tok.has_class("ref");
      if (tok.name == "svg" || tok.name == "script" || tok.name == "style" || ref) {
        if (!tok.self_closing) {
          skip_tag = tok.name;
          skip_depth = 1;
        }
        continue;
      }
      if ((tok.name == "h2" || tok.name == "h3") && tok.has("id")) {
        result.back().text = collapse_spaces(text);
        text.clear();
        heading.clear();
        heading_tag = tok.name;
        result.push_back({tok.name == "h2" ? 2 : 3, tok.get("id").value_or(""), "", ""});
        continue;
      }
    }
    if (!heading_tag.empty() && tok.is_end(heading_tag)) {
      result.back().heading = collapse_spaces(heading);
      heading_tag.clear();
      continue;
    }
    auto& into = heading_tag.empty() ? text : heading;
    if (tok.kind == html::Token::Kind::text) {
      into += html::decode(tok.raw);
    } else if ((tok.kind == html::Token::Kind::start_tag ||
                tok.kind == html::Token::Kind::end_tag) && is_block(tok.name)) {
      into += ' ';
    }
  }
  result.back().text = collapse_spaces(text);
  // A chapter that starts with a heading has nothing before it.
  if (result.size() > 1 && result.front().text.empty()) result.erase(result.begin());
  return out;
}

std::map<std::string, std::string> element_texts(std::string_view source) {
  struct Open {
    std::string tag;
    std::string id;
    int depth = 1;
    std::string text;
  };
  std::vector<Open> inside;
  std::map<std::string, std::string> out;
  std::string skip_tag;
  int skip_depth = 0;
  for (const auto& tok : html::tokenize(source)) {
    if (!skip_tag.empty()) {
      if (tok.is_start(skip_tag) && !tok.self_closing) ++skip_depth;
      if (tok.is_end(skip_tag) && --skip_depth == 0) skip_tag.clear();
      continue;
    }
    if (tok.kind == html::Token::Kind::start_tag) {
      const bool aside = (tok.name == "a" && tok.has_class("ref")) ||
                         (tok.name == "sup" && tok.has_class("footnote-ref"));
      if (tok.name == "svg" || tok.name == "script" || tok.name == "style" || aside) {
        if (!tok.self_closing) {
          skip_tag = tok.name;
          skip_depth = 1;
        }
        continue;
      }
      if (tok.self_closing) continue;
      for (auto& o : inside) o.depth += o.tag == tok.name ? 1 : 0;
      const auto id = tok.get("id");
      if (id && is_block(tok.name)) inside.push_back({tok.name, *id, 1, ""});
      if (is_block(tok.name)) {
        for (auto& o : inside) o.text += ' ';
      }
    } else if (tok.kind == html::Token::Kind::end_tag) {
      if (is_block(tok.name)) {
        for (auto& o : inside) o.text += ' ';
      }
      for (std::size_t i = inside.size(); i-- > 0;) {
        if (inside[i].tag == tok.name && --inside[i].depth == 0) {
          out.emplace(inside[i].id, collapse_spaces(inside[i].text));
          inside.erase(inside.begin() + static_cast<std::ptrdiff_t>(i));
        }
      }
    } else if (tok.kind == html::Token::Kind::text) {
      const auto text = html::decode(tok.raw);
      for (auto& o : inside) o.text += text;
    }
  }
  return out;
}

}  // namespace visie::render
