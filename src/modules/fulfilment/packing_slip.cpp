// The packing slip of a shipment: what goes in the box with the goods (no prices).
#include <string>
#include <utility>
#include <vector>

#include "ledger/reports.hpp"
#include "modules/fulfilment/queries.hpp"
#include "modules/fulfilment/service.hpp"
#include "modules/inventory/operations.hpp"
#include "modules/sales/orders.hpp"
#include "modules/sales/service.hpp"
#include "platform/company/profile.hpp"
#include "platform/documents/pdf.hpp"

namespace bo::modules::fulfilment {
namespace {

using platform::documents::Paragraph;
using platform::documents::TextStyle;
using platform::files::Cell;
using platform::files::Column;
using platform::files::Row;
using platform::files::Table;

// The customer's default shipping address, else its first shipping address, else its default
// billing address, else none.
std::optional<sales::Address> ship_to(const sales::Customer& customer) {
    const sales::Address* best = nullptr;
    int best_rank = 0;
    for (const sales::Address& address : customer.addresses) {
        const bool shipping = address.kind == sales::AddressKind::shipping;
        const int rank = (shipping ? 2 : 0) + (address.is_default ? 1 : 0);
        if (best == nullptr || rank > best_rank) {
            best = &address;
            best_rank = rank;
        }
    }
    return best == nullptr ? std::nullopt : std::optional(*best);
}

std::vector<std::string> address_lines(const sales::Customer& customer) {
    std::vector<std::string> lines{customer.name};
    const std::optional<sales::Address> address = ship_to(customer);
    if (!address) {
        lines.push_back(customer.city + (customer.country.empty() ? "" : " " + customer.country));
        return lines;
    }
    for (const std::string* part : {&address->name, &address->line1, &address->line2}) {
        if (!part->empty()) {
            lines.push_back(*part);
        }
    }
    std::string city = address->postal_code;
    city += (city.empty() || address->city.empty() ? "" : " ") + address->city;
    if (!address->region.empty()) {
        city += (city.empty() ? "" : ", ") + address->region;
    }
    lines.push_back(city);
    lines.push_back(address->country);
    return lines;
}

std::string weight_text(std::int64_t grams) {
    constexpr int grams_per_kg_exponent = 3;
    return platform::files::grouped_decimal_text(grams, grams_per_kg_exponent) + " kg";
}

// Relative column widths: descriptions and dimensions get the room.
constexpr unsigned wide_column = 7;
constexpr unsigned dimensions_column = 6;

Table lines_table(const Shipment& shipment) {
    Table table{.columns = {Column{"#", Cell::Kind::text, 1},
                            Column{"SKU", Cell::Kind::text, 3},
                            Column{"Description", Cell::Kind::text, wide_column},
                            Column{"Order line", Cell::Kind::text, 2},
                            Column{"Quantity", Cell::Kind::text, 2},
                            Column{"Unit", Cell::Kind::text, 1}},
                .rows = {},
                .indent_column = 0};
    for (const ShipmentLine& line : shipment.lines) {
        table.rows.push_back(
            Row{.cells = {Cell::of_text(std::to_string(line.line_number)),
                          Cell::of_text(line.sku),
                          Cell::of_text(line.description),
                          Cell::of_text(std::to_string(line.order_line_number)),
                          Cell::of_text(inventory::format_quantity({line.quantity_milli})),
                          Cell::of_text(line.unit)},
                .style = platform::files::RowStyle::normal,
                .indent = 0});
    }
    return table;
}

Table packages_table(const Shipment& shipment) {
    Table table{.columns = {Column{"Package", Cell::Kind::text, 2},
                            Column{"Weight", Cell::Kind::text, 3},
                            Column{"Dimensions (L x W x H, mm)", Cell::Kind::text, dimensions_column}},
                .rows = {},
                .indent_column = 0};
    std::int64_t total_grams = 0;
    for (const Package& package : shipment.packages) {
        std::string dimensions;
        if (package.length_mm && package.width_mm && package.height_mm) {
            dimensions = std::to_string(*package.length_mm) + " x "
                         + std::to_string(*package.width_mm) + " x "
                         + std::to_string(*package.height_mm);
        }
        total_grams += package.weight_grams.value_or(0);
        table.rows.push_back(Row{
            .cells = {Cell::of_text(std::to_string(package.package_number) + " of "
                                    + std::to_string(shipment.packages.size())),
                      Cell::of_text(package.weight_grams ? weight_text(*package.weight_grams) : ""),
                      Cell::of_text(dimensions)},
            .style = platform::files::RowStyle::normal,
            .indent = 0});
    }
    table.rows.push_back(Row{.cells = {Cell::of_text("Total"),
                                       Cell::of_text(weight_text(total_grams)),
                                       Cell::of_text("")},
                             .style = platform::files::RowStyle::total,
                             .indent = 0});
    return table;
}

}  // namespace

core::Result<std::string> packing_slip_pdf(store::Txn& txn, CompanyId company, ShipmentId id) {
    BO_TRY_ASSIGN(const std::optional<Shipment> shipment,
                  queries::select_shipment(txn, company, id));
    if (!shipment) {
        return core::Error(core::ErrorCode::not_found, "no such shipment");
    }
    BO_TRY_ASSIGN(const std::optional<sales::SalesOrder> order,
                  sales::find_order(txn, company, shipment->order));
    BO_ASSERT(order.has_value());
    BO_TRY_ASSIGN(const std::optional<sales::Customer> customer,
                  sales::get_customer(txn, company, order->customer));
    BO_ASSERT(customer.has_value());
    BO_TRY_ASSIGN(const std::string company_name, ledger::company_name(txn, company));
    BO_TRY_ASSIGN(const std::optional<inventory::Warehouse> warehouse,
                  inventory::find_warehouse(txn, company, shipment->warehouse));
    BO_TRY_ASSIGN(std::vector<std::string> header, platform::company::letterhead(txn, company));
    header.push_back("Order " + order->number + "    Customer " + customer->number
                     + (order->customer_reference.empty()
                            ? std::string()
                            : "    Your reference " + order->customer_reference));
    header.push_back("Ship date " + shipment->ship_date.to_string() + "    From "
                     + (warehouse ? warehouse->name : std::string()));
    platform::documents::Document document{
        .title = "Packing slip " + shipment->number,
        .header_lines = std::move(header),
        .footer = company_name + " \xE2\x80\x94 packing slip " + shipment->number,
        .orientation = platform::documents::Orientation::portrait,
        .blocks = {}};
    document.blocks.emplace_back(Paragraph{"Ship to", TextStyle::heading});
    for (std::string& line : address_lines(*customer)) {
        if (!line.empty()) {
            document.blocks.emplace_back(Paragraph{std::move(line), TextStyle::body});
        }
    }
    document.blocks.emplace_back(Paragraph{"Carrier", TextStyle::heading});
    std::string carrier = shipment->carrier;
    if (!shipment->service.empty()) {
        carrier += ", " + shipment->service;
    }
    document.blocks.emplace_back(Paragraph{carrier, TextStyle::body});
    if (!shipment->tracking_number.empty()) {
        document.blocks.emplace_back(
            Paragraph{"Tracking number " + shipment->tracking_number, TextStyle::body});
    }
    document.blocks.emplace_back(Paragraph{"Contents", TextStyle::heading});
    document.blocks.emplace_back(lines_table(*shipment));
    document.blocks.emplace_back(Paragraph{"Packages", TextStyle::heading});
    document.blocks.emplace_back(packages_table(*shipment));
    return platform::documents::render_pdf(document);
}

}  // namespace bo::modules::fulfilment
