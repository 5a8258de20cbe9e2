// `backoffice company add`: a new company ready to work in — the company, its first admin,
// the standard chart of accounts (or an empty chart) and its first fiscal year, in one
// transaction, so that a failure leaves nothing behind.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "cli/user_commands.hpp"
#include "core/config.hpp"

namespace bo::cli {

enum class ChartChoice {
    standard,  // the standard small-business chart (docs/ledger.md)
    empty,     // no accounts: the admin builds the chart or imports it
};

struct CompanyAddOptions {
    std::string code;               // e.g. ACME
    std::string name;               // e.g. "Acme Trading Ltd"
    std::string currency = "USD";   // functional currency, ISO 4217
    std::string time_zone = "UTC";  // "UTC" or a fixed offset "+05:30"
    ChartChoice chart = ChartChoice::standard;
    std::optional<std::string> fiscal_year_start;  // YYYY-MM-01; default 1 January this year
    std::string admin_username = "admin";
    PasswordSource password = PasswordSource::generate;
};

// Creates the company, its admin (role admin), the chart and the fiscal year, audited as the
// new admin's set-up. Prints what it made and, for a generated password, the password once.
// Exit codes: exit_ok, or exit_failure with one line on stderr (a code taken, a bad currency,
// time zone, date or password; nothing is written then).
int command_company_add(const core::Config& config, const CompanyAddOptions& options);

// `backoffice company profile --company CODE [--legal-name …] [--city …] …`: shows the
// company's letterhead, or changes the fields given (the others stay), audited as "cli".
struct CompanyProfileOptions {
    std::string company;  // code
    std::map<std::string, std::string> changes;  // profile field (legal_name, city, …) -> value
};

// Exit codes: exit_ok, or exit_failure with one line on stderr (an unknown company, a bad
// field; nothing is written then).
int command_company_profile(const core::Config& config, const CompanyProfileOptions& options);

}  // namespace bo::cli
