#include <algorithm>
#include <map>
#include <optional>
#include <string>

#include "load/references.hpp"

namespace visie::load {

namespace {

using core::Diagnostics;
using core::SourceLoc;

/// BibTeX and BibLaTeX entry types and the CSL type each becomes.
struct EntryType {
  std::string_view bib;
  std::string_view csl;
};

constexpr EntryType entry_types[] = {
    {"article", "article-journal"},     {"book", "book"},
    {"mvbook", "book"},                 {"booklet", "pamphlet"},
    {"inbook", "chapter"},              {"incollection", "chapter"},
    {"bookinbook", "chapter"},          {"collection", "book"},
    {"mvcollection", "book"},           {"inproceedings", "paper-conference"},
    {"conference", "paper-conference"}, {"proceedings", "book"},
    {"manual", "report"},               {"report", "report"},
    {"techreport", "report"},           {"thesis", "thesis"},
    {"phdthesis", "thesis"},            {"mastersthesis", "thesis"},
    {"online", "webpage"},              {"electronic", "webpage"},
    {"www", "webpage"},                 {"dataset", "dataset"},
    {"software", "software"},           {"misc", "document"},
    {"unpublished", "manuscript"},      {"periodical", "periodical"},
    {"patent", "patent"},               {"inreference", "entry-encyclopedia"},
    {"reference", "book"},              {"legislation", "legislation"},
    {"legal", "legal_case"},            {"jurisdiction", "legal_case"},
    {"standard", "standard"},           {"letter", "personal_communication"},
};

/// Fields read but not printed (what Zotero, JabRef and Mendeley add).
constexpr std::string_view quiet_fields[] = {
    "abstract", "keywords", "file",   "annotation", "annote",   "shorttitle", "langid",
    "eprint",   "eprinttype", "eprintclass", "archiveprefix", "primaryclass", "pmid",
    "pmcid",    "issn",     "urldate", "timestamp", "owner",   "mendeley-tags", "copyright",
    "shortjournal", "journalabbreviation", "month", "year", "date", "day", "entrysubtype",
};

constexpr const char* month_names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                       "jul", "aug", "sep", "oct", "nov", "dec"};

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

/// A field value as read: the raw text (braces kept), for LaTeX decoding.
struct Field {
  std::string name;
  std::string value;
  SourceLoc loc;
};

class Parser {
 public:
  Parser(std::string_view file, std::string_view text, Diagnostics& diags)
      : file_(file), text_(text), diags_(diags) {
    for (std::size_t i = 0; i < 12; ++i) macros_[month_names[i]] = std::to_string(i + 1);
  }

  /// Calls `entry` for every entry with its type, key and fields.
  template <class F>
  void run(F&& entry) {
    while (true) {
      const auto at = text_.find('@', pos_);
      if (at == std::string_view::npos) return;
      pos_ = at + 1;
      const auto type_loc = loc(at);
      const auto type = lower(identifier());
      skip_space();
      // "@comment" without braces comments out the rest of its line.
      if (type == "comment" && (pos_ >= text_.size() || (peek() != '{' && peek() != '('))) {
        while (pos_ < text_.size() && peek() != '\n') ++pos_;
        continue;
      }
      if (type.empty() || pos_ >= text_.size() || (peek() != '{' && peek() != '(')) {
        diags_.error(type_loc, "expected an entry type and \"{\" after \"@\"");
        continue;
      }
      const char close = peek() == '{' ? '}' : ')';
      const auto open_at = pos_;
      ++pos_;
      if (type == "comment" || type == "preamble") {
        pos_ = open_at;
        if (!balanced(close)) return;
        continue;
      }
      if (type == "string") {
        string_definition(close);
        continue;
      }
      skip_space();
      const auto key_loc = loc(pos_);
      const auto key_start = pos_;
      while (pos_ < text_.size() && peek() != ',' && peek() != close && !space(peek())) ++pos_;
      const std::string key(text_.substr(key_start, pos_ - key_start));
      std::vector<Field> fields;
      if (!fields_until(close, fields)) continue;
      entry(type, type_loc, key, key_loc, fields);
    }
  }

 private:
  [[nodiscard]] char peek() const { return text_[pos_]; }
  static bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
  void skip_space() {
    while (pos_ < text_.size()) {
      if (space(peek())) {
        ++pos_;
      } else if (peek() == '%') {
        // A comment to the end of the line (biber reads them).
        while (pos_ < text_.size() && peek() != '\n') ++pos_;
      } else {
        return;
      }
    }
  }
  std::string identifier() {
    const auto start = pos_;
    while (pos_ < text_.size()) {
      const char c = peek();
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '-' || c == ':' || c == '.' || c == '+' || c == '/';
      if (!ok) break;
      ++pos_;
    }
    return std::string(text_.substr(start, pos_ - start));
  }

  [[nodiscard]] SourceLoc loc(std::size_t at) const {
    std::size_t line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < at && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++line;
        line_start = i + 1;
      }
    }
    std::size_t col = 1;
    for (std::size_t i = line_start; i < at && i < text_.size(); ++i) {
      if ((static_cast<unsigned char>(text_[i]) & 0xC0U) != 0x80U) ++col;
    }
    return {std::string(file_), line, col};
  }

  /// Skips a balanced group starting at the opening character at pos_.
  bool balanced(char close) {
    const auto start = pos_;
    const char open = close == '}' ? '{' : '(';
    int depth = 0;
    for (; pos_ < text_.size(); ++pos_) {
      if (peek() == open) ++depth;
      if (peek() == close && --depth == 0) {
        ++pos_;
        return true;
      }
    }
    diags_.error(loc(start), std::string("unclosed \"") + open + "\"");
    return false;
  }

  /// One value: {…}, "…", a number or a @string name, joined with "#".
  std::optional<std::string> value() {
    std::string out;
    while (true) {
      skip_space();
      if (pos_ >= text_.size()) {
        diags_.error(loc(pos_), "unexpected end of file in a field value");
        return std::nullopt;
      }
      const auto start = pos_;
      if (peek() == '{' || peek() == '"') {
        const char close = peek() == '{' ? '}' : '"';
        ++pos_;
        int depth = 0;
        const auto inner = pos_;
        while (pos_ < text_.size() && !(depth == 0 && peek() == close)) {
          if (peek() == '{') ++depth;
          if (peek() == '}') {
            if (depth == 0) break;
            --depth;
          }
          ++pos_;
        }
        if (pos_ >= text_.size() || peek() != close) {
          diags_.error(loc(start), std::string("unclosed ") + (close == '}' ? "\"{\"" : "'\"'") +
                                       " in a field value");
          return std::nullopt;
        }
        out += text_.substr(inner, pos_ - inner);
        ++pos_;
      } else if (peek() >= '0' && peek() <= '9') {
        while (pos_ < text_.size() && peek() >= '0' && peek() <= '9') ++pos_;
        out += text_.substr(start, pos_ - start);
      } else {
        const auto name = lower(identifier());
        if (name.empty()) {
          diags_.error(loc(start), "expected a value: {text}, \"text\", a number or a @string name");
          return std::nullopt;
        }
        const auto it = macros_.find(name);
        if (it == macros_.end()) {
          diags_.error(loc(start), "unknown @string name \"" + name + "\"");
        } else {
          out += it->second;
        }
      }
      skip_space();
      if (pos_ < text_.size() && peek() == '#') {
        ++pos_;
        continue;
      }
      return out;
    }
  }

  /// Reads "name = value" pairs, separated by commas, up to `close`; false
  /// after a syntax error (the rest of the entry is skipped to the next
  /// "@").
  bool fields_until(char close, std::vector<Field>& fields) {
    skip_space();
    if (pos_ < text_.size() && peek() == ',') ++pos_;
    while (true) {
      skip_space();
      if (pos_ >= text_.size()) {
        diags_.error(loc(pos_), std::string("unexpected end of file: missing \"") + close + "\"");
        return false;
      }
      if (peek() == close) {
        ++pos_;
        return true;
      }
      const auto at = pos_;
      const auto name = lower(identifier());
      skip_space();
      if (name.empty() || pos_ >= text_.size() || peek() != '=') {
        diags_.error(loc(at), "expected \"field = value\"");
        return false;
      }
      ++pos_;
      auto v = value();
      if (!v) return false;
      fields.push_back({name, std::move(*v), loc(at)});
      skip_space();
      if (pos_ < text_.size() && peek() == ',') {
        ++pos_;
      } else if (pos_ < text_.size() && peek() != close) {
        diags_.error(loc(pos_), std::string("expected \",\" or \"") + close + "\" after a field");
        return false;
      }
    }
  }

  void string_definition(char close) {
    std::vector<Field> fields;
    if (!fields_until(close, fields)) return;
    for (auto& f : fields) macros_[f.name] = std::move(f.value);
  }

  std::string_view file_;
  std::string_view text_;
  Diagnostics& diags_;
  std::size_t pos_ = 0;
  std::map<std::string, std::string> macros_;
};

/// The character a LaTeX accent command makes of a letter ("\"o" → "ö").
std::string accented(char accent, std::string_view letter) {
  static const std::map<std::string, std::string> table = {
      {"\"a", "ä"}, {"\"e", "ë"}, {"\"i", "ï"}, {"\"o", "ö"}, {"\"u", "ü"}, {"\"A", "Ä"},
      {"\"E", "Ë"}, {"\"I", "Ï"}, {"\"O", "Ö"}, {"\"U", "Ü"}, {"'a", "á"},  {"'e", "é"},
      {"'i", "í"},  {"'o", "ó"},  {"'u", "ú"},  {"'E", "É"},  {"'A", "Á"},  {"'O", "Ó"},
      {"`a", "à"},  {"`e", "è"},  {"`i", "ì"},  {"`o", "ò"},  {"`u", "ù"},  {"^a", "â"},
      {"^e", "ê"},  {"^i", "î"},  {"^o", "ô"},  {"^u", "û"},  {"~n", "ñ"},  {"~a", "ã"},
      {"~o", "õ"},  {"cc", "ç"},  {"cC", "Ç"},  {"\"\\i", "ï"}, {"'\\i", "í"},
  };
  const auto it = table.find(std::string(1, accent) + std::string(letter));
  return it == table.end() ? std::string(letter) : it->second;
}

/// LaTeX to plain text: accents, escaped characters, dashes, "~", braces.
std::string latex_text(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '{' || c == '}') continue;
    if (c == '~') {
      out += "\u00a0";
      continue;
    }
    if (c == '-' && s.substr(i).starts_with("---")) {
      out += "—";
      i += 2;
      continue;
    }
    if (c == '-' && s.substr(i).starts_with("--")) {
      out += "–";
      ++i;
      continue;
    }
    if (c == '\n' || c == '\r' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    if (c != '\\' || i + 1 >= s.size()) {
      out += c;
      continue;
    }
    const char n = s[i + 1];
    if (std::string_view("&%$#_{}").find(n) != std::string_view::npos) {
      out += n;
      ++i;
      continue;
    }
    if (std::string_view("\"'`^~c").find(n) != std::string_view::npos) {
      // "\"o", "\"{o}", "\c{c}", "\'\i".
      std::size_t k = i + 2;
      while (k < s.size() && (s[k] == '{' || (n == 'c' && s[k] == ' '))) ++k;
      std::size_t len = 1;
      if (k < s.size() && s[k] == '\\') len = 2;
      if (k + len <= s.size()) {
        out += accented(n, s.substr(k, len));
        i = k + len - 1;
        while (i + 1 < s.size() && s[i + 1] == '}') ++i;
        continue;
      }
    }
    // A command: "\ss" → "ß", "\textit{x}" → "x", others dropped.
    std::size_t k = i + 1;
    while (k < s.size() && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z'))) ++k;
    const auto command = s.substr(i + 1, k - i - 1);
    if (command == "ss") out += "ß";
    if (command == "o") out += "ø";
    if (command == "ae") out += "æ";
    if (command == "aa") out += "å";
    if (command == "l") out += "ł";
    if (command == "i") out += "ı";
    i = k - 1;
    if (k < s.size() && s[k] == ' ' && !command.empty()) i = k;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

/// Splits `s` at `sep` outside braces.
std::vector<std::string> split_outside_braces(std::string_view s, std::string_view sep) {
  std::vector<std::string> out;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '{') ++depth;
    if (s[i] == '}') --depth;
    if (depth == 0 && s.substr(i).starts_with(sep)) {
      out.emplace_back(s.substr(start, i - start));
      start = i + sep.size();
      i = start - 1;
    }
  }
  out.emplace_back(s.substr(start));
  return out;
}

/// The names of a name list ("A and B"), split at "and" outside braces.
std::vector<std::string> split_names(std::string_view s) {
  std::string flat(s);
  std::replace_if(flat.begin(), flat.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; },
                  ' ');
  return split_outside_braces(flat, " and ");
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.remove_suffix(1);
  return std::string(s);
}

/// "van der Berg, Jan", "Berg, Jr., Jan", "Jan van der Berg" or
/// "{Ministerie van VWS}" as a CSL name.
model::Name bib_name(std::string_view raw) {
  model::Name n;
  const auto s = trimmed(raw);
  if (s.size() > 1 && s.front() == '{' && s.back() == '}' &&
      split_outside_braces(s.substr(1, s.size() - 2), "}").size() == 1) {
    n.literal = latex_text(s);
    return n;
  }
  const auto lowercase = [](std::string_view w) { return !w.empty() && w[0] >= 'a' && w[0] <= 'z'; };
  const auto words = [](std::string_view t) {
    std::vector<std::string> out;
    for (auto& w : split_outside_braces(trimmed(t), " ")) {
      if (!w.empty()) out.push_back(w);
    }
    return out;
  };
  const auto parts = split_outside_braces(s, ",");
  std::vector<std::string> last;
  if (parts.size() >= 2) {
    last = words(parts[0]);
    n.given = latex_text(trimmed(parts.back()));
    if (parts.size() >= 3) n.suffix = latex_text(trimmed(parts[1]));
  } else {
    auto w = words(s);
    // "First von Last": the last name starts at the first lowercase word.
    std::size_t split = w.empty() ? 0 : w.size() - 1;
    for (std::size_t i = 0; i + 1 < w.size(); ++i) {
      if (lowercase(w[i])) {
        split = i;
        break;
      }
    }
    std::string given;
    for (std::size_t i = 0; i < split; ++i) given += (given.empty() ? "" : " ") + w[i];
    n.given = latex_text(given);
    last.assign(w.begin() + static_cast<std::ptrdiff_t>(split), w.end());
  }
  // "van der Berg": the lowercase words before the family name.
  std::string particle;
  std::size_t i = 0;
  while (i + 1 < last.size() && lowercase(last[i])) particle += (particle.empty() ? "" : " ") + last[i++];
  std::string family;
  for (; i < last.size(); ++i) family += (family.empty() ? "" : " ") + last[i];
  n.particle = latex_text(particle);
  n.family = latex_text(family);
  return n;
}

/// The CSL variable a BibTeX field holds (for `type`, the CSL type of the
/// entry), or empty.
std::string_view csl_variable(std::string_view field, std::string_view type) {
  if (field == "journal" || field == "journaltitle" || field == "booktitle") {
    return "container-title";
  }
  // BibLaTeX: a web page's site is its organisation.
  if (field == "organization" && type == "webpage") return "container-title";
  if (field == "publisher" || field == "institution" || field == "school" ||
      field == "organization") {
    return "publisher";
  }
  if (field == "address" || field == "location") return "publisher-place";
  // An article's number is its issue; a report's its report number.
  if (field == "number") return type.starts_with("article") ? "issue" : "number";
  static constexpr std::pair<std::string_view, std::string_view> same[] = {
      {"title", "title"},   {"series", "collection-title"}, {"volume", "volume"},
      {"issue", "issue"},   {"pages", "page"},              {"edition", "edition"},
      {"type", "genre"},    {"howpublished", "medium"},     {"doi", "DOI"},
      {"isbn", "ISBN"},     {"issn", "ISSN"},               {"language", "language"},
      {"url", "URL"},       {"note", "note"},               {"version", "version"},
      {"abstract", "abstract"}};
  for (const auto& [bib, csl] : same) {
    if (field == bib) return csl;
  }
  return {};
}

}  // namespace

void read_bibtex(std::string_view file, std::string_view text,
                 std::vector<model::Reference>& out, Diagnostics& diags) {
  Parser parser(file, text, diags);
  parser.run([&](const std::string& bib_type, const SourceLoc& type_loc, const std::string& key,
                 const SourceLoc& key_loc, const std::vector<Field>& fields) {
    model::Reference ref;
    ref.loc = type_loc;
    ref.id = key;
    const auto* type = std::find_if(std::begin(entry_types), std::end(entry_types),
                                    [&](const auto& t) { return t.bib == bib_type; });
    if (type == std::end(entry_types)) {
      diags.error(type_loc, "unknown entry type \"@" + bib_type + "\"");
      return;
    }
    ref.type = std::string(type->csl);
    if (key.empty() || !is_citation_key(key)) {
      diags.error(key_loc, "\"" + key + "\" is not a valid citation key: use letters, digits "
                                        "and _ : . -, starting with a letter or digit");
    }
    if (const auto* first = model::find_by_id(out, key); first != nullptr && !key.empty()) {
      diags.error(key_loc, "duplicate reference id \"" + key + "\" (first used at " +
                               first->loc.file + ":" + std::to_string(first->loc.line) + ":" +
                               std::to_string(first->loc.col) + ")");
    }
    std::string year;
    std::string month;
    std::string day;
    for (const auto& f : fields) {
      if (f.name == "author" || f.name == "editor") {
        auto& names = f.name == "author" ? ref.authors : ref.editors;
        for (const auto& n : split_names(f.value)) names.push_back(bib_name(n));
      } else if (f.name == "translator") {
        for (const auto& n : split_names(f.value)) ref.names["translator"].push_back(bib_name(n));
      } else if (f.name == "year") {
        year = latex_text(f.value);
      } else if (f.name == "month") {
        month = lower(latex_text(f.value));
      } else if (f.name == "day") {
        day = latex_text(f.value);
      } else if (f.name == "date") {
        ref.issued = parse_date_text(latex_text(f.value));
      } else if (f.name == "urldate") {
        ref.accessed = parse_date_text(latex_text(f.value));
      } else if (const auto variable = csl_variable(f.name, ref.type); !variable.empty()) {
        set_csl_variable(ref, variable, latex_text(f.value));
      } else if (f.name == "entrysubtype" && ref.type == "article-journal") {
        // BibLaTeX: an @article in a magazine or a newspaper.
        const auto sub = latex_text(f.value);
        if (sub == "magazine") ref.type = "article-magazine";
        if (sub == "newspaper") ref.type = "article-newspaper";
      } else if (std::find(std::begin(quiet_fields), std::end(quiet_fields), f.name) ==
                 std::end(quiet_fields)) {
        diags.warning(f.loc, "unknown BibTeX field \"" + f.name + "\" (ignored)");
      }
    }
    if (!year.empty()) {
      auto date = parse_date_text(year);
      if (date.year) {
        for (int m = 0; m < 12; ++m) {
          if (month == month_names[m] || month == std::to_string(m + 1) ||
              (month.size() > 3 && month.starts_with(month_names[m]))) {
            date.month = m + 1;
          }
        }
        if (date.month != 0 && !day.empty()) {
          date.day = parse_date_text("2000-01-" + std::string(day.size() == 1 ? "0" : "") + day).day;
        }
      }
      ref.issued = date;
    }
    ref.year = ref.issued.year;
    if (ref.title.empty()) diags.error(type_loc, "missing required field \"title\"");
    out.push_back(std::move(ref));
  });
}

}  // namespace visie::load
