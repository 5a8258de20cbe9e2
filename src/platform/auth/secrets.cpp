#include "platform/auth/secrets.hpp"

#include <array>
#include <charconv>
#include <cstdint>

#include <sodium.h>

#include "core/assert.hpp"

namespace bo::platform::auth::secrets {
namespace {

constexpr std::size_t secret_bytes = 32;
constexpr std::size_t secret_chars = 43;  // base64url of 32 bytes, without padding
constexpr std::size_t company_digits_max = 19;

bool is_base64url(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
           || c == '_';
}

}  // namespace

std::string random_text() {
    BO_ASSERT(sodium_init() >= 0);
    std::array<unsigned char, secret_bytes> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    std::array<char,
               sodium_base64_ENCODED_LEN(secret_bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)>
        text{};
    sodium_bin2base64(text.data(),
                      text.size(),
                      bytes.data(),
                      bytes.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(bytes.data(), bytes.size());
    std::string result(text.data());
    BO_ASSERT(result.size() == secret_chars);
    return result;
}

std::string new_token(std::string_view prefix, tenancy::CompanyId company) {
    return std::string(prefix) + company.to_string() + "." + random_text();
}

std::optional<tenancy::CompanyId> company_of(std::string_view token, std::string_view prefix) {
    if (!token.starts_with(prefix)) {
        return std::nullopt;
    }
    token.remove_prefix(prefix.size());
    const std::size_t dot = token.find('.');
    if (dot == std::string_view::npos || dot == 0 || dot > company_digits_max
        || token.size() - dot - 1 != secret_chars) {
        return std::nullopt;
    }
    for (const char c : token.substr(dot + 1)) {
        if (!is_base64url(c)) {
            return std::nullopt;
        }
    }
    core::Result<tenancy::CompanyId> company = tenancy::CompanyId::parse(token.substr(0, dot));
    if (!company) {
        return std::nullopt;
    }
    return *company;
}

std::string hash_hex(std::string_view text) {
    std::array<unsigned char, crypto_generichash_BYTES> hash{};
    crypto_generichash(hash.data(),
                       hash.size(),
                       reinterpret_cast<const unsigned char*>(text.data()),  // NOLINT: bytes
                       text.size(),
                       nullptr,
                       0);
    std::array<char, crypto_generichash_BYTES * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
    return std::string(hex.data());
}

bool equal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    return a.empty() || sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace bo::platform::auth::secrets
