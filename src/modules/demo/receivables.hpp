// The demo company's receivables (issue #7): a handful of issued invoices for demo customers
// billed in USD — current ones, one past due at each default dunning level (a week, three weeks
// and five weeks), and one partly credited — so that the aging and a dunning run show
// something true. Entered through the receivables services (invoices, a credit note approved
// with the admin's segregation-of-duties override), dated back from the clock's date; the
// caller runs it before the past is closed, since the invoices post into earlier months.
// Each invoice posts Dr 1200 / Cr revenue, so the aging's difference to the ledger is the
// demo's opening balances and journal activity, exactly as before.
// Thread safety: a function of a Txn.
#pragma once

#include <cstddef>

#include "core/date.hpp"
#include "core/result.hpp"
#include "platform/api/caller.hpp"
#include "store/database.hpp"

namespace bo::modules::demo {

struct DemoReceivablesReport {
    std::size_t invoices = 0;
    std::size_t credit_notes = 0;
};

// Seeds the above for `actor`'s company (its customers and chart exist; the months back to
// about ten weeks before `today` are open). Errors: those of the receivables services (a
// refusal here is a bug in the demo) and of the store.
[[nodiscard]] core::Result<DemoReceivablesReport> seed_receivables(store::Txn& txn,
                                                                   const core::Clock& clock,
                                                                   const platform::Actor& actor,
                                                                   core::Date today);

}  // namespace bo::modules::demo
