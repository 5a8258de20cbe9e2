#include "modules/sales/service.hpp"

#include <array>
#include <limits>
#include <utility>

#include <boost/json.hpp>

#include "modules/sales/pricing_queries.hpp"
#include "modules/sales/queries.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/service.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::modules::sales {
namespace {

using platform::tenancy::FieldChecks;

constexpr std::array<std::string_view, 2> customer_status_names{"active", "on_hold"};
constexpr std::array<std::string_view, 2> tax_category_names{"taxable", "exempt"};
constexpr std::array<std::string_view, 2> address_kind_names{"billing", "shipping"};
// 100 characters of search text: more is not a search but a paste.
constexpr std::size_t search_chars_max = 100;

template <typename Enum, std::size_t count>
core::Result<Enum> parse_name(const std::array<std::string_view, count>& names,
                              std::string_view text,
                              std::string_view field) {
    for (std::size_t index = 0; index < names.size(); ++index) {
        if (names.at(index) == text) {
            return static_cast<Enum>(index);
        }
    }
    std::string choices;
    for (const std::string_view name : names) {
        choices += choices.empty() ? std::string(name) : ", " + std::string(name);
    }
    return core::Error::invalid(std::string(field), "must be one of " + choices);
}

bool is_phone(std::string_view text) {
    for (const char c : text) {
        const bool allowed = (c >= '0' && c <= '9') || c == ' ' || c == '+' || c == '-' || c == '('
                             || c == ')' || c == '.';
        if (!allowed) {
            return false;
        }
    }
    return true;
}

void check_phone(FieldChecks& checks, const std::string& field, std::string_view phone) {
    checks.optional_text(field, phone, phone_chars_max);
    if (!is_phone(phone)) {
        checks.add(field, "may hold only digits, spaces and + - ( ) .");
    }
}

void check_addresses(FieldChecks& checks, const std::vector<Address>& addresses) {
    if (addresses.size() > customer_addresses_max) {
        checks.add("addresses", "at most " + std::to_string(customer_addresses_max) + " addresses");
        return;
    }
    std::array<int, 2> defaults{};
    for (std::size_t index = 0; index < addresses.size(); ++index) {
        const Address& address = addresses[index];
        const std::string prefix = "addresses/" + std::to_string(index) + "/";
        checks.optional_text(prefix + "name", address.name, customer_name_chars_max);
        checks.required_text(prefix + "line1", address.line1, address_line_chars_max);
        checks.optional_text(prefix + "line2", address.line2, address_line_chars_max);
        checks.required_text(prefix + "city", address.city, city_chars_max);
        checks.optional_text(prefix + "region", address.region, city_chars_max);
        checks.optional_text(prefix + "postal_code", address.postal_code, postal_code_chars_max);
        checks.optional_country(prefix + "country", address.country);
        if (address.is_default && ++defaults.at(static_cast<std::size_t>(address.kind)) > 1) {
            checks.add(
                prefix + "default",
                "only one " + std::string(to_string(address.kind)) + " address may be the default");
        }
    }
}

void check_contacts(FieldChecks& checks, const std::vector<Contact>& contacts) {
    if (contacts.size() > customer_contacts_max) {
        checks.add("contacts", "at most " + std::to_string(customer_contacts_max) + " contacts");
        return;
    }
    for (std::size_t index = 0; index < contacts.size(); ++index) {
        const Contact& contact = contacts[index];
        const std::string prefix = "contacts/" + std::to_string(index) + "/";
        checks.required_text(prefix + "name", contact.name, customer_name_chars_max);
        checks.optional_email(prefix + "email", contact.email);
        check_phone(checks, prefix + "phone", contact.phone);
        checks.optional_text(prefix + "role", contact.role, contact_role_chars_max);
    }
}

// Without a default of a kind, the first address of that kind is the default.
void settle_defaults(std::vector<Address>& addresses) {
    for (const AddressKind kind : {AddressKind::billing, AddressKind::shipping}) {
        Address* first = nullptr;
        bool has_default = false;
        for (Address& address : addresses) {
            if (address.kind == kind) {
                first = first == nullptr ? &address : first;
                has_default = has_default || address.is_default;
            }
        }
        if (first != nullptr && !has_default) {
            first->is_default = true;
        }
    }
}

// Checks every field; answers the currency.
core::Result<core::Currency> validate(const NewCustomer& input, const CustomerDetails& details) {
    FieldChecks checks;
    checks.code("number", input.number, customer_number_chars_max, FieldChecks::Case::any);
    checks.required_text("name", input.name, customer_name_chars_max);
    checks.optional_email("email", input.email);
    check_phone(checks, "phone", input.phone);
    checks.optional_text("city", input.city, city_chars_max);
    checks.optional_country("country", input.country);
    checks.currency("currency", input.currency);
    checks.in_range("credit_limit_minor",
                    input.credit_limit_minor,
                    0,
                    std::numeric_limits<std::int64_t>::max());
    checks.in_range("payment_terms_days", input.payment_terms_days, 0, payment_terms_days_max);
    if (!parse_tax_category(details.tax_category)) {
        checks.add("tax_category", "must be one of taxable, exempt");
    }
    checks.in_range(
        "salesperson_id", details.salesperson_id, 0, std::numeric_limits<std::int64_t>::max());
    check_addresses(checks, details.addresses);
    check_contacts(checks, details.contacts);
    BO_TRY(std::move(checks).finish("customer"));
    return core::Currency::create(input.currency);
}

// The price list with `code` for a customer billed in `currency` (nullopt for "").
core::Result<std::optional<PriceListId>> resolve_price_list(store::Txn& txn,
                                                            platform::tenancy::CompanyId company,
                                                            const std::string& code,
                                                            core::Currency currency) {
    if (code.empty()) {
        return std::optional<PriceListId>();
    }
    BO_TRY_ASSIGN(const std::optional<PriceList> list,
                  queries::select_price_list_by_code(txn, company, code));
    if (!list) {
        return core::Error::invalid("price_list", "is not a price list of this company");
    }
    if (list->currency != currency) {
        return core::Error::invalid("price_list",
                                    "is in " + std::string(list->currency.code())
                                        + ", the customer is billed in "
                                        + std::string(currency.code()));
    }
    return std::optional(list->id);
}

core::Result<std::optional<platform::auth::UserId>> resolve_salesperson(
    store::Txn& txn, platform::tenancy::CompanyId company, std::int64_t id) {
    if (id == 0) {
        return std::optional<platform::auth::UserId>();
    }
    BO_TRY_ASSIGN(const auto user,
                  platform::auth::find_user_by_id(txn, company, platform::auth::UserId(id)));
    if (!user) {
        return core::Error::invalid("salesperson_id", "is not a user of this company");
    }
    return std::optional(user->id);
}

// The customer as a flat record for the audit trail: its fields plus short forms of its
// addresses and contacts.
boost::json::object audit_fields(const Customer& customer) {
    boost::json::array addresses;
    for (const Address& address : customer.addresses) {
        addresses.push_back(boost::json::value(
            boost::json::string(std::string(to_string(address.kind)) + ": " + address.line1 + ", "
                                + address.city + (address.is_default ? " (default)" : ""))));
    }
    boost::json::array contacts;
    for (const Contact& contact : customer.contacts) {
        contacts.push_back(boost::json::value(boost::json::string(contact.name)));
    }
    boost::json::object record = customer_record(customer);
    record["addresses"] = std::move(addresses);
    record["contacts"] = std::move(contacts);
    return record;
}

core::Result<void> audit_change(store::Txn& txn,
                                const core::Clock& clock,
                                const platform::Actor& actor,
                                const std::string& action,
                                const boost::json::object& before,
                                const Customer& after) {
    return platform::audit::record(txn,
                                   clock,
                                   actor,
                                   {.action = action,
                                    .entity_type = "customer",
                                    .entity_id = after.id.to_string(),
                                    .changes = platform::audit::diff(before, audit_fields(after))});
}

core::Result<Customer> existing_customer(store::Txn& txn,
                                         platform::tenancy::CompanyId company,
                                         CustomerId id) {
    BO_TRY_ASSIGN(std::optional<Customer> customer, get_customer(txn, company, id));
    if (!customer) {
        return core::Error(core::ErrorCode::not_found, "no such customer");
    }
    return std::move(*customer);
}

}  // namespace

std::string_view to_string(CustomerStatus status) noexcept {
    return customer_status_names.at(static_cast<std::size_t>(status));
}

core::Result<CustomerStatus> parse_customer_status(std::string_view text) {
    return parse_name<CustomerStatus>(customer_status_names, text, "status");
}

std::string_view to_string(TaxCategory category) noexcept {
    return tax_category_names.at(static_cast<std::size_t>(category));
}

core::Result<TaxCategory> parse_tax_category(std::string_view text) {
    return parse_name<TaxCategory>(tax_category_names, text, "tax_category");
}

std::string_view to_string(AddressKind kind) noexcept {
    return address_kind_names.at(static_cast<std::size_t>(kind));
}

core::Result<AddressKind> parse_address_kind(std::string_view text) {
    return parse_name<AddressKind>(address_kind_names, text, "kind");
}

namespace {

core::Result<Customer> insert_customer(store::Txn& txn,
                                       const core::Clock& clock,
                                       platform::tenancy::CompanyId company,
                                       const NewCustomer& input,
                                       const CustomerDetails& details) {
    BO_TRY_ASSIGN(const core::Currency currency, validate(input, details));
    BO_TRY_ASSIGN(const std::optional<Customer> existing,
                  queries::select_customer_by_number(txn, company, input.number));
    if (existing) {
        return platform::tenancy::duplicate("number", "customer", input.number);
    }
    BO_TRY_ASSIGN(const std::optional<PriceListId> price_list,
                  resolve_price_list(txn, company, details.price_list, currency));
    BO_TRY_ASSIGN(const auto salesperson,
                  resolve_salesperson(txn, company, details.salesperson_id));
    const core::Instant now = clock.now();
    Customer customer{.id = {},
                      .company_id = company,
                      .number = input.number,
                      .name = input.name,
                      .email = input.email,
                      .phone = input.phone,
                      .city = input.city,
                      .country = input.country,
                      .currency = currency,
                      .credit_limit = core::Money{input.credit_limit_minor, currency},
                      .payment_terms_days = input.payment_terms_days,
                      .status = input.status,
                      .created_at = now,
                      .tax_category = parse_tax_category(details.tax_category).value(),
                      .price_list = price_list,
                      .salesperson = salesperson,
                      .hold_reason = {},
                      .updated_at = now,
                      .addresses = details.addresses,
                      .contacts = details.contacts};
    settle_defaults(customer.addresses);
    BO_TRY_ASSIGN(customer.id, queries::insert_customer(txn, customer));
    return customer;
}

}  // namespace

core::Result<Customer> create_customer(store::Txn& txn,
                                       const core::Clock& clock,
                                       platform::tenancy::CompanyId company,
                                       const NewCustomer& input) {
    return insert_customer(txn, clock, company, input, CustomerDetails{});
}

core::Result<Customer> create_customer(store::Txn& txn,
                                       const core::Clock& clock,
                                       const platform::Actor& actor,
                                       const NewCustomer& input,
                                       const CustomerDetails& details) {
    BO_TRY_ASSIGN(Customer customer, insert_customer(txn, clock, actor.company, input, details));
    BO_TRY(audit_change(txn, clock, actor, "sales.customer.create", {}, customer));
    return customer;
}

core::Result<Customer> update_customer(store::Txn& txn,
                                       const core::Clock& clock,
                                       const platform::Actor& actor,
                                       CustomerId id,
                                       const CustomerPatch& patch) {
    BO_TRY_ASSIGN(const Customer before, existing_customer(txn, actor.company, id));
    // Validate the whole customer as it would become, with the create checks.
    const NewCustomer merged{
        .number = before.number,
        .name = patch.name.value_or(before.name),
        .email = patch.email.value_or(before.email),
        .phone = patch.phone.value_or(before.phone),
        .city = patch.city.value_or(before.city),
        .country = patch.country.value_or(before.country),
        .currency = std::string(before.currency.code()),
        .credit_limit_minor = patch.credit_limit_minor.value_or(before.credit_limit.minor),
        .payment_terms_days = patch.payment_terms_days.value_or(before.payment_terms_days),
        .status = before.status};
    const CustomerDetails details{
        .tax_category = patch.tax_category.value_or(std::string(to_string(before.tax_category))),
        .price_list = {},
        .salesperson_id =
            patch.salesperson_id.value_or(before.salesperson ? before.salesperson->value() : 0),
        .addresses = patch.addresses.value_or(before.addresses),
        .contacts = patch.contacts.value_or(before.contacts)};
    BO_TRY(validate(merged, details));
    Customer after = before;
    if (patch.price_list) {
        BO_TRY_ASSIGN(after.price_list,
                      resolve_price_list(txn, actor.company, *patch.price_list, before.currency));
    }
    BO_TRY_ASSIGN(after.salesperson,
                  resolve_salesperson(txn, actor.company, details.salesperson_id));
    after.name = merged.name;
    after.email = merged.email;
    after.phone = merged.phone;
    after.city = merged.city;
    after.country = merged.country;
    after.credit_limit = core::Money{merged.credit_limit_minor, before.currency};
    after.payment_terms_days = merged.payment_terms_days;
    after.tax_category = parse_tax_category(details.tax_category).value();
    after.addresses = details.addresses;
    after.contacts = details.contacts;
    settle_defaults(after.addresses);
    after.updated_at = clock.now();
    BO_TRY(queries::update_customer(txn, after));
    BO_TRY(audit_change(txn, clock, actor, "sales.customer.update", audit_fields(before), after));
    return after;
}

namespace {

// Puts the customer in `status` with `reason` (audited as `action`). Errors: not_found;
// conflict when it is in that status already.
core::Result<Customer> set_status(store::Txn& txn,
                                  const core::Clock& clock,
                                  const platform::Actor& actor,
                                  CustomerId id,
                                  CustomerStatus status,
                                  const std::string& reason) {
    BO_TRY_ASSIGN(const Customer before, existing_customer(txn, actor.company, id));
    if (before.status == status) {
        return core::Error(
            core::ErrorCode::conflict,
            "customer " + before.number + " is already " + std::string(to_string(status)));
    }
    Customer after = before;
    after.status = status;
    after.hold_reason = reason;
    after.updated_at = clock.now();
    BO_TRY(queries::update_customer(txn, after));
    const std::string action =
        status == CustomerStatus::on_hold ? "sales.customer.hold" : "sales.customer.release";
    BO_TRY(audit_change(txn, clock, actor, action, audit_fields(before), after));
    return after;
}

}  // namespace

core::Result<Customer> hold_customer(store::Txn& txn,
                                     const core::Clock& clock,
                                     const platform::Actor& actor,
                                     CustomerId id,
                                     const std::string& reason) {
    FieldChecks checks;
    checks.required_text("reason", reason, hold_reason_chars_max);
    BO_TRY(std::move(checks).finish("hold"));
    return set_status(txn, clock, actor, id, CustomerStatus::on_hold, reason);
}

core::Result<Customer> release_customer(store::Txn& txn,
                                        const core::Clock& clock,
                                        const platform::Actor& actor,
                                        CustomerId id) {
    return set_status(txn, clock, actor, id, CustomerStatus::active, "");
}

boost::json::object customer_record(const Customer& customer) {
    return {{"number", customer.number},
            {"name", customer.name},
            {"email", customer.email},
            {"phone", customer.phone},
            {"city", customer.city},
            {"country", customer.country},
            {"currency", customer.currency.code()},
            {"credit_limit", customer.credit_limit.format()},
            {"payment_terms_days", customer.payment_terms_days},
            {"status", to_string(customer.status)},
            {"hold_reason", customer.hold_reason},
            {"tax_category", to_string(customer.tax_category)},
            {"price_list_id",
             customer.price_list ? boost::json::value(customer.price_list->value())
                                 : boost::json::value(nullptr)},
            {"salesperson_id",
             customer.salesperson ? boost::json::value(customer.salesperson->value())
                                  : boost::json::value(nullptr)}};
}

core::Result<std::optional<Customer>> find_customer(store::Txn& txn,
                                                    platform::tenancy::CompanyId company,
                                                    std::string_view number) {
    return queries::select_customer_by_number(txn, company, number);
}

core::Result<std::optional<Customer>> get_customer(store::Txn& txn,
                                                   platform::tenancy::CompanyId company,
                                                   CustomerId id) {
    BO_TRY_ASSIGN(std::optional<Customer> customer, queries::select_customer(txn, company, id));
    if (customer) {
        BO_TRY(queries::select_customer_details(txn, *customer));
    }
    return customer;
}

core::Result<std::vector<Customer>> list_customers(store::Txn& txn,
                                                   platform::tenancy::CompanyId company,
                                                   CustomerId after_id,
                                                   std::int64_t limit) {
    BO_TRY(platform::tenancy::check_page_limit(limit));
    return queries::select_customers(txn, company, after_id, limit);
}

core::Result<std::vector<Customer>> search_customers(store::Txn& txn,
                                                     platform::tenancy::CompanyId company,
                                                     const CustomerQuery& query) {
    BO_TRY(platform::tenancy::check_page_limit(query.limit));
    FieldChecks checks;
    checks.optional_text("q", query.text, search_chars_max);
    BO_TRY(std::move(checks).finish("search"));
    // A LIKE pattern: lower-cased (ASCII), with % _ and the escape '!' escaped.
    std::string pattern;
    if (!query.text.empty()) {
        pattern = "%";
        for (const char c : query.text) {
            if (c == '%' || c == '_' || c == '!') {
                pattern += '!';
            }
            pattern += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        }
        pattern += '%';
    }
    return queries::search_customers(txn, company, query, pattern);
}

}  // namespace bo::modules::sales
