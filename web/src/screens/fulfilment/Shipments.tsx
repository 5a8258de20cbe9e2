// Shipments: the list (by ship date or order, on the server), one shipment (lines, packages,
// the packing slip PDF, its returns and a new return against it), and "ship now" for an order
// without a pick list (what is reserved and no list holds).
import "../sales/sales.css";
import "./fulfilment.css";
import { type FormEvent, useState } from "react";
import { type Page, get, withQuery } from "../../lib/api";
import { formatInstant } from "../../lib/dates";
import { formatAmount } from "../../lib/money";
import { Link, navigate, useLeaveGuard } from "../../lib/router";
import { useMe } from "../../lib/session";
import { useLoad } from "../../lib/useLoad";
import { type Column, ListView } from "../../components/ListView";
import { Field } from "../../components/Field";
import { FormActions } from "../../components/FormActions";
import { ErrorNote } from "../../components/Status";
import { useSubmit } from "../../components/useSubmit";
import { formatQuantity, parseMilli, formatMilli } from "../inventory/model";
import { FormSummary, WhenLoaded, useRecord, useRecordSteps } from "../sales/parts";
import type { SalesOrder } from "../sales/model";
import { type CustomerReturn, type Shipment, packingSlipUrl } from "./model";
import { WarehouseName } from "./PickLists";
import { ReturnStatusBadge } from "./Returns";
import { ShipForm } from "./ShipForm";

const columns: Column<Shipment>[] = [
  { key: "number", label: "Shipment", render: (s) => s.number, sortValue: (s) => s.id },
  { key: "date", label: "Ship date", render: (s) => s.ship_date, sortValue: (s) => s.ship_date },
  { key: "order", label: "Order", render: (s) => s.order, sortValue: (s) => s.order },
  { key: "carrier", label: "Carrier", render: (s) => [s.carrier, s.service].filter(Boolean).join(" · "), sortValue: (s) => s.carrier },
  { key: "tracking", label: "Tracking number", render: (s) => s.tracking_number || <span className="muted">—</span> },
  { key: "warehouse", label: "Warehouse", render: (s) => <WarehouseName id={s.warehouse_id} />, hiddenByDefault: true },
  { key: "cost", label: "Cost", numeric: true, render: (s) => `${formatAmount(s.cost, s.currency)} ${s.currency}`, hiddenByDefault: true },
];

export function Shipments() {
  return (
    <ListView<Shipment>
      resource="fulfilment.shipments"
      label="Shipments"
      columns={columns}
      filters={[
        { name: "ship_date", label: "Ship date", type: "date" },
        { name: "order", label: "Sales order id" },
      ]}
      fetchPage={({ cursor, limit, filters }, signal) =>
        get<Page<Shipment>>(withQuery("/api/v1/shipments", { ...filters, limit: String(limit), cursor }), signal)
      }
      rowKey={(s) => s.id}
      rowHref={(s) => `/fulfilment/shipments/${s.id}`}
      searchText={(s) => `${s.number} ${s.order} ${s.carrier} ${s.tracking_number}`}
    />
  );
}

export function ShipmentView({ id }: { id: string }) {
  const shipment = useRecord<Shipment>("/api/v1/shipments", id);
  useRecordSteps("/fulfilment/shipments", id);
  return (
    <WhenLoaded loaded={shipment} what="the shipment">
      {(s) => s && <ShipmentPage shipment={s} />}
    </WhenLoaded>
  );
}

function ShipmentPage({ shipment: s }: { shipment: Shipment }) {
  const { can } = useMe();
  const [returning, setReturning] = useState(false);
  const returnable = (s.lines ?? []).some((l) => (parseMilli(l.quantity) ?? 0n) > (parseMilli(l.returned) ?? 0n));
  const totalGrams = (s.packages ?? []).reduce((sum, p) => sum + (p.weight_grams ?? 0), 0);
  return (
    <>
      <div className="page-actions">
        <a className="button" href={packingSlipUrl(s.id)} target="_blank" rel="noopener">
          Packing slip (PDF)
        </a>
      </div>
      <p className="subtitle record-title">
        <strong>{s.number}</strong>
        <span>
          order <Link to={`/sales/orders/${s.order_id}`}>{s.order}</Link>
        </span>
        <span className="badge shipped">Shipped {s.ship_date}</span>
      </p>
      <section className="card" aria-labelledby="shipment-details-title">
        <h2 id="shipment-details-title">Shipment</h2>
        <dl className="facts">
          <div><dt>Ship date</dt><dd>{s.ship_date}</dd></div>
          <div><dt>Warehouse</dt><dd><WarehouseName id={s.warehouse_id} /></dd></div>
          <div><dt>Carrier</dt><dd>{[s.carrier, s.service].filter(Boolean).join(" · ")}</dd></div>
          <div><dt>Tracking number</dt><dd>{s.tracking_number || "—"}</dd></div>
          <div>
            <dt>Pick list</dt>
            <dd>{s.pick_list_id ? <Link to={`/fulfilment/pick-lists/${s.pick_list_id}`}>#{s.pick_list_id}</Link> : "shipped directly"}</dd>
          </div>
          <div><dt>Cost of goods</dt><dd>{formatAmount(s.cost, s.currency)} {s.currency}</dd></div>
          <div><dt>Recorded</dt><dd>{formatInstant(s.created_at)}</dd></div>
        </dl>
      </section>
      <section className="card" aria-labelledby="shipment-lines-title">
        <h2 id="shipment-lines-title">Lines</h2>
        <div className="table-scroll">
          <table className="data" data-testid="shipment-lines">
            <caption className="visually-hidden">Lines of {s.number}</caption>
            <thead>
              <tr>
                <th scope="col">Order line</th>
                <th scope="col">Item</th>
                <th scope="col">Description</th>
                <th scope="col" className="num">Quantity</th>
                <th scope="col" className="num">Returned</th>
                <th scope="col" className="num">Net</th>
                <th scope="col">Invoice</th>
              </tr>
            </thead>
            <tbody>
              {(s.lines ?? []).map((l) => (
                <tr key={l.line_number}>
                  <td>{l.order_line}</td>
                  <td className="sku">{l.item}</td>
                  <td>{l.description}</td>
                  <td className="num">
                    {formatQuantity(l.quantity)} <span className="muted">{l.unit}</span>
                  </td>
                  <td className="num">{formatQuantity(l.returned)}</td>
                  <td className="num">{formatAmount(l.net, s.currency)}</td>
                  <td>
                    {l.invoice_id ? (
                      can("receivables.read") ? <Link to={`/receivables/invoices/${l.invoice_id}`}>#{l.invoice_id}</Link> : `#${l.invoice_id}`
                    ) : (
                      <span className="muted">{l.billable ? "not billed yet" : "not billable"}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-labelledby="packages-title">
        <h2 id="packages-title">Packages</h2>
        <ul className="plain">
          {(s.packages ?? []).map((p) => (
            <li key={p.package_number}>
              Package {p.package_number}: {p.weight_grams ? `${formatMilli(BigInt(p.weight_grams))} kg` : "weight not given"}
              {p.length_mm && p.width_mm && p.height_mm ? ` · ${p.length_mm} × ${p.width_mm} × ${p.height_mm} mm` : ""}
            </li>
          ))}
        </ul>
        {totalGrams > 0 && <p className="muted">Total weight {formatMilli(BigInt(totalGrams))} kg</p>}
      </section>
      <ShipmentReturns shipment={s} />
      {can("returns.manage") && returnable && !returning && (
        <div className="record-actions">
          <button type="button" onClick={() => setReturning(true)}>
            Enter a return…
          </button>
        </div>
      )}
      {returning && <ReturnForm shipment={s} onCancel={() => setReturning(false)} />}
    </>
  );
}

// The returns against this shipment (a shipment has few: the first 100).
function ShipmentReturns({ shipment }: { shipment: Shipment }) {
  const returns = useLoad(
    (signal) => get<Page<CustomerReturn>>(withQuery("/api/v1/returns", { shipment: String(shipment.id), limit: "100" }), signal),
    `returns-of-${shipment.id}`,
  );
  const mine = returns.data?.items ?? [];
  if (mine.length === 0) {
    return null;
  }
  return (
    <section className="card" aria-labelledby="returns-title">
      <h2 id="returns-title">Returns</h2>
      <ul className="plain">
        {mine.map((r) => (
          <li key={r.id}>
            <Link to={`/fulfilment/returns/${r.id}`}>{r.number}</Link> <ReturnStatusBadge status={r.status} />{" "}
            <span className="muted">{r.reason}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ReturnForm({ shipment, onCancel }: { shipment: Shipment; onCancel: () => void }) {
  const lines = (shipment.lines ?? []).filter((l) => (parseMilli(l.quantity) ?? 0n) > (parseMilli(l.returned) ?? 0n));
  const [quantities, setQuantities] = useState<Record<number, string>>({});
  const [reason, setReason] = useState("");
  const { refusal, busy, submit: post } = useSubmit("return");
  const dirty = reason !== "" || Object.values(quantities).some((q) => q.trim() !== "");
  useLeaveGuard(dirty && !busy);
  const chosen = lines.filter((l) => (quantities[l.line_number] ?? "").trim() !== "");
  const aliases = Object.fromEntries(chosen.map((l, index) => [`lines/${index}/quantity`, `return/${l.line_number}`]));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await post<CustomerReturn>(
      "/api/v1/returns",
      {
        shipment: shipment.id,
        reason: reason.trim() || undefined,
        lines: chosen.map((l) => ({ shipment_line: l.line_number, quantity: quantities[l.line_number].trim() })),
      },
      aliases,
    );
    if (created) {
      navigate(`/fulfilment/returns/${created.id}`, { force: true });
    }
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="return-form-title">
      <h2 id="return-form-title">New return</h2>
      <FormSummary summary={refusal?.summary ?? null} errors={refusal?.errors ?? {}} known={new Set(["reason", ...Object.values(aliases)])} />
      <table className="lines">
        <caption className="visually-hidden">Quantities coming back</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col" className="num">Shipped</th>
            <th scope="col" className="num">Returned so far</th>
            <th scope="col" className="num">Coming back</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.line_number}>
              <td>
                <span className="sku">{l.item}</span> {l.description}
              </td>
              <td className="num">{formatQuantity(l.quantity)}</td>
              <td className="num">{formatQuantity(l.returned)}</td>
              <td className="num">
                <Field label={`Quantity returned of ${l.item}`} hideLabel error={refusal?.errors[`return/${l.line_number}`]}>
                  {(p) => (
                    <input
                      {...p}
                      className="short"
                      inputMode="decimal"
                      value={quantities[l.line_number] ?? ""}
                      onChange={(e) => setQuantities({ ...quantities, [l.line_number]: e.target.value })}
                    />
                  )}
                </Field>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Field label="Reason" error={refusal?.errors.reason}>
        {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} size={48} />}
      </Field>
      <FormActions label="Authorise the return" busy={busy} disabled={chosen.length === 0} onCancel={onCancel} />
    </form>
  );
}

// "Ship now": an order's reserved stock that no pick list holds, straight to a shipment.
export function ShipNow() {
  const orderId = new URLSearchParams(window.location.search).get("order") ?? "";
  const order = useRecord<SalesOrder>("/api/v1/sales-orders", orderId || undefined);
  if (!orderId) {
    return <ErrorNote message="Open “Ship now” from a confirmed sales order." />;
  }
  return (
    <WhenLoaded loaded={order} what="the order">
      {(o) =>
        o && (
          <>
            <p className="subtitle record-title">
              <Link to={`/sales/orders/${o.id}`}>{o.number}</Link> {o.customer}
            </p>
            <ShipForm
              order={o.id}
              submitLabel={`Ship ${o.number}`}
              lines={(o.lines ?? [])
                .filter((l) => (parseMilli(l.reserved) ?? 0n) > 0n)
                .map((l) => ({
                  line_number: l.line_number,
                  label: (
                    <>
                      {l.line_number}. <span className="sku">{l.item}</span> <span className="muted">{l.unit}</span>
                    </>
                  ),
                  available: formatQuantity(l.reserved),
                }))}
            />
          </>
        )
      }
    </WhenLoaded>
  );
}
