// The general ledger: plain types of accounts, fiscal years, periods, journal entries and
// balances (docs/ledger.md).
//
// Invariants (held by the services, checked again by the database):
// - An account belongs to one company; its parent is an account of the same company.
// - A posted entry has at least two lines, every amount is > 0 minor units, and its lines
//   balance per transaction currency and in the company's functional currency.
// - A posted entry is never changed; a correction is a reversal entry pointing at it.
// - Entry numbers are gap-free per company and fiscal year (1, 2, 3, ...).
// Thread safety: plain values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "ledger/departments/model.hpp"
#include "platform/auth/model.hpp"
#include "platform/tenancy/model.hpp"

namespace bo::ledger {

using departments::DepartmentId;
using platform::tenancy::CompanyId;

struct AccountTag;
using AccountId = core::Id<AccountTag>;
struct FiscalYearTag;
using FiscalYearId = core::Id<FiscalYearTag>;
struct PeriodTag;
using PeriodId = core::Id<PeriodTag>;
struct EntryTag;
using EntryId = core::Id<EntryTag>;

inline constexpr std::size_t account_number_chars_max = 16;
inline constexpr std::size_t account_name_chars_max = 200;
inline constexpr std::size_t fiscal_year_name_chars_max = 32;
inline constexpr std::size_t source_type_chars_max = 64;
inline constexpr std::size_t source_id_chars_max = 64;

// 10 levels of account hierarchy: real charts use 3 to 5; the bound keeps every walk up the
// parent chain (roll-ups, cycle checks, export names) short and finite.
inline constexpr std::size_t account_depth_max = 10;

// 10,000 accounts per company: large group charts have a few thousand; reports hold the whole
// chart in memory, so it must stay bounded.
inline constexpr std::size_t accounts_per_company_max = 10'000;

// 10,000 lines in one general-ledger detail answer: one screen or one CSV of an account's
// activity; a longer range must be narrowed (limit_exceeded says so).
inline constexpr std::size_t general_ledger_lines_max = 10'000;

// 2 lines at least: one debit and one credit.
inline constexpr std::size_t journal_entry_lines_min = 2;

enum class AccountType { asset, liability, equity, income, expense };

// Which sub-ledger may post to a control account; `none` marks an ordinary account (and, on a
// source, a posting that belongs to no sub-ledger, e.g. a manual entry).
enum class Subledger { none, ar, ap, inventory, payroll };

enum class PeriodStatus { open, closed, locked };

enum class Side { debit, credit };

enum class PartyType { customer, vendor, employee };

enum class EntryStatus { draft, posted };

std::string_view to_string(AccountType type) noexcept;
std::string_view to_string(Subledger subledger) noexcept;
std::string_view to_string(PeriodStatus status) noexcept;
std::string_view to_string(Side side) noexcept;
std::string_view to_string(PartyType type) noexcept;
std::string_view to_string(EntryStatus status) noexcept;

// Parsers of the wire names. Errors: invalid_argument naming `field`.
[[nodiscard]] core::Result<AccountType> parse_account_type(std::string_view text,
                                                           std::string_view field);
[[nodiscard]] core::Result<Subledger> parse_subledger(std::string_view text,
                                                      std::string_view field);
[[nodiscard]] core::Result<PeriodStatus> parse_period_status(std::string_view text,
                                                             std::string_view field);
[[nodiscard]] core::Result<Side> parse_side(std::string_view text, std::string_view field);
[[nodiscard]] core::Result<PartyType> parse_party_type(std::string_view text,
                                                       std::string_view field);

// True for asset and expense accounts, whose balance is normally a debit.
bool is_debit_normal(AccountType type) noexcept;

// True for income and expense accounts (closed to retained earnings at year end).
bool is_profit_and_loss(AccountType type) noexcept;

struct Account {
    AccountId id{};
    CompanyId company_id{};
    std::string number;  // "1100"; unique in the company
    std::string name;
    AccountType type = AccountType::asset;
    std::optional<AccountId> parent_id;
    core::Currency currency;  // functional: any line currency; foreign: only that currency
    bool active = true;
    Subledger control = Subledger::none;
    core::Instant created_at{0};
};

// The input of create_account, as it comes from outside (not yet validated).
struct NewAccount {
    std::string number;  // digits, letters, '-', '.', '_'; 1..16
    std::string name;
    std::string type;                     // "asset", ...
    std::optional<std::string> parent;    // parent account number
    std::optional<std::string> currency;  // default: the company's functional currency
    std::string control = "none";         // "none", "ar", "ap", "inventory", "payroll"
};

struct FiscalYear {
    FiscalYearId id{};
    CompanyId company_id{};
    std::string name;  // "FY2024"
    core::Date start_date;
    core::Date end_date;  // exclusive
    bool closed = false;
};

struct Period {
    PeriodId id{};
    CompanyId company_id{};
    FiscalYearId fiscal_year_id{};
    core::Date start_date;
    core::Date end_date;  // exclusive
    PeriodStatus status = PeriodStatus::open;
};

// Where an entry comes from: a manual entry, or a module's document (type and id) that
// belongs to a sub-ledger (or to none).
struct Source {
    std::string type = "manual";  // "manual", "sales_invoice", "vendor_bill", "year_end_close"
    std::string id;               // the document's id; empty for manual entries
    Subledger subledger = Subledger::none;

    static Source manual() { return {}; }

    bool is_manual() const noexcept { return type == "manual"; }
};

struct Party {
    PartyType type = PartyType::customer;
    std::int64_t id = 0;
};

// One line of an entry to post: a positive amount in its transaction currency on one side.
struct LineInput {
    AccountId account{};
    std::optional<DepartmentId> department;
    std::optional<Party> party;
    Side side = Side::debit;
    core::Money amount;  // > 0 minor units in the transaction currency
    std::string memo;
};

// The company is the actor's: a module posts in the company of the user it acts for.
struct EntryInput {
    core::Date date;
    std::string memo;
    Source source;
    std::vector<LineInput> lines;
};

struct PostedLine {
    std::int64_t line_number = 0;  // 1..n
    AccountId account{};
    std::optional<DepartmentId> department;
    std::optional<Party> party;
    Side side = Side::debit;
    core::Money amount;                 // transaction currency
    std::int64_t functional_minor = 0;  // in the company's functional currency; >= 0
    std::string memo;
};

struct PostedEntry {
    EntryId id{};
    CompanyId company_id{};
    FiscalYearId fiscal_year_id{};
    std::string fiscal_year_name;
    std::int64_t number = 0;  // gap-free within the fiscal year
    core::Date date;
    PeriodId period_id{};
    std::string memo;
    Source source;
    EntryStatus status = EntryStatus::posted;
    std::optional<EntryId> reverses;     // the entry this one reverses
    std::optional<EntryId> reversed_by;  // the reversal of this entry, if any (read side only)
    std::int64_t debit_total_minor = 0;  // functional
    std::int64_t credit_total_minor = 0;
    platform::auth::UserId posted_by{};
    core::Instant posted_at{0};
    std::vector<PostedLine> lines;
};

// A half-open range of dates, [from, to).
struct DateRange {
    core::Date from;
    core::Date to;  // exclusive
};

// A maintained balance row: functional-currency totals of one (account, department, period).
struct BalanceRow {
    AccountId account{};
    std::optional<DepartmentId> department;
    PeriodId period{};
    std::int64_t debit_minor = 0;
    std::int64_t credit_minor = 0;
};

}  // namespace bo::ledger
