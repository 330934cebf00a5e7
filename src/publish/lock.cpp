// A frozen version's lock (visie.lock) and its files within a site.
#include <nlohmann/json.hpp>

#include "core/sha256.hpp"
#include "publish/publish.hpp"

namespace visie::publish {

model::FileMap version_files(const SiteTree& site, const std::string& id) {
  model::FileMap files;
  const auto prefix = id + "/";
  for (auto it = site.lower_bound(prefix); it != site.end() && it->first.starts_with(prefix); ++it) {
    files[it->first.substr(prefix.size())] = it->second;
  }
  return files;
}

std::string lock_json(const std::string& id, const model::FileMap& inputs,
                      const model::FileMap& outputs) {
  nlohmann::json lock{{"version", id}, {"generator", generator_name}};
  lock["inputs"] = nlohmann::json::object();
  lock["outputs"] = nlohmann::json::object();
  for (const auto& [path, bytes] : inputs) lock["inputs"][path] = core::sha256_hex(bytes);
  for (const auto& [path, bytes] : outputs) lock["outputs"][path] = core::sha256_hex(bytes);
  return lock.dump(2) + "\n";
}

model::FileMap snapshot_files(const model::VersionContent& vc, const model::FileMap& outputs) {
  model::FileMap files = vc.inputs;
  for (const auto& [path, bytes] : outputs) files["site/" + path] = bytes;
  files["visie.lock"] = lock_json(vc.version.id, vc.inputs, outputs);
  return files;
}

}  // namespace visie::publish
