// The shared steps of every receivable document: kinds and names, loading, issuing (number and
// posting) and auditing.
#include <cstdio>
#include <map>
#include <string>
#include <utility>

#include <boost/json.hpp>

#include "core/assert.hpp"
#include "ledger/service.hpp"
#include "modules/receivables/internal.hpp"
#include "modules/receivables/queries.hpp"
#include "platform/audit/audit.hpp"

namespace bo::modules::receivables {

std::string_view to_string(DocumentKind kind) noexcept {
    switch (kind) {
        case DocumentKind::invoice:
            return "invoice";
        case DocumentKind::credit_note:
            return "credit_note";
        case DocumentKind::write_off:
            return "write_off";
    }
    return "invoice";
}

std::string_view to_string(DocumentStatus status) noexcept {
    return status == DocumentStatus::draft ? "draft" : "issued";
}

std::string_view to_string(BillingMode mode) noexcept {
    return mode == BillingMode::per_shipment ? "per_shipment" : "consolidated";
}

core::Result<DocumentKind> parse_document_kind(std::string_view text, std::string_view field) {
    for (const DocumentKind kind :
         {DocumentKind::invoice, DocumentKind::credit_note, DocumentKind::write_off}) {
        if (text == to_string(kind)) {
            return kind;
        }
    }
    return core::Error::invalid(std::string(field), "must be invoice, credit_note or write_off");
}

core::Result<DocumentStatus> parse_document_status(std::string_view text, std::string_view field) {
    if (text == "draft") {
        return DocumentStatus::draft;
    }
    if (text == "issued") {
        return DocumentStatus::issued;
    }
    return core::Error::invalid(std::string(field), "must be draft or issued");
}

core::Result<BillingMode> parse_billing_mode(std::string_view text, std::string_view field) {
    if (text == "per_shipment") {
        return BillingMode::per_shipment;
    }
    if (text == "consolidated") {
        return BillingMode::consolidated;
    }
    return core::Error::invalid(std::string(field), "must be per_shipment or consolidated");
}

std::string_view series_of(DocumentKind kind) noexcept {
    switch (kind) {
        case DocumentKind::invoice:
            return "INV";
        case DocumentKind::credit_note:
            return "CN";
        case DocumentKind::write_off:
            return "WO";
    }
    return "INV";
}

std::string_view source_type_of(DocumentKind kind) noexcept {
    switch (kind) {
        case DocumentKind::invoice:
            return "sales_invoice";
        case DocumentKind::credit_note:
            return "sales_credit_note";
        case DocumentKind::write_off:
            return "sales_write_off";
    }
    return "sales_invoice";
}

std::string_view aging_bucket_name(std::size_t bucket) noexcept {
    constexpr std::array<std::string_view, aging_buckets> names{
        "current", "days_1_30", "days_31_60", "days_61_90", "over_90"};
    return bucket < names.size() ? names[bucket] : "over_90";
}

std::size_t aging_bucket(std::int64_t days_overdue) noexcept {
    constexpr std::int64_t month_days = 30;
    if (days_overdue <= 0) {
        return 0;
    }
    const std::int64_t bucket = 1 + (days_overdue - 1) / month_days;
    return static_cast<std::size_t>(std::min<std::int64_t>(bucket, aging_buckets - 1));
}

namespace internal {
namespace {

using ledger::LineInput;
using ledger::Side;

std::string document_number(DocumentKind kind, std::int64_t year, std::int64_t number) {
    constexpr std::size_t number_chars_max = 40;
    std::array<char, number_chars_max> text{};
    std::snprintf(text.data(),
                  text.size(),
                  "%s-%04lld-%06lld",
                  std::string(series_of(kind)).c_str(),
                  static_cast<long long>(year),    // NOLINT(google-runtime-int): printf's type
                  static_cast<long long>(number));  // NOLINT(google-runtime-int)
    return text.data();
}

// The ledger account of `number`, from a per-issue cache. Errors: invalid_argument (`field`)
// when the company has no such account.
core::Result<ledger::AccountId> account_id(store::Txn& txn,
                                           CompanyId company,
                                           const std::string& number,
                                           const std::string& field,
                                           std::map<std::string, ledger::AccountId>& cache) {
    if (const auto found = cache.find(number); found != cache.end()) {
        return found->second;
    }
    BO_TRY_ASSIGN(const std::optional<ledger::Account> account,
                  ledger::find_account_by_number(txn, company, number));
    if (!account) {
        return core::Error::invalid(field, "account " + number + " does not exist");
    }
    cache.emplace(number, account->id);
    return account->id;
}

// The entry of a document: the receivable on one side; revenue per line and tax per rate
// account on the other. An invoice debits the receivable, a credit note or write-off credits it.
core::Result<ledger::EntryInput> entry_of(store::Txn& txn, const Document& document) {
    const bool invoice = document.kind == DocumentKind::invoice;
    const Side receivable_side = invoice ? Side::debit : Side::credit;
    const Side other_side = invoice ? Side::credit : Side::debit;
    std::map<std::string, ledger::AccountId> accounts;
    ledger::EntryInput entry{
        .date = document.document_date,
        .memo = document.number + " " + document.customer_number + " " + document.customer_name,
        .source = ledger::Source{.type = std::string(source_type_of(document.kind)),
                                 .id = std::to_string(document.id.value()),
                                 .subledger = ledger::Subledger::ar},
        .lines = {}};
    BO_TRY_ASSIGN(const ledger::AccountId receivable,
                  account_id(txn,
                             document.company_id,
                             std::string(receivable_account),
                             "lines",
                             accounts));
    entry.lines.push_back(LineInput{
        .account = receivable,
        .department = std::nullopt,
        .party = ledger::Party{ledger::PartyType::customer, document.customer.value()},
        .side = receivable_side,
        .amount = document.total,
        .memo = document.number});
    std::map<std::string, std::int64_t> tax_by_account;
    for (const DocumentLine& line : document.lines) {
        const std::string field = "lines/" + std::to_string(line.line_number - 1) + "/account";
        if (!line.net.is_zero()) {
            BO_TRY_ASSIGN(const ledger::AccountId revenue,
                          account_id(txn, document.company_id, line.revenue_account, field,
                                     accounts));
            entry.lines.push_back(LineInput{.account = revenue,
                                            .department = std::nullopt,
                                            .party = std::nullopt,
                                            .side = other_side,
                                            .amount = line.net,
                                            .memo = line.description});
        }
        if (!line.tax.is_zero()) {
            tax_by_account[line.tax_account] += line.tax.minor;
        }
    }
    for (const auto& [number, minor] : tax_by_account) {
        BO_TRY_ASSIGN(const ledger::AccountId tax,
                      account_id(txn, document.company_id, number, "lines", accounts));
        entry.lines.push_back(LineInput{.account = tax,
                                        .department = std::nullopt,
                                        .party = std::nullopt,
                                        .side = other_side,
                                        .amount = core::Money{minor, document.currency},
                                        .memo = "Tax " + document.number});
    }
    return entry;
}

}  // namespace

core::Date today(const core::Clock& clock) {
    return core::business_date(clock.now(), core::TimeZone::utc());
}

core::Result<Document> load_for_change(store::Txn& txn,
                                       CompanyId company,
                                       DocumentId id,
                                       DocumentKind kind) {
    BO_TRY_ASSIGN(const bool exists, queries::lock_document(txn, company, id));
    if (exists) {
        BO_TRY_ASSIGN(std::optional<Document> document,
                      queries::select_document(txn, company, id));
        if (document && document->kind == kind) {
            return std::move(*document);
        }
    }
    return core::Error(core::ErrorCode::not_found,
                       "no such " + std::string(to_string(kind) == "invoice" ? "invoice"
                                                : to_string(kind) == "credit_note"
                                                    ? "credit note"
                                                    : "write-off"));
}

boost::json::object document_record(const Document& document) {
    return {{"kind", to_string(document.kind)},
            {"status", to_string(document.status)},
            {"number", document.number},
            {"customer", document.customer_number},
            {"currency", document.currency.code()},
            {"document_date", document.document_date.to_string()},
            {"due_date", document.due_date.to_string()},
            {"payment_terms_days", document.payment_terms_days},
            {"early_discount_percent", document.early_discount_percent},
            {"early_discount_days", document.early_discount_days},
            {"credited_invoice", document.credited_number},
            {"reason", document.reason},
            {"customer_reference", document.customer_reference},
            {"lines", static_cast<std::int64_t>(document.lines.size())},
            {"net", document.net.format()},
            {"tax", document.tax.format()},
            {"total", document.total.format()}};
}

core::Result<void> audit(store::Txn& txn,
                         const core::Clock& clock,
                         const platform::Actor& actor,
                         std::string_view action,
                         const boost::json::object& before,
                         const Document& after) {
    return platform::audit::record(
        txn,
        clock,
        actor,
        {.action = std::string(action),
         .entity_type = std::string(to_string(after.kind)),
         .entity_id = std::to_string(after.id.value()),
         .changes = platform::audit::diff(before, document_record(after))});
}

core::Result<void> sum_lines(Document& document) {
    core::Money net = core::Money::zero(document.currency);
    core::Money tax = core::Money::zero(document.currency);
    for (const DocumentLine& line : document.lines) {
        BO_TRY_ASSIGN(net, core::add(net, line.net));
        BO_TRY_ASSIGN(tax, core::add(tax, line.tax));
    }
    BO_TRY_ASSIGN(const core::Money total, core::add(net, tax));
    document.net = net;
    document.tax = tax;
    document.total = total;
    return core::ok();
}

void collect(const core::Error& error,
             const std::string& field,
             std::vector<core::FieldError>& errors) {
    if (error.fields().empty()) {
        errors.push_back({field, error.message()});
        return;
    }
    for (const core::FieldError& found : error.fields()) {
        errors.push_back(found);
    }
}

core::Result<Document> issue(store::Txn& txn,
                             const core::Clock& clock,
                             const platform::Actor& actor,
                             Document document) {
    if (document.status != DocumentStatus::draft) {
        return core::Error(core::ErrorCode::conflict,
                           "already issued as " + document.number + "; issued documents never "
                           "change (credit them instead)");
    }
    if (document.total.minor <= 0) {
        return core::Error::invalid("lines", "the total must be more than zero to issue");
    }
    const boost::json::object before = document_record(document);
    const std::int64_t year = document.document_date.year();
    BO_TRY_ASSIGN(const std::int64_t number,
                  queries::next_number(txn, actor.company, series_of(document.kind), year));
    document.number = document_number(document.kind, year, number);
    document.status = DocumentStatus::issued;
    BO_TRY_ASSIGN(const ledger::EntryInput entry, entry_of(txn, document));
    BO_TRY_ASSIGN(const ledger::PostedEntry posted, ledger::post(txn, clock, actor, entry));
    BO_ASSERT(!posted.lines.empty());
    BO_ASSERT(posted.lines.front().amount == document.total);
    document.entry_id = posted.id.value();
    document.functional_total_minor = posted.lines.front().functional_minor;
    document.issued_by = actor.user;
    document.issued_at = clock.now();
    document.updated_at = clock.now();
    BO_TRY(queries::update_document(txn, document));
    BO_TRY(audit(txn,
                 clock,
                 actor,
                 "receivables." + std::string(to_string(document.kind)) + ".issue",
                 before,
                 document));
    return document;
}

}  // namespace internal
}  // namespace bo::modules::receivables
