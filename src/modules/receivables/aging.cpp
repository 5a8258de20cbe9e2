#include "modules/receivables/aging.hpp"

#include <string>
#include <utility>

#include "core/assert.hpp"
#include "ledger/reports.hpp"
#include "ledger/service.hpp"
#include "modules/receivables/internal.hpp"
#include "modules/receivables/queries.hpp"
#include "modules/sales/service.hpp"

namespace bo::modules::receivables {
namespace {

core::Error overflow() {
    return core::Error(core::ErrorCode::limit_exceeded, "the aging's sums do not fit in int64");
}

core::Result<void> add_to(std::int64_t& sum, std::int64_t amount) {
    if (__builtin_add_overflow(sum, amount, &sum)) {
        return overflow();
    }
    return core::ok();
}

// The control account's balance (debit-positive, functional) at the end of `as_of`.
core::Result<std::int64_t> ledger_balance(store::Txn& txn, CompanyId company, core::Date as_of) {
    BO_TRY_ASSIGN(const core::Date next, as_of.add_days(1));
    BO_TRY_ASSIGN(const ledger::TrialBalance balance,
                  ledger::trial_balance(txn, company, {next, next},
                                        ledger::DepartmentScope::all()));
    for (const ledger::TrialBalanceRow& row : balance.rows) {
        if (row.number == internal::receivable_account) {
            return row.closing_minor;
        }
    }
    return std::int64_t{0};
}

}  // namespace

core::Result<Aging> aging(store::Txn& txn,
                          CompanyId company,
                          core::Date as_of,
                          std::optional<sales::CustomerId> customer) {
    BO_TRY_ASSIGN(const core::Currency currency, ledger::functional_currency(txn, company));
    BO_TRY_ASSIGN(const std::vector<queries::OpenInvoiceRow> rows,
                  queries::select_open_invoices(txn, company, as_of, customer));
    Aging report{.as_of = as_of,
                 .currency = currency,
                 .customers = {},
                 .buckets = {},
                 .total_minor = 0,
                 .control_account = std::string(internal::receivable_account),
                 .ledger_balance_minor = 0,
                 .difference_minor = 0};
    for (const queries::OpenInvoiceRow& row : rows) {
        if (report.customers.empty() || report.customers.back().customer != row.customer) {
            report.customers.push_back(CustomerAging{.customer = row.customer,
                                                     .customer_number = row.customer_number,
                                                     .customer_name = row.customer_name,
                                                     .buckets = {},
                                                     .total_minor = 0,
                                                     .items = {}});
        }
        CustomerAging& group = report.customers.back();
        core::Result<core::Currency> document_currency = core::Currency::create(row.currency);
        BO_ASSERT(document_currency.ok());
        const std::int64_t days = core::days_between(row.due_date, as_of);
        const std::int64_t functional = row.functional_minor - row.credited_functional_minor;
        const std::size_t bucket = aging_bucket(days);
        group.items.push_back(AgingItem{
            .invoice = row.id,
            .number = row.number,
            .due_date = row.due_date,
            .days_overdue = days > 0 ? days : 0,
            .open = core::Money{row.total_minor - row.credited_minor, *document_currency},
            .functional_minor = functional});
        BO_TRY(add_to(group.buckets[bucket], functional));
        BO_TRY(add_to(group.total_minor, functional));
        BO_TRY(add_to(report.buckets[bucket], functional));
        BO_TRY(add_to(report.total_minor, functional));
    }
    if (!customer) {
        BO_TRY_ASSIGN(report.ledger_balance_minor, ledger_balance(txn, company, as_of));
        report.difference_minor = report.ledger_balance_minor - report.total_minor;
    }
    return report;
}

core::Result<CustomerAccount> customer_account(store::Txn& txn,
                                               CompanyId company,
                                               sales::CustomerId customer_id,
                                               core::Date as_of) {
    BO_TRY_ASSIGN(const std::optional<sales::Customer> customer,
                  sales::get_customer(txn, company, customer_id));
    if (!customer) {
        return core::Error(core::ErrorCode::not_found, "no such customer");
    }
    CustomerAccount account{.customer = *customer,
                            .documents = {},
                            .open_items = {},
                            .balance = core::Money::zero(customer->currency),
                            .overdue = core::Money::zero(customer->currency)};
    BO_TRY_ASSIGN(account.documents,
                  queries::select_customer_documents(txn, company, customer_id,
                                                     account_documents_max));
    for (const Document& document : account.documents) {
        if (document.kind != DocumentKind::invoice || document.open.is_zero()) {
            continue;
        }
        account.open_items.push_back(document);
        BO_TRY_ASSIGN(account.balance, core::add(account.balance, document.open));
        if (document.due_date < as_of) {
            BO_TRY_ASSIGN(account.overdue, core::add(account.overdue, document.open));
        }
    }
    return account;
}

}  // namespace bo::modules::receivables
