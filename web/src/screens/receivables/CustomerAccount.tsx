// A customer's account on one page: balance and overdue, open items, every issued document
// (invoices, credit notes, write-offs), its orders and their shipments, and how it is billed.
// Payments: unapplied cash and the receipts (receipts/CustomerPayments.tsx).
import "../sales/sales.css";
import "./receivables.css";
import { useState } from "react";
import { type Page, get, messageOf, request, withQuery } from "../../lib/api";
import { today } from "../../lib/dates";
import { formatAmount, isZero } from "../../lib/money";
import { Link, useSearchParams } from "../../lib/router";
import { useMe } from "../../lib/session";
import { useLoad } from "../../lib/useLoad";
import { ErrorNote, Loading } from "../../components/Status";
import { OrderStatusBadge } from "../sales/Orders";
import type { SalesOrder } from "../sales/model";
import type { Shipment } from "../fulfilment/model";
import { DocumentStatusBadge } from "./Invoices";
import { CustomerPayments } from "./receipts/CustomerPayments";
import { type ArDocument, type CustomerAccount as Account, documentHref, documentLabel, kindLabels, pdfHref } from "./model";

const ordersShown = 20;

interface History {
  orders: Page<SalesOrder>;
  shipments: Shipment[];
}

// The customer's latest orders and their shipments (one request per order; 20 orders at most).
async function loadHistory(customer: string, signal: AbortSignal): Promise<History> {
  const orders = await get<Page<SalesOrder>>(withQuery("/api/v1/sales-orders", { customer, limit: String(ordersShown) }), signal);
  const pages = await Promise.all(
    orders.items.filter((o) => o.status === "partly_shipped" || o.status === "shipped").map((o) => get<Page<Shipment>>(withQuery("/api/v1/shipments", { order: String(o.id), limit: "100" }), signal)),
  );
  return { orders, shipments: pages.flatMap((p) => p.items).sort((a, b) => b.id - a.id) };
}

export function CustomerAccount({ id }: { id: string }) {
  const params = useSearchParams();
  const asOf = params.get("as_of") || today();
  const account = useLoad((signal) => get<Account>(withQuery(`/api/v1/customers/${encodeURIComponent(id)}/account`, { as_of: asOf }), signal), `account-${id}-${asOf}`);
  if (account.error) {
    return <ErrorNote message={account.error} onRetry={account.reload} />;
  }
  if (!account.data) {
    return <Loading what="the account" />;
  }
  const a = account.data;
  const money = (text: string) => `${formatAmount(text, a.currency)} ${a.currency}`;
  return (
    <>
      <p className="subtitle record-title">
        <strong>{a.customer}</strong>
        <Link to={`/sales/customers/${a.customer_id}`}>{a.name}</Link>
        <span className="muted">as of {asOf}</span>
      </p>
      <div className="cards">
        <section className="card" aria-labelledby="balance-title">
          <h2 id="balance-title">Balance</h2>
          <p className="big-figure" data-testid="account-balance">{money(a.balance)}</p>
          <p className={isZero(a.overdue) ? "muted" : "overdue-figure"}>{isZero(a.overdue) ? "Nothing overdue." : `Overdue: ${money(a.overdue)}`}</p>
        </section>
        <BillingMode account={a} onChanged={account.reload} />
      </div>
      <DocumentTable title="Open items" id="open-items" documents={a.open_items} empty="No open item: the account is settled." />
      <DocumentTable title="Invoices, credit notes and write-offs" id="documents" documents={a.documents} empty="No issued document yet." />
      <CustomerPayments customerId={a.customer_id} customer={a.customer} currency={a.currency} receipts={a.receipts ?? []} unapplied={a.unapplied_cash ?? "0"} />
      <OrdersAndShipments customer={a.customer} />
    </>
  );
}

function BillingMode({ account: a, onChanged }: { account: Account; onChanged: () => void }) {
  const { can } = useMe();
  const [message, setMessage] = useState<string | null>(null);
  const change = async (mode: string) => {
    try {
      await request("PUT", `/api/v1/customers/${a.customer_id}/billing`, { body: { billing_mode: mode } });
      setMessage("Saved.");
      onChanged();
    } catch (error) {
      setMessage(messageOf(error));
    }
  };
  return (
    <section className="card" aria-labelledby="billing-mode-title">
      <h2 id="billing-mode-title">Billing</h2>
      {can("receivables.bill") ? (
        <label className="check">
          <input type="checkbox" checked={a.billing_mode === "consolidated"} onChange={(e) => void change(e.target.checked ? "consolidated" : "per_shipment")} />
          One invoice per billing run (consolidated) instead of one per shipment
        </label>
      ) : (
        <p>{a.billing_mode === "consolidated" ? "One invoice per billing run." : "One invoice per shipment."}</p>
      )}
      {message && (
        <p role="status" className="muted">
          {message}
        </p>
      )}
      <p>
        <Link to={withQuery("/receivables/invoices", { customer: a.customer })}>All invoices</Link> ·{" "}
        <Link to={withQuery("/receivables/credit-notes", { customer: a.customer })}>Credit notes</Link>
      </p>
    </section>
  );
}

function DocumentTable({ title, id, documents, empty }: { title: string; id: string; documents: ArDocument[]; empty: string }) {
  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {documents.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <div className="table-scroll">
          <table className="data">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Document</th>
                <th scope="col">Kind</th>
                <th scope="col">Date</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">Total</th>
                <th scope="col" className="num">Open</th>
                <th scope="col">PDF</th>
              </tr>
            </thead>
            <tbody>
              {documents.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link to={documentHref(d)}>{documentLabel(d)}</Link>
                  </td>
                  <td>{kindLabels[d.kind]}</td>
                  <td>{d.document_date}</td>
                  <td>{d.kind === "invoice" ? d.due_date : ""}</td>
                  <td>
                    <DocumentStatusBadge document={d} />
                  </td>
                  <td className="num">{formatAmount(d.total, d.currency)}</td>
                  <td className="num">{d.open !== undefined ? formatAmount(d.open, d.currency) : ""}</td>
                  <td>
                    {d.kind !== "write_off" && (
                      <a href={pdfHref(d)} target="_blank" rel="noopener" aria-label={`PDF of ${documentLabel(d)}`}>
                        PDF
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function OrdersAndShipments({ customer }: { customer: string }) {
  const history = useLoad((signal) => loadHistory(customer, signal), `history-${customer}`);
  if (history.error) {
    return <ErrorNote message={history.error} onRetry={history.reload} />;
  }
  if (!history.data) {
    return <Loading what="orders and shipments" />;
  }
  const { orders, shipments } = history.data;
  return (
    <div className="cards">
      <section className="card" aria-labelledby="orders-title">
        <h2 id="orders-title">Orders</h2>
        {orders.items.length === 0 ? (
          <p className="muted">No order yet.</p>
        ) : (
          <ul className="plain">
            {orders.items.map((o) => (
              <li key={o.id}>
                <Link to={`/sales/orders/${o.id}`}>{o.number}</Link> <OrderStatusBadge status={o.status} />{" "}
                <span className="muted">
                  {o.order_date} · {formatAmount(o.total, o.currency)} {o.currency}
                </span>
              </li>
            ))}
          </ul>
        )}
        {orders.next_cursor && <Link to={withQuery("/sales/orders", { customer })}>All orders</Link>}
      </section>
      <section className="card" aria-labelledby="shipments-title">
        <h2 id="shipments-title">Shipments</h2>
        {shipments.length === 0 ? (
          <p className="muted">Nothing shipped yet.</p>
        ) : (
          <ul className="plain">
            {shipments.map((s) => (
              <li key={s.id}>
                <Link to={`/fulfilment/shipments/${s.id}`}>{s.number}</Link> {s.order}{" "}
                <span className="muted">
                  {s.ship_date} · {s.carrier}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
