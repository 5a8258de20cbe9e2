// SHA-256 (FIPS 180-4), for migration checksums.
//
// Self-contained so that bo_store needs no crypto library; it hashes small texts, not secrets,
// so it makes no constant-time promise. Thread safety: pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace bo::store {

using Sha256Digest = std::array<std::uint8_t, 32>;

// The digest of `data`.
Sha256Digest sha256(std::string_view data);

// The digest of `data` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view data);

}  // namespace bo::store
