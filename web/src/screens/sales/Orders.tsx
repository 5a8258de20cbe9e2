// Sales orders: the reusable list over GET /api/v1/sales-orders — status (on hold included),
// customer and "shippable" filters on the server, in order of entry by the API's cursor.
import "./sales.css";
import { type Page, get, withQuery } from "../../lib/api";
import { formatAmount } from "../../lib/money";
import { type Column, ListView } from "../../components/ListView";
import { NewButton } from "./parts";
import { type OrderStatus, type SalesOrder, orderStatusLabels } from "./model";

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return <span className={`badge ${status}`}>{orderStatusLabels[status] ?? status}</span>;
}

const columns: Column<SalesOrder>[] = [
  { key: "number", label: "Order", render: (o) => o.number, sortValue: (o) => o.id },
  { key: "date", label: "Date", render: (o) => o.order_date, sortValue: (o) => o.order_date },
  { key: "customer", label: "Customer", render: (o) => o.customer, sortValue: (o) => o.customer },
  { key: "status", label: "Status", render: (o) => <OrderStatusBadge status={o.status} />, sortValue: (o) => o.status },
  { key: "reference", label: "Customer reference", render: (o) => o.customer_reference || <span className="muted">—</span>, hiddenByDefault: true },
  { key: "priority", label: "Priority", numeric: true, render: (o) => o.priority, sortValue: (o) => o.priority, hiddenByDefault: true },
  { key: "hold", label: "Hold reason", render: (o) => o.hold_reason || <span className="muted">—</span>, hiddenByDefault: true },
  {
    key: "total",
    label: "Total",
    numeric: true,
    render: (o) => `${formatAmount(o.total, o.currency)} ${o.currency}`,
    sortValue: (o) => BigInt(o.total.replace(".", "")),
  },
];

export function Orders() {
  return (
    <>
      <NewButton to="/sales/orders/new" permission="sales.order">
        New order
      </NewButton>
      <ListView<SalesOrder>
        resource="sales.orders"
        label="Sales orders"
        columns={columns}
        filters={[
          {
            name: "status",
            label: "Status",
            options: [{ value: "", label: "Any" }, ...Object.entries(orderStatusLabels).map(([value, label]) => ({ value, label }))],
          },
          { name: "customer", label: "Customer number", shortcut: true },
          {
            name: "shippable",
            label: "Shippable",
            options: [
              { value: "", label: "Any" },
              { value: "true", label: "With reserved stock to ship" },
            ],
          },
        ]}
        fetchPage={({ cursor, limit, filters }, signal) =>
          get<Page<SalesOrder>>(withQuery("/api/v1/sales-orders", { ...filters, limit: String(limit), cursor }), signal)
        }
        rowKey={(o) => o.id}
        rowHref={(o) => `/sales/orders/${o.id}`}
        searchText={(o) => `${o.number} ${o.customer} ${o.customer_reference} ${o.status}`}
      />
    </>
  );
}
