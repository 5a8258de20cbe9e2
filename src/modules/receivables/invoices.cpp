#include "modules/receivables/invoices.hpp"

#include <string>
#include <utility>

#include <boost/json.hpp>

#include "core/assert.hpp"
#include "core/limits.hpp"
#include "ledger/service.hpp"
#include "modules/inventory/operations.hpp"
#include "modules/inventory/service.hpp"
#include "modules/receivables/internal.hpp"
#include "modules/receivables/queries.hpp"
#include "modules/sales/pricing.hpp"
#include "modules/sales/service.hpp"
#include "modules/sales/totals.hpp"
#include "platform/audit/audit.hpp"

namespace bo::modules::receivables {
namespace {

using core::Error;
using core::FieldError;

constexpr std::string_view product_revenue = "4110";
constexpr std::string_view service_revenue = "4120";
constexpr std::string_view free_line_unit = "ea";

// The income account `number` (active). Errors: invalid_argument naming `field`.
core::Result<void> check_revenue_account(store::Txn& txn,
                                         CompanyId company,
                                         const std::string& number,
                                         const std::string& field) {
    BO_TRY_ASSIGN(const std::optional<ledger::Account> account,
                  ledger::find_account_by_number(txn, company, number));
    if (!account || !account->active || account->type != ledger::AccountType::income) {
        return Error::invalid(field, "must be an active income account of the company");
    }
    return core::ok();
}

struct LineContext {
    CompanyId company;
    const sales::Customer& customer;
    sales::TaxInclusion prices;
    std::string prefix;  // "lines/N/"
};

// Resolves the item, description, unit, price and default revenue account of a line.
core::Result<void> describe_line(store::Txn& txn,
                                 const LineContext& context,
                                 const NewInvoiceLine& input,
                                 DocumentLine& line,
                                 std::vector<FieldError>& errors) {
    line.description = input.description;
    line.unit = input.unit.value_or(std::string(free_line_unit));
    line.revenue_account = std::string(service_revenue);
    std::optional<core::Money> item_price;
    if (input.sku) {
        BO_TRY_ASSIGN(const std::optional<inventory::Item> item,
                      inventory::find_item(txn, context.company, *input.sku));
        if (!item) {
            errors.push_back({context.prefix + "sku", "is not an item of this company"});
            return core::ok();
        }
        line.item_id = item->id.value();
        line.sku = item->sku;
        line.unit = item->unit;
        line.description = input.description.empty() ? item->description : input.description;
        if (item->kind != inventory::ItemKind::service) {
            line.revenue_account = std::string(product_revenue);
        }
        item_price = item->price;
    }
    if (line.description.empty() || line.description.size() > description_chars_max) {
        errors.push_back({context.prefix + "description",
                          "must be 1 to " + std::to_string(description_chars_max)
                              + " characters (or name an item)"});
    }
    if (input.unit_price) {
        core::Result<core::Money> price =
            core::Money::parse(*input.unit_price, context.customer.currency);
        if (!price || price->is_negative()) {
            errors.push_back({context.prefix + "unit_price",
                              "must be an amount >= 0 in " + std::string(
                                  context.customer.currency.code())});
        } else {
            line.unit_price = *price;
        }
    } else if (item_price && item_price->currency == context.customer.currency) {
        line.unit_price = *item_price;
    } else {
        errors.push_back({context.prefix + "unit_price",
                          "is required (no item price in the customer's currency)"});
    }
    return core::ok();
}

// One line: validated, priced and taxed, or its field errors appended.
core::Result<DocumentLine> build_line(store::Txn& txn,
                                      const LineContext& context,
                                      const NewInvoiceLine& input,
                                      std::int64_t line_number,
                                      std::vector<FieldError>& errors) {
    const std::size_t errors_before = errors.size();
    DocumentLine line{.line_number = line_number,
                      .unit_price = core::Money::zero(context.customer.currency),
                      .net = core::Money::zero(context.customer.currency),
                      .tax = core::Money::zero(context.customer.currency)};
    BO_TRY(describe_line(txn, context, input, line, errors));
    core::Result<inventory::Quantity> quantity =
        inventory::parse_quantity(input.quantity, line.unit, context.prefix + "quantity");
    if (!quantity) {
        internal::collect(quantity.error(), context.prefix + "quantity", errors);
    }
    core::Result<core::Rational> discount =
        sales::parse_percent(input.discount_percent, context.prefix + "discount_percent");
    if (!discount) {
        internal::collect(discount.error(), context.prefix + "discount_percent", errors);
    }
    line.discount_percent = input.discount_percent;
    core::Result<std::optional<sales::TaxRate>> rate =
        sales::tax_rate_for(txn,
                            context.company,
                            context.customer.tax_category,
                            inventory::ItemId(line.item_id.value_or(0)),
                            input.tax_code,
                            context.prefix + "tax_code");
    if (!rate) {
        internal::collect(rate.error(), context.prefix + "tax_code", errors);
    }
    if (input.account) {
        line.revenue_account = *input.account;
    }
    if (core::Result<void> account = check_revenue_account(
            txn, context.company, line.revenue_account, context.prefix + "account");
        !account) {
        internal::collect(account.error(), context.prefix + "account", errors);
    }
    if (errors.size() > errors_before) {
        return line;
    }
    core::Rational tax_percent{0, 1};
    if (*rate) {
        line.tax_rate_id = (*rate)->id.value();
        line.tax_percent = (*rate)->rate_percent;
        line.tax_account = (*rate)->account_number;
        tax_percent = (*rate)->percent;
    }
    line.quantity_milli = quantity->milli;
    core::Result<sales::LineAmounts> amounts =
        sales::line_amounts(line.unit_price, line.quantity_milli, *discount, tax_percent,
                            context.prices, context.prefix + "quantity");
    if (!amounts) {
        internal::collect(amounts.error(), context.prefix + "quantity", errors);
        return line;
    }
    line.net = amounts->net;
    line.tax = amounts->tax;
    return line;
}

core::Result<void> check_header(const NewInvoice& input,
                                std::int64_t terms,
                                std::vector<FieldError>& errors) {
    if (terms < 0 || terms > sales::payment_terms_days_max) {
        errors.push_back({"payment_terms_days",
                          "must be 0 to " + std::to_string(sales::payment_terms_days_max)});
    }
    core::Result<core::Rational> early =
        sales::parse_percent(input.early_discount_percent, "early_discount_percent");
    if (!early) {
        internal::collect(early.error(), "early_discount_percent", errors);
    } else if (early->num > 0
               && (input.early_discount_days < 1 || input.early_discount_days > terms)) {
        errors.push_back({"early_discount_days", "must be 1 to the payment terms' days"});
    } else if (early->num == 0 && input.early_discount_days != 0) {
        errors.push_back({"early_discount_days", "needs an early_discount_percent"});
    }
    if (input.customer_reference.size() > customer_reference_chars_max) {
        errors.push_back({"customer_reference",
                          "must be at most " + std::to_string(customer_reference_chars_max)
                              + " characters"});
    }
    if (input.lines.empty() || input.lines.size() > document_lines_max) {
        errors.push_back({"lines", "must have 1 to " + std::to_string(document_lines_max)});
    }
    return core::ok();
}

// The draft `input` describes (header and priced lines), or every field error at once.
core::Result<Document> build_invoice(store::Txn& txn,
                                     const core::Clock& clock,
                                     const Actor& actor,
                                     const NewInvoice& input) {
    BO_TRY_ASSIGN(const std::optional<sales::Customer> customer,
                  sales::find_customer(txn, actor.company, input.customer));
    if (!customer) {
        return Error::invalid("customer", "is not a customer of this company");
    }
    std::vector<FieldError> errors;
    BO_TRY_ASSIGN(Document document, draft_for(txn, clock, actor, customer->id,
                                               internal::today(clock)));
    if (input.invoice_date) {
        core::Result<core::Date> date = core::Date::parse(*input.invoice_date);
        if (!date) {
            errors.push_back({"invoice_date", "must be a date YYYY-MM-DD"});
        } else {
            document.document_date = *date;
        }
    }
    const std::int64_t terms = input.payment_terms_days.value_or(customer->payment_terms_days);
    BO_TRY(check_header(input, terms, errors));
    document.prices =
        input.prices_include_tax ? sales::TaxInclusion::inclusive : sales::TaxInclusion::exclusive;
    document.payment_terms_days = terms;
    document.early_discount_percent = input.early_discount_percent;
    document.early_discount_days = input.early_discount_days;
    document.customer_reference = input.customer_reference;
    const LineContext context{actor.company, *customer, document.prices, ""};
    for (std::size_t index = 0; index < input.lines.size() && index < document_lines_max;
         ++index) {
        LineContext line_context = context;
        line_context.prefix = "lines/" + std::to_string(index) + "/";
        BO_TRY_ASSIGN(DocumentLine line,
                      build_line(txn, line_context, input.lines[index],
                                 static_cast<std::int64_t>(index + 1), errors));
        document.lines.push_back(std::move(line));
    }
    if (!errors.empty()) {
        return Error(core::ErrorCode::invalid_argument, "the invoice is not valid",
                     std::move(errors));
    }
    if (terms >= 0 && terms <= sales::payment_terms_days_max) {
        BO_TRY_ASSIGN(document.due_date, document.document_date.add_days(terms));
    }
    BO_TRY(internal::sum_lines(document));
    return document;
}

}  // namespace

core::Result<Document> draft_for(store::Txn& txn,
                                 const core::Clock& clock,
                                 const Actor& actor,
                                 sales::CustomerId customer_id,
                                 core::Date date) {
    BO_TRY_ASSIGN(const std::optional<sales::Customer> customer,
                  sales::get_customer(txn, actor.company, customer_id));
    if (!customer) {
        return Error::invalid("customer", "is not a customer of this company");
    }
    Document document(customer->currency, date);
    document.company_id = actor.company;
    document.kind = DocumentKind::invoice;
    document.customer = customer->id;
    document.customer_number = customer->number;
    document.customer_name = customer->name;
    document.payment_terms_days = customer->payment_terms_days;
    BO_TRY_ASSIGN(document.due_date, date.add_days(customer->payment_terms_days));
    document.created_by = actor.user;
    document.created_at = document.updated_at = clock.now();
    return document;
}

core::Result<Document> insert_draft(store::Txn& txn,
                                    const core::Clock& clock,
                                    const Actor& actor,
                                    Document document) {
    BO_TRY_ASSIGN(document.id, queries::insert_document(txn, document));
    BO_TRY(internal::audit(txn,
                           clock,
                           actor,
                           "receivables." + std::string(to_string(document.kind)) + ".create",
                           {},
                           document));
    return document;
}

core::Result<Document> create_invoice(store::Txn& txn,
                                      const core::Clock& clock,
                                      const Actor& actor,
                                      const NewInvoice& input) {
    BO_TRY_ASSIGN(Document document, build_invoice(txn, clock, actor, input));
    return insert_draft(txn, clock, actor, std::move(document));
}

core::Result<Document> update_invoice(store::Txn& txn,
                                      const core::Clock& clock,
                                      const Actor& actor,
                                      DocumentId id,
                                      const NewInvoice& input) {
    BO_TRY_ASSIGN(const Document current,
                  internal::load_for_change(txn, actor.company, id, DocumentKind::invoice));
    if (current.status != DocumentStatus::draft) {
        return Error(core::ErrorCode::conflict,
                     "invoice " + current.number + " is issued and never changes");
    }
    BO_TRY_ASSIGN(Document document, build_invoice(txn, clock, actor, input));
    if (document.customer != current.customer) {
        return Error::invalid("customer", "a draft keeps its customer (delete it instead)");
    }
    document.id = current.id;
    document.created_by = current.created_by;
    document.created_at = current.created_at;
    document.billing_run = current.billing_run;
    BO_TRY(queries::update_document(txn, document));
    BO_TRY(internal::audit(
        txn, clock, actor, "receivables.invoice.update", internal::document_record(current),
        document));
    return document;
}

core::Result<void> delete_invoice(store::Txn& txn,
                                  const core::Clock& clock,
                                  const Actor& actor,
                                  DocumentId id) {
    BO_TRY_ASSIGN(const Document current,
                  internal::load_for_change(txn, actor.company, id, DocumentKind::invoice));
    if (current.status != DocumentStatus::draft) {
        return Error(core::ErrorCode::conflict,
                     "invoice " + current.number + " is issued and is never deleted");
    }
    if (current.billing_run) {
        return Error(core::ErrorCode::conflict,
                     "the invoice bills shipped lines of billing run "
                         + std::to_string(current.billing_run->value()) + "; issue it");
    }
    BO_TRY(queries::delete_document(txn, actor.company, id));
    return platform::audit::record(
        txn,
        clock,
        actor,
        {.action = "receivables.invoice.delete",
         .entity_type = "invoice",
         .entity_id = std::to_string(id.value()),
         .changes = platform::audit::diff(internal::document_record(current), {})});
}

core::Result<Document> issue_invoice(store::Txn& txn,
                                     const core::Clock& clock,
                                     const Actor& actor,
                                     DocumentId id) {
    BO_TRY_ASSIGN(Document document,
                  internal::load_for_change(txn, actor.company, id, DocumentKind::invoice));
    return internal::issue(txn, clock, actor, std::move(document));
}

core::Result<std::optional<Document>> find_document(store::Txn& txn,
                                                    CompanyId company,
                                                    DocumentId id) {
    return queries::select_document(txn, company, id);
}

core::Result<std::vector<Document>> list_documents(store::Txn& txn,
                                                   CompanyId company,
                                                   const DocumentQuery& query) {
    if (query.limit < 1) {
        return Error::invalid("limit", "must be at least 1");
    }
    if (query.limit > static_cast<std::int64_t>(core::page_size_max)) {
        return Error(core::ErrorCode::limit_exceeded,
                     "limit: at most " + std::to_string(core::page_size_max));
    }
    return queries::select_documents(txn, company, query);
}

}  // namespace bo::modules::receivables
