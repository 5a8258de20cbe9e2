// Password hashing for sign-in: argon2id strings from libsodium.
//
// Purpose: turn a password into a self-describing hash string ("$argon2id$v=19$m=...") that is
// safe to store, check a password against such a string, and make strong random passwords for
// accounts that an operator creates (the demo admin, `backoffice user add`).
// Invariants: a stored hash always comes from `hash_password`, so it names its own algorithm and
// cost; plaintext passwords are never stored or logged. libsodium is initialised once, lazily
// and thread-safely, by the first call to any function here.
// Thread safety: all functions are safe to call from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace bo::platform::auth {

// 1024 bytes: far above any passphrase a person types, low enough that an attacker cannot make
// us hash megabytes per request. (TODO(#limits): move to core/limits.hpp.)
inline constexpr std::size_t password_bytes_max = 1024;

// Characters in a password made by `generate_password`, not counting the group separators.
// 20 characters from a 56-symbol alphabet carry about 116 bits of entropy.
inline constexpr std::size_t generated_password_chars = 20;

// Hashes `password` with argon2id at libsodium's "interactive" cost (OPSLIMIT/MEMLIMIT
// _INTERACTIVE, ~64 MiB). Errors: invalid_argument (field "password") when the password is
// empty or longer than password_bytes_max; internal when libsodium fails (out of memory).
[[nodiscard]] core::Result<std::string> hash_password(std::string_view password);

// True iff `password` matches `hash` (a string from hash_password). A malformed hash, an empty
// or over-long password all answer false; the comparison takes constant time.
bool verify_password(std::string_view hash, std::string_view password);

// A fresh random password such as "k7Tq-Ma3x-Pz9R-wEn4-hY2c": groups of four characters from an
// alphabet without look-alikes (no 0/O, 1/l/I), drawn with libsodium's randombytes_uniform.
std::string generate_password();

}  // namespace bo::platform::auth
