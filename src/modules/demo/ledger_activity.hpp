// The demo company's books: two fiscal years of plausible, deterministic ledger activity.
//
// Purpose: seed_demo calls seed_ledger_activity once, after the master data, so that every
// report (trial balance, income statement, balance sheet, general ledger, export) has
// something true to show. It loads the standard chart, creates the fiscal years of last year
// and this year (calendar years; "this year" contains the clock's date), posts the opening
// balances on 1 January of last year, then every day up to the clock's date: invoices and cash
// sales by the sales departments, vendor bills, customer receipts and vendor payments when
// their terms fall due, and every month the pay run per department, payroll remittances,
// rent, utilities, software, insurance, marketing, depreciation, the loan repayment, bank
// fees and savings interest (docs/demo-data.md). Last year is closed to retained earnings
// (year-end close); this year's months before the current one are closed.
// Invariants: entries post through ledger::Poster (add, flush) as a module would (sub-ledger
// documents with their sub-ledger as source, so control accounts accept them); the same clock
// date always gives the same entries (fixed seed, no other input); every amount is integer
// cents; the balance sheet balances and the income statement shows a profit.
// Thread safety: functions of a Txn.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "ledger/departments/model.hpp"
#include "platform/api/caller.hpp"
#include "store/database.hpp"

namespace bo::modules::demo {

// The master data the activity refers to: customers and vendors billed in the functional
// currency (USD) with their payment terms, and the departments by code.
struct DemoParty {
    std::int64_t id = 0;
    std::int64_t terms_days = 0;
};

struct DemoBooks {
    std::vector<DemoParty> customers;
    std::vector<DemoParty> vendors;
    std::map<std::string_view, ledger::departments::DepartmentId> departments;
};

struct LedgerActivityReport {
    std::size_t accounts = 0;
    std::size_t fiscal_years = 0;
    std::size_t entries = 0;  // posted by this call, the year-end closing entry included
    std::size_t periods_closed = 0;
};

// What runs after the activity is posted and before the past is closed (documents that post
// into earlier months, such as the demo's invoices); it gets the clock's business date.
using BeforeClose = std::function<core::Result<void>(core::Date today)>;

// Loads the chart, creates the two fiscal years, posts the activity, runs `before_close` and
// closes what is past, in the caller's transaction, for `actor`'s company (which must have no
// accounts yet). Errors: those of the ledger (a refusal here is a bug in the demo data), of
// `before_close` and of the store.
[[nodiscard]] core::Result<LedgerActivityReport> seed_ledger_activity(
    store::Txn& txn,
    const core::Clock& clock,
    const platform::Actor& actor,
    const DemoBooks& books,
    const BeforeClose& before_close);

}  // namespace bo::modules::demo
