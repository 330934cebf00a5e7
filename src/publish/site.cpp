#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "publish/publish.hpp"
#include "render/render.hpp"

namespace visie::publish {

namespace {

using nlohmann::json;

std::string text(const json& strings, const std::string& key) {
  return strings.contains(key) && strings[key].is_string() ? strings[key].get<std::string>()
                                                           : key;
}

json version_json(const model::Version& v, const json& strings) {
  const std::string status(model::to_string(v.status));
  return {{"id", v.id},
          {"label", v.label},
          {"period", v.period},
          {"date", v.date},
          {"milestone", v.milestone},
          {"inputs", v.inputs},
          {"has_inputs", !v.inputs.empty()},
          {"status", status},
          {"status_label", text(strings, "status_" + status)},
          {"is_concept", v.status == model::Status::concept_},
          {"is_final", v.status == model::Status::final}};
}

/// Everything the page layout needs besides the page itself.
struct PageFrame {
  const model::Content& content;
  const model::Templates& templates;
  const json& strings;
  const SiteOptions& options;
};

json versions_menu(const model::Content& content, std::string_view current,
                   const std::string& root) {
  json list = json::array();
  for (const auto& vc : content.versions) {
    list.push_back({{"label", vc.version.label},
                    {"period", vc.version.period},
                    {"href", root + vc.version.id + "/index.html"},
                    {"current", vc.version.id == current}});
  }
  return list;
}

std::string layout(const PageFrame& f, json page, core::Diagnostics& diags) {
  const auto& p = f.content.project;
  page["lang"] = p.language;
  page["project"] = {{"title", p.title},
                     {"subtitle", p.subtitle},
                     {"organisation", p.organisation},
                     {"description", p.description}};
  page["t"] = f.strings;
  return render::render_template(f.templates, "layouts/page.html", page, diags);
}

void publish_version(const PageFrame& f, std::size_t index, SiteTree& site,
                     core::Diagnostics& diags) {
  const auto& vc = f.content.versions[index];
  const auto& v = vc.version;
  const std::string root = "../";
  const render::Context ctx{f.content.project, vc, f.content.versions, f.templates, f.strings};

  std::vector<render::RenderedChapter> chapters;
  chapters.reserve(vc.chapters.size());
  for (const auto& chapter : vc.chapters) chapters.push_back(render::render_chapter(ctx, chapter, diags));

  json toc = json::array();
  for (const auto& c : chapters) toc.push_back({{"title", c.title}, {"href", c.id + ".html"}});

  json frame;
  frame["root"] = root;
  frame["has_version"] = true;
  frame["version"] = version_json(v, f.strings);
  frame["versions"] = versions_menu(f.content, v.id, root);
  frame["home_href"] = "index.html";
  frame["print_href"] = "print.html";
  if (f.options.pdf_links) frame["pdf_href"] = pdf_file_name(f.content.project, v);
  if (index + 1 < f.content.versions.size()) {
    const auto& newest = f.content.versions.back().version;
    frame["newer"] = {{"label", newest.label}, {"href", root + newest.id + "/index.html"}};
  }

  // The version's contents page.
  {
    json page = frame;
    page["title"] = v.label;
    page["toc"] = toc;
    page["is_contents"] = true;
    json body{{"version", frame["version"]}, {"toc", toc}, {"t", f.strings}};
    page["content"] = render::render_template(f.templates, "layouts/contents.html", body, diags);
    site[v.id + "/index.html"] = layout(f, std::move(page), diags);
  }

  for (std::size_t i = 0; i < chapters.size(); ++i) {
    const auto& c = chapters[i];
    json page = frame;
    page["title"] = c.title;
    json chapter_toc = toc;
    chapter_toc[i]["current"] = true;
    page["toc"] = chapter_toc;
    // The title is plain text from front matter: escape it where it enters
    // HTML outside a template.
    page["content"] = "<h1>" + core::escape_html(c.title) + "</h1>\n" + c.html;
    if (i > 0) page["prev"] = {{"title", chapters[i - 1].title}, {"href", chapters[i - 1].id + ".html"}};
    if (i + 1 < chapters.size()) {
      page["next"] = {{"title", chapters[i + 1].title}, {"href", chapters[i + 1].id + ".html"}};
    }
    site[v.id + "/" + c.id + ".html"] = layout(f, std::move(page), diags);
  }

  // The print edition: every chapter in one document, then the literature
  // and the glossary of this version (when it has any).
  PrintEdition edition{f.content.project, v, {}, {}};
  for (const auto& c : chapters) edition.chapters.push_back({c.id, c.title, c.html});
  if (!vc.data.references.empty()) {
    edition.appendices.push_back({"references", text(f.strings, "print_references"),
                                  render::render_component(ctx, "references", diags)});
  }
  if (!vc.data.terms.empty()) {
    edition.appendices.push_back({"glossary", text(f.strings, "print_glossary"),
                                  render::render_component(ctx, "glossary", diags)});
  }
  site[v.id + "/print.html"] = render_print(edition, f.templates, f.strings, diags);
}

}  // namespace

SiteTree build_site(const model::Content& content, const model::Templates& templates,
                    core::Diagnostics& diags, const SiteOptions& options) {
  SiteTree site;
  const auto strings = render::ui_strings(templates, content.project.language, diags);
  const PageFrame frame{content, templates, strings, options};
  for (std::size_t i = 0; i < content.versions.size(); ++i) publish_version(frame, i, site, diags);

  // The landing page: the newest version first, then the whole process.
  if (!content.versions.empty()) {
    const auto& newest = content.versions.back();
    json toc = json::array();
    for (const auto& c : newest.chapters) {
      toc.push_back({{"title", c.title}, {"href", newest.version.id + "/" + c.id + ".html"}});
    }
    json timeline = json::array();
    for (const auto& vc : content.versions) {
      auto v = version_json(vc.version, strings);
      v["href"] = vc.version.id + "/index.html";
      timeline.push_back(v);
    }
    json body{{"newest", version_json(newest.version, strings)},
              {"newest_href", newest.version.id + "/index.html"},
              {"toc", toc},
              {"timeline", timeline},
              {"project", {{"title", content.project.title},
                           {"subtitle", content.project.subtitle},
                           {"description", content.project.description},
                           {"organisation", content.project.organisation}}},
              {"t", strings}};
    json page;
    page["root"] = "";
    page["title"] = content.project.title;
    page["is_landing"] = true;
    page["versions"] = versions_menu(content, "", "");
    page["home_href"] = "index.html";
    page["content"] = render::render_template(templates, "layouts/landing.html", body, diags);
    site["index.html"] = layout(frame, std::move(page), diags);
  }

  json versions = json::array();
  for (const auto& vc : content.versions) {
    const auto& v = vc.version;
    versions.push_back({{"id", v.id},
                        {"label", v.label},
                        {"period", v.period},
                        {"status", model::to_string(v.status)},
                        {"url", v.id + "/index.html"}});
  }
  json index{{"latest", content.versions.empty() ? "" : content.versions.back().version.id},
             {"versions", versions}};
  site["versions.json"] = index.dump(2) + "\n";

  for (const auto& [name, file] : templates.files) {
    if (name.starts_with("assets/")) site[name] = file.text;
  }
  return site;
}

}  // namespace visie::publish
