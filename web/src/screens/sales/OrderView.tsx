// One sales order: header, lines with price, discount, tax, net, what is reserved and
// backordered (and, while it is open, what is available now and the date the rest can ship),
// totals, the actions its status and the user's permissions allow (edit, confirm, release the
// credit hold, cancel) and its status history.
import "./sales.css";
import { type FormEvent, useState } from "react";
import { ApiError, get, messageOf, request } from "../../lib/api";
import { formatInstant } from "../../lib/dates";
import { formatAmount } from "../../lib/money";
import { Link } from "../../lib/router";
import { useMe } from "../../lib/session";
import { useLoad } from "../../lib/useLoad";
import { Field } from "../../components/Field";
import { ErrorNote } from "../../components/Status";
import { formatQuantity, loadWarehouses, parseMilli } from "../inventory/model";
import { FulfilmentLinks } from "../fulfilment/OrderLinks";
import { OrderStatusBadge } from "./Orders";
import { WhenLoaded, useRecord, useRecordSteps } from "./parts";
import { type OrderEvent, type SalesOrder, orderStatusLabels } from "./model";

const editable = ["quotation", "entered", "on_hold", "confirmed"];

export function OrderView({ id }: { id: string }) {
  const order = useRecord<SalesOrder>("/api/v1/sales-orders", id);
  useRecordSteps("/sales/orders", id);
  return (
    <WhenLoaded loaded={order} what="the order">
      {(o) => o && <OrderPage order={o} reload={order.reload} />}
    </WhenLoaded>
  );
}

function OrderPage({ order: o, reload }: { order: SalesOrder; reload: () => void }) {
  const { can } = useMe();
  const warehouses = useLoad(() => loadWarehouses(), "warehouses");
  const warehouse = warehouses.data?.find((w) => w.id === o.warehouse_id);
  const availability = new Map((o.availability ?? []).map((a) => [a.line_number, a]));
  const open = o.status === "entered" || o.status === "quotation" || o.status === "on_hold";
  const backordered = (o.lines ?? []).filter((l) => (parseMilli(l.backordered) ?? 0n) > 0n);
  return (
    <>
      <div className="page-actions">
        {can("sales.order") && editable.includes(o.status) && (
          <Link className="button" to={`/sales/orders/${o.id}/edit`}>
            Change
          </Link>
        )}
        <FulfilmentLinks order={o} />
      </div>
      <p className="subtitle record-title">
        <strong>{o.number}</strong>
        <Link to={`/sales/customers/${o.customer_id}`}>{o.customer}</Link>
        <OrderStatusBadge status={o.status} />
        {o.fully_reserved && <span className="badge ok">Fully reserved</span>}
      </p>
      {o.status === "on_hold" && (
        <div className="hold-note" role="note">
          <strong>Credit hold:</strong> {o.hold_reason || "no reason given"}. A manager releases it.
        </div>
      )}
      {backordered.length > 0 && (
        <div className="hold-note" role="note" data-testid="backorder-note">
          <strong>Backordered:</strong>{" "}
          {backordered.map((l) => `line ${l.line_number}: ${formatQuantity(l.backordered)} ${l.unit} of ${l.item}`).join("; ")}. Allocated
          automatically when stock arrives.
        </div>
      )}
      <OrderActions order={o} onChanged={reload} />
      <section className="card" aria-labelledby="order-details-title">
        <h2 id="order-details-title">Order</h2>
        <dl className="facts">
          <div><dt>Date</dt><dd>{o.order_date}</dd></div>
          <div><dt>Warehouse</dt><dd>{warehouse ? `${warehouse.code} — ${warehouse.name}` : `#${o.warehouse_id}`}</dd></div>
          <div><dt>Customer reference</dt><dd>{o.customer_reference || "—"}</dd></div>
          <div><dt>Priority</dt><dd>{o.priority}</dd></div>
          <div><dt>Net</dt><dd>{formatAmount(o.net, o.currency)} {o.currency}</dd></div>
          <div><dt>Tax</dt><dd>{formatAmount(o.tax, o.currency)} {o.currency}</dd></div>
          <div><dt>Total</dt><dd>{formatAmount(o.total, o.currency)} {o.currency}</dd></div>
        </dl>
      </section>
      <section className="card" aria-labelledby="order-lines-title">
        <h2 id="order-lines-title">Lines</h2>
        <div className="table-scroll">
          <table className="data" data-testid="order-lines">
            <caption className="visually-hidden">Lines of {o.number}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Item</th>
                <th scope="col" className="num">Quantity</th>
                <th scope="col" className="num">Unit price</th>
                <th scope="col" className="num">Discount</th>
                <th scope="col" className="num">Tax</th>
                <th scope="col" className="num">Net</th>
                <th scope="col" className="num">Reserved</th>
                <th scope="col" className="num">Backordered</th>
                <th scope="col" className="num">Shipped</th>
                {open && <th scope="col">Availability</th>}
              </tr>
            </thead>
            <tbody>
              {(o.lines ?? []).map((l) => {
                const a = availability.get(l.line_number);
                const short = a && (parseMilli(a.short) ?? 0n) > 0n;
                return (
                  <tr key={l.line_number} data-line={l.line_number}>
                    <td>{l.line_number}</td>
                    <td className="sku">
                      <Link to={`/inventory/items/${l.item_id}`}>{l.item}</Link>
                    </td>
                    <td className="num">
                      {formatQuantity(l.quantity)} {l.unit}
                    </td>
                    <td className="num" title={`price from ${l.price_source.replace("_", " ")}`}>
                      {formatAmount(l.unit_price, o.currency)}
                      {l.price_source === "override" && <span className="hint"> (override)</span>}
                    </td>
                    <td className="num">{l.discount_percent === "0" ? "—" : `${l.discount_percent} %`}</td>
                    <td className="num">
                      {formatAmount(l.tax, o.currency)}
                      {l.tax_percent !== "0" && <span className="hint"> ({l.tax_percent} %)</span>}
                    </td>
                    <td className="num">{formatAmount(l.net, o.currency)}</td>
                    <td className="num">{formatQuantity(l.reserved)}</td>
                    <td className={`num${(parseMilli(l.backordered) ?? 0n) > 0n ? " warn" : ""}`} data-backordered>
                      {formatQuantity(l.backordered)}
                    </td>
                    <td className="num">{formatQuantity(l.shipped)}</td>
                    {open && (
                      <td className={short ? "warn" : undefined} data-availability>
                        {!a ? "—" : short ? `${formatQuantity(a.available)} now, short ${formatQuantity(a.short)}: ${a.ship_from ? `rest from ${a.ship_from}` : "no receipt planned"}` : "all available"}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={6}>
                  Total {o.currency}
                </th>
                <td className="num">{formatAmount(o.net, o.currency)}</td>
                <td colSpan={open ? 4 : 3} className="muted">
                  + tax {formatAmount(o.tax, o.currency)} = <strong>{formatAmount(o.total, o.currency)}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>
      <OrderHistory order={o} />
    </>
  );
}

function OrderActions({ order, onChanged }: { order: SalesOrder; onChanged: () => void }) {
  const { can } = useMe();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState("");
  const [override, setOverride] = useState("");
  // Segregation of duties refused the release to who entered the order: an override may follow.
  const [askOverride, setAskOverride] = useState(false);

  const act = async (action: "confirm" | "release" | "cancel", body: object, done: string) => {
    setBusy(true);
    setMessage(null);
    try {
      const changed = await request<SalesOrder>("POST", `/api/v1/sales-orders/${order.id}/${action}`, { body });
      setFailed(false);
      setMessage(changed.status === "on_hold" ? `Put on credit hold: ${changed.hold_reason}` : done);
      setCancelling(false);
      onChanged();
    } catch (error) {
      setFailed(true);
      setMessage(messageOf(error));
      setAskOverride(action === "release" && error instanceof ApiError && error.status === 403 && can("access.sod_override"));
    } finally {
      setBusy(false);
    }
  };
  const cancel = (event: FormEvent) => {
    event.preventDefault();
    void act("cancel", reason.trim() ? { reason: reason.trim() } : {}, "The order is cancelled; its reservations are given back.");
  };
  const mayConfirm = can("sales.order") && (order.status === "entered" || order.status === "quotation");
  const mayRelease = can("sales.release") && order.status === "on_hold";
  const mayCancel = can("sales.order") && editable.includes(order.status);
  if (!mayConfirm && !mayRelease && !mayCancel) {
    return null;
  }
  return (
    <div className="record-actions">
      {mayConfirm && (
        <button type="button" className="primary" disabled={busy} onClick={() => void act("confirm", {}, "Confirmed: stock is reserved; what is short is backordered.")}>
          Confirm order
        </button>
      )}
      {mayRelease && (
        <>
          {askOverride && (
            <Field label="Reason to override segregation of duties">
              {(p) => <input {...p} value={override} onChange={(e) => setOverride(e.target.value)} maxLength={500} />}
            </Field>
          )}
          <button type="button" className="primary" disabled={busy}
            onClick={() => void act("release", override.trim() ? { override_reason: override.trim() } : {}, "Released from credit hold and confirmed.")}>
            Release hold
          </button>
        </>
      )}
      {mayCancel && !cancelling && (
        <button type="button" disabled={busy} onClick={() => setCancelling(true)}>
          Cancel order…
        </button>
      )}
      {cancelling && (
        <form className="inline-form" onSubmit={cancel} noValidate>
          <Field label="Reason for cancelling">
            {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} autoFocus size={32} />}
          </Field>
          <button type="submit" disabled={busy}>
            Cancel the order
          </button>
          <button type="button" onClick={() => setCancelling(false)}>
            Keep it
          </button>
        </form>
      )}
      {message && (
        <span role={failed ? "alert" : "status"} className={failed ? "field-error" : "muted"}>
          {message}
        </span>
      )}
    </div>
  );
}

function OrderHistory({ order }: { order: SalesOrder }) {
  const history = useLoad(
    (signal) => get<{ items: OrderEvent[] }>(`/api/v1/sales-orders/${order.id}/history`, signal),
    `order-history-${order.id}-${order.updated_at}-${order.status}`,
  );
  const { me } = useMe();
  const label = (status: string) => orderStatusLabels[status as keyof typeof orderStatusLabels] ?? status;
  return (
    <section className="card" aria-labelledby="order-history-title">
      <h2 id="order-history-title">History</h2>
      {history.error && <ErrorNote message={history.error} onRetry={history.reload} />}
      {history.data && (
        <ol className="history">
          {history.data.items.map((event) => (
            <li key={event.seq}>
              <span className="muted">{formatInstant(event.at)}</span> <strong>{event.event}</strong>
              {event.from_status !== event.to_status && ` (${label(event.from_status)} → ${label(event.to_status)})`}
              {event.user_id !== null && <span className="muted"> · {event.user_id === me.user.id ? "you" : `user #${event.user_id}`}</span>}
              {event.detail && <div>{event.detail}</div>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
