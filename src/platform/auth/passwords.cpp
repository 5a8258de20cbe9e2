#include "platform/auth/passwords.hpp"

#include <array>
#include <cstdint>

#include <sodium.h>

namespace bo::platform::auth {
namespace {

// sodium_init() is thread-safe and idempotent; the function-local static makes the first caller
// pay for it once. Answers false if libsodium could not initialise (no entropy source).
bool sodium_ready() {
    static const bool ready = sodium_init() >= 0;
    return ready;
}

// No 0/O/o, 1/l/I: a password read aloud or copied from a terminal survives.
constexpr std::string_view password_alphabet =
    "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

constexpr std::size_t password_group_chars = 4;

static_assert(generated_password_chars % password_group_chars == 0);
static_assert(generated_password_chars <= password_bytes_max);

}  // namespace

core::Result<std::string> hash_password(std::string_view password) {
    if (password.empty()) {
        return core::Error::invalid("password", "must not be empty");
    }
    if (password.size() > password_bytes_max) {
        return core::Error::invalid(
            "password", "must be at most " + std::to_string(password_bytes_max) + " bytes");
    }
    if (!sodium_ready()) {
        return core::Error(core::ErrorCode::internal, "libsodium could not be initialised");
    }
    std::array<char, crypto_pwhash_STRBYTES> out{};
    const int rc = crypto_pwhash_str_alg(out.data(),
                                         password.data(),
                                         password.size(),
                                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                         crypto_pwhash_MEMLIMIT_INTERACTIVE,
                                         crypto_pwhash_ALG_ARGON2ID13);
    if (rc != 0) {
        return core::Error(core::ErrorCode::internal,
                           "password hashing failed (out of memory for argon2id)");
    }
    return std::string(out.data());
}

bool verify_password(std::string_view hash, std::string_view password) {
    if (password.empty() || password.size() > password_bytes_max) {
        return false;
    }
    if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES || !sodium_ready()) {
        return false;
    }
    // libsodium wants a NUL-terminated hash; a string_view need not be one.
    const std::string terminated(hash);
    return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

std::string generate_password() {
    BO_ASSERT(sodium_ready());
    std::string password;
    password.reserve(generated_password_chars + generated_password_chars / password_group_chars);
    for (std::size_t index = 0; index < generated_password_chars; ++index) {
        if (index > 0 && index % password_group_chars == 0) {
            password.push_back('-');
        }
        const auto pick = randombytes_uniform(static_cast<std::uint32_t>(password_alphabet.size()));
        password.push_back(password_alphabet[pick]);
    }
    return password;
}

}  // namespace bo::platform::auth
