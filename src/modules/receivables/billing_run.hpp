// The billing run: invoices for everything shipped and billable, not yet invoiced, up to a date.
//
// Each customer is billed per shipment (one invoice per shipment: the default) or consolidated
// (one invoice for all its shipments of the run), by its billing setting. An invoice line is a
// shipment line as fulfilment priced it (the line's share of the order line's net and tax);
// nothing is priced again. In ONE transaction the run inserts its invoices, marks every line
// it bills (fulfilment::mark_invoiced: the marker), issues and posts each invoice, and records
// the run. A line already marked is never billed again: a second run finds nothing, and two
// runs at once conflict on the marker so that one of them rolls back whole. The API makes a
// POST with an Idempotency-Key replay its first answer.
// Thread safety: stateless; a Txn belongs to one thread.
#pragma once

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

// 10,000 shipments per run (the benchmark's size): a run is one transaction, and its memory and
// its lock time grow with it; a larger backlog is billed by running again.
inline constexpr std::int64_t billing_run_shipments_max = 10'000;

// Bills what was shipped on or before `as_of` (default today). Errors: those of
// fulfilment::mark_invoiced (conflict when a concurrent run billed a line first) and of
// ledger::post (period_closed when as_of's period is closed).
[[nodiscard]] core::Result<BillingRun> run_billing(store::Txn& txn,
                                                   const core::Clock& clock,
                                                   const platform::Actor& actor,
                                                   std::optional<core::Date> as_of);

// One customer's part of a billing run not yet made.
struct BillingPreviewCustomer {
    sales::CustomerId customer{};
    std::string number;
    std::string name;
    BillingMode mode = BillingMode::per_shipment;
    std::int64_t invoices = 0;  // one per shipment, or one when consolidated
    std::int64_t shipments = 0;
    std::int64_t lines = 0;
    core::Money net;
    core::Money tax;
};

// What `run_billing(as_of)` would invoice now, by customer (in customer number order).
struct BillingPreview {
    core::Date as_of;
    std::int64_t invoices = 0;
    std::int64_t shipments = 0;
    std::int64_t lines = 0;
    std::vector<BillingPreviewCustomer> customers;
};

// The run's preview: the same shipments and grouping as run_billing, writing nothing (a run
// made right after bills exactly this unless something ships or is billed between). Errors:
// storage errors only.
[[nodiscard]] core::Result<BillingPreview> preview_billing(store::Txn& txn,
                                                           CompanyId company,
                                                           core::Date as_of);

[[nodiscard]] core::Result<std::optional<BillingRun>> find_billing_run(store::Txn& txn,
                                                                       CompanyId company,
                                                                       BillingRunId id);
// Errors: invalid_argument / limit_exceeded ("limit").
[[nodiscard]] core::Result<std::vector<BillingRun>> list_billing_runs(store::Txn& txn,
                                                                      CompanyId company,
                                                                      BillingRunId after,
                                                                      std::int64_t limit);

// How `customer` is billed (per_shipment when never set).
[[nodiscard]] core::Result<BillingMode> billing_mode(store::Txn& txn,
                                                     CompanyId company,
                                                     sales::CustomerId customer);
// Sets it (audited "receivables.billing_mode.set"). Errors: not_found (customer).
[[nodiscard]] core::Result<void> set_billing_mode(store::Txn& txn,
                                                  const core::Clock& clock,
                                                  const platform::Actor& actor,
                                                  sales::CustomerId customer,
                                                  BillingMode mode);

}  // namespace bo::modules::receivables
