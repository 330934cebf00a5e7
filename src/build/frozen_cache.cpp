// The frozen-version cache of `visie build`: keys and their entries.
#include "build/detail/frozen_cache.hpp"

#include <string_view>
#include <system_error>

#include "core/sha256.hpp"
#include "model/vocab.hpp"
#include "emit/emit.hpp"
#include "publish/publish.hpp"

namespace visie::build {

namespace {

/// The key of `vc`: the SHA-256 of everything its pages are rendered from —
/// the generator, the templates, visie.json and versions.json (the other
/// versions' labels and periods appear in its pages), its own inputs,
/// published files and lock, and the reviews of the version before it
/// (its commentaar.html), which `review export` writes after that version
/// is frozen.
std::string key_of(const std::string& generator, const model::Content& content,
                   const model::Templates& templates, const model::VersionContent& vc) {
  std::string all = "visie frozen-version cache 1\n";
  const auto add = [&all](std::string_view name, std::string_view bytes) {
    all += std::to_string(name.size()) + ':' + std::string(name) + std::to_string(bytes.size()) +
           ':' + std::string(bytes);
  };
  add("generator", generator);
  add("version", vc.version.id);
  for (const auto& [name, file] : templates.files) add("template " + name, file.text);
  for (const auto& [path, bytes] : content.project_files) add("project " + path, bytes);
  for (const auto& [path, bytes] : vc.inputs) add("input " + path, bytes);
  for (const auto& [path, bytes] : vc.published) add("published " + path, bytes);
  for (const auto& [path, hash] : vc.lock->inputs) add("lock input " + path, hash);
  for (const auto& [path, hash] : vc.lock->outputs) add("lock output " + path, hash);
  add("lock generator", vc.lock->generator);
  for (std::size_t i = 1; i < content.versions.size(); ++i) {
    if (&content.versions[i] != &vc) continue;
    for (const auto& review : content.versions[i - 1].reviews) {
      add("review " + review.chapter.id, review.example ? "example" : "");
      for (const auto& c : review.comments) {
        for (const std::string_view field :
             {std::string_view(c.id), std::string_view(c.block), std::string_view(c.quote),
              model::to_string(c.role), std::string_view(c.comment),
              std::string_view(c.suggestion), std::string_view(c.created),
              model::to_string(c.disposition), std::string_view(c.response)}) {
          add("comment", field);
        }
      }
    }
  }
  return core::sha256_hex(all);
}

}  // namespace

FrozenCache::FrozenCache(std::filesystem::path dir, std::string generator)
    : dir_(std::move(dir)), generator_(std::move(generator)) {}

std::string FrozenCache::identity() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  const auto size = std::filesystem::file_size(exe, ec);
  if (ec) return {};
  const auto time = std::filesystem::last_write_time(exe, ec);
  if (ec) return {};
  return std::string(publish::generator_name) + '\n' + exe.generic_string() + '\n' +
         std::to_string(size) + '\n' + std::to_string(time.time_since_epoch().count());
}

std::set<std::string> FrozenCache::known_clean(const model::Content& content,
                                               const model::Templates& templates) {
  std::set<std::string> clean;
  if (generator_.empty()) return clean;
  for (const auto& vc : content.versions) {
    if (!vc.version.frozen || !vc.lock) continue;
    const auto& key = keys_[vc.version.id] = key_of(generator_, content, templates, vc);
    if (emit::cache_has(dir_, key)) clean.insert(vc.version.id);
  }
  return clean;
}

void FrozenCache::remember(const std::set<std::string>& clean) const {
  for (const auto& id : clean) {
    if (const auto key = keys_.find(id); key != keys_.end()) emit::cache_put(dir_, key->second);
  }
}

}  // namespace visie::build
