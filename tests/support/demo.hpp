// Seeds a test database with `backoffice seed-demo` and answers the demo admin's password
// (parsed from the command's output), failing the current test when either step fails.
// Thread safety: one test, one thread.
#pragma once

#include <regex>
#include <string>

#include <gtest/gtest.h>

#include "support/process.hpp"

namespace bo::testing {

inline std::string seed_demo(const std::string& database_url) {
    const CommandResult seeded =
        run_command({backoffice_binary(), "seed-demo", "--db", database_url});
    EXPECT_EQ(seeded.exit_code, 0) << seeded.err;
    std::smatch match;
    const std::regex password(R"(user admin, password (\S+))");
    EXPECT_TRUE(std::regex_search(seeded.out, match, password)) << seeded.out;
    return match.size() > 1 ? std::string(match[1]) : std::string();
}

}  // namespace bo::testing
