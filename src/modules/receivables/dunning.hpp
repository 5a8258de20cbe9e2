// Dunning: the levels a company reminds its customers at, and the dunning run that writes the
// letters (docs/receivables.md "Collections").
//
// A level is reached when an invoice is `days_overdue` days past due (reminder 7, second
// notice 21, final notice 35 by default); it may charge a fee (in the functional currency, so
// only to customers billed in it) and interest (an annual percentage, exact: open x percent /
// 100 x days / 365, rounded half-even once per invoice, for the days since the due date or
// since interest was last charged). A run on `as_of` takes every issued invoice with an open
// balance past due, skips the customers in dispute or with a promise to pay whose date has not
// passed, and writes one letter per customer listing the invoices that reached a level they
// were not yet dunned at. A real run (not dry) records each invoice's level and date, issues
// the fee and interest as one invoice (Dr 1200 / Cr 4800 fees, 4810 interest; not taxed),
// queues the letter's PDF by e-mail when the customer has an address, and opens a collection
// case when a letter is the final notice. So a re-run the same day dunns nothing twice, and
// two runs at once conflict on the invoices' levels and one rolls back whole.
// Every change is audited in the caller's transaction.
// Thread safety: stateless; a Txn belongs to one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "modules/receivables/model.hpp"
#include "platform/api/caller.hpp"
#include "store/database.hpp"

namespace bo::modules::receivables {

struct DunningRunTag;
using DunningRunId = core::Id<DunningRunTag>;

// Nine levels: past a final notice a case goes to collections, not to more letters.
inline constexpr std::size_t dunning_levels_max = 9;
inline constexpr std::size_t dunning_level_name_chars_max = 100;
inline constexpr std::size_t letter_text_chars_max = 4000;
// Ten years past due is as far as a level may wait (and a hold policy may look).
inline constexpr std::int64_t dunning_days_max = 3650;
// 10,000 letters per run: one transaction holds them (as a billing run its invoices).
inline constexpr std::size_t dunning_letters_max = 10'000;

struct DunningLevel {
    std::int64_t level = 0;  // 1, 2, ... in order of days_overdue
    std::string name;        // "Reminder"
    std::int64_t days_overdue = 0;
    core::Money fee;                     // functional currency; zero: none
    std::string interest_percent = "0";  // annual, exact decimal; "0": none
    std::string letter_text;
};

struct DunningPolicy {
    std::vector<DunningLevel> levels;  // by level; days_overdue strictly rising
    // Credit hold: an invoice more than this many days past due, or dunned at this level or
    // higher, puts the customer's new orders on hold (nullopt: that test is off).
    std::optional<std::int64_t> hold_days_overdue;
    std::optional<std::int64_t> hold_level;
    bool defaults = false;  // true while the company has not set its own
};

// A level as it comes from outside.
struct NewDunningLevel {
    std::string name;
    std::int64_t days_overdue = 0;
    std::optional<std::string> fee{};  // decimal in the functional currency
    std::string interest_percent = "0";
    std::string letter_text{};
};

struct NewDunningPolicy {
    std::vector<NewDunningLevel> levels;
    std::optional<std::int64_t> hold_days_overdue;
    std::optional<std::int64_t> hold_level;
};

// The company's policy (the defaults while it has set none).
[[nodiscard]] core::Result<DunningPolicy> dunning_policy(store::Txn& txn, CompanyId company);

// Replaces the company's levels and hold policy (audited "receivables.dunning_levels.set").
// Errors: invalid_argument naming every bad field ("levels" empty or over dunning_levels_max,
// "levels/N/name", "levels/N/days_overdue" not rising, "levels/N/fee",
// "levels/N/interest_percent", "levels/N/letter_text", "hold_days_overdue", "hold_level").
[[nodiscard]] core::Result<DunningPolicy> set_dunning_policy(store::Txn& txn,
                                                             const core::Clock& clock,
                                                             const platform::Actor& actor,
                                                             const NewDunningPolicy& input);

// An invoice on a letter.
struct DunningItem {
    DocumentId invoice{};
    std::string number;
    core::Date due_date;
    std::int64_t level = 0;
    std::int64_t days_overdue = 0;
    core::Money open;
    core::Money interest;
    std::int64_t interest_days = 0;  // the days the interest is for (0 without interest)
};

struct DunningLetter {
    sales::CustomerId customer{};
    std::string customer_number;
    std::string customer_name;
    std::int64_t level = 0;  // the highest of its items'
    std::string level_name;
    std::string letter_text;  // the level's, as it was when written
    core::Money open;  // sum of the items' open balances
    core::Money fee;
    core::Money interest;
    std::optional<DocumentId> charge_invoice;  // the fee/interest invoice (real runs)
    std::optional<std::int64_t> mail_id;       // the queued e-mail (real runs, with an address)
    std::vector<DunningItem> items;
};

// A customer the run passed over, and why.
struct DunningSkip {
    sales::CustomerId customer{};
    std::string customer_number;
    std::string reason;
};

struct DunningRun {
    DunningRunId id{};
    core::Date as_of;
    bool dry_run = false;
    std::vector<DunningLetter> letters;  // by customer number
    std::vector<DunningSkip> skipped;    // in the answer of the POST only
    platform::auth::UserId created_by{};
    core::Instant created_at{0};
};

enum class RunMode { real, dry };

// Runs dunning as of `as_of` (default today). Errors: conflict when a concurrent run dunned an
// invoice first; limit_exceeded past dunning_letters_max; those of issuing the charge invoice
// (period_closed) and of platform::mail::enqueue.
[[nodiscard]] core::Result<DunningRun> run_dunning(store::Txn& txn,
                                                   const core::Clock& clock,
                                                   const platform::Actor& actor,
                                                   std::optional<core::Date> as_of,
                                                   RunMode mode,
                                                   const std::string& mail_from);

// A run with its letters, or nullopt.
[[nodiscard]] core::Result<std::optional<DunningRun>> find_dunning_run(store::Txn& txn,
                                                                       CompanyId company,
                                                                       DunningRunId id);
// A page of runs (letters without items). Errors: invalid_argument / limit_exceeded ("limit").
[[nodiscard]] core::Result<std::vector<DunningRun>> list_dunning_runs(store::Txn& txn,
                                                                      CompanyId company,
                                                                      DunningRunId after,
                                                                      std::int64_t limit);

// The PDF of the run's letter to `customer`. Errors: not_found (run or letter); internal when
// the PDF cannot be rendered.
[[nodiscard]] core::Result<std::string> dunning_letter_pdf(store::Txn& txn,
                                                           CompanyId company,
                                                           DunningRunId run,
                                                           sales::CustomerId customer);

// The highest level each of the customer's invoices was dunned at (by real runs), by invoice.
struct InvoiceDunning {
    DocumentId invoice{};
    std::int64_t level = 0;
    core::Date dunned_on;
};
[[nodiscard]] core::Result<std::vector<InvoiceDunning>> customer_dunning(
    store::Txn& txn, CompanyId company, sales::CustomerId customer);

}  // namespace bo::modules::receivables
