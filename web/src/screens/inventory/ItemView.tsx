// One item: its details, its stock per warehouse and bin (on hand, reserved, available, on
// order, backordered; totals) and its movement history, oldest first by the API's cursor.
import "../sales/sales.css";
import { useState } from "react";
import { type Page, get, withQuery } from "../../lib/api";
import { formatAmount } from "../../lib/money";
import { Link } from "../../lib/router";
import { useMe } from "../../lib/session";
import { useLoad } from "../../lib/useLoad";
import { ErrorNote, Loading } from "../../components/Status";
import { useRecordSteps } from "../sales/parts";
import { type Item, type Movement, type StockRow, type Warehouse, formatMilli, formatQuantity, loadWarehouses, movementLabels, parseMilli } from "./model";

export function ItemView({ id }: { id: string }) {
  const { can } = useMe();
  const item = useLoad((signal) => get<Item>(`/api/v1/items/${encodeURIComponent(id)}`, signal), `item-${id}`);
  useRecordSteps("/inventory/items", id);
  if (item.error) {
    return <ErrorNote message={item.error} onRetry={item.reload} />;
  }
  if (!item.data) {
    return <Loading what="the item" />;
  }
  const i = item.data;
  return (
    <>
      <div className="page-actions">
        {can("inventory.manage") && i.kind === "stocked" && (
          <>
            <Link className="button" to={`/inventory/receipts/new?item=${encodeURIComponent(i.sku)}`}>
              Receive stock
            </Link>
            <Link className="button" to={`/inventory/adjustments/new?item=${encodeURIComponent(i.sku)}`}>
              Adjust stock
            </Link>
          </>
        )}
        {can("inventory.manage") && (
          <Link className="button primary" to={`/inventory/items/${i.id}/edit`}>
            Edit
          </Link>
        )}
      </div>
      <p className="subtitle record-title">
        <strong>{i.sku}</strong> {i.description}
        <span className={`badge ${i.active ? "active" : "inactive"}`}>{i.active ? "Active" : "Inactive"}</span>
      </p>
      <section className="card" aria-labelledby="item-details-title">
        <h2 id="item-details-title">Details</h2>
        <dl className="facts">
          <div><dt>Unit</dt><dd>{i.unit}</dd></div>
          <div><dt>Kind</dt><dd>{i.kind === "service" ? "Service (not stocked)" : "Stocked"}</dd></div>
          <div><dt>Price</dt><dd>{formatAmount(i.price, i.currency)} {i.currency}</dd></div>
          <div><dt>Standard cost</dt><dd>{formatAmount(i.standard_cost, i.currency)} {i.currency}</dd></div>
          <div><dt>Weight</dt><dd>{i.weight_g ? `${i.weight_g.toLocaleString("en-US")} g` : "—"}</dd></div>
          <div><dt>Reorder point</dt><dd>{formatQuantity(i.reorder_point)} {i.unit}</dd></div>
          <div><dt>Reorder quantity</dt><dd>{formatQuantity(i.reorder_quantity)} {i.unit}</dd></div>
          <div><dt>Barcode</dt><dd>{i.barcode ?? "—"}</dd></div>
        </dl>
      </section>
      {i.kind === "stocked" ? (
        <>
          <ItemStock item={i} />
          <ItemMovements item={i} />
        </>
      ) : (
        <p className="muted">A service item keeps no stock.</p>
      )}
    </>
  );
}

const figures = ["on_hand", "reserved", "available", "on_order", "backordered"] as const;
const figureLabels: Record<(typeof figures)[number], string> = {
  on_hand: "On hand",
  reserved: "Reserved",
  available: "Available",
  on_order: "On order",
  backordered: "Backordered",
};

function warehouseName(warehouses: Warehouse[] | null, id: number): string {
  const found = warehouses?.find((w) => w.id === id);
  return found ? `${found.code} — ${found.name}` : `#${id}`;
}

function ItemStock({ item }: { item: Item }) {
  const stock = useLoad((signal) => get<Page<StockRow>>(withQuery("/api/v1/stock", { item: item.sku, limit: "200" }), signal), `stock-${item.sku}`);
  const warehouses = useLoad(() => loadWarehouses(), "warehouses");
  const rows = stock.data?.items ?? [];
  const totals = figures.map((figure) => rows.reduce((sum, row) => sum + (parseMilli(row[figure]) ?? 0n), 0n));
  return (
    <section className="card" aria-labelledby="item-stock-title">
      <h2 id="item-stock-title">Stock by warehouse</h2>
      {stock.error && <ErrorNote message={stock.error} onRetry={stock.reload} />}
      {stock.loading && !stock.data && <Loading what="stock" />}
      {stock.data && rows.length === 0 && <p className="muted">No stock of this item in any warehouse yet.</p>}
      {rows.length > 0 && (
        <div className="table-scroll">
          <table className="data" data-testid="item-stock">
            <caption className="visually-hidden">Stock of {item.sku} by warehouse and bin</caption>
            <thead>
              <tr>
                <th scope="col">Warehouse</th>
                <th scope="col">Bin</th>
                {figures.map((figure) => (
                  <th key={figure} scope="col" className="num">
                    {figureLabels[figure]}
                  </th>
                ))}
                <th scope="col" className="num">Average cost</th>
                <th scope="col" className="num">Value</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={`${row.warehouse_id}-${row.bin ?? ""}`}>
                  <td>{warehouseName(warehouses.data, row.warehouse_id)}</td>
                  <td>{row.bin ?? <span className="muted">—</span>}</td>
                  {figures.map((figure) => (
                    <td key={figure} className={`num${figure === "backordered" && parseMilli(row[figure]) ? " warn" : ""}`}>
                      {formatQuantity(row[figure])}
                    </td>
                  ))}
                  <td className="num">{formatAmount(row.average_cost, row.currency)}</td>
                  <td className="num">
                    {formatAmount(row.value, row.currency)} {row.currency}
                  </td>
                </tr>
              ))}
            </tbody>
            {rows.length > 1 && (
              <tfoot>
                <tr>
                  <th scope="row" colSpan={2}>
                    All warehouses
                  </th>
                  {totals.map((total, index) => (
                    <td key={figures[index]} className="num">
                      {formatMilli(total)}
                    </td>
                  ))}
                  <td />
                  <td />
                </tr>
              </tfoot>
            )}
          </table>
        </div>
      )}
    </section>
  );
}

function ItemMovements({ item }: { item: Item }) {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const movements = useLoad(
    (signal) => get<Page<Movement>>(withQuery("/api/v1/stock/movements", { item: item.sku, limit: "50", cursor }), signal),
    `movements-${item.sku}-${cursor ?? ""}`,
  );
  const warehouses = useLoad(() => loadWarehouses(), "warehouses");
  const rows = movements.data?.items ?? [];
  return (
    <section className="card" aria-labelledby="item-movements-title">
      <h2 id="item-movements-title">Movements</h2>
      {movements.error && <ErrorNote message={movements.error} onRetry={movements.reload} />}
      {movements.loading && !movements.data && <Loading what="movements" />}
      {movements.data && rows.length === 0 && <p className="muted">No movements yet.</p>}
      {rows.length > 0 && (
        <div className="table-scroll">
          <table className="data" data-testid="item-movements">
            <caption className="visually-hidden">Movements of {item.sku}, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Type</th>
                <th scope="col">Warehouse</th>
                <th scope="col" className="num">Quantity</th>
                <th scope="col" className="num">Value</th>
                <th scope="col">Reason</th>
                <th scope="col">Source</th>
                <th scope="col">Journal entry</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.id}>
                  <td>{m.date}</td>
                  <td>{movementLabels[m.type] ?? m.type}</td>
                  <td>{warehouseName(warehouses.data, m.warehouse_id)}</td>
                  <td className="num">{formatQuantity(m.quantity)}</td>
                  <td className="num">
                    {formatAmount(m.value, m.currency)} {m.currency}
                  </td>
                  <td>{m.reason ?? <span className="muted">—</span>}</td>
                  <td>
                    {m.source.type.replace(/_/g, " ")} {m.source.id}
                  </td>
                  <td>{m.entry_id ? <EntryLink id={m.entry_id} /> : <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(cursors.length > 1 || movements.data?.next_cursor) && (
        <nav className="pager" aria-label="Movement pages">
          <button type="button" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
            ← Earlier
          </button>
          <span>Page {cursors.length}</span>
          <button type="button" disabled={!movements.data?.next_cursor} onClick={() => setCursors([...cursors, movements.data?.next_cursor])}>
            Later →
          </button>
        </nav>
      )}
    </section>
  );
}

// The posting of a movement: a link for those who may read the ledger, its number otherwise.
function EntryLink({ id }: { id: number }) {
  const { can } = useMe();
  return can("ledger.read") ? <Link to={`/ledger/journal/${id}`}>entry {id}</Link> : <span>entry {id}</span>;
}
