// Goal: password hashing accepts what it should, refuses what it should, and verifies only the
// right password. Method: direct calls, no database (argon2id at interactive cost, ~0.1 s each).
#include "platform/auth/passwords.hpp"

#include <set>
#include <string>

#include <gtest/gtest.h>

namespace bo::platform::auth {
namespace {

TEST(Passwords, HashIsArgon2idAndVerifiesOnlyTheRightPassword) {
    const core::Result<std::string> hash = hash_password("correct horse battery staple");
    ASSERT_TRUE(hash.ok()) << hash.error().message();
    EXPECT_EQ(hash->rfind("$argon2id$", 0), 0U) << *hash;
    EXPECT_TRUE(verify_password(*hash, "correct horse battery staple"));
    EXPECT_FALSE(verify_password(*hash, "correct horse battery stapl"));
    EXPECT_FALSE(verify_password(*hash, "Correct horse battery staple"));
    EXPECT_FALSE(verify_password(*hash, ""));
}

TEST(Passwords, SamePasswordHashesDifferentlyEachTime) {
    const core::Result<std::string> first = hash_password("pässwörd-ünïcode");
    const core::Result<std::string> second = hash_password("pässwörd-ünïcode");
    ASSERT_TRUE(first.ok());
    ASSERT_TRUE(second.ok());
    EXPECT_NE(*first, *second);  // a fresh salt each time
    EXPECT_TRUE(verify_password(*first, "pässwörd-ünïcode"));
    EXPECT_TRUE(verify_password(*second, "pässwörd-ünïcode"));
}

TEST(Passwords, EmptyPasswordIsRefused) {
    const core::Result<std::string> hash = hash_password("");
    ASSERT_FALSE(hash.ok());
    EXPECT_EQ(hash.error().code(), core::ErrorCode::invalid_argument);
    ASSERT_EQ(hash.error().fields().size(), 1U);
    EXPECT_EQ(hash.error().fields()[0].field, "password");
}

TEST(Passwords, LengthLimitIsInclusive) {
    const std::string at_limit(password_bytes_max, 'x');
    const core::Result<std::string> accepted = hash_password(at_limit);
    ASSERT_TRUE(accepted.ok());
    EXPECT_TRUE(verify_password(*accepted, at_limit));

    const core::Result<std::string> refused = hash_password(at_limit + "x");
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code(), core::ErrorCode::invalid_argument);
    EXPECT_FALSE(verify_password(*accepted, at_limit + "x"));
}

TEST(Passwords, MalformedHashNeverVerifies) {
    EXPECT_FALSE(verify_password("", "secret"));
    EXPECT_FALSE(verify_password("$argon2id$garbage", "secret"));
    EXPECT_FALSE(verify_password("plaintext-secret", "plaintext-secret"));
}

TEST(Passwords, GeneratedPasswordsAreReadableAndDistinct) {
    std::set<std::string> seen;
    for (int round = 0; round < 50; ++round) {
        const std::string password = generate_password();
        // Five groups of four joined by '-': 24 characters.
        ASSERT_EQ(password.size(), generated_password_chars + generated_password_chars / 4 - 1);
        for (std::size_t index = 0; index < password.size(); ++index) {
            if (index % 5 == 4) {
                EXPECT_EQ(password[index], '-') << password;
            } else {
                EXPECT_EQ(std::string("0O1lI-").find(password[index]), std::string::npos)
                    << password;
            }
        }
        seen.insert(password);
    }
    EXPECT_EQ(seen.size(), 50U);
}

}  // namespace
}  // namespace bo::platform::auth
