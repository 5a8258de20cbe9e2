#include "modules/sales/queries.hpp"

#include <array>
#include <string>
#include <utility>

#include "platform/tenancy/validation.hpp"

namespace bo::modules::sales::queries {
namespace {

using platform::tenancy::corrupt_row;
using store::Value;

constexpr std::string_view customer_columns =
    "id, company_id, number, name, email, phone, city, country, currency, "
    "credit_limit_minor, payment_terms_days, status, created_at_us, tax_category, "
    "price_list_id, salesperson_id, hold_reason, updated_at_us ";

const std::string& customer_select() {
    static const std::string sql = "SELECT " + std::string(customer_columns) + "FROM customers ";
    return sql;
}

// Column positions of customer_columns.
enum Column : std::size_t {
    id_column,
    company_column,
    number_column,
    name_column,
    email_column,
    phone_column,
    city_column,
    country_column,
    currency_column,
    credit_column,
    terms_column,
    status_column,
    created_column,
    tax_column,
    price_list_column,
    salesperson_column,
    hold_column,
    updated_column
};

core::Result<core::Instant> instant(const store::Row& row, std::size_t column) {
    core::Result<core::Instant> at = core::Instant::from_unix_micros(row.i64(column));
    if (!at) {
        return corrupt_row("customers", "timestamp out of range");
    }
    return at;
}

core::Result<Customer> decode_customer(const store::Row& row) {
    core::Result<core::Currency> currency = core::Currency::create(row.text(currency_column));
    if (!currency) {
        return corrupt_row("customers", "currency " + row.text(currency_column));
    }
    core::Result<CustomerStatus> status = parse_customer_status(row.text(status_column));
    core::Result<TaxCategory> tax = parse_tax_category(row.text(tax_column));
    if (!status || !tax) {
        return corrupt_row("customers", "status or tax category");
    }
    BO_TRY_ASSIGN(const core::Instant created_at, instant(row, created_column));
    BO_TRY_ASSIGN(const core::Instant updated_at, instant(row, updated_column));
    Customer customer{.id = CustomerId(row.i64(id_column)),
                      .company_id = platform::tenancy::CompanyId(row.i64(company_column)),
                      .number = row.text(number_column),
                      .name = row.text(name_column),
                      .email = row.text(email_column),
                      .phone = row.text(phone_column),
                      .city = row.text(city_column),
                      .country = row.text(country_column),
                      .currency = *currency,
                      .credit_limit = core::Money{row.i64(credit_column), *currency},
                      .payment_terms_days = row.i64(terms_column),
                      .status = *status,
                      .created_at = created_at,
                      .tax_category = *tax,
                      .price_list = std::nullopt,
                      .salesperson = std::nullopt,
                      .hold_reason = row.text(hold_column),
                      .updated_at = updated_at,
                      .addresses = {},
                      .contacts = {}};
    if (const auto list = row.opt_i64(price_list_column)) {
        customer.price_list = PriceListId(*list);
    }
    if (const auto user = row.opt_i64(salesperson_column)) {
        customer.salesperson = platform::auth::UserId(*user);
    }
    return customer;
}

core::Result<std::vector<Customer>> decode_customers(const store::Rows& rows) {
    std::vector<Customer> customers;
    customers.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(Customer customer, decode_customer(row));
        customers.push_back(std::move(customer));
    }
    return customers;
}

Value optional_id(std::optional<std::int64_t> id) {
    return id ? Value(*id) : Value(store::Null{});
}

// The customer's own columns from $2 on ($1 is the company), as insert and update bind them.
std::vector<Value> customer_params(const Customer& customer) {
    return {customer.company_id.value(),
            customer.number,
            customer.name,
            customer.email,
            customer.phone,
            customer.city,
            customer.country,
            std::string(customer.currency.code()),
            customer.credit_limit.minor,
            customer.payment_terms_days,
            std::string(to_string(customer.status)),
            customer.created_at.unix_micros(),
            std::string(to_string(customer.tax_category)),
            optional_id(customer.price_list ? std::optional(customer.price_list->value())
                                            : std::nullopt),
            optional_id(customer.salesperson ? std::optional(customer.salesperson->value())
                                             : std::nullopt),
            customer.hold_reason,
            customer.updated_at.unix_micros()};
}

core::Result<void> replace_details(store::Txn& txn, const Customer& customer) {
    const std::vector<Value> key{customer.company_id.value(), customer.id.value()};
    BO_TRY(txn.execute("DELETE FROM customer_addresses WHERE company_id = $1 AND customer_id = $2",
                       key));
    BO_TRY(txn.execute("DELETE FROM customer_contacts WHERE company_id = $1 AND customer_id = $2",
                       key));
    std::vector<std::vector<Value>> addresses;
    for (std::size_t index = 0; index < customer.addresses.size(); ++index) {
        const Address& address = customer.addresses[index];
        addresses.push_back({customer.company_id.value(),
                             customer.id.value(),
                             static_cast<std::int64_t>(index + 1),
                             std::string(to_string(address.kind)),
                             std::int64_t{address.is_default ? 1 : 0},
                             address.name,
                             address.line1,
                             address.line2,
                             address.city,
                             address.region,
                             address.postal_code,
                             address.country});
    }
    if (!addresses.empty()) {
        BO_TRY(txn.execute_batch(
            "INSERT INTO customer_addresses (company_id, customer_id, position, kind, is_default, "
            "name, line1, line2, city, region, postal_code, country) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            addresses));
    }
    std::vector<std::vector<Value>> contacts;
    for (std::size_t index = 0; index < customer.contacts.size(); ++index) {
        const Contact& contact = customer.contacts[index];
        contacts.push_back({customer.company_id.value(),
                            customer.id.value(),
                            static_cast<std::int64_t>(index + 1),
                            contact.name,
                            contact.email,
                            contact.phone,
                            contact.role});
    }
    if (!contacts.empty()) {
        BO_TRY(txn.execute_batch(
            "INSERT INTO customer_contacts (company_id, customer_id, position, name, email, "
            "phone, role) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            contacts));
    }
    return core::ok();
}

// The search's ORDER BY key and its keyset condition, per sort and direction. Fixed texts:
// nothing from the request is spliced into SQL.
struct SortSql {
    std::string_view order;
    std::string_view after;  // rows after the cursor customer c ($5) in this order
};

constexpr std::array<SortSql, 6> sort_sql = {{
    {"number, id",
     "(customers.number > c.number OR (customers.number = c.number AND customers.id > c.id))"},
    {"number DESC, id DESC",
     "(customers.number < c.number OR (customers.number = c.number AND customers.id < c.id))"},
    {"name, id", "(customers.name > c.name OR (customers.name = c.name AND customers.id > c.id))"},
    {"name DESC, id DESC",
     "(customers.name < c.name OR (customers.name = c.name AND customers.id < c.id))"},
    {"id", "customers.id > c.id"},
    {"id DESC", "customers.id < c.id"},
}};

const std::string& search_sql(CustomerSort sort, SortDirection direction) {
    static const std::array<std::string, 6> texts = [] {
        std::array<std::string, 6> built;
        for (std::size_t index = 0; index < built.size(); ++index) {
            built.at(index) =
                "SELECT " + std::string(customer_columns) + "FROM customers "
                + "WHERE company_id = $1 "
                  "AND ($2 = '' OR lower(name) LIKE $2 ESCAPE '!' OR lower(number) LIKE $2 "
                  "ESCAPE '!' OR lower(email) LIKE $2 ESCAPE '!' OR phone LIKE $2 ESCAPE '!') "
                  "AND ($3 = '' OR status = $3) "
                  "AND ($4 = 0 OR EXISTS (SELECT 1 FROM customers c WHERE c.company_id = $1 "
                  "AND c.id = $4 AND "
                + std::string(sort_sql.at(index).after) + ")) ORDER BY "
                + std::string(sort_sql.at(index).order) + " LIMIT $5";
        }
        return built;
    }();
    const std::size_t index =
        static_cast<std::size_t>(sort) * 2 + (direction == SortDirection::descending ? 1 : 0);
    return texts.at(index);
}

}  // namespace

core::Result<CustomerId> insert_customer(store::Txn& txn, const Customer& customer) {
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO customers (company_id, number, name, email, phone, "
                                "city, country, currency, credit_limit_minor, payment_terms_days, "
                                "status, created_at_us, tax_category, price_list_id, "
                                "salesperson_id, hold_reason, updated_at_us) "
                                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
                                "$14, $15, $16, $17) RETURNING id",
                                customer_params(customer)));
    Customer stored = customer;
    stored.id = CustomerId(row.i64(0));
    BO_TRY(replace_details(txn, stored));
    return stored.id;
}

core::Result<void> update_customer(store::Txn& txn, const Customer& customer) {
    std::vector<Value> params = customer_params(customer);
    params.emplace_back(customer.id.value());
    BO_TRY_ASSIGN(const std::int64_t changed,
                  txn.execute("UPDATE customers SET number = $2, name = $3, email = $4, "
                              "phone = $5, city = $6, country = $7, currency = $8, "
                              "credit_limit_minor = $9, payment_terms_days = $10, status = $11, "
                              "created_at_us = $12, tax_category = $13, price_list_id = $14, "
                              "salesperson_id = $15, hold_reason = $16, updated_at_us = $17 "
                              "WHERE company_id = $1 AND id = $18",
                              params));
    if (changed != 1) {
        return core::Error(core::ErrorCode::not_found, "no such customer");
    }
    return replace_details(txn, customer);
}

core::Result<std::optional<Customer>> select_customer_by_number(
    store::Txn& txn, platform::tenancy::CompanyId company, std::string_view number) {
    static const std::string sql = customer_select() + "WHERE company_id = $1 AND number = $2";
    const std::vector<Value> params{company.value(), std::string(number)};
    BO_TRY_ASSIGN(const std::optional<store::Row> row, txn.query_optional(sql, params));
    if (!row) {
        return std::optional<Customer>();
    }
    BO_TRY_ASSIGN(Customer customer, decode_customer(*row));
    return std::optional<Customer>(std::move(customer));
}

core::Result<std::optional<Customer>> select_customer(store::Txn& txn,
                                                      platform::tenancy::CompanyId company,
                                                      CustomerId id) {
    static const std::string sql = customer_select() + "WHERE company_id = $1 AND id = $2";
    const std::vector<Value> params{company.value(), id.value()};
    BO_TRY_ASSIGN(const std::optional<store::Row> row, txn.query_optional(sql, params));
    if (!row) {
        return std::optional<Customer>();
    }
    BO_TRY_ASSIGN(Customer customer, decode_customer(*row));
    return std::optional<Customer>(std::move(customer));
}

core::Result<void> select_customer_details(store::Txn& txn, Customer& customer) {
    const std::vector<Value> key{customer.company_id.value(), customer.id.value()};
    BO_TRY_ASSIGN(const store::Rows addresses,
                  txn.query("SELECT kind, is_default, name, line1, line2, city, region, "
                            "postal_code, country FROM customer_addresses "
                            "WHERE company_id = $1 AND customer_id = $2 ORDER BY position",
                            key));
    customer.addresses.clear();
    for (const store::Row& row : addresses) {
        core::Result<AddressKind> kind = parse_address_kind(row.text(0));
        if (!kind) {
            return corrupt_row("customer_addresses", "kind " + row.text(0));
        }
        customer.addresses.push_back(Address{.kind = *kind,
                                             .is_default = row.i64(1) == 1,
                                             .name = row.text(2),
                                             .line1 = row.text(3),
                                             .line2 = row.text(4),
                                             .city = row.text(5),
                                             .region = row.text(6),
                                             .postal_code = row.text(7),
                                             .country = row.text(8)});
    }
    BO_TRY_ASSIGN(const store::Rows contacts,
                  txn.query("SELECT name, email, phone, role FROM customer_contacts "
                            "WHERE company_id = $1 AND customer_id = $2 ORDER BY position",
                            key));
    customer.contacts.clear();
    for (const store::Row& row : contacts) {
        customer.contacts.push_back(Contact{
            .name = row.text(0), .email = row.text(1), .phone = row.text(2), .role = row.text(3)});
    }
    return core::ok();
}

core::Result<std::vector<Customer>> select_customers(store::Txn& txn,
                                                     platform::tenancy::CompanyId company,
                                                     CustomerId after_id,
                                                     std::int64_t limit) {
    static const std::string sql =
        customer_select() + "WHERE company_id = $1 AND id > $2 ORDER BY id LIMIT $3";
    const std::vector<Value> params{company.value(), after_id.value(), limit};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    return decode_customers(rows);
}

core::Result<std::vector<Customer>> search_customers(store::Txn& txn,
                                                     platform::tenancy::CompanyId company,
                                                     const CustomerQuery& query,
                                                     const std::string& pattern) {
    const std::vector<Value> params{
        company.value(),
        pattern,
        query.status ? std::string(to_string(*query.status)) : std::string(),
        query.after_id.value(),
        query.limit};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query(search_sql(query.sort, query.direction), params));
    return decode_customers(rows);
}

}  // namespace bo::modules::sales::queries
