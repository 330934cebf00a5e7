#include "load/object_reader.hpp"

#include "core/text.hpp"

namespace visie::load {

namespace {

// The type tests of ObjectReader::typed().
bool is_string(const nlohmann::json& v) { return v.is_string(); }
bool is_integer(const nlohmann::json& v) { return v.is_number_integer(); }
bool is_number(const nlohmann::json& v) { return v.is_number(); }
bool is_boolean(const nlohmann::json& v) { return v.is_boolean(); }
bool is_array(const nlohmann::json& v) { return v.is_array(); }

}  // namespace

std::string_view type_name(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::boolean: return "a boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: return "an integer";
    case nlohmann::json::value_t::number_float: return "a number";
    default: return "an unsupported value";
  }
}

ObjectReader::ObjectReader(const JsonDocument& doc, std::string pointer,
                           core::Diagnostics& diags)
    : doc_(doc), pointer_(std::move(pointer)), diags_(diags) {
  const auto ptr = nlohmann::json::json_pointer(pointer_);
  const nlohmann::json* value = doc_.root().contains(ptr) ? &doc_.root().at(ptr) : nullptr;
  if (value == nullptr || !value->is_object()) {
    diags_.error(doc_.loc(pointer_), std::string("expected an object, found ") +
                                         std::string(value ? type_name(*value) : "nothing"));
    return;
  }
  object_ = value;
  known_.insert("$schema");
}

std::string ObjectReader::pointer(std::string_view key) const {
  return child_pointer(pointer_, key);
}

core::SourceLoc ObjectReader::loc(std::string_view key) const {
  return doc_.loc(pointer(key));
}

bool ObjectReader::has(std::string_view key) const {
  return object_ != nullptr && object_->contains(key);
}

const nlohmann::json* ObjectReader::member(std::string_view key, Need need) {
  known_.emplace(key);
  if (object_ == nullptr) return nullptr;
  const auto it = object_->find(key);
  if (it == object_->end()) {
    if (need == Need::required) {
      diags_.error(loc(), "missing required field \"" + std::string(key) + "\"");
    }
    return nullptr;
  }
  return &*it;
}

const nlohmann::json* ObjectReader::typed(std::string_view key, Need need,
                                          bool (*is)(const nlohmann::json&),
                                          std::string_view expected) {
  const auto* value = member(key, need);
  if (value == nullptr || is(*value)) return value;
  diags_.error(loc(key), "\"" + std::string(key) + "\" must be " + std::string(expected) +
                             ", found " + std::string(type_name(*value)));
  return nullptr;
}

std::string ObjectReader::string(std::string_view key, Need need) {
  const auto* value = typed(key, need, is_string, "a string");
  if (value == nullptr) return {};
  auto s = value->get<std::string>();
  if (need == Need::required && s.find_first_not_of(" \t\r\n") == std::string::npos) {
    diags_.error(loc(key), "\"" + std::string(key) + "\" must not be empty");
  }
  return s;
}

std::string ObjectReader::id(std::string_view key, Need need) {
  auto s = string(key, need);
  if (!s.empty() && !core::is_valid_id(s)) {
    diags_.error(loc(key), "\"" + s +
                               "\" is not a valid id: use lowercase letters, digits and '-', "
                               "starting with a letter");
  }
  return s;
}

std::string ObjectReader::one_of(std::string_view key, Need need,
                                 const std::vector<std::string_view>& allowed) {
  auto s = string(key, need);
  if (s.empty()) return s;
  for (auto a : allowed) {
    if (a == s) return s;
  }
  std::string list;
  for (auto a : allowed) {
    if (!list.empty()) list += ", ";
    list += a;
  }
  diags_.error(loc(key), "\"" + std::string(key) + "\" must be one of " + list + "; found \"" +
                             s + "\"");
  return {};
}

std::optional<long> ObjectReader::integer(std::string_view key, Need need) {
  const auto* value = typed(key, need, is_integer, "an integer");
  if (value == nullptr) return std::nullopt;
  if (value->is_number_unsigned() &&
      value->get<unsigned long long>() > static_cast<unsigned long long>(1L << 53)) {
    diags_.error(loc(key), "\"" + std::string(key) + "\" is too large");
    return std::nullopt;
  }
  return value->get<long>();
}

std::optional<double> ObjectReader::number(std::string_view key, Need need) {
  const auto* value = typed(key, need, is_number, "a number");
  if (value == nullptr) return std::nullopt;
  return value->get<double>();
}

std::optional<bool> ObjectReader::boolean(std::string_view key, Need need) {
  const auto* value = typed(key, need, is_boolean, "true or false");
  if (value == nullptr) return std::nullopt;
  return value->get<bool>();
}

std::vector<std::string> ObjectReader::strings(std::string_view key, Need need) {
  std::vector<std::string> out;
  const auto* value = typed(key, need, is_array, "an array of strings");
  if (value == nullptr) return out;
  for (std::size_t i = 0; i < value->size(); ++i) {
    const auto& element = (*value)[i];
    if (!element.is_string()) {
      diags_.error(doc_.loc(child_pointer(pointer(key), i)),
                   "element of \"" + std::string(key) + "\" must be a string, found " +
                       std::string(type_name(element)));
      continue;
    }
    out.push_back(element.get<std::string>());
  }
  return out;
}

std::string ObjectReader::unique_id(std::string_view key,
                                    std::map<std::string, core::SourceLoc>& seen,
                                    std::string_view what) {
  auto value = id(key, Need::required);
  check_unique(seen, value, loc(key), what, diags_);
  return value;
}

model::Ref ObjectReader::ref(std::string_view key, Need need) {
  model::Ref out;
  out.loc = loc(key);
  out.id = string(key, need);
  return out;
}

std::vector<model::Ref> ObjectReader::refs(std::string_view key) {
  std::vector<model::Ref> out;
  array(key, Need::optional, [&](const std::string& ptr) {
    const auto& value = doc_.root().at(nlohmann::json::json_pointer(ptr));
    if (!value.is_string()) {
      diags_.error(doc_.loc(ptr), "expected a string (an id), found " +
                                      std::string(load::type_name(value)));
      return;
    }
    out.push_back({value.get<std::string>(), doc_.loc(ptr)});
  });
  return out;
}

void ObjectReader::array(std::string_view key, Need need,
                         const std::function<void(const std::string&)>& each) {
  const auto* value = typed(key, need, is_array, "an array");
  if (value == nullptr) return;
  for (std::size_t i = 0; i < value->size(); ++i) each(child_pointer(pointer(key), i));
}

void ObjectReader::objects(std::string_view key, Need need,
                           const std::function<void(ObjectReader&)>& each) {
  array(key, need, [&](const std::string& ptr) {
    ObjectReader element(doc_, ptr, diags_);
    if (!element.ok()) return;
    each(element);
    element.finish();
  });
}

void ObjectReader::accept(std::string_view key) { known_.emplace(key); }

void ObjectReader::finish() {
  if (object_ == nullptr) return;
  for (const auto& [key, value] : object_->items()) {
    if (known_.find(key) == known_.end()) {
      std::string expected;
      for (const auto& k : known_) {
        if (k == "$schema") continue;
        if (!expected.empty()) expected += ", ";
        expected += k;
      }
      diags_.error(doc_.key_loc(pointer(key)),
                   "unknown field \"" + key + "\" (expected: " + expected + ")");
    }
  }
}

void check_unique(std::map<std::string, core::SourceLoc>& seen, const std::string& id,
                  const core::SourceLoc& loc, std::string_view what, core::Diagnostics& diags) {
  if (id.empty()) return;
  const auto [it, inserted] = seen.emplace(id, loc);
  if (!inserted) {
    diags.error(loc, "duplicate " + std::string(what) + " id \"" + id + "\" (first used at " +
                         std::to_string(it->second.line) + ":" +
                         std::to_string(it->second.col) + ")");
  }
}

}  // namespace visie::load
