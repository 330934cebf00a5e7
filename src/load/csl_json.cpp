#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include "load/object_reader.hpp"
#include "load/references.hpp"

namespace visie::load {

namespace {

using core::Diagnostics;

/// A whole number written as a number or as digits ("2017", as Zotero
/// sometimes writes date parts).
std::optional<long> whole_number(const nlohmann::json& v) {
  if (v.is_number_integer()) return v.get<long>();
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    if (s.empty() || s.size() > 9 || !std::all_of(s.begin(), s.end(), [](char c) {
          return c >= '0' && c <= '9';
        })) {
      return std::nullopt;
    }
    return std::stol(s);
  }
  return std::nullopt;
}

/// A CSL name object: family/given with particles and suffix, or literal.
model::Name read_name(const JsonDocument& doc, const std::string& ptr, Diagnostics& diags) {
  ObjectReader r(doc, ptr, diags);
  model::Name n;
  if (!r.ok()) return n;
  n.family = r.string("family", Need::optional);
  n.given = r.string("given", Need::optional);
  n.literal = r.string("literal", Need::optional);
  n.particle = r.string("non-dropping-particle", Need::optional);
  n.dropping_particle = r.string("dropping-particle", Need::optional);
  n.suffix = r.string("suffix", Need::optional);
  // Flags citeproc-js reads; they change nothing here.
  r.boolean("comma-suffix", Need::optional);
  r.boolean("static-ordering", Need::optional);
  if (r.has("parse-names")) r.accept("parse-names");
  if (n.family.empty() && n.literal.empty()) {
    diags.error(r.loc(), "a name needs \"family\" (and \"given\") or \"literal\"");
  }
  r.finish();
  return n;
}

/// A CSL date object: "date-parts" ([[2017, 3, 15]] or a range of two),
/// "season", "circa", "literal" or "raw".
model::Date read_date(const JsonDocument& doc, const std::string& ptr, Diagnostics& diags) {
  model::Date d;
  const auto& v = doc.root().at(nlohmann::json::json_pointer(ptr));
  // Some tools write a bare string ("2017-03-15").
  if (v.is_string()) return parse_date_text(v.get_ref<const std::string&>());
  ObjectReader r(doc, ptr, diags);
  if (!r.ok()) return d;
  if (r.has("date-parts")) {
    const auto parts_ptr = r.pointer("date-parts");
    r.accept("date-parts");
    const auto& parts = doc.root().at(nlohmann::json::json_pointer(parts_ptr));
    bool ok = parts.is_array() && !parts.empty() && parts.size() <= 2;
    for (std::size_t i = 0; ok && i < parts.size(); ++i) {
      const auto& p = parts[i];
      ok = p.is_array() && !p.empty() && p.size() <= 3;
      std::array<long, 3> n{0, 0, 0};
      for (std::size_t k = 0; ok && k < p.size(); ++k) {
        const auto x = whole_number(p[k]);
        ok = x.has_value();
        if (ok) n.at(k) = *x;
      }
      if (!ok) break;
      ok = n[1] >= 0 && n[1] <= 12 && n[2] >= 0 && n[2] <= 31;
      if (ok && i == 0) {
        d.year = n[0];
        d.month = static_cast<int>(n[1]);
        d.day = static_cast<int>(n[2]);
      }
    }
    if (!ok) {
      diags.error(doc.loc(parts_ptr), "\"date-parts\" must be [[year, month, day]] (month and day "
                                      "optional; a range has a second [year, month, day])");
    }
  }
  if (r.has("season")) {
    const auto& s = doc.root().at(nlohmann::json::json_pointer(r.pointer("season")));
    r.accept("season");
    const auto n = whole_number(s);
    if (n && *n >= 1 && *n <= 4) {
      d.season = static_cast<int>(*n);
    } else if (s.is_string()) {
      static constexpr const char* seasons[] = {"spring", "summer", "autumn", "winter"};
      for (int i = 0; i < 4; ++i) {
        if (s.get_ref<const std::string&>() == seasons[i]) d.season = i + 1;
      }
    }
    if (d.season == 0) {
      diags.error(r.loc("season"), "\"season\" must be 1 to 4 (spring, summer, autumn, winter)");
    }
  }
  if (r.has("circa")) r.accept("circa");
  const auto literal = r.string("literal", Need::optional);
  const auto raw = r.string("raw", Need::optional);
  if (!d.year && !raw.empty()) {
    const auto season = d.season;
    d = parse_date_text(raw);
    if (season != 0) d.season = season;
  }
  if (!d.year && !literal.empty()) d.literal = literal;
  if (!d.year && d.literal.empty() && !r.has("date-parts")) {
    diags.error(r.loc(), "a date needs \"date-parts\", \"raw\" or \"literal\"");
  }
  r.finish();
  return d;
}

/// The value of a standard variable as text: a string, or a number as
/// written ("volume": 12).
std::string text_value(const JsonDocument& doc, const std::string& ptr, Diagnostics& diags) {
  const auto& v = doc.root().at(nlohmann::json::json_pointer(ptr));
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<long>());
  if (v.is_number()) return v.dump();
  diags.error(doc.loc(ptr), "a CSL variable must be a string or a number, found " +
                                std::string(type_name(v)));
  return {};
}

}  // namespace

bool is_citation_key(std::string_view key) {
  if (key.empty() || key.size() > 200) return false;
  const auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (!alnum(key[0])) return false;
  return std::all_of(key.begin(), key.end(), [&](char c) {
    return alnum(c) || c == '_' || c == ':' || c == '.' || c == '-';
  });
}

void set_csl_variable(model::Reference& ref, std::string_view name, std::string value) {
  const auto member = [&]() -> std::string* {
    if (name == "title") return &ref.title;
    if (name == "container-title") return &ref.container_title;
    if (name == "collection-title") return &ref.collection_title;
    if (name == "collection-number") return &ref.collection_number;
    if (name == "publisher") return &ref.publisher;
    if (name == "publisher-place") return &ref.publisher_place;
    if (name == "volume") return &ref.volume;
    if (name == "issue") return &ref.issue;
    if (name == "page") return &ref.page;
    if (name == "edition") return &ref.edition;
    if (name == "number") return &ref.number;
    if (name == "genre") return &ref.genre;
    if (name == "medium") return &ref.medium;
    if (name == "DOI") return &ref.doi;
    if (name == "ISBN") return &ref.isbn;
    if (name == "language") return &ref.language;
    if (name == "URL") return &ref.url;
    if (name == "note") return &ref.note;
    return nullptr;
  }();
  if (member != nullptr) {
    *member = std::move(value);
  } else {
    ref.variables[std::string(name)] = std::move(value);
  }
}

model::Date parse_date_text(std::string_view text) {
  model::Date d;
  const auto digits = [&](std::size_t at, std::size_t n) -> std::optional<int> {
    if (at + n > text.size()) return std::nullopt;
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  const auto year = digits(0, 4);
  // "2017", "2017-03", "2017-03-15", and a range "2017/2018" (its start).
  if (year) {
    const auto rest = text.substr(4);
    if (rest.empty() || rest[0] == '/') {
      d.year = *year;
      return d;
    }
    if (rest[0] == '-') {
      const auto month = digits(5, 2);
      if (month && *month >= 1 && *month <= 12) {
        if (text.size() == 7 || text[7] == '/') {
          d.year = *year;
          d.month = *month;
          return d;
        }
        const auto day = digits(8, 2);
        if (text[7] == '-' && day && *day >= 1 && *day <= 31 &&
            (text.size() == 10 || text[10] == '/' || text[10] == 'T')) {
          d.year = *year;
          d.month = *month;
          d.day = *day;
          return d;
        }
      }
    }
  }
  d.literal = std::string(text);
  return d;
}

void read_csl_json(const JsonDocument& doc, std::vector<model::Reference>& out,
                   Diagnostics& diags) {
  if (!doc.root().is_array()) {
    diags.error(doc.loc(""), "references.json must be a CSL-JSON array of references, found " +
                                 std::string(type_name(doc.root())));
    return;
  }
  for (std::size_t i = 0; i < doc.root().size(); ++i) {
    const auto item_ptr = child_pointer("", i);
    ObjectReader r(doc, item_ptr, diags);
    if (!r.ok()) continue;
    model::Reference ref;
    ref.loc = r.loc();
    ref.id = r.string("id", Need::required);
    if (!ref.id.empty() && !is_citation_key(ref.id)) {
      diags.error(r.loc("id"), "\"" + ref.id +
                                   "\" is not a valid citation key: use letters, digits "
                                   "and _ : . -, starting with a letter or digit");
    }
    if (const auto* first = model::find_by_id(out, ref.id); first != nullptr && !ref.id.empty()) {
      diags.error(r.loc("id"), "duplicate reference id \"" + ref.id + "\" (first used at " +
                                   first->loc.file + ":" + std::to_string(first->loc.line) + ":" +
                                   std::to_string(first->loc.col) + ")");
    }
    ref.type = r.one_of("type", Need::required, model::names(model::csl_types));
    for (const auto& [key, value] : doc.root()[i].items()) {
      if (key == "id" || key == "type") continue;
      const auto ptr = child_pointer(item_ptr, key);
      r.accept(key);
      if (model::find_word(model::csl_name_variables, key) != nullptr) {
        if (!value.is_array()) {
          diags.error(doc.loc(ptr), "\"" + key + "\" must be an array of names");
          continue;
        }
        std::vector<model::Name> names;
        for (std::size_t k = 0; k < value.size(); ++k) {
          names.push_back(read_name(doc, child_pointer(ptr, k), diags));
        }
        if (key == "author") {
          ref.authors = std::move(names);
        } else if (key == "editor") {
          ref.editors = std::move(names);
        } else {
          ref.names[key] = std::move(names);
        }
      } else if (model::find_word(model::csl_date_variables, key) != nullptr) {
        auto date = read_date(doc, ptr, diags);
        if (key == "issued") {
          ref.issued = std::move(date);
          ref.year = ref.issued.year;
        } else if (key == "accessed") {
          ref.accessed = std::move(date);
        }
      } else if (model::find_word(model::csl_text_variables, key) != nullptr) {
        set_csl_variable(ref, key, text_value(doc, ptr, diags));
      } else {
        diags.warning(doc.key_loc(ptr), "unknown CSL variable \"" + key + "\" (ignored)");
      }
    }
    if (ref.title.empty() && !r.has("title")) {
      diags.error(r.loc(), "missing required field \"title\"");
    }
    r.finish();
    out.push_back(std::move(ref));
  }
}

}  // namespace visie::load
