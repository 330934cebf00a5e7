#include <map>
#include <memory>

#include <kainjow/mustache.hpp>

#include "render/render.hpp"
#include "render/ui.hpp"

namespace visie::render {

namespace {

namespace mustache = kainjow::mustache;

// kainjow's data::set and data::push_back copy their argument, and the
// copy of an object or a list copies everything in it, so building nested
// data level by level would copy each subtree once per level above it.
// These insert a cheap placeholder and move the value into it: `parent` is
// not const, so writing through the const pointer kainjow hands back is
// well defined.

void adopt_member(mustache::data& parent, const std::string& key, mustache::data&& value) {
  parent.set(key, mustache::data{mustache::data::type::bool_false});
  *const_cast<mustache::data*>(parent.get(key)) = std::move(value);
}

void adopt_element(mustache::data& parent, mustache::data&& value) {
  parent.push_back(mustache::data{mustache::data::type::bool_false});
  const_cast<mustache::data&>(parent.list_value().back()) = std::move(value);
}

/// `value` as kainjow data. From an rvalue, strings (a page's content) are
/// moved rather than copied.
template <typename Json>
mustache::data to_mustache(Json&& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      mustache::data out{mustache::data::type::object};
      for (auto& [key, member] : value.items()) {
        adopt_member(out, key, to_mustache(std::forward<Json>(member)));
      }
      return out;
    }
    case nlohmann::json::value_t::array: {
      mustache::data out{mustache::data::type::list};
      for (auto& element : value) adopt_element(out, to_mustache(std::forward<Json>(element)));
      return out;
    }
    case nlohmann::json::value_t::string: {
      // An empty text is falsey, so `{{#subtitle}}…{{/subtitle}}` leaves out
      // the markup around a value that is not there (as in JavaScript
      // Mustache); it still renders as nothing.
      auto& text = value.template get_ref<std::conditional_t<
          std::is_const_v<std::remove_reference_t<Json>>, const std::string&, std::string&>>();
      if (text.empty()) return mustache::data{mustache::data::type::bool_false};
      if constexpr (std::is_const_v<std::remove_reference_t<Json>> ||
                    std::is_lvalue_reference_v<Json>) {
        return mustache::data{text};
      } else {
        mustache::data out{mustache::data::type::string};
        const_cast<std::string&>(out.string_value()).swap(text);
        return out;
      }
    }
    case nlohmann::json::value_t::boolean:
      return value.template get<bool>() ? mustache::data{mustache::data::type::bool_true}
                                        : mustache::data{mustache::data::type::bool_false};
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return mustache::data{value.dump()};
    default:
      return mustache::data{mustache::data::type::bool_false};
  }
}

/// What kainjow renders into: appends to one string, where a
/// std::ostringstream would copy the whole page once more at the end.
struct Appender {
  std::string text;
  Appender& operator<<(const std::string& part) {
    text += part;
    return *this;
  }
};

/// Template `name` with `text`, parsed: parsing `layouts/page.html` again
/// for each of thousands of pages costs about as much as rendering it. The
/// cache is per thread (rendering changes a kainjow template's error state,
/// so two threads must not share one), by name, and checks the text, so a
/// changed template (`visie serve` reloads them) is parsed again. It never
/// changes what is rendered.
mustache::mustache& parsed(std::string_view name, const std::string& text) {
  struct Parsed {
    std::string text;
    std::unique_ptr<mustache::mustache> tmpl;
  };
  thread_local std::map<std::string, Parsed, std::less<>> cache;
  auto it = cache.find(name);
  if (it == cache.end()) it = cache.emplace(std::string(name), Parsed{}).first;
  auto& entry = it->second;
  if (!entry.tmpl || !entry.tmpl->is_valid() || entry.text != text) {
    entry.text = text;
    entry.tmpl = std::make_unique<mustache::mustache>(text);
  }
  return *entry.tmpl;
}

/// Renders template `name` from `ctx`; problems go to `diags`.
std::string render_in(const model::Templates& templates, std::string_view name,
                      mustache::context<std::string>& ctx, core::Diagnostics& diags) {
  const auto* file = templates.find(name);
  if (file == nullptr) {
    diags.error({"templates/" + std::string(name), 0, 0}, "template not found");
    return {};
  }
  auto& tmpl = parsed(name, file->text);
  if (!tmpl.is_valid()) {
    diags.error({file->origin, 0, 0}, "invalid template: " + tmpl.error_message());
    return {};
  }
  Appender out;
  out.text.reserve(file->text.size() * 2);
  tmpl.render(ctx, out);
  if (!tmpl.is_valid()) {
    diags.error({file->origin, 0, 0}, "template failed: " + tmpl.error_message());
    return {};
  }
  return std::move(out.text);
}

}  // namespace

std::string render_template(const model::Templates& templates, std::string_view name,
                            const nlohmann::json& data, core::Diagnostics& diags) {
  const auto converted = to_mustache(data);
  mustache::context<std::string> ctx{&converted};
  return render_in(templates, name, ctx, diags);
}

std::string render_template(const model::Templates& templates, std::string_view name,
                            nlohmann::json&& data, core::Diagnostics& diags) {
  const auto converted = to_mustache(std::move(data));
  mustache::context<std::string> ctx{&converted};
  return render_in(templates, name, ctx, diags);
}

struct SharedData::Converted {
  mustache::data data;
};

SharedData::SharedData(const nlohmann::json& data)
    : converted_(std::make_unique<const Converted>(Converted{to_mustache(data)})) {}

SharedData::~SharedData() = default;

std::string render_template(const model::Templates& templates, std::string_view name,
                            const SharedData& shared, nlohmann::json&& data,
                            core::Diagnostics& diags) {
  const auto own = to_mustache(std::move(data));
  // The context looks names up from the last pushed to the first.
  mustache::context<std::string> ctx{&shared.converted_->data};
  ctx.push(&own);
  return render_in(templates, name, ctx, diags);
}

std::string ui_text(const nlohmann::json& strings, std::string_view key,
                    std::string_view fallback) {
  const auto it = strings.find(key);
  return it != strings.end() && it->is_string() ? it->get<std::string>() : std::string(fallback);
}

std::string ui_text(const nlohmann::json& strings, std::string_view key) {
  return ui_text(strings, key, key);
}

nlohmann::json ui_strings(const model::Templates& templates, std::string_view language,
                          core::Diagnostics& /*diags: the loader reported the files' problems*/) {
  const auto load = [&](std::string_view lang) -> nlohmann::json {
    const auto it = templates.ui_strings.find(lang);
    if (it == templates.ui_strings.end()) return nullptr;
    return nlohmann::json(it->second);
  };
  auto english = load("en");
  if (english.is_null()) english = nlohmann::json::object();
  // The language tag's primary subtag selects the strings ("nl-BE" → nl).
  const auto primary = language.substr(0, language.find('-'));
  auto strings = load(primary);
  if (strings.is_null()) return english;
  // Strings the translation lacks fall back to English.
  for (const auto& [key, value] : english.items()) {
    if (!strings.contains(key)) strings[key] = value;
  }
  return strings;
}

}  // namespace visie::render
