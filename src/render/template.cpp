#include <kainjow/mustache.hpp>

#include "render/render.hpp"

namespace visie::render {

namespace {

namespace mustache = kainjow::mustache;

mustache::data to_mustache(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      mustache::data out{mustache::data::type::object};
      for (const auto& [key, member] : value.items()) out.set(key, to_mustache(member));
      return out;
    }
    case nlohmann::json::value_t::array: {
      mustache::data out{mustache::data::type::list};
      for (const auto& element : value) out.push_back(to_mustache(element));
      return out;
    }
    case nlohmann::json::value_t::string:
      // An empty text is falsey, so `{{#subtitle}}…{{/subtitle}}` leaves out
      // the markup around a value that is not there (as in JavaScript
      // Mustache); it still renders as nothing.
      if (value.get_ref<const std::string&>().empty()) {
        return mustache::data{mustache::data::type::bool_false};
      }
      return mustache::data{value.get<std::string>()};
    case nlohmann::json::value_t::boolean:
      return value.get<bool>() ? mustache::data{mustache::data::type::bool_true}
                               : mustache::data{mustache::data::type::bool_false};
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return mustache::data{value.dump()};
    default:
      return mustache::data{mustache::data::type::bool_false};
  }
}

}  // namespace

std::string render_template(const model::Templates& templates, std::string_view name,
                            const nlohmann::json& data, core::Diagnostics& diags) {
  const auto* file = templates.find(name);
  if (file == nullptr) {
    diags.error({"templates/" + std::string(name), 0, 0}, "template not found");
    return {};
  }
  mustache::mustache tmpl{file->text};
  if (!tmpl.is_valid()) {
    diags.error({file->origin, 0, 0}, "invalid template: " + tmpl.error_message());
    return {};
  }
  std::string out = tmpl.render(to_mustache(data));
  if (!tmpl.is_valid()) {
    diags.error({file->origin, 0, 0}, "template failed: " + tmpl.error_message());
    return {};
  }
  return out;
}

nlohmann::json ui_strings(const model::Templates& templates, std::string_view language,
                          core::Diagnostics& diags) {
  const auto load = [&](std::string_view lang) -> nlohmann::json {
    const auto* file = templates.find("i18n/" + std::string(lang) + ".json");
    if (file == nullptr) return nullptr;
    auto parsed = nlohmann::json::parse(file->text, nullptr, /*allow_exceptions=*/false);
    if (!parsed.is_object()) {
      diags.error({file->origin, 0, 0}, "UI strings must be a JSON object of texts");
      return nlohmann::json::object();
    }
    return parsed;
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
