#include "modules/sales/queries.hpp"

#include <string>
#include <utility>

#include "platform/tenancy/validation.hpp"

namespace bo::modules::sales::queries {
namespace {

using platform::tenancy::corrupt_row;
using store::Value;

constexpr std::string_view customer_select =
    "SELECT id, company_id, number, name, email, phone, city, country, currency, "
    "credit_limit_minor, payment_terms_days, status, created_at_us FROM customers ";

core::Result<Customer> decode_customer(const store::Row& row) {
    core::Result<core::Currency> currency = core::Currency::create(row.text(8));
    if (!currency) {
        return corrupt_row("customers", "currency " + row.text(8));
    }
    core::Result<CustomerStatus> status = parse_customer_status(row.text(11));
    if (!status) {
        return corrupt_row("customers", "status " + row.text(11));
    }
    core::Result<core::Instant> created_at = core::Instant::from_unix_micros(row.i64(12));
    if (!created_at) {
        return corrupt_row("customers", "created_at_us out of range");
    }
    return Customer{.id = CustomerId(row.i64(0)),
                    .company_id = platform::tenancy::CompanyId(row.i64(1)),
                    .number = row.text(2),
                    .name = row.text(3),
                    .email = row.text(4),
                    .phone = row.text(5),
                    .city = row.text(6),
                    .country = row.text(7),
                    .currency = *currency,
                    .credit_limit = core::Money{row.i64(9), *currency},
                    .payment_terms_days = row.i64(10),
                    .status = *status,
                    .created_at = *created_at};
}

}  // namespace

core::Result<CustomerId> insert_customer(store::Txn& txn, const Customer& customer) {
    const std::vector<Value> params{customer.company_id.value(),
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
                                    customer.created_at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO customers (company_id, number, name, email, phone, "
                                "city, country, currency, credit_limit_minor, payment_terms_days, "
                                "status, created_at_us) "
                                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) "
                                "RETURNING id",
                                params));
    return CustomerId(row.i64(0));
}

core::Result<std::optional<Customer>> select_customer_by_number(
    store::Txn& txn, platform::tenancy::CompanyId company, std::string_view number) {
    static const std::string sql =
        std::string(customer_select) + "WHERE company_id = $1 AND number = $2";
    const std::vector<Value> params{company.value(), std::string(number)};
    BO_TRY_ASSIGN(const std::optional<store::Row> row, txn.query_optional(sql, params));
    if (!row) {
        return std::optional<Customer>();
    }
    BO_TRY_ASSIGN(Customer customer, decode_customer(*row));
    return std::optional<Customer>(std::move(customer));
}

core::Result<std::vector<Customer>> select_customers(store::Txn& txn,
                                                     platform::tenancy::CompanyId company,
                                                     CustomerId after_id,
                                                     std::int64_t limit) {
    static const std::string sql =
        std::string(customer_select) + "WHERE company_id = $1 AND id > $2 ORDER BY id LIMIT $3";
    const std::vector<Value> params{company.value(), after_id.value(), limit};
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql, params));
    std::vector<Customer> customers;
    customers.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(Customer customer, decode_customer(row));
        customers.push_back(std::move(customer));
    }
    return customers;
}

}  // namespace bo::modules::sales::queries
