// hledger (Debian package `hledger`) as an independent oracle for `backoffice export ledger`:
// the balances it computes from our journal must equal our trial balance to the cent.
// Thread safety: runs a child process per call; no shared state.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

namespace bo::testing {

inline constexpr const char* hledger_path = "/usr/bin/hledger";

// Whether hledger is installed (tests skip with the package name when it is not).
bool hledger_installed();

// `hledger -f JOURNAL balance --flat -B -O csv --no-total`: account name -> balance in cents
// (the export's amounts are USD, the functional currency of the test companies), zero rows
// left out. A failing hledger or a row that does not parse fails the current test.
std::map<std::string, std::int64_t> hledger_balances(const std::filesystem::path& journal);

}  // namespace bo::testing
