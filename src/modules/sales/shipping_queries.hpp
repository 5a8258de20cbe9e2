// The SQL of recording shipments on sales orders (bodies in shipping_queries.cpp).
// Thread safety: stateless.
#pragma once

#include <cstdint>

#include "core/result.hpp"
#include "modules/sales/order_model.hpp"
#include "store/database.hpp"

namespace bo::modules::sales::queries {

// Locks the order's row until the transaction ends (a no-op update); answers false when the
// order does not exist in `company`.
[[nodiscard]] core::Result<bool> lock_order(store::Txn& txn,
                                            platform::tenancy::CompanyId company,
                                            SalesOrderId order);

// Sets one line's reserved and shipped quantities.
[[nodiscard]] core::Result<void> update_line_shipped(store::Txn& txn,
                                                     platform::tenancy::CompanyId company,
                                                     SalesOrderId order,
                                                     const OrderLine& line);

}  // namespace bo::modules::sales::queries
