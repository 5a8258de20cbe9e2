#include "modules/sales/order_import.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <utility>

#include "platform/files/csv_reader.hpp"

namespace bo::modules::sales {
namespace {

using core::Error;
using core::ErrorCode;

constexpr std::array<std::string_view, 5> required_columns{
    "order", "customer", "warehouse", "item", "quantity"};
constexpr std::array<std::string_view, 4> optional_columns{
    "unit_price", "discount_percent", "tax_code", "customer_reference"};

// One order of the file: its input and the line of each of its rows.
struct FileOrder {
    std::string key;
    NewOrder input;
    std::vector<std::size_t> lines;  // physical line of each order line's row
};

std::string row_field(std::size_t line, std::string_view column) {
    return "rows/" + std::to_string(line) + "/" + std::string(column);
}

core::Result<void> check_columns(const platform::files::CsvTable& table) {
    std::vector<core::FieldError> errors;
    for (const std::string_view name : required_columns) {
        if (table.column(name) == table.header.size()) {
            errors.push_back({"columns", "the column " + std::string(name) + " is missing"});
        }
    }
    for (const std::string& name : table.header) {
        const bool known = std::find(required_columns.begin(), required_columns.end(), name)
                               != required_columns.end()
                           || std::find(optional_columns.begin(), optional_columns.end(), name)
                                  != optional_columns.end();
        if (!known) {
            errors.push_back({"columns", "unknown column " + name});
        }
    }
    if (table.header.empty()) {
        errors.push_back({"csv", "is empty: a header and at least one row are needed"});
    }
    if (errors.empty()) {
        return core::ok();
    }
    std::string message = "sales order import: " + errors.front().reason;
    return Error(ErrorCode::invalid_argument, std::move(message), std::move(errors));
}

// The field of `record` in `column`, or nullopt when the column is absent or the cell empty.
std::optional<std::string> cell(const platform::files::CsvTable& table,
                                const platform::files::CsvRecord& record,
                                std::string_view column) {
    const std::size_t index = table.column(column);
    if (index >= record.fields.size() || record.fields[index].empty()) {
        return std::nullopt;
    }
    return record.fields[index];
}

// Groups the rows into orders; a row that disagrees with its order's header is an error.
core::Result<std::vector<FileOrder>> group_rows(const platform::files::CsvTable& table,
                                                std::vector<core::FieldError>& errors) {
    std::vector<FileOrder> orders;
    std::map<std::string, std::size_t, std::less<>> by_key;
    for (const platform::files::CsvRecord& record : table.records) {
        const std::string key = cell(table, record, "order").value_or("");
        if (key.empty()) {
            errors.push_back({row_field(record.line, "order"), "is required"});
            continue;
        }
        const std::string customer = cell(table, record, "customer").value_or("");
        const std::string warehouse = cell(table, record, "warehouse").value_or("");
        const std::string reference = cell(table, record, "customer_reference").value_or("");
        auto [found, added] = by_key.try_emplace(key, orders.size());
        if (added) {
            FileOrder order{.key = key, .input = {}, .lines = {}};
            order.input.customer = customer;
            order.input.warehouse = warehouse;
            order.input.customer_reference = reference;
            orders.push_back(std::move(order));
        }
        FileOrder& order = orders[found->second];
        for (const auto& [column, value, expected] :
             {std::tuple{"customer", &customer, &order.input.customer},
              std::tuple{"warehouse", &warehouse, &order.input.warehouse},
              std::tuple{"customer_reference", &reference, &order.input.customer_reference}}) {
            if (*value != *expected) {
                errors.push_back(
                    {row_field(record.line, column), "differs from the first row of order " + key});
            }
        }
        if (order.input.lines.size() == order_lines_max) {
            return Error(
                ErrorCode::limit_exceeded,
                "order " + key + " has more than " + std::to_string(order_lines_max) + " lines");
        }
        order.input.lines.push_back(
            NewOrderLine{.sku = cell(table, record, "item").value_or(""),
                         .quantity = cell(table, record, "quantity").value_or(""),
                         .unit_price = cell(table, record, "unit_price"),
                         .discount_percent = cell(table, record, "discount_percent").value_or("0"),
                         .tax_code = cell(table, record, "tax_code")});
        order.lines.push_back(record.line);
    }
    return orders;
}

// check_order's field errors as the file's rows: "lines/K/x" is the K-th row of the order,
// any other field belongs to its first row ("lines" to its `order` column).
void file_errors(const FileOrder& order,
                 const Error& error,
                 std::vector<core::FieldError>& errors) {
    for (const core::FieldError& field : error.fields()) {
        const std::string_view name = field.field;
        if (name.starts_with("lines/")) {
            const std::size_t slash = name.find('/', std::string_view("lines/").size());
            const std::size_t index =
                static_cast<std::size_t>(std::stoul(std::string(name.substr(6, slash - 6))));
            errors.push_back(
                {row_field(order.lines.at(index), name.substr(slash + 1)), field.reason});
        } else {
            errors.push_back(
                {row_field(order.lines.front(), name == "lines" ? "order" : name), field.reason});
        }
    }
}

}  // namespace

core::Result<OrderImportReport> import_orders(store::Txn& txn,
                                              const core::Clock& clock,
                                              const platform::Caller& caller,
                                              std::string_view csv,
                                              ImportMode mode) {
    BO_TRY_ASSIGN(const platform::files::CsvTable table, platform::files::read_csv(csv));
    BO_TRY(check_columns(table));
    std::vector<core::FieldError> errors;
    BO_TRY_ASSIGN(std::vector<FileOrder> orders, group_rows(table, errors));
    OrderImportReport report{
        .mode = mode, .rows = static_cast<std::int64_t>(table.records.size()), .orders = {}};
    for (const FileOrder& order : orders) {
        core::Result<EnteredOrder> checked = check_order(txn, clock, caller, order.input);
        if (!checked) {
            if (checked.error().code() != ErrorCode::invalid_argument) {
                return std::move(checked).error();
            }
            file_errors(order, checked.error(), errors);
            continue;
        }
        report.orders.push_back(
            ImportedOrder{.key = order.key,
                          .id = {},
                          .number = {},
                          .lines = static_cast<std::int64_t>(checked->order.lines.size()),
                          .total = checked->order.total});
    }
    if (!errors.empty()) {
        std::string message =
            "sales order import: " + errors.front().field + ": " + errors.front().reason;
        return Error(ErrorCode::invalid_argument, std::move(message), std::move(errors));
    }
    if (mode == ImportMode::check_only) {
        return report;
    }
    for (std::size_t index = 0; index < orders.size(); ++index) {
        BO_TRY_ASSIGN(const EnteredOrder entered,
                      create_order(txn, clock, caller, orders[index].input));
        report.orders[index].id = entered.order.id;
        report.orders[index].number = entered.order.number;
    }
    return report;
}

}  // namespace bo::modules::sales
