// Billing runs: the list, a new run (a date, the preview of what it will invoice by customer,
// then the run) and one run with the invoices it made.
import "../sales/sales.css";
import "./receivables.css";
import { type FormEvent, useState } from "react";
import { type Page, get, withQuery } from "../../lib/api";
import { formatInstant, today } from "../../lib/dates";
import { formatAmount, formatMinor, parseMinor } from "../../lib/money";
import { Link, navigate } from "../../lib/router";
import { useMe } from "../../lib/session";
import { useLoad } from "../../lib/useLoad";
import { type Column, ListView } from "../../components/ListView";
import { Field } from "../../components/Field";
import { ErrorNote, Loading } from "../../components/Status";
import { useSubmit } from "../../components/useSubmit";
import { FormSummary, NewButton, WhenLoaded, useRecord, useRecordSteps } from "../sales/parts";
import { DocumentStatusBadge } from "./Invoices";
import { type ArDocument, type BillingPreview, type BillingRun, documentLabel } from "./model";

const columns: Column<BillingRun>[] = [
  { key: "id", label: "Run", render: (r) => `#${r.id}`, sortValue: (r) => r.id },
  { key: "as_of", label: "Shipped up to", render: (r) => r.as_of, sortValue: (r) => r.as_of },
  { key: "invoices", label: "Invoices", numeric: true, render: (r) => r.invoices, sortValue: (r) => r.invoices },
  { key: "lines", label: "Lines", numeric: true, render: (r) => r.lines, sortValue: (r) => r.lines },
  { key: "created", label: "Run at", render: (r) => formatInstant(r.created_at), sortValue: (r) => r.created_at },
];

export function BillingRuns() {
  return (
    <>
      <NewButton to="/receivables/billing-runs/new" permission="receivables.bill">
        New billing run
      </NewButton>
      <ListView<BillingRun>
        resource="receivables.billing-runs"
        label="Billing runs"
        columns={columns}
        filters={[]}
        fetchPage={({ cursor, limit }, signal) => get<Page<BillingRun>>(withQuery("/api/v1/billing-runs", { limit: String(limit), cursor }), signal)}
        rowKey={(r) => r.id}
        rowHref={(r) => `/receivables/billing-runs/${r.id}`}
        searchText={(r) => `${r.id} ${r.as_of}`}
      />
    </>
  );
}

export function loadPreview(asOf: string, signal: AbortSignal): Promise<BillingPreview> {
  return get<BillingPreview>(withQuery("/api/v1/receivables/billing-preview", { as_of: asOf }), signal);
}

// Sums of a preview by currency ("1,234.50 USD + 99.00 EUR").
export function previewTotal(preview: BillingPreview): string {
  const sums = new Map<string, bigint>();
  for (const c of preview.customers) {
    const gross = (parseMinor(c.net, c.currency) ?? 0n) + (parseMinor(c.tax, c.currency) ?? 0n);
    sums.set(c.currency, (sums.get(c.currency) ?? 0n) + gross);
  }
  return Array.from(sums, ([currency, minor]) => `${formatMinor(minor, currency)} ${currency}`).join(" + ") || "nothing";
}

export function NewBillingRun() {
  const { can } = useMe();
  const [asOf, setAsOf] = useState(today());
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(asOf);
  const preview = useLoad((signal) => (valid ? loadPreview(asOf, signal) : Promise.resolve(null)), `billing-preview-${asOf}`);
  const { refusal, errors, busy, submit: post } = useSubmit("billing run");

  const run = async (event: FormEvent) => {
    event.preventDefault();
    const made = await post<BillingRun>("/api/v1/billing-runs", { as_of: asOf });
    if (made) {
      navigate(`/receivables/billing-runs/${made.id}`);
    }
  };
  const p = preview.data;
  return (
    <form className="form" onSubmit={run} noValidate>
      <FormSummary summary={refusal?.summary ?? null} errors={errors} known={new Set(["as_of"])} />
      <div className="form-grid narrow">
        <Field label="Bill what shipped up to" error={errors.as_of} hint="Every billable shipment line not yet invoiced, shipped on or before this date">
          {(props) => <input {...props} type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />}
        </Field>
      </div>
      <section aria-labelledby="preview-title" aria-busy={preview.loading}>
        <h2 id="preview-title">Preview</h2>
        {preview.error && <ErrorNote message={preview.error} onRetry={preview.reload} />}
        {preview.loading && !p && <Loading what="the preview" />}
        {p && p.invoices === 0 && <p className="muted">Nothing to bill up to {p.as_of}: every shipped line is invoiced.</p>}
        {p && p.invoices > 0 && (
          <>
            <p data-testid="preview-summary">
              <strong>{p.invoices}</strong> invoice{p.invoices === 1 ? "" : "s"} for <strong>{p.customers.length}</strong> customer
              {p.customers.length === 1 ? "" : "s"}: {p.shipments} shipment{p.shipments === 1 ? "" : "s"}, {p.lines} line{p.lines === 1 ? "" : "s"},{" "}
              {previewTotal(p)} with tax.
            </p>
            <div className="table-scroll">
              <table className="data">
                <caption className="visually-hidden">What the run will invoice, by customer</caption>
                <thead>
                  <tr>
                    <th scope="col">Customer</th>
                    <th scope="col">Billing</th>
                    <th scope="col" className="num">Invoices</th>
                    <th scope="col" className="num">Shipments</th>
                    <th scope="col" className="num">Lines</th>
                    <th scope="col" className="num">Net</th>
                    <th scope="col" className="num">Tax</th>
                  </tr>
                </thead>
                <tbody>
                  {p.customers.map((c) => (
                    <tr key={c.customer_id}>
                      <td>
                        <Link to={`/receivables/customers/${c.customer_id}`}>{c.customer}</Link> {c.name}
                      </td>
                      <td>{c.billing_mode === "consolidated" ? "one invoice" : "per shipment"}</td>
                      <td className="num">{c.invoices}</td>
                      <td className="num">{c.shipments}</td>
                      <td className="num">{c.lines}</td>
                      <td className="num">
                        {formatAmount(c.net, c.currency)} {c.currency}
                      </td>
                      <td className="num">{formatAmount(c.tax, c.currency)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
      <div className="form-actions">
        {can("receivables.bill") && (
          <button type="submit" className="primary" disabled={busy || !p || p.invoices === 0} data-shortcut="save">
            Run billing{p && p.invoices > 0 ? `: ${p.invoices} invoice${p.invoices === 1 ? "" : "s"}` : ""}
          </button>
        )}
        <Link to="/receivables/billing-runs">Back to the runs</Link>
      </div>
    </form>
  );
}

const invoicesShown = 50;

export function BillingRunView({ id }: { id: string }) {
  const run = useRecord<BillingRun>("/api/v1/billing-runs", id);
  useRecordSteps("/receivables/billing-runs", id);
  return (
    <WhenLoaded loaded={run} what="the billing run">
      {(r) => r && <RunPage run={r} />}
    </WhenLoaded>
  );
}

function RunPage({ run }: { run: BillingRun }) {
  const invoices = useLoad(
    (signal) => Promise.all(run.invoice_ids.slice(0, invoicesShown).map((id) => get<ArDocument>(`/api/v1/invoices/${id}`, signal))),
    `run-invoices-${run.id}`,
  );
  return (
    <>
      <dl className="facts">
        <div><dt>Shipped up to</dt><dd>{run.as_of}</dd></div>
        <div><dt>Invoices</dt><dd>{run.invoices}</dd></div>
        <div><dt>Lines</dt><dd>{run.lines}</dd></div>
        <div><dt>Run at</dt><dd>{formatInstant(run.created_at)}</dd></div>
      </dl>
      <section className="card" aria-labelledby="run-invoices-title">
        <h2 id="run-invoices-title">Invoices made</h2>
        {run.invoice_ids.length === 0 && <p className="muted">This run found nothing to bill.</p>}
        {invoices.error && <ErrorNote message={invoices.error} onRetry={invoices.reload} />}
        {invoices.loading && !invoices.data && run.invoice_ids.length > 0 && <Loading what="the invoices" />}
        {invoices.data && invoices.data.length > 0 && (
          <table className="data" data-testid="run-invoices">
            <caption className="visually-hidden">Invoices of billing run #{run.id}</caption>
            <thead>
              <tr>
                <th scope="col">Invoice</th>
                <th scope="col">Customer</th>
                <th scope="col">Status</th>
                <th scope="col">Due</th>
                <th scope="col" className="num">Total</th>
              </tr>
            </thead>
            <tbody>
              {invoices.data.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link to={`/receivables/invoices/${d.id}`}>{documentLabel(d)}</Link>
                  </td>
                  <td>
                    {d.customer} {d.customer_name}
                  </td>
                  <td>
                    <DocumentStatusBadge document={d} />
                  </td>
                  <td>{d.due_date}</td>
                  <td className="num">
                    {formatAmount(d.total, d.currency)} {d.currency}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {run.invoice_ids.length > invoicesShown && (
          <p className="muted">
            The first {invoicesShown} of {run.invoice_ids.length} are shown; the <Link to="/receivables/invoices">invoice list</Link> has them all.
          </p>
        )}
      </section>
    </>
  );
}
