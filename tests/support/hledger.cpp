#include "support/hledger.hpp"

#include <sstream>

#include <gtest/gtest.h>

#include "core/money.hpp"

#include "support/process.hpp"

namespace bo::testing {
namespace {

// "-1234.56 USD" in cents.
std::int64_t parse_usd(const std::string& text) {
    const auto space = text.find(' ');
    EXPECT_NE(space, std::string::npos) << text;
    EXPECT_EQ(text.substr(space + 1), "USD") << text;
    const auto money =
        core::Money::parse(text.substr(0, space), core::Currency::create("USD").value());
    EXPECT_TRUE(money.ok()) << text;
    return money.ok() ? money->minor : 0;
}

}  // namespace

bool hledger_installed() {
    return std::filesystem::exists(hledger_path);
}

std::map<std::string, std::int64_t> hledger_balances(const std::filesystem::path& journal) {
    const CommandResult result = run_command({hledger_path,
                                              "-f",
                                              journal.string(),
                                              "balance",
                                              "--flat",
                                              "-B",
                                              "-O",
                                              "csv",
                                              "--no-total"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    std::map<std::string, std::int64_t> balances;
    std::istringstream lines(result.out);
    std::string line;
    std::getline(lines, line);  // header
    while (std::getline(lines, line)) {
        // "name","amount"
        const auto middle = line.find("\",\"");
        EXPECT_NE(middle, std::string::npos) << line;
        if (middle == std::string::npos) {
            continue;
        }
        const std::string amount = line.substr(middle + 3, line.size() - middle - 4);
        if (amount != "0") {
            balances[line.substr(1, middle - 1)] = parse_usd(amount);
        }
    }
    return balances;
}

}  // namespace bo::testing
