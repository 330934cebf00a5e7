#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "core/parallel.hpp"
#include "core/text.hpp"
#include "render/citations.hpp"
#include "render/detail/components.hpp"
#include "render/inline.hpp"
#include "render/render.hpp"
#include "render/ui.hpp"

namespace visie::render {

namespace {

/// The values `{{name}}` placeholders may use.
std::map<std::string, std::string, std::less<>> placeholder_values(const Context& ctx) {
  const auto& p = ctx.project;
  const auto& v = ctx.version.version;
  const auto status = ui_text(ctx.strings, model::label_key(v.status), model::to_string(v.status));
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

}  // namespace

RenderedChapter render_chapter(const Context& ctx, const model::Chapter& chapter,
                               int chapter_no, core::Diagnostics& diags) {
  const auto values = placeholder_values(ctx);
  const auto& file = chapter.loc.file;
  // cmark-gfm counts lines from the start of the body; the file has the
  // front matter before it.
  const auto first_line = chapter.body_line;
  std::optional<CitationStyle> own;
  if (ctx.citations == nullptr) {
    own.emplace(ctx.version.data.references, ctx.strings, ctx.project.citation_style);
  }
  const CitationStyle& style = ctx.citations != nullptr ? *ctx.citations : *own;
  InlineRewriter rewriter(ctx.version.data, style, ctx.strings, file, chapter.body, first_line,
                          diags);

  // Directives and captioned tables are rendered in document order, so
  // figures and tables are numbered in the order a reader meets them.
  Numbering numbering;
  numbering.page = chapter.id;
  numbering.chapter = chapter_no;
  markdown::Hooks hooks;
  hooks.directive = [&](const markdown::Directive& d) {
    return render_directive(ctx, d, file, first_line, style, numbering, diags);
  };
  hooks.caption = [&](const markdown::Caption& caption) {
    const int n = ++numbering.tables;
    const auto number = number_text(chapter_no, n);
    if (!caption.label.empty()) {
      numbering.labels.push_back({"tbl:" + caption.label, number, "tbl-" + caption.label,
                                  {file, first_line + caption.line - 1, caption.column}});
    }
    return "<span class=\"caption-label\">" + core::escape_html(ui_text(ctx.strings, "table")) +
           " " + number + "</span> " + core::escape_html(caption.text);
  };
  hooks.inlines = [&](std::string_view literal, const markdown::TextSpot& where) {
    return rewriter.rewrite(literal, where);
  };
  hooks.footnote_back = ui_text(ctx.strings, "footnote_back");
  hooks.placeholder = [&](const markdown::Placeholder& p) -> std::optional<std::string> {
    if (const auto it = values.find(p.name); it != values.end()) return it->second;
    std::string known;
    std::vector<std::string_view> names;
    for (const auto& [k, v] : values) {
      known += (known.empty() ? "" : ", ") + k;
      names.push_back(k);
    }
    diags.error({file, first_line + p.line - 1, column_of(chapter.body, p.line, p.written)},
                "unknown placeholder \"" + std::string(p.written) + "\"" +
                    core::did_you_mean(p.name, names) + " (known: " + known + ")");
    return std::nullopt;
  };

  auto rendered = markdown::to_html(chapter.body, hooks);
  auto anchors = attach_anchors(rendered.html, rendered.blocks, chapter_no, file, first_line, diags);
  RenderedChapter out;
  out.id = chapter.id;
  out.title = chapter.title;
  out.number = chapter_no;
  out.html = std::move(rendered.html);
  out.anchors = std::move(anchors);
  out.labels = std::move(numbering.labels);
  out.xrefs = std::move(rewriter.xrefs());
  out.cites_in_text = !rewriter.cited().empty();
  out.cited = rewriter.cited();
  for (const auto& id : numbering.cited) {
    if (std::find(out.cited.begin(), out.cited.end(), id) == out.cited.end()) out.cited.push_back(id);
  }
  out.term_uses = rewriter.term_uses();
  return out;
}

namespace {

/// Where a label points and what a reference to it reads.
struct Target {
  std::string text;  // "figuur 5.2"
  std::string href;  // "aspecten.html#fig-aspecten-2"
  std::string page;  // the chapter id
};

/// Every label of the version, by name; a name may be claimed twice.
std::multimap<std::string, Target> collect_targets(const Context& ctx,
                                                   const std::vector<RenderedChapter>& chapters) {
  std::multimap<std::string, Target> targets;
  const auto word = [&](const char* key) { return ui_text(ctx.strings, key); };
  for (const auto& c : chapters) {
    const auto page = c.id + ".html";
    targets.emplace("sec:" + c.id, Target{word("xref_chapter") + " " + std::to_string(c.number),
                                          page, c.id});
    for (const auto& a : c.anchors) {
      if (a.kind != markdown::BlockKind::heading) continue;
      // "§3.2" → "paragraaf 3.2".
      const auto number = a.ref.substr(a.ref.find_first_of("0123456789"));
      targets.emplace("sec:" + a.id, Target{word("xref_section") + " " + number,
                                            page + "#" + a.id, c.id});
    }
    for (const auto& l : c.labels) {
      const char* key = l.name.starts_with("fig:") ? "xref_figure" : "xref_table";
      targets.emplace(l.name, Target{word(key) + " " + l.number, page + "#" + l.id, c.id});
    }
  }
  return targets;
}

/// Reports a label the author chose that another figure or table already
/// has: a reference to it could not say which one it means. (Two default
/// labels may coincide, e.g. two programmes; only referring to one is an
/// error, reported as ambiguous.)
void report_duplicate_labels(const std::vector<RenderedChapter>& chapters, core::Diagnostics& diags) {
  std::map<std::string, core::SourceLoc> seen;
  for (const auto& c : chapters) {
    for (const auto& l : c.labels) {
      const auto [it, fresh] = seen.emplace(l.name, l.loc);
      if (!fresh && l.chosen) {
        diags.error(l.loc, "label \"" + l.name + "\" is already used at " + it->second.file + ":" +
                               std::to_string(it->second.line) +
                               "; give this one another with the option `label:`");
      }
    }
  }
}

}  // namespace

void link_chapters(const Context& ctx, std::vector<RenderedChapter>& chapters,
                   core::Diagnostics& diags) {
  const auto targets = collect_targets(ctx, chapters);
  report_duplicate_labels(chapters, diags);
  const auto literature = render_reference_list(ctx, listed_references(ctx, chapters), diags);
  for (auto& c : chapters) {
    c.html = fill_markers(c.html, [&](std::size_t index) -> std::string {
      const auto& x = c.xrefs.at(index);
      const auto [first, last] = targets.equal_range(x.name);
      if (first == last || std::next(first) != last) {
        std::string where;
        for (auto it = first; it != last; ++it) where += (where.empty() ? "" : ", ") + it->second.page;
        std::string hint;
        if (first == last) {
          std::vector<std::string_view> labels;
          for (const auto& entry : targets) labels.push_back(entry.first);
          hint = core::did_you_mean(x.name, labels, "@");
          if (hint.empty()) hint = " (no figure, table or section with this label in this version)";
        }
        diags.error(x.loc, first == last
                               ? "unknown cross-reference \"@" + x.name + "\"" + hint
                               : "ambiguous cross-reference \"@" + x.name + "\" (in " + where +
                                     "; give one an explicit {#id} or `label:`)");
        return core::escape_html("@" + x.name);
      }
      const auto& t = first->second;
      // Within the page, a fragment is enough (and survives a renamed file).
      const auto hash = t.href.find('#');
      const auto href = t.page == c.id && hash != std::string::npos ? t.href.substr(hash) : t.href;
      auto shown = t.text;
      if (x.capital && !shown.empty() && shown[0] >= 'a' && shown[0] <= 'z') {
        shown[0] = static_cast<char>(shown[0] - 'a' + 'A');
      }
      if (x.plain) return core::escape_html(shown);  // in a link's text
      return "<a class=\"xref\" href=\"" + href + "\">" + core::escape_html(shown) + "</a>";
    }, literature);
  }
  // The fragments are final: what they hold is read once, on all cores.
  core::parallel_for(chapters.size(), [&](std::size_t i) {
    auto& c = chapters[i];
    auto index = index_fragment(c.html);
    c.sections = std::move(index.sections);
    c.ids = std::move(index.ids);
    c.links = std::move(index.links);
  });
}

std::vector<std::string> cited_order(const std::vector<RenderedChapter>& chapters) {
  std::vector<std::string> order;
  std::set<std::string> seen;
  for (const auto& c : chapters) {
    for (const auto& id : c.cited) {
      if (seen.insert(id).second) order.push_back(id);
    }
  }
  return order;
}

std::vector<const model::Reference*> listed_references(const Context& ctx,
                                                       const std::vector<RenderedChapter>& chapters) {
  const auto& data = ctx.version.data;
  const CitationStyle style(data.references, ctx.strings, ctx.project.citation_style,
                            cited_order(chapters));
  std::vector<const model::Reference*> refs;
  const bool cites = std::any_of(chapters.begin(), chapters.end(),
                                 [](const auto& c) { return c.cites_in_text; });
  std::set<std::string> wanted;
  for (const auto& c : chapters) wanted.insert(c.cited.begin(), c.cited.end());
  // The glossary page names the source of every term.
  for (const auto& t : data.terms) wanted.insert(t.source.id);
  for (const auto& r : data.references) {
    // A personal communication is cited in the text only (APA 8.9).
    if ((!cites || wanted.contains(r.id)) && style.listed(r)) refs.push_back(&r);
  }
  style.sort(refs);
  return refs;
}

}  // namespace visie::render
