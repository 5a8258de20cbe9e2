// The /api/v1 routes of receipts and cash application (docs/receivables.md "Payments and
// cash application"; docs/api/openapi.json describes the bodies), and the JSON of a payment
// that the invoice and customer-account answers reuse.
// Thread safety: call add_payment_routes before serving; the JSON functions are pure.
#pragma once

#include <boost/json/object.hpp>

#include "modules/receivables/payments.hpp"
#include "platform/api/api.hpp"

namespace bo::modules::receivables {

// A receipt as the API answers it (with its allocations and refunds when loaded).
boost::json::object receipt_json(const Receipt& receipt);

// One allocation to an invoice with its receipt's date, method and reference.
boost::json::object invoice_payment_json(const InvoicePayment& payment);

void add_payment_routes(platform::api::Api& api);

}  // namespace bo::modules::receivables
