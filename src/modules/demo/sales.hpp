// The demo company's sales (issue #6): a default tax rate, a wholesale price list, addresses
// and contacts on the first customers (one tax-exempt, two on the price list), and orders in
// each status sales can reach by itself — a quotation, an entered order, a confirmed order
// fully reserved, one with a backordered line and a planned receipt that will cover it, one on
// credit hold, and a cancelled one — entered through the sales services like a clerk would.
// Thread safety: a function of a Txn.
#pragma once

#include <cstddef>

#include "core/date.hpp"
#include "core/result.hpp"
#include "platform/api/caller.hpp"
#include "store/database.hpp"

namespace bo::modules::demo {

struct DemoSalesReport {
    std::size_t price_lists = 0;
    std::size_t tax_rates = 0;
    std::size_t orders = 0;
};

// Seeds the above for `actor`'s company, whose customers, items, warehouse MAIN and opening
// stock exist. Errors: those of the sales and inventory services (a refusal here is a bug in
// the demo) and of the store.
[[nodiscard]] core::Result<DemoSalesReport> seed_sales(store::Txn& txn,
                                                       const core::Clock& clock,
                                                       const platform::Actor& actor);

}  // namespace bo::modules::demo
