// The billing/AR clerk's home: the billing run due (shipped lines not yet invoiced, from the
// run's preview as of today), overdue invoices, and draft invoices waiting to be issued.
// With banking.read, the statement lines waiting in the matching queue (banking/QueueCard.tsx);
// with receivables.collect, tasks due and broken promises (collections/HomeCard.tsx).
import "../sales/sales.css";
import "./receivables.css";
import { type Page, get, withQuery } from "../../lib/api";
import { today } from "../../lib/dates";
import { formatAmount } from "../../lib/money";
import { Link } from "../../lib/router";
import { useMe } from "../../lib/session";
import { useLoad } from "../../lib/useLoad";
import { ErrorNote, Loading } from "../../components/Status";
import { BankQueueCard } from "../banking/QueueCard";
import { CollectionsCard } from "./collections/HomeCard";
import { loadPreview, previewTotal } from "./BillingRuns";
import { type ArDocument, documentLabel } from "./model";

const shown = 8;

async function loadBillingHome(signal: AbortSignal) {
  const list = (query: Record<string, string>) => get<Page<ArDocument>>(withQuery("/api/v1/invoices", { ...query, limit: String(shown) }), signal);
  const [preview, overdue, drafts] = await Promise.all([loadPreview(today(), signal), list({ overdue: "true" }), list({ status: "draft" })]);
  return { preview, overdue, drafts };
}

export function BillingHome() {
  const { can } = useMe();
  const home = useLoad(loadBillingHome, "billing-home");
  if (home.error) {
    return <ErrorNote message={home.error} onRetry={home.reload} />;
  }
  if (!home.data) {
    return <Loading what="your work lists" />;
  }
  const { preview, overdue, drafts } = home.data;
  const count = (page: Page<ArDocument>) => `(${page.items.length}${page.next_cursor ? "+" : ""})`;
  return (
    <div className="cards" data-testid="billing-home">
      <section className="card" aria-labelledby="queue-billing" data-queue="billing">
        <h2 id="queue-billing">Billing run due</h2>
        {preview.lines === 0 ? (
          <p className="muted">Every shipped line is invoiced.</p>
        ) : (
          <>
            <p>
              <strong>{preview.lines}</strong> shipped line{preview.lines === 1 ? "" : "s"} not yet invoiced: {preview.invoices} invoice
              {preview.invoices === 1 ? "" : "s"} for {preview.customers.length} customer{preview.customers.length === 1 ? "" : "s"}, {previewTotal(preview)}.
            </p>
            <ul className="plain">
              {preview.customers.slice(0, shown).map((c) => (
                <li key={c.customer_id}>
                  <Link to={`/receivables/customers/${c.customer_id}`}>{c.customer}</Link> {c.name}{" "}
                  <span className="muted">
                    {c.lines} line{c.lines === 1 ? "" : "s"} · {formatAmount(c.net, c.currency)} {c.currency} net
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
        <p>
          {can("receivables.bill") && preview.lines > 0 ? (
            <Link className="button primary" to="/receivables/billing-runs/new" data-shortcut="new">
              Run billing
            </Link>
          ) : (
            <Link to="/receivables/billing-runs">Billing runs</Link>
          )}
        </p>
      </section>
      <section className="card" aria-labelledby="queue-overdue" data-queue="overdue">
        <h2 id="queue-overdue">
          Overdue invoices <span className="muted">{count(overdue)}</span>
        </h2>
        {overdue.items.length === 0 ? (
          <p className="muted">No invoice is overdue.</p>
        ) : (
          <ul className="plain">
            {overdue.items.map((d) => (
              <li key={d.id}>
                <Link to={`/receivables/invoices/${d.id}`}>{documentLabel(d)}</Link> {d.customer_name}{" "}
                <span className="overdue-figure">
                  due {d.due_date} · {formatAmount(d.open ?? d.total, d.currency)} {d.currency} open
                </span>
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to="/receivables/invoices?overdue=true">Open the list</Link> · <Link to="/receivables/aging">Aging</Link>
        </p>
      </section>
      <section className="card" aria-labelledby="queue-drafts" data-queue="drafts">
        <h2 id="queue-drafts">
          Draft invoices to issue <span className="muted">{count(drafts)}</span>
        </h2>
        {drafts.items.length === 0 ? (
          <p className="muted">No draft waits.</p>
        ) : (
          <ul className="plain">
            {drafts.items.map((d) => (
              <li key={d.id}>
                <Link to={`/receivables/invoices/${d.id}`}>{documentLabel(d)}</Link> {d.customer_name}{" "}
                <span className="muted">
                  {d.document_date} · {formatAmount(d.total, d.currency)} {d.currency}
                </span>
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to="/receivables/invoices?status=draft">Open the list</Link>
        </p>
      </section>
      {can("banking.read") && <BankQueueCard />}
      {can("receivables.collect") && <CollectionsCard />}
    </div>
  );
}
