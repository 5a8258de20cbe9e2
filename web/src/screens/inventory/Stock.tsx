// Stock levels (GET /api/v1/stock: by item, then warehouse and bin; filters by item, warehouse
// and "below reorder point" on the server) and the reorder report (GET
// /api/v1/stock/reorder-report: below the reorder point, with the suggested quantity).
import "../sales/sales.css";
import { type Page, get, withQuery } from "../../lib/api";
import { formatAmount } from "../../lib/money";
import { Link, navigate, useLocation, useSearchParams } from "../../lib/router";
import { useMe } from "../../lib/session";
import { useLoad } from "../../lib/useLoad";
import { type Column, ListView } from "../../components/ListView";
import { ErrorNote, Loading } from "../../components/Status";
import { type ReorderLine, type StockRow, type Warehouse, formatQuantity, loadWarehouses, parseMilli } from "./model";

function quantityColumn(key: keyof StockRow & string, label: string, hiddenByDefault = false): Column<StockRow> {
  return {
    key,
    label,
    numeric: true,
    hiddenByDefault,
    render: (row) => formatQuantity(String(row[key])),
    sortValue: (row) => parseMilli(String(row[key])) ?? 0n,
  };
}

function warehouseOptions(warehouses: Warehouse[] | null) {
  return [{ value: "", label: "All" }, ...(warehouses ?? []).map((w) => ({ value: w.code, label: `${w.code} — ${w.name}` }))];
}

function StockActions() {
  const { can } = useMe();
  if (!can("inventory.manage")) {
    return null;
  }
  return (
    <div className="page-actions">
      <Link className="button" to="/inventory/adjustments/new">
        New adjustment
      </Link>
      <Link className="button primary" to="/inventory/receipts/new" data-shortcut="new">
        New receipt
      </Link>
    </div>
  );
}

export function StockLevels() {
  const warehouses = useLoad(() => loadWarehouses(), "warehouses");
  const byId = new Map((warehouses.data ?? []).map((w) => [w.id, w]));
  const columns: Column<StockRow>[] = [
    { key: "sku", label: "SKU", render: (r) => r.sku, sortValue: (r) => r.sku },
    { key: "warehouse", label: "Warehouse", render: (r) => byId.get(r.warehouse_id)?.code ?? `#${r.warehouse_id}` },
    { key: "bin", label: "Bin", render: (r) => r.bin ?? <span className="muted">—</span> },
    quantityColumn("on_hand", "On hand"),
    quantityColumn("reserved", "Reserved"),
    quantityColumn("available", "Available"),
    quantityColumn("on_order", "On order"),
    quantityColumn("backordered", "Backordered"),
    quantityColumn("reorder_point", "Reorder point", true),
    { key: "unit", label: "Unit", render: (r) => r.unit },
    { key: "average_cost", label: "Average cost", numeric: true, hiddenByDefault: true, render: (r) => formatAmount(r.average_cost, r.currency) },
    { key: "value", label: "Value", numeric: true, render: (r) => `${formatAmount(r.value, r.currency)} ${r.currency}` },
  ];
  return (
    <>
      <StockActions />
      <ListView<StockRow>
        resource="inventory.stock"
        label="Stock levels"
        columns={columns}
        filters={[
          { name: "item", label: "Item SKU", shortcut: true },
          { name: "warehouse", label: "Warehouse", options: warehouseOptions(warehouses.data) },
          {
            name: "below_reorder",
            label: "Reorder",
            options: [
              { value: "", label: "All rows" },
              { value: "true", label: "Below reorder point" },
            ],
          },
        ]}
        fetchPage={({ cursor, limit, filters }, signal) =>
          get<Page<StockRow>>(withQuery("/api/v1/stock", { ...filters, limit: String(limit), cursor }), signal)
        }
        rowKey={(r) => `${r.item_id}-${r.warehouse_id}-${r.bin ?? ""}`}
        rowHref={(r) => `/inventory/items/${r.item_id}`}
        searchText={(r) => `${r.sku} ${r.bin ?? ""} ${byId.get(r.warehouse_id)?.code ?? ""}`}
      />
    </>
  );
}

export function ReorderReport() {
  const { path } = useLocation();
  const params = useSearchParams();
  const warehouse = params.get("warehouse") ?? "";
  const warehouses = useLoad(() => loadWarehouses(), "warehouses");
  const report = useLoad(
    (signal) => get<{ items: ReorderLine[] }>(withQuery("/api/v1/stock/reorder-report", { warehouse }), signal),
    `reorder-${warehouse}`,
  );
  return (
    <>
      <StockActions />
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          <span>Warehouse</span>
          <select
            data-shortcut="search"
            value={warehouse}
            onChange={(event) => navigate(event.target.value ? `${path}?warehouse=${encodeURIComponent(event.target.value)}` : path, { replace: true })}
          >
            {warehouseOptions(warehouses.data).map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      </form>
      {report.error && <ErrorNote message={report.error} onRetry={report.reload} />}
      {report.loading && !report.data && <Loading what="the reorder report" />}
      {report.data && report.data.items.length === 0 && (
        <p className="empty">No item is below its reorder point{warehouse ? ` in ${warehouse}` : ""}.</p>
      )}
      {report.data && report.data.items.length > 0 && (
        <div className="table-scroll">
          <table className="data">
            <caption>
              Items whose position (on hand − reserved + on order − backordered) is below their reorder point, with the quantity to order
            </caption>
            <thead>
              <tr>
                <th scope="col">SKU</th>
                <th scope="col">Description</th>
                <th scope="col" className="num">On hand</th>
                <th scope="col" className="num">Reserved</th>
                <th scope="col" className="num">On order</th>
                <th scope="col" className="num">Backordered</th>
                <th scope="col" className="num">Position</th>
                <th scope="col" className="num">Reorder point</th>
                <th scope="col" className="num">Suggested</th>
                <th scope="col">Unit</th>
              </tr>
            </thead>
            <tbody>
              {report.data.items.map((line) => (
                <tr key={line.item_id}>
                  <td className="sku">
                    <Link to={`/inventory/items/${line.item_id}`}>{line.sku}</Link>
                  </td>
                  <td>{line.description}</td>
                  <td className="num">{formatQuantity(line.on_hand)}</td>
                  <td className="num">{formatQuantity(line.reserved)}</td>
                  <td className="num">{formatQuantity(line.on_order)}</td>
                  <td className="num">{formatQuantity(line.backordered)}</td>
                  <td className="num">{formatQuantity(line.position)}</td>
                  <td className="num">{formatQuantity(line.reorder_point)}</td>
                  <td className="num strong" title={`basis: ${line.basis.replace(/_/g, " ")}`}>
                    {formatQuantity(line.suggested)}
                  </td>
                  <td>{line.unit}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
