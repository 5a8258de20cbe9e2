// Items: the reusable list over GET /api/v1/items — search (`q`: SKU, description, barcode),
// kind and active filters and sorting by SKU, description or creation on the server.
import "../sales/sales.css";
import { type Page, get, withQuery } from "../../lib/api";
import { formatAmount } from "../../lib/money";
import { type Column, ListView } from "../../components/ListView";
import { NewButton } from "../sales/parts";
import { type Item, formatQuantity } from "./model";

const columns: Column<Item>[] = [
  { key: "sku", label: "SKU", render: (i) => i.sku },
  { key: "description", label: "Description", render: (i) => i.description },
  { key: "unit", label: "Unit", render: (i) => i.unit },
  { key: "kind", label: "Kind", render: (i) => (i.kind === "service" ? "Service" : "Stocked"), sortValue: (i) => i.kind },
  { key: "price", label: "Price", numeric: true, render: (i) => `${formatAmount(i.price, i.currency)} ${i.currency}` },
  { key: "standard_cost", label: "Standard cost", numeric: true, render: (i) => formatAmount(i.standard_cost, i.currency), hiddenByDefault: true },
  { key: "weight", label: "Weight (g)", numeric: true, render: (i) => (i.weight_g ? i.weight_g.toLocaleString("en-US") : "—"), hiddenByDefault: true },
  { key: "reorder_point", label: "Reorder point", numeric: true, render: (i) => formatQuantity(i.reorder_point), hiddenByDefault: true },
  { key: "barcode", label: "Barcode", render: (i) => i.barcode ?? <span className="muted">—</span>, hiddenByDefault: true },
  {
    key: "active",
    label: "Status",
    render: (i) => <span className={`badge ${i.active ? "active" : "inactive"}`}>{i.active ? "Active" : "Inactive"}</span>,
  },
  { key: "created_at", label: "Created", render: (i) => i.created_at.slice(0, 10), hiddenByDefault: true },
];

export function Items() {
  return (
    <>
      <NewButton to="/inventory/items/new" permission="inventory.manage">
        New item
      </NewButton>
      <ListView<Item>
        resource="inventory.items"
        label="Items"
        columns={columns}
        serverSort={["sku", "description", "created_at"]}
        filters={[
          { name: "search", label: "SKU, description or barcode", type: "search", shortcut: true },
          {
            name: "kind",
            label: "Kind",
            options: [
              { value: "", label: "Any" },
              { value: "stocked", label: "Stocked" },
              { value: "service", label: "Service" },
            ],
          },
          {
            name: "active",
            label: "Status",
            options: [
              { value: "", label: "Any" },
              { value: "true", label: "Active" },
              { value: "false", label: "Inactive" },
            ],
          },
        ]}
        fetchPage={({ cursor, limit, filters, sort }, signal) =>
          get<Page<Item>>(
            withQuery("/api/v1/items", { q: filters.search, kind: filters.kind, active: filters.active, sort, limit: String(limit), cursor }),
            signal,
          )
        }
        rowKey={(i) => i.id}
        rowHref={(i) => `/inventory/items/${i.id}`}
        searchText={(i) => `${i.sku} ${i.description} ${i.barcode ?? ""}`}
      />
    </>
  );
}
