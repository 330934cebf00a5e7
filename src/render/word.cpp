// The print edition as a pandoc JSON document, for the Word file
// (render/word.hpp): the print.html that publish wrote, read with render's
// tokenizer into a small tree, then written block by block.
#include "render/word.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "core/text.hpp"
#include "model/docx.hpp"
#include "render/detail/html.hpp"

namespace visie::render {

namespace {

using nlohmann::json;
using html::Token;

/// An element or a piece of text of the print edition.
struct Node {
  const Token* tag = nullptr;  // the start tag; null for text
  std::string text;            // a text node's decoded text
  std::size_t open = 0;        // token index of the start tag
  std::size_t close = 0;       // token index of the end tag (open when none)
  std::vector<Node> children;

  [[nodiscard]] bool is(std::string_view name) const { return tag != nullptr && tag->name == name; }
  [[nodiscard]] bool has_class(std::string_view cls) const {
    return tag != nullptr && tag->has_class(cls);
  }
  [[nodiscard]] std::string attr(std::string_view name) const {
    return tag != nullptr ? tag->get(name).value_or("") : std::string();
  }
};

bool is_void(std::string_view name) {
  static const std::set<std::string, std::less<>> names = {
      "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"};
  return names.contains(name);
}

/// The tokens as a tree. visie's HTML closes what it opens; an end tag
/// without its start tag is ignored, an element left open ends with its
/// parent.
Node build_tree(const std::vector<Token>& tokens) {
  Node root;
  std::vector<Node*> stack{&root};
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto& t = tokens[i];
    if (t.kind == Token::Kind::text || t.kind == Token::Kind::other) {
      // `other` is a comment, a doctype or the body of <style>, <script> or
      // <title>: only <title>'s is read, as text.
      if (t.kind == Token::Kind::other && !stack.back()->is("title")) continue;
      Node text;
      text.text = t.kind == Token::Kind::text ? html::decode(t.raw) : t.raw;
      text.open = text.close = i;
      stack.back()->children.push_back(std::move(text));
    } else if (t.kind == Token::Kind::start_tag) {
      Node element;
      element.tag = &t;
      element.open = element.close = i;
      stack.back()->children.push_back(std::move(element));
      if (!t.self_closing && !is_void(t.name)) stack.push_back(&stack.back()->children.back());
    } else {
      for (auto k = stack.size(); k-- > 1;) {
        if (stack[k]->tag->name != t.name) continue;
        stack[k]->close = i;
        stack.resize(k);
        break;
      }
    }
  }
  return root;
}

// ------------------------------------------------------------ pandoc values

json attr(const std::string& id = {}) { return json::array({id, json::array(), json::array()}); }

json node(const char* type, json content) { return json{{"t", type}, {"c", std::move(content)}}; }

json space() { return json{{"t", "Space"}}; }

/// `text` as Str and Space elements (runs of white space are one Space).
void append_text(std::string_view text, json& out) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; };
    if (is_space(text[i])) {
      while (i < text.size() && is_space(text[i])) ++i;
      if (out.empty() || out.back()["t"] != "Space") out.push_back(space());
      continue;
    }
    auto end = i;
    while (end < text.size() && !is_space(text[end])) ++end;
    const auto word = text.substr(i, end - i);
    if (!out.empty() && out.back()["t"] == "Str") {
      out.back()["c"] = out.back()["c"].get<std::string>() + std::string(word);
    } else {
      out.push_back(node("Str", std::string(word)));
    }
    i = end;
  }
}

/// `inlines` without leading, trailing or doubled Spaces.
json tidy(json inlines) {
  json out = json::array();
  for (auto& x : inlines) {
    const bool is_space = x["t"] == "Space";
    if (is_space && (out.empty() || out.back()["t"] == "Space")) continue;
    out.push_back(std::move(x));
  }
  while (!out.empty() && out.back()["t"] == "Space") out.erase(out.size() - 1);
  return out;
}

/// The plain text of `n` (for code and the document's title).
std::string text_of(const Node& n) {
  if (n.tag == nullptr) return n.text;
  std::string out;
  for (const auto& c : n.children) out += text_of(c);
  return out;
}

/// The numbers of a viewBox ("0 0 640 69.63"), or empty.
std::vector<double> view_box(std::string_view box) {
  std::vector<double> out;
  std::size_t i = 0;
  while (i < box.size()) {
    while (i < box.size() && (box[i] == ' ' || box[i] == ',')) ++i;
    if (i >= box.size()) break;
    double v = 0;
    const auto [end, ec] = std::from_chars(box.data() + i, box.data() + box.size(), v);
    if (ec != std::errc()) return {};
    out.push_back(v);
    i = static_cast<std::size_t>(end - box.data());
  }
  return out.size() == 4 ? out : std::vector<double>{};
}

/// A length in centimetres with one decimal, as pandoc reads it ("15.0cm").
std::string centimetres(double cm) {
  const auto tenths = static_cast<long>(std::lround(cm * 10));
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "cm";
}

/// Whether `src` is an image of the site that pandoc may read: a relative
/// path inside the version's folder.
bool is_local_image(std::string_view src) {
  if (src.empty() || src.front() == '/' || src.find(':') != std::string_view::npos) return false;
  std::size_t pos = 0;
  while (pos <= src.size()) {
    auto end = src.find('/', pos);
    if (end == std::string_view::npos) end = src.size();
    if (src.substr(pos, end - pos) == "..") return false;
    pos = end + 1;
  }
  return true;
}

// ------------------------------------------------------------ the writer

class Writer {
 public:
  Writer(const std::vector<Token>& tokens, std::string media) : tokens_(tokens), media_(std::move(media)) {}

  WordDocument write(const Node& root) {
    find_bookmarks(root, "");
    json meta = json::object();
    const Node* html_element = find(root, [](const Node& n) { return n.is("html"); });
    if (html_element != nullptr && !html_element->attr("lang").empty()) {
      meta["lang"] = node("MetaString", html_element->attr("lang"));
    }
    if (const Node* t = find(root, [](const Node& n) { return n.has_class("document-title"); })) {
      json title = json::array();
      children_inline(*t, title);
      meta["title"] = node("MetaInlines", tidy(std::move(title)));
    }
    if (const Node* s = find(root, [](const Node& n) { return n.is("p") && n.has_class("subtitle"); })) {
      json subtitle = json::array();
      children_inline(*s, subtitle);
      meta["subtitle"] = node("MetaInlines", tidy(std::move(subtitle)));
    }
    json body = json::array();
    const Node* main_element = find(root, [](const Node& n) { return n.is("main"); });
    const Node* start = main_element != nullptr ? main_element : find(root, [](const Node& n) { return n.is("body"); });
    blocks(start != nullptr ? *start : root, body, false);
    json doc{{"pandoc-api-version", {1, 22, 2, 1}}, {"meta", std::move(meta)}, {"blocks", std::move(body)}};
    WordDocument out;
    // A percent-decoded image path may not be UTF-8: replaced, never thrown.
    out.pandoc_json = doc.dump(-1, ' ', false, json::error_handler_t::replace);
    out.drawings = std::move(drawings_);
    out.bookmarks = std::move(bookmarks_);
    return out;
  }

 private:
  template <typename Pred>
  static const Node* find(const Node& n, const Pred& pred) {
    if (pred(n)) return &n;
    for (const auto& c : n.children) {
      if (const Node* found = find(c, pred)) return found;
    }
    return nullptr;
  }

  /// Every citable block and heading of the chapters: an element whose id
  /// is its chapter's section id, '_', and the block's id, with a
  /// reference link to itself as a child (render's anchors).
  void find_bookmarks(const Node& n, const std::string& chapter) {
    std::string here = chapter;
    if (n.is("section") && n.has_class("chapter")) here = n.attr("id");
    const auto id = n.attr("id");
    if (!here.empty() && id.size() > here.size() + 1 && id.starts_with(here + "_")) {
      for (const auto& c : n.children) {
        if (c.is("a") && c.has_class("ref") && c.attr("href") == "#" + id) {
          const auto block = id.substr(here.size() + 1);
          const auto name = model::docx_bookmark(here, block);
          bookmark_of_[&n] = name;
          bookmark_at_.emplace(id, name);
          bookmarks_.push_back({here, block, name});
          break;
        }
      }
    }
    for (const auto& c : n.children) find_bookmarks(c, here);
  }

  [[nodiscard]] std::string bookmark(const Node& n) const {
    const auto it = bookmark_of_.find(&n);
    return it == bookmark_of_.end() ? std::string() : it->second;
  }

  /// What the print stylesheet (templates/assets/print.css) does not show
  /// on paper, and what a Word file has no use for.
  [[nodiscard]] bool hidden(const Node& n) const {
    if (n.tag == nullptr) return false;
    static const std::set<std::string, std::less<>> elements = {
        "script", "style", "template", "title", "head", "noscript", "form", "select",
        "option", "input", "button", "label", "output", "textarea"};
    if (elements.contains(n.tag->name)) return true;
    for (const char* cls : {"ref", "fig-narrow", "sr-only", "definition-controls",
                            "disposition-chapter-link", "print-back", "toc"}) {
      if (n.has_class(cls)) return true;
    }
    // A perspectives figure prints its text (a table), not its drawing.
    if (n.is("details") && n.has_class("fig-text")) return perspectives_ == 0;
    if (perspectives_ > 0 && n.has_class("fig-art")) return true;
    if (perspectives_ > 0 && in_fig_text_ > 0 && (n.is("summary") || n.is("caption"))) return true;
    // On the cover, the title and subtitle are the document's (its meta).
    if (n.has_class("document-title") || (n.is("p") && n.has_class("subtitle"))) return true;
    return false;
  }

  static bool is_block(const Node& n) {
    static const std::set<std::string, std::less<>> names = {
        "address", "article", "aside",    "blockquote", "caption", "details", "dd",
        "div",     "dl",      "dt",       "fieldset",   "figcaption", "figure", "footer",
        "h1",      "h2",      "h3",       "h4",         "h5",      "h6",      "header",
        "hr",      "li",      "main",     "nav",        "ol",      "p",       "pre",
        "section", "summary", "svg",      "table",      "tbody",   "td",      "tfoot",
        "th",      "thead",   "tr",       "ul",         "body",    "html"};
    return n.tag != nullptr && names.contains(n.tag->name);
  }

  /// The children of `n` as blocks; loose inline content becomes a Plain
  /// (in list items and cells) or a Para.
  void blocks(const Node& n, json& out, bool plain) {
    json pending = json::array();
    const auto flush = [&] {
      auto inl = tidy(std::move(pending));
      pending = json::array();
      if (!inl.empty()) out.push_back(node(plain ? "Plain" : "Para", std::move(inl)));
    };
    for (const auto& c : n.children) {
      if (c.tag == nullptr) {
        append_text(c.text, pending);
      } else if (is_block(c)) {
        flush();
        block(c, out);
      } else {
        inlines(c, pending);
      }
    }
    flush();
  }

  /// `content` in a Div that carries `id` (a bookmark), or as it is.
  static void wrap(const std::string& id, json content, json& out) {
    if (id.empty()) {
      for (auto& b : content) out.push_back(std::move(b));
    } else {
      out.push_back(node("Div", json::array({attr(id), std::move(content)})));
    }
  }

  void block(const Node& n, json& out) {
    if (hidden(n) || &n == figure_caption_) return;
    const auto& name = n.tag->name;
    const auto id = bookmark(n);
    json content = json::array();
    if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') {
      json text = json::array();
      for (const auto& c : n.children) (c.tag == nullptr ? append_text(c.text, text) : inlines(c, text));
      text = tidy(std::move(text));
      // In a Div: pandoc's bookmark of a Header's own id spans its whole
      // section, up to the next heading; the Div's spans the heading only.
      if (!text.empty()) content.push_back(node("Header", json::array({name[1] - '0', attr(), std::move(text)})));
      wrap(id, std::move(content), out);
      return;
    }
    if (name == "p" || name == "figcaption" || name == "summary" || name == "dt" || name == "caption") {
      json text = json::array();
      for (const auto& c : n.children) (c.tag == nullptr ? append_text(c.text, text) : inlines(c, text));
      text = tidy(std::move(text));
      if (!text.empty()) content.push_back(node("Para", std::move(text)));
    } else if (name == "blockquote") {
      json inner = json::array();
      blocks(n, inner, false);
      if (!inner.empty()) content.push_back(node("BlockQuote", std::move(inner)));
    } else if (name == "ul" || name == "ol") {
      json items = json::array();
      for (const auto& c : n.children) {
        if (!c.is("li") || hidden(c)) continue;
        json item = json::array();
        json inner = json::array();
        blocks(c, inner, true);
        wrap(bookmark(c), std::move(inner), item);
        items.push_back(std::move(item));
      }
      if (items.empty()) {
      } else if (name == "ul") {
        content.push_back(node("BulletList", std::move(items)));
      } else {
        int first = 1;
        const auto start_at = n.attr("start");
        std::from_chars(start_at.data(), start_at.data() + start_at.size(), first);
        content.push_back(node(
            "OrderedList",
            json::array({json::array({first, json{{"t", "Decimal"}}, json{{"t", "Period"}}}), std::move(items)})));
      }
    } else if (name == "dl") {
      definition_list(n, content);
    } else if (name == "table") {
      table(n, content);
    } else if (name == "figure") {
      figure(n, content);
    } else if (name == "svg") {
      drawing(n, content);
    } else if (name == "pre") {
      content.push_back(node("CodeBlock", json::array({attr(), text_of(n)})));
    } else if (name == "hr") {
      content.push_back(json{{"t", "HorizontalRule"}});
    } else if (name == "details" && n.has_class("fig-text")) {
      ++in_fig_text_;
      blocks(n, content, false);
      --in_fig_text_;
    } else {
      // section, div, li, dd, td outside their parents, …: their content.
      blocks(n, content, false);
    }
    wrap(id, std::move(content), out);
  }

  void definition_list(const Node& n, json& out) {
    json items = json::array();
    for (const auto& c : n.children) {
      if (c.tag == nullptr || hidden(c)) continue;
      if (c.is("dt")) {
        json term = json::array();
        for (const auto& k : c.children) (k.tag == nullptr ? append_text(k.text, term) : inlines(k, term));
        items.push_back(json::array({tidy(std::move(term)), json::array()}));
      } else if (c.is("dd")) {
        if (items.empty()) items.push_back(json::array({json::array(), json::array()}));
        json inner = json::array();
        blocks(c, inner, true);
        json definition = json::array();
        wrap(bookmark(c), std::move(inner), definition);
        items.back()[1].push_back(std::move(definition));
      } else if (c.is("div")) {
        // <div><dt>…<dd>…</div> groups, as HTML allows.
        json inner = json::array();
        definition_list(c, inner);
        for (auto& list : inner) {
          for (auto& item : list["c"]) items.push_back(std::move(item));
        }
      }
    }
    if (!items.empty()) out.push_back(node("DefinitionList", std::move(items)));
  }

  json cell(const Node& c) {
    json inner = json::array();
    blocks(c, inner, true);
    json content = json::array();
    wrap(bookmark(c), std::move(inner), content);
    int rows = 1;
    int cols = 1;
    const auto rs = c.attr("rowspan");
    const auto cs = c.attr("colspan");
    std::from_chars(rs.data(), rs.data() + rs.size(), rows);
    std::from_chars(cs.data(), cs.data() + cs.size(), cols);
    // HTML's limits (a colspan of at most 1,000, a rowspan of 65,534).
    return json::array({attr(), json{{"t", "AlignDefault"}}, std::clamp(rows, 1, 65534),
                        std::clamp(cols, 1, 1000), std::move(content)});
  }

  /// How wide a cell of `text` asks to be, in characters: its text up to
  /// 40, and never less than its longest word and the cell's margins (a
  /// word is not broken).
  static std::size_t width_of(std::string_view text) {
    std::size_t longest = 0;
    std::size_t word = 0;
    for (const char c : text) {
      const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
      // Bytes that start a character (UTF-8): a word's length in characters.
      word = space ? 0 : word + ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1U : 0U);
      longest = std::max(longest, word);
    }
    return std::max(longest + 5, std::min<std::size_t>(text.size(), 40));  // + the cell's margins
  }

  /// A row; `widths` keeps each column's widest text (of cells that span
  /// one column), for the columns' widths.
  json row(const Node& r, std::vector<std::size_t>& widths) {
    json cells = json::array();
    std::size_t column = 0;
    for (const auto& c : r.children) {
      if (!(c.is("td") || c.is("th")) || hidden(c)) continue;
      cells.push_back(cell(c));
      const auto span = static_cast<std::size_t>(cells.back()[3].get<int>());
      if (widths.size() < column + span) widths.resize(column + span, 0);
      if (span == 1) widths[column] = std::max(widths[column], width_of(text_of(c)));
      column += span;
    }
    return json::array({attr(), std::move(cells)});
  }

  void table(const Node& n, json& out) {
    json caption = json::array();
    json head = json::array();
    json body = json::array();
    json foot = json::array();
    std::vector<std::size_t> widths;
    for (const auto& c : n.children) {
      if (c.tag == nullptr || hidden(c)) continue;
      if (c.is("caption")) {
        json text = json::array();
        for (const auto& k : c.children) (k.tag == nullptr ? append_text(k.text, text) : inlines(k, text));
        text = tidy(std::move(text));
        if (!text.empty()) caption.push_back(node("Plain", std::move(text)));
      } else if (c.is("tr")) {
        body.push_back(row(c, widths));
      } else if (c.is("thead") || c.is("tbody") || c.is("tfoot")) {
        auto& rows = c.is("thead") ? head : c.is("tfoot") ? foot : body;
        for (const auto& r : c.children) {
          if (r.is("tr") && !hidden(r)) rows.push_back(row(r, widths));
        }
      }
    }
    if (widths.empty()) return;
    // The table spans the text's width; each column gets a share after its
    // widest text (width_of(), at least 4 characters' worth), in
    // thousandths so that the numbers are the same on every machine.
    std::size_t total = 0;
    for (auto& w : widths) total += (w = std::max<std::size_t>(w, 4));
    json specs = json::array();
    for (const auto w : widths) {
      const double share = static_cast<double>(w * 1000 / total) / 1000.0;
      specs.push_back(json::array({json{{"t", "AlignDefault"}}, json{{"t", "ColWidth"}, {"c", share}}}));
    }
    out.push_back(node("Table", json::array({attr(), json::array({nullptr, std::move(caption)}), std::move(specs),
                                            json::array({attr(), std::move(head)}),
                                            json::array({json::array({attr(), 0, json::array(), std::move(body)})}),
                                            json::array({attr(), std::move(foot)})})));
  }

  /// The first drawing of a figure that paper shows.
  const Node* shown_drawing(const Node& n) {
    if (hidden(n)) return nullptr;
    if (n.is("svg")) return &n;
    for (const auto& c : n.children) {
      if (const Node* found = shown_drawing(c)) return found;
    }
    return nullptr;
  }

  void figure(const Node& n, json& out) {
    const bool perspectives = n.has_class("perspectives");
    if (perspectives) ++perspectives_;
    const Node* svg = shown_drawing(n);
    const Node* caption = nullptr;
    for (const auto& c : n.children) {
      if (c.is("figcaption")) caption = &c;
    }
    if (svg == nullptr || caption == nullptr) {
      blocks(n, out, false);
    } else {
      // The drawing carries the caption (pandoc's "fig:" image: Word's
      // caption style under the picture); the caption is not repeated.
      const auto* saved_svg = figure_svg_;
      const auto* saved_caption = figure_caption_;
      figure_svg_ = svg;
      figure_caption_ = caption;
      blocks(n, out, false);
      figure_svg_ = saved_svg;
      figure_caption_ = saved_caption;
    }
    if (perspectives) --perspectives_;
  }

  /// An inline <svg> as a PNG image (with the figure's caption when it is
  /// the figure's drawing).
  void drawing(const Node& n, json& out) {
    json caption = json::array();
    const bool captioned = &n == figure_svg_ && figure_caption_ != nullptr;
    if (captioned) {
      for (const auto& c : figure_caption_->children) {
        (c.tag == nullptr ? append_text(c.text, caption) : inlines(c, caption));
      }
      caption = tidy(std::move(caption));
    }
    out.push_back(node("Para", json::array({image(n, std::move(caption), captioned)})));
  }

  json image(const Node& n, json caption, bool figure) {
    WordDrawing d;
    d.png = media_ + "/" + std::to_string(drawings_.size() + 1) + ".png";
    auto start = *n.tag;
    const auto box = view_box(start.get("viewbox").value_or(""));
    if (box.size() == 4 && box[2] > 0 && box[3] > 0) {
      d.width = box[2];
      d.height = box[3];
      // A file of its own has the size of its viewBox.
      start.set("width", std::to_string(static_cast<long>(std::lround(box[2]))));
      start.set("height", std::to_string(static_cast<long>(std::lround(box[3]))));
    }
    if (!start.has("xmlns")) start.set("xmlns", "http://www.w3.org/2000/svg");
    std::string svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + html::serialize({start});
    for (auto i = n.open + 1; i <= n.close && i < tokens_.size(); ++i) svg += tokens_[i].raw;
    if (svg.find("xlink:") != std::string::npos && !start.has("xmlns:xlink")) {
      const auto at = svg.find("<svg") + 4;
      svg.insert(at, " xmlns:xlink=\"http://www.w3.org/1999/xlink\"");
    }
    // The one entity of HTML that XML does not know, as visie writes it.
    for (auto at = svg.find("&nbsp;"); at != std::string::npos; at = svg.find("&nbsp;", at)) {
      svg.replace(at, 6, "&#160;");
    }
    d.svg = std::move(svg);
    json size = json::array();
    if (d.width > 0) {
      // The text's width (16 cm), and no taller than 22 cm.
      double cm = 16.0;
      if (cm * d.height / d.width > 22.0) cm = 22.0 * d.width / d.height;
      size.push_back(json::array({"width", centimetres(cm)}));
    }
    json img = node("Image", json::array({json::array({"", json::array(), std::move(size)}), std::move(caption),
                                          json::array({d.png, figure ? "fig:" : ""})}));
    drawings_.push_back(std::move(d));
    return img;
  }

  void children_inline(const Node& n, json& out) {
    for (const auto& c : n.children) (c.tag == nullptr ? append_text(c.text, out) : inlines(c, out));
  }

  json inline_content(const Node& n) {
    json inner = json::array();
    children_inline(n, inner);
    return inner;
  }

  void inlines(const Node& n, json& out) {
    if (n.tag == nullptr) {
      append_text(n.text, out);
      return;
    }
    if (hidden(n)) return;
    const auto& name = n.tag->name;
    if (name == "strong" || name == "b") {
      out.push_back(node("Strong", inline_content(n)));
    } else if (name == "em" || name == "i" || name == "cite" || name == "dfn") {
      out.push_back(node("Emph", inline_content(n)));
    } else if (name == "del" || name == "s") {
      out.push_back(node("Strikeout", inline_content(n)));
    } else if (name == "ins" || name == "u") {
      out.push_back(node("Underline", inline_content(n)));
    } else if (name == "sup") {
      out.push_back(node("Superscript", inline_content(n)));
    } else if (name == "sub") {
      out.push_back(node("Subscript", inline_content(n)));
    } else if (name == "code" || name == "kbd" || name == "samp") {
      out.push_back(node("Code", json::array({attr(), text_of(n)})));
    } else if (name == "q") {
      out.push_back(node("Quoted", json::array({json{{"t", "DoubleQuote"}}, inline_content(n)})));
    } else if (name == "br") {
      out.push_back(json{{"t", "LineBreak"}});
    } else if (name == "a") {
      link(n, out);
    } else if (name == "img") {
      const auto src = core::percent_decode(n.attr("src"));
      json alt = json::array();
      append_text(n.attr("alt"), alt);
      if (is_local_image(src)) {
        out.push_back(node("Image", json::array({attr(), tidy(std::move(alt)), json::array({src, ""})})));
      } else {
        for (auto& x : alt) out.push_back(std::move(x));
      }
    } else if (name == "svg") {
      out.push_back(image(n, json::array(), false));
    } else if (name == "span" && n.has_class("footnote")) {
      out.push_back(node("Note", footnote(n)));
    } else {
      // span, abbr, small, mark, time, and block elements met inside text.
      children_inline(n, out);
    }
  }

  /// A page footnote's body: its paragraphs (span.footnote-p) as Paras.
  json footnote(const Node& n) {
    json body = json::array();
    json pending = json::array();
    const auto flush = [&] {
      auto inl = tidy(std::move(pending));
      pending = json::array();
      if (!inl.empty()) body.push_back(node("Para", std::move(inl)));
    };
    for (const auto& c : n.children) {
      if (c.is("span") && c.has_class("footnote-p")) {
        flush();
        pending = inline_content(c);
        flush();
      } else {
        inlines(c, pending);
      }
    }
    flush();
    return body;
  }

  void link(const Node& n, json& out) {
    const auto href = n.attr("href");
    auto inner = inline_content(n);
    std::string target;
    if (href.starts_with("#")) {
      const auto it = bookmark_at_.find(core::percent_decode(std::string_view(href).substr(1)));
      if (it != bookmark_at_.end()) target = "#" + it->second;
    } else if (href.starts_with("http://") || href.starts_with("https://") || href.starts_with("mailto:")) {
      target = href;
    }
    if (target.empty()) {
      // A link within the site or to a place that has no bookmark: its text.
      for (auto& x : inner) out.push_back(std::move(x));
      return;
    }
    out.push_back(node("Link", json::array({attr(), std::move(inner), json::array({target, ""})})));
  }

  const std::vector<Token>& tokens_;
  std::string media_;
  std::unordered_map<const Node*, std::string> bookmark_of_;
  std::map<std::string, std::string> bookmark_at_;  // id in the document → bookmark
  std::vector<WordBookmark> bookmarks_;
  std::vector<WordDrawing> drawings_;
  const Node* figure_svg_ = nullptr;
  const Node* figure_caption_ = nullptr;
  int perspectives_ = 0;
  int in_fig_text_ = 0;
};

}  // namespace

WordDocument print_to_word(std::string_view html, const std::string& media) {
  const auto tokens = html::tokenize(html);
  const auto root = build_tree(tokens);
  return Writer(tokens, media).write(root);
}

}  // namespace visie::render
