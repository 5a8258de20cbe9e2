// Random secrets and their stored form, for sessions, CSRF tokens and API tokens.
//
// A secret is 32 random bytes from libsodium (256 bits: unguessable, and long enough that a
// fast unsalted hash is safe to store). Session and API tokens carry their company id in
// front ("<company>.<secret>", "bo_<company>.<secret>") so that lookups are keyed by company,
// as every table is (sharding by company stays possible). The database keeps only the hex
// BLAKE2b-256 of the whole token.
// Thread safety: all functions are safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "platform/tenancy/model.hpp"

namespace bo::platform::auth::secrets {

// 32 random bytes as base64url without padding: 43 characters.
std::string random_text();

// "<prefix><company>.<random_text()>".
std::string new_token(std::string_view prefix, tenancy::CompanyId company);

// The company id of a token "<prefix><company>.<43 base64url characters>", or nullopt when
// the token does not have that shape (then it names nothing, and no query is needed).
std::optional<tenancy::CompanyId> company_of(std::string_view token, std::string_view prefix);

// Hex BLAKE2b-256 of `text` (64 characters): the stored form of a token.
std::string hash_hex(std::string_view text);

// Compares two secrets in time independent of where they differ.
bool equal(std::string_view a, std::string_view b);

}  // namespace bo::platform::auth::secrets
