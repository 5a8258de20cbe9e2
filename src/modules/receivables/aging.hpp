// Receivables reports: the aging of open invoices as of a date, and a customer's account.
//
// Aging buckets each invoice's open balance on `as_of` (its total less the credit notes and
// write-offs issued by then and the receipts' allocations in force then) by days past its due date: current (not yet due), 1–30, 31–60,
// 61–90, over 90; by customer and in total, in the company's functional currency, from the
// functional amounts the postings put on the receivable control account. So the total equals
// the control account's ledger balance at the end of as_of to the cent, as long as only
// receivables posts to it; the report shows both and their difference (opening balances
// entered by journal are such a difference). Unapplied cash sits on 2400, not on 1200.
// Thread safety: stateless; a Txn belongs to one thread.
#pragma once

#include <optional>

#include "core/date.hpp"
#include "core/result.hpp"
#include "modules/receivables/model.hpp"
#include "store/database.hpp"

namespace bo::modules::receivables {

// The aging on `as_of` (of one customer when given). Errors: those of the store;
// limit_exceeded when a sum leaves int64.
[[nodiscard]] core::Result<Aging> aging(store::Txn& txn,
                                        CompanyId company,
                                        core::Date as_of,
                                        std::optional<sales::CustomerId> customer = std::nullopt);

// A customer's account on `as_of`: its issued documents (the latest document_page_max), open
// items and balance. Errors: not_found.
inline constexpr std::int64_t account_documents_max = 500;
[[nodiscard]] core::Result<CustomerAccount> customer_account(store::Txn& txn,
                                                             CompanyId company,
                                                             sales::CustomerId customer,
                                                             core::Date as_of);

}  // namespace bo::modules::receivables
