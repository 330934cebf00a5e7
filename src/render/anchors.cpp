#include "render/anchors.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>

#include "core/text.hpp"

namespace visie::render {

namespace {

using markdown::BlockKind;

bool is_footnote_id(std::string_view id) {
  return std::any_of(footnote_id_prefixes.begin(), footnote_id_prefixes.end(),
                     [&](std::string_view prefix) { return id.starts_with(prefix); });
}

bool is_layout_id(std::string_view id) {
  return std::find(reserved_ids.begin(), reserved_ids.end(), id) != reserved_ids.end();
}

std::string_view kind_prefix(BlockKind kind) {
  switch (kind) {
    case BlockKind::heading: return "h";
    case BlockKind::paragraph: return "p";
    case BlockKind::item: return "li";
    case BlockKind::table: return "tbl";
  }
  return "p";
}

}  // namespace

std::string slugify(std::string_view text) {
  auto out = core::slug(text);
  if (out.size() > 60) {
    out.resize(60);
    while (!out.empty() && out.back() == '-') out.pop_back();
  }
  if (out.empty() || out[0] < 'a' || out[0] > 'z') out = "h-" + out;
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

std::string content_hash(std::string_view text) {
  // FNV-1a over the text with runs of whitespace collapsed: stable across
  // platforms and runs, and blind to re-wrapped lines.
  std::uint64_t h = 14695981039346656037ULL;
  bool space = false;
  bool started = false;
  for (char ch : text) {
    const bool is_space = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
    if (is_space) {
      space = started;
      continue;
    }
    if (space) {
      h = (h ^ static_cast<unsigned char>(' ')) * 1099511628211ULL;
      space = false;
    }
    started = true;
    h = (h ^ static_cast<unsigned char>(ch)) * 1099511628211ULL;
  }
  static constexpr char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string out;
  for (int i = 0; i < 7; ++i) {
    out += digits[h % 36];
    h /= 36;
  }
  return out;
}

std::vector<Anchor> attach_anchors(std::string& html, const std::vector<markdown::Block>& blocks,
                                   int chapter_no, const std::string& file,
                                   std::size_t first_line, core::Diagnostics& diags) {
  std::vector<Anchor> anchors;
  std::map<std::string, std::string> captions;   // block position → a table's caption
  std::map<std::string, std::size_t> anchor_of;  // block position → index in `anchors`
  // The layout's ids are taken before the first block: a derived id that
  // meets one is told apart like a repeated one ("sidebar-2").
  std::set<std::string> used(reserved_ids.begin(), reserved_ids.end());
  std::map<std::string, int> next_suffix;  // id → the next "-n" to try for a copy
  int h2 = 0;
  int h3 = 0;
  int para = 0;
  for (const auto& b : blocks) {
    std::string id;
    if (!b.explicit_id.empty()) {
      const core::SourceLoc at{file, first_line + (b.id_line != 0 ? b.id_line : b.line) - 1,
                               b.id_column != 0 ? b.id_column : 1};
      if (!core::is_valid_id(b.explicit_id)) {
        diags.error(at, "\"{#" + b.explicit_id +
                            "}\" is not a valid id: use lowercase letters, digits and '-', "
                            "starting with a letter");
      } else if (is_footnote_id(b.explicit_id)) {
        diags.error(at, "id \"" + b.explicit_id +
                            "\" is reserved for footnotes (ids starting with \"fn-\" or "
                            "\"fnref-\"): choose another");
      } else if (is_layout_id(b.explicit_id)) {
        diags.error(at, "id \"" + b.explicit_id + "\" is used by the page layout: choose another");
      } else if (used.contains(b.explicit_id)) {
        diags.error(at, "id \"" + b.explicit_id + "\" is used twice in this chapter");
      } else {
        id = b.explicit_id;
      }
    }
    if (id.empty()) {
      std::string base = b.kind == BlockKind::heading
                             ? slugify(b.text)
                             : std::string(kind_prefix(b.kind)) + "-" + content_hash(b.text);
      // A heading "Fn 1" would take the first footnote's id.
      if (is_footnote_id(base)) base = "h-" + base;
      id = base;
      if (used.contains(id)) {
        // Resume where the last copy of this block stopped: counting from 2
        // for every copy is quadratic in the number of identical blocks.
        int& n = next_suffix.try_emplace(base, 2).first->second;
        do {
          id = base + "-" + std::to_string(n++);
        } while (used.contains(id));
      }
    }
    used.insert(id);

    std::string ref = "§" + std::to_string(chapter_no);
    if (b.kind == BlockKind::heading) {
      if (b.level <= 2) {
        ++h2;
        h3 = 0;
      } else {
        ++h3;
      }
      para = 0;
      if (h2 > 0) ref += "." + std::to_string(h2);
      if (h3 > 0 && b.level > 2) ref += "." + std::to_string(h3);
    } else {
      if (h2 > 0) ref += "." + std::to_string(h2);
      if (h3 > 0) ref += "." + std::to_string(h3);
      ref += " ¶" + std::to_string(++para);
    }
    anchor_of.emplace(b.sourcepos, anchors.size());
    if (!b.caption_html.empty()) captions.emplace(b.sourcepos, b.caption_html);
    anchors.push_back({b.kind, id, ref, b.text, false, b.written});
  }

  // The first element with a block's position gets its id and reference
  // link; the rest lose the position (inline elements, table rows, the
  // inner <p> of an item). A reference link cannot sit inside <table>: a
  // table gets a wrapper <div> that carries its id and link (and scrolls
  // on narrow screens).
  std::set<std::string> done;
  html = markdown::place_blocks(
      html, [&](const std::string& key, bool is_table) -> std::optional<markdown::BlockPlacement> {
        const auto it = anchor_of.find(key);
        if (it == anchor_of.end() || !done.insert(key).second) return std::nullopt;
        auto& a = anchors[it->second];
        a.placed = true;
        const auto link =
            "<a class=\"ref\" href=\"#" + a.id + "\">" + core::escape_html(a.ref) + "</a>";
        markdown::BlockPlacement p;
        if (is_table) {
          p.before = "<div class=\"table-wrap\" id=\"" + a.id + "\">" + link + "\n";
          p.close = "</div>";
          if (const auto caption = captions.find(key); caption != captions.end()) {
            p.after_tag = "\n<caption>" + caption->second + "</caption>";
          }
        } else {
          p.attributes = " id=\"" + a.id + "\"";
          p.after_tag = link;
        }
        return p;
      });
  return anchors;
}

}  // namespace visie::render
