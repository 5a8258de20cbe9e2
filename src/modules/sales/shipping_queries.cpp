#include "modules/sales/shipping_queries.hpp"

#include <vector>

namespace bo::modules::sales::queries {

using store::Value;

core::Result<bool> lock_order(store::Txn& txn,
                              platform::tenancy::CompanyId company,
                              SalesOrderId order) {
    const std::vector<Value> params{company.value(), order.value()};
    static const store::LockingSelect sql(
        "SELECT id FROM sales_orders WHERE company_id = $1 AND id = $2");
    BO_TRY_ASSIGN(const store::Rows rows, txn.query(sql.sql(txn.backend()), params));
    return rows.size() == 1;
}

core::Result<void> update_line_shipped(store::Txn& txn,
                                       platform::tenancy::CompanyId company,
                                       SalesOrderId order,
                                       const OrderLine& line) {
    const std::vector<Value> params{company.value(),
                                    order.value(),
                                    line.line_number,
                                    line.reserved_milli,
                                    line.shipped_milli};
    BO_TRY(txn.execute("UPDATE sales_order_lines SET reserved_milli = $4, shipped_milli = $5 "
                       "WHERE company_id = $1 AND order_id = $2 AND line_number = $3",
                       params));
    return core::ok();
}

}  // namespace bo::modules::sales::queries
