// The customer account's payments: unapplied cash (on 2400 Customer Deposits, not netted into
// the balance) and the receipts, latest first, each a link to its page; the statement of account
// PDF, and opening a collection case (receivables.collect).
import "./receipts.css";
import { useState } from "react";
import { ApiError, messageOf, request } from "../../../lib/api";
import { formatAmount, isZero } from "../../../lib/money";
import { Link, navigate } from "../../../lib/router";
import { ErrorNote } from "../../../components/Status";
import { useMe } from "../../../lib/session";
import { ReceiptStatusBadge } from "./Receipts";
import { type Receipt, methodLabels, receiptHref } from "./model";

export function CustomerPayments({ customerId, customer, currency, receipts, unapplied }: { customerId: number; customer: string; currency: string; receipts: Receipt[]; unapplied: string }) {
  const { can } = useMe();
  const [message, setMessage] = useState<string | null>(null);
  const openCase = async () => {
    try {
      const opened = await request<{ id: number }>("POST", "/api/v1/collection-cases", { body: { customer_id: customerId } });
      navigate(`/receivables/collection-cases/${opened.id}`);
    } catch (error) {
      setMessage(error instanceof ApiError && error.status === 409 ? `${customer} has an open collection case already: see the open cases.` : messageOf(error));
    }
  };
  const money = (text: string, c = currency) => `${formatAmount(text, c)} ${c}`;
  const latest = [...receipts].sort((a, b) => b.id - a.id);
  return (
    <section className="card" aria-labelledby="payments-title" data-testid="payments">
      <h2 id="payments-title">Payments</h2>
      <p>
        Unapplied cash:{" "}
        <strong className={isZero(unapplied) ? undefined : "unapplied-cash"} data-testid="unapplied-cash">
          {money(unapplied)}
        </strong>
        {can("receivables.collect") && (
          <>
            {" · "}
            <Link to={`/receivables/receipts/new?customer=${encodeURIComponent(customer)}`}>Record a receipt</Link>
          </>
        )}
        {" · "}
        <a href={`/api/v1/customers/${customerId}/statement.pdf`} target="_blank" rel="noopener" data-testid="statement-pdf">
          Statement of account (PDF)
        </a>
        {can("receivables.collect") && (
          <>
            {" · "}
            <button type="button" onClick={() => void openCase()}>
              Open a collection case
            </button>
          </>
        )}
      </p>
      {message && <ErrorNote message={message} />}
      {latest.length === 0 ? (
        <p className="muted">No payment received yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="data">
            <caption className="visually-hidden">Receipts of {customer}</caption>
            <thead>
              <tr>
                <th scope="col">Receipt</th>
                <th scope="col">Date</th>
                <th scope="col">Method</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">Amount</th>
                <th scope="col" className="num">Applied</th>
                <th scope="col" className="num">Unapplied</th>
              </tr>
            </thead>
            <tbody>
              {latest.map((r) => (
                <tr key={r.id}>
                  <td><Link to={receiptHref(r)}>#{r.id}</Link></td>
                  <td>{r.receipt_date}</td>
                  <td>{methodLabels[r.method] ?? r.method}{r.reference && <span className="muted"> · {r.reference}</span>}</td>
                  <td><ReceiptStatusBadge receipt={r} /></td>
                  <td className="num">{money(r.amount, r.currency)}</td>
                  <td className="num">{formatAmount(r.applied, r.currency)}</td>
                  <td className="num">{isZero(r.unapplied) ? "" : money(r.unapplied, r.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
