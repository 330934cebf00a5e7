#pragma once
/// SHA-256 digests (OpenSSL's libcrypto), for lock files of frozen versions.

#include <string>
#include <string_view>

namespace visie::core {

/// The SHA-256 digest of `bytes` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);

}  // namespace visie::core
