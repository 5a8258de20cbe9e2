// The aging report as of a date: open balances by customer in buckets of days past due, in the
// functional currency, totals and the receivable control account it reconciles to. A customer
// opens its account; its invoices unfold under it.
import "../sales/sales.css";
import "./receivables.css";
import { Fragment, useState } from "react";
import { get, withQuery } from "../../lib/api";
import { today } from "../../lib/dates";
import { formatAmount, isZero } from "../../lib/money";
import { Link, navigate, useSearchParams } from "../../lib/router";
import { useLoad } from "../../lib/useLoad";
import { Field } from "../../components/Field";
import { ErrorNote, Loading } from "../../components/Status";
import { type Aging, agingBuckets } from "./model";

export function loadAging(asOf: string, signal: AbortSignal): Promise<Aging> {
  return get<Aging>(withQuery("/api/v1/receivables/aging", { as_of: asOf }), signal);
}

export function AgingReport() {
  const params = useSearchParams();
  const asOf = params.get("as_of") || today();
  const [draft, setDraft] = useState(asOf);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const aging = useLoad((signal) => loadAging(asOf, signal), `aging-${asOf}`);
  const a = aging.data;
  const toggle = (id: number) => {
    const next = new Set(open);
    if (next.has(id)) {
      next.delete(id);
    } else {
      next.add(id);
    }
    setOpen(next);
  };
  return (
    <>
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          navigate(withQuery("/receivables/aging", { as_of: draft }), { replace: true });
        }}
      >
        <Field label="As of">{(p) => <input {...p} type="date" value={draft} onChange={(e) => setDraft(e.target.value)} data-shortcut="search" />}</Field>
        <div className="filter-actions">
          <button type="submit">Show</button>
        </div>
      </form>
      {aging.error && <ErrorNote message={aging.error} onRetry={aging.reload} />}
      {aging.loading && !a && <Loading what="the aging report" />}
      {a && (
        <>
          <div className="table-scroll">
            <table className="data aging" data-testid="aging">
              <caption>
                Open receivables as of {a.as_of}, in {a.currency}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Customer</th>
                  {agingBuckets.map((b) => (
                    <th key={b.key} scope="col" className="num">
                      {b.label}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {a.customers.length === 0 && (
                  <tr>
                    <td colSpan={agingBuckets.length + 2} className="muted">
                      No open invoice on {a.as_of}.
                    </td>
                  </tr>
                )}
                {a.customers.map((c) => (
                  <Fragment key={c.customer_id}>
                    <tr data-customer={c.customer}>
                      <th scope="row">
                        <button
                          type="button"
                          className="disclose"
                          aria-expanded={open.has(c.customer_id)}
                          aria-label={`${open.has(c.customer_id) ? "Hide" : "Show"} the invoices of ${c.name}`}
                          onClick={() => toggle(c.customer_id)}
                        >
                          {open.has(c.customer_id) ? "▾" : "▸"}
                        </button>{" "}
                        <Link to={withQuery(`/receivables/customers/${c.customer_id}`, { as_of: a.as_of })}>
                          {c.customer} {c.name}
                        </Link>
                      </th>
                      {agingBuckets.map((b) => (
                        <td key={b.key} className={`num${b.key !== "current" && !isZero(c.buckets[b.key]) ? " overdue-figure" : ""}`}>
                          {isZero(c.buckets[b.key]) ? "" : formatAmount(c.buckets[b.key], a.currency)}
                        </td>
                      ))}
                      <td className="num strong">{formatAmount(c.total, a.currency)}</td>
                    </tr>
                    {open.has(c.customer_id) &&
                      c.items.map((item) => (
                        <tr key={item.invoice_id} className="aging-item">
                          <td>
                            <Link to={`/receivables/invoices/${item.invoice_id}`}>{item.number}</Link>{" "}
                            <span className="muted">
                              due {item.due_date}
                              {item.days_overdue > 0 ? `, ${item.days_overdue} days overdue` : ""}
                            </span>
                          </td>
                          {agingBuckets.map((b) => (
                            <td key={b.key} className="num">
                              {item.bucket === b.key ? formatAmount(item.open_functional, a.currency) : ""}
                            </td>
                          ))}
                          <td className="num muted">{item.currency !== a.currency ? `${formatAmount(item.open, item.currency)} ${item.currency}` : ""}</td>
                        </tr>
                      ))}
                  </Fragment>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Total</th>
                  {agingBuckets.map((b) => (
                    <td key={b.key} className="num">
                      {formatAmount(a.buckets[b.key], a.currency)}
                    </td>
                  ))}
                  <td className="num">{formatAmount(a.total, a.currency)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          <p className={isZero(a.difference) ? "muted" : "hold-note"} data-testid="aging-reconciliation">
            Account {a.control_account} in the ledger at the end of {a.as_of}: {formatAmount(a.ledger_balance, a.currency)} {a.currency};{" "}
            {isZero(a.difference)
              ? "the aging agrees to the cent."
              : `difference ${formatAmount(a.difference, a.currency)} ${a.currency} (postings to the account from outside receivables, such as opening balances).`}
          </p>
        </>
      )}
    </>
  );
}
