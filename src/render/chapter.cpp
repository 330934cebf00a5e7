#include <map>

#include "render/components.hpp"
#include "render/render.hpp"

namespace visie::render {

namespace {

/// The values `{{name}}` placeholders may use.
std::map<std::string, std::string, std::less<>> placeholder_values(const Context& ctx) {
  const auto& p = ctx.project;
  const auto& v = ctx.version.version;
  std::string status = std::string(model::to_string(v.status));
  if (const auto key = "status_" + status; ctx.strings.contains(key)) {
    status = ctx.strings[key].get<std::string>();
  }
  return {{"project.title", p.title},         {"project.subtitle", p.subtitle},
          {"project.organisation", p.organisation}, {"version.label", v.label},
          {"version.period", v.period},       {"version.status", status},
          {"version.milestone", v.milestone}};
}

/// Column (1-based, in code points) of `needle` on line `line` of `text`,
/// or 1 when it cannot be found there.
std::size_t column_of(std::string_view text, std::size_t line, std::string_view needle) {
  std::size_t pos = 0;
  for (std::size_t l = 1; l < line && pos != std::string_view::npos; ++l) {
    pos = text.find('\n', pos);
    if (pos != std::string_view::npos) ++pos;
  }
  if (pos == std::string_view::npos) return 1;
  const auto end = text.find('\n', pos);
  const auto src = text.substr(pos, end == std::string_view::npos ? text.npos : end - pos);
  const auto at = src.find(needle);
  if (at == std::string_view::npos) return 1;
  std::size_t col = 1;
  for (std::size_t i = 0; i < at; ++i) {
    if ((static_cast<unsigned char>(src[i]) & 0xC0U) != 0x80U) ++col;
  }
  return col;
}

std::string year_suffix(const model::Reference& ref) {
  return ref.year ? " " + std::to_string(*ref.year) : std::string();
}

std::string name_of(const model::Name& n) { return n.literal.empty() ? n.family : n.literal; }

}  // namespace

std::string short_citation(const model::Reference& ref) {
  if (ref.authors.empty()) return ref.title + year_suffix(ref);
  std::string names = name_of(ref.authors[0]);
  if (ref.authors.size() == 2) names += " & " + name_of(ref.authors[1]);
  if (ref.authors.size() > 2) names += " et al.";
  return names + year_suffix(ref);
}

std::string full_citation(const model::Reference& ref) {
  std::string out;
  for (std::size_t i = 0; i < ref.authors.size(); ++i) {
    const auto& a = ref.authors[i];
    if (i > 0) out += i + 1 == ref.authors.size() ? " & " : ", ";
    out += name_of(a);
    if (a.literal.empty() && !a.given.empty()) out += ", " + a.given;
  }
  if (!out.empty()) out += ' ';
  if (ref.year) out += "(" + std::to_string(*ref.year) + "). ";
  else if (!out.empty()) out += "(z.j.). ";
  out += ref.title;
  if (!out.empty() && out.back() != '.' && out.back() != '?' && out.back() != '!') out += '.';
  if (!ref.container_title.empty()) out += " " + ref.container_title + ".";
  if (!ref.publisher.empty()) out += " " + ref.publisher + ".";
  if (!ref.note.empty()) out += " " + ref.note + ".";
  return out;
}

RenderedChapter render_chapter(const Context& ctx, const model::Chapter& chapter,
                               int chapter_no, core::Diagnostics& diags) {
  const auto values = placeholder_values(ctx);
  const auto& file = chapter.loc.file;
  // cmark-gfm counts lines from the start of the body; the file has the
  // front matter before it.
  const auto first_line = chapter.body_line;

  // Directives are rendered in document order, so figures are numbered in
  // the order a reader meets them.
  FigureNumbering figures{"fig-" + chapter.id, 0, chapter_no};
  markdown::Hooks hooks;
  hooks.directive = [&](const markdown::Directive& d) {
    return render_directive(ctx, d, file, first_line, figures, diags);
  };
  hooks.text = [&](std::string_view literal, std::size_t line) {
    std::string out;
    std::size_t pos = 0;
    while (true) {
      const auto open = literal.find("{{", pos);
      if (open == std::string_view::npos) break;
      const auto close = literal.find("}}", open + 2);
      if (close == std::string_view::npos) break;
      out += literal.substr(pos, open - pos);
      auto name = literal.substr(open + 2, close - open - 2);
      while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
      while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
      if (const auto it = values.find(name); it != values.end()) {
        out += it->second;
      } else {
        const auto whole = literal.substr(open, close + 2 - open);
        std::string known;
        for (const auto& [k, v] : values) known += (known.empty() ? "" : ", ") + k;
        diags.error({file, line == 0 ? first_line : first_line + line - 1,
                     column_of(chapter.body, line, whole)},
                    "unknown placeholder \"" + std::string(whole) + "\" (known: " + known + ")");
        out += whole;
      }
      pos = close + 2;
    }
    out += literal.substr(pos);
    return out;
  };

  auto rendered = markdown::to_html(chapter.body, hooks);
  auto anchors = attach_anchors(rendered.html, rendered.blocks, chapter_no, file, first_line, diags);
  return {chapter.id, chapter.title, std::move(rendered.html), std::move(anchors)};
}

}  // namespace visie::render
