// One invoice or credit note: header, lines, totals (credited and open for invoices), the PDF,
// the send log; and what the user's permissions allow: issue a draft, send it by e-mail, enter a
// credit note against it, approve a credit note.
import "../sales/sales.css";
import "./receivables.css";
import { type FormEvent, useState } from "react";
import { ApiError, messageOf, newIdempotencyKey, request } from "../../lib/api";
import { formatInstant, today } from "../../lib/dates";
import { formatAmount } from "../../lib/money";
import { Link, navigate } from "../../lib/router";
import { useMe } from "../../lib/session";
import { Field } from "../../components/Field";
import { FormActions } from "../../components/FormActions";
import { useSubmit } from "../../components/useSubmit";
import { formatQuantity } from "../inventory/model";
import { FormSummary, WhenLoaded, useRecord, useRecordSteps } from "../sales/parts";
import { DocumentStatusBadge } from "./Invoices";
import { type ArDocument, documentHref, documentLabel, kindLabels, pdfHref } from "./model";

export function InvoiceView({ id, kind = "invoice" }: { id: string; kind?: "invoice" | "credit_note" }) {
  const base = kind === "invoice" ? "/api/v1/invoices" : "/api/v1/credit-notes";
  const document = useRecord<ArDocument>(base, id);
  useRecordSteps(kind === "invoice" ? "/receivables/invoices" : "/receivables/credit-notes", id);
  return (
    <WhenLoaded loaded={document} what={kind === "invoice" ? "the invoice" : "the credit note"}>
      {(d) => d && <DocumentPage document={d} reload={document.reload} />}
    </WhenLoaded>
  );
}

export function CreditNoteView({ id }: { id: string }) {
  return <InvoiceView id={id} kind="credit_note" />;
}

function DocumentPage({ document: d, reload }: { document: ArDocument; reload: () => void }) {
  const { can } = useMe();
  const [crediting, setCrediting] = useState(false);
  const money = (text: string) => `${formatAmount(text, d.currency)} ${d.currency}`;
  return (
    <>
      <div className="page-actions">
        {d.status === "issued" && (
          <a className="button" href={pdfHref(d)} target="_blank" rel="noopener" data-testid="pdf-link">
            Open the PDF
          </a>
        )}
      </div>
      <p className="subtitle record-title">
        <strong>{documentLabel(d)}</strong>
        {d.kind !== "invoice" && <span className="muted">{kindLabels[d.kind]}</span>}
        <Link to={`/receivables/customers/${d.customer_id}`}>
          {d.customer} {d.customer_name}
        </Link>
        <DocumentStatusBadge document={d} />
      </p>
      <DocumentActions document={d} onChanged={reload} onCredit={() => setCrediting(true)} crediting={crediting} />
      <section className="card" aria-labelledby="document-details-title">
        <h2 id="document-details-title">{kindLabels[d.kind]}</h2>
        <dl className="facts">
          <div><dt>Date</dt><dd>{d.document_date}</dd></div>
          {d.kind === "invoice" && <div><dt>Due</dt><dd>{d.due_date} ({d.payment_terms_days} days)</dd></div>}
          {d.credited_invoice && (
            <div>
              <dt>Credits</dt>
              <dd>{d.credited_invoice_id ? <Link to={`/receivables/invoices/${d.credited_invoice_id}`}>{d.credited_invoice}</Link> : d.credited_invoice}</dd>
            </div>
          )}
          {d.reason && <div><dt>Reason</dt><dd>{d.reason}</dd></div>}
          <div><dt>Customer reference</dt><dd>{d.customer_reference || "—"}</dd></div>
          {d.early_discount_days > 0 && (
            <div><dt>Early payment</dt><dd>{d.early_discount_percent}% within {d.early_discount_days} days</dd></div>
          )}
          {d.billing_run_id && (
            <div><dt>Billing run</dt><dd><Link to={`/receivables/billing-runs/${d.billing_run_id}`}>#{d.billing_run_id}</Link></dd></div>
          )}
          {d.entry_id && can("ledger.read") && (
            <div><dt>Journal entry</dt><dd><Link to={`/ledger/journal/${d.entry_id}`}>#{d.entry_id}</Link></dd></div>
          )}
          <div><dt>Issued</dt><dd>{d.issued_at ? formatInstant(d.issued_at) : "not yet"}</dd></div>
        </dl>
      </section>
      <section className="card" aria-labelledby="document-lines-title">
        <h2 id="document-lines-title">Lines</h2>
        <div className="table-scroll">
          <table className="data" data-testid="document-lines">
            <caption className="visually-hidden">Lines of {documentLabel(d)}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Description</th>
                <th scope="col" className="num">Quantity</th>
                <th scope="col" className="num">Price</th>
                <th scope="col" className="num">Discount</th>
                <th scope="col" className="num">Tax</th>
                <th scope="col" className="num">Net</th>
              </tr>
            </thead>
            <tbody>
              {(d.lines ?? []).map((l) => (
                <tr key={l.line_number}>
                  <td>{l.line_number}</td>
                  <td>
                    {l.item && <span className="sku">{l.item} </span>}
                    {l.description}
                    {l.shipment_id && (
                      <>
                        {" "}
                        <Link to={`/fulfilment/shipments/${l.shipment_id}`} className="muted">
                          shipment
                        </Link>
                      </>
                    )}
                  </td>
                  <td className="num">
                    {formatQuantity(l.quantity)} <span className="muted">{l.unit}</span>
                  </td>
                  <td className="num">{formatAmount(l.unit_price, d.currency)}</td>
                  <td className="num">{l.discount_percent === "0" ? "" : `${l.discount_percent}%`}</td>
                  <td className="num">
                    {formatAmount(l.tax, d.currency)} <span className="muted">({l.tax_percent}%)</span>
                  </td>
                  <td className="num">{formatAmount(l.net, d.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <dl className="totals" data-testid="document-totals">
          <div><dt>Net</dt><dd>{money(d.net)}</dd></div>
          <div><dt>Tax</dt><dd>{money(d.tax)}</dd></div>
          <div className="strong"><dt>Total</dt><dd>{money(d.total)}</dd></div>
          {d.credited !== undefined && <div><dt>Credited</dt><dd>{money(d.credited)}</dd></div>}
          {d.open !== undefined && d.status === "issued" && <div className="strong"><dt>Open</dt><dd>{money(d.open)}</dd></div>}
        </dl>
      </section>
      {crediting && <CreditNoteForm invoice={d} onCancel={() => setCrediting(false)} />}
      <SendLog document={d} />
    </>
  );
}

function DocumentActions({ document: d, onChanged, onCredit, crediting }: { document: ArDocument; onChanged: () => void; onCredit: () => void; crediting: boolean }) {
  const { can } = useMe();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; failed: boolean } | null>(null);
  const [sending, setSending] = useState(false);
  const [override, setOverride] = useState("");
  const [askOverride, setAskOverride] = useState(false);

  const act = async (path: string, body: object, done: string) => {
    setBusy(true);
    setMessage(null);
    try {
      await request("POST", path, { body, idempotencyKey: newIdempotencyKey() });
      setMessage({ text: done, failed: false });
      onChanged();
    } catch (error) {
      setMessage({ text: messageOf(error), failed: true });
      setAskOverride(error instanceof ApiError && error.status === 403 && can("access.sod_override"));
    } finally {
      setBusy(false);
    }
  };
  const isInvoice = d.kind === "invoice";
  const mayIssue = isInvoice && d.status === "draft" && can("receivables.bill");
  const mayApprove = d.kind === "credit_note" && d.status === "draft" && can("receivables.approve");
  const maySend = d.kind !== "write_off" && d.status === "issued" && can("receivables.bill");
  const mayCredit = isInvoice && d.status === "issued" && can("receivables.credit") && d.open !== undefined && d.open !== "0" && !/^0(\.0+)?$/.test(d.open);
  if (!mayIssue && !mayApprove && !maySend && !mayCredit && !message) {
    return null; // (after the last action: its outcome still shows)
  }
  return (
    <>
      <div className="record-actions">
        {mayIssue && (
          <button type="button" className="primary" disabled={busy} onClick={() => void act(`/api/v1/invoices/${d.id}/issue`, {}, "Issued: numbered and posted.")}>
            Issue the invoice
          </button>
        )}
        {mayApprove && (
          <>
            {askOverride && (
              <Field label="Reason to override segregation of duties">
                {(p) => <input {...p} value={override} onChange={(e) => setOverride(e.target.value)} maxLength={500} />}
              </Field>
            )}
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => void act(`/api/v1/credit-notes/${d.id}/approve`, override.trim() ? { override_reason: override.trim() } : {}, "Approved: the credit note is issued.")}
            >
              Approve the credit note
            </button>
          </>
        )}
        {maySend && !sending && (
          <button type="button" onClick={() => setSending(true)}>
            Send by e-mail…
          </button>
        )}
        {mayCredit && !crediting && (
          <button type="button" onClick={onCredit}>
            Enter a credit note…
          </button>
        )}
        {message && (
          <span role={message.failed ? "alert" : "status"} className={message.failed ? "field-error" : "muted"}>
            {message.text}
          </span>
        )}
      </div>
      {sending && (
        <SendForm
          document={d}
          onDone={(text) => {
            setSending(false);
            setMessage({ text, failed: false });
            onChanged();
          }}
          onCancel={() => setSending(false)}
        />
      )}
    </>
  );
}

function SendForm({ document: d, onDone, onCancel }: { document: ArDocument; onDone: (message: string) => void; onCancel: () => void }) {
  const [to, setTo] = useState("");
  const [note, setNote] = useState("");
  const { refusal, busy, submit: post } = useSubmit("e-mail");
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const addresses = to.split(/[,;\s]+/).filter(Boolean);
    const queued = await post<{ to: string[] }>(`/api/v1/invoices/${d.id}/send`, {
      to: addresses.length > 0 ? addresses : undefined,
      message: note.trim() || undefined,
    });
    if (queued) {
      onDone(`Queued for ${queued.to.join(", ")}.`);
    }
  };
  return (
    <form className="form boxed-tight" onSubmit={submit} noValidate aria-labelledby="send-title">
      <h2 id="send-title">Send {documentLabel(d)} by e-mail</h2>
      <FormSummary summary={refusal?.summary ?? null} errors={refusal?.errors ?? {}} known={new Set(["to", "message"])} />
      <div className="form-grid">
        <Field label="To" error={refusal?.errors.to} hint="Empty: the customer's billing contact, else its e-mail" className="wide">
          {(p) => <input {...p} type="text" value={to} onChange={(e) => setTo(e.target.value)} autoFocus autoComplete="email" />}
        </Field>
        <Field label="Message" error={refusal?.errors.message} className="wide">
          {(p) => <textarea {...p} rows={3} value={note} onChange={(e) => setNote(e.target.value)} maxLength={4000} />}
        </Field>
      </div>
      <FormActions label="Send with the PDF" busy={busy} onCancel={onCancel} />
    </form>
  );
}

function SendLog({ document: d }: { document: ArDocument }) {
  if (d.kind === "write_off") {
    return null;
  }
  const sends = d.sends ?? [];
  return (
    <section className="card" aria-labelledby="send-log-title">
      <h2 id="send-log-title">Send log</h2>
      {sends.length === 0 ? (
        <p className="muted">Not sent yet.</p>
      ) : (
        <table className="data">
          <caption className="visually-hidden">E-mails of {documentLabel(d)}</caption>
          <thead>
            <tr>
              <th scope="col">Queued</th>
              <th scope="col">To</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">Attempts</th>
              <th scope="col">Sent</th>
            </tr>
          </thead>
          <tbody>
            {sends.map((s) => (
              <tr key={s.id}>
                <td>{formatInstant(s.queued_at)}</td>
                <td>{s.to.join(", ")}</td>
                <td>
                  {s.status}
                  {s.last_error && <div className="field-error">{s.last_error}</div>}
                </td>
                <td className="num">{s.attempts}</td>
                <td>{s.sent_at ? formatInstant(s.sent_at) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

// A credit note against an issued invoice: per line a quantity or a net amount (empty: the
// line is not credited); no line filled in credits everything left. Entered as a draft; an
// approver issues it (segregation of duties).
function CreditNoteForm({ invoice, onCancel }: { invoice: ArDocument; onCancel: () => void }) {
  const lines = invoice.lines ?? [];
  const [reason, setReason] = useState("");
  const [date, setDate] = useState(today());
  const [by, setBy] = useState<Record<number, { mode: "quantity" | "amount"; value: string }>>({});
  const { refusal, busy, submit: post } = useSubmit("credit note");
  const chosen = lines.filter((l) => (by[l.line_number]?.value ?? "").trim() !== "");
  const aliases: Record<string, string> = {};
  chosen.forEach((l, index) => {
    aliases[`lines/${index}/quantity`] = `credit/${l.line_number}`;
    aliases[`lines/${index}/amount`] = `credit/${l.line_number}`;
    aliases[`lines/${index}/invoice_line`] = `credit/${l.line_number}`;
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const lines = chosen.map((l) => ({ invoice_line: l.line_number, [by[l.line_number].mode]: by[l.line_number].value.trim() }));
    const note = await post<ArDocument>(
      "/api/v1/credit-notes",
      { invoice_id: invoice.id, reason: reason.trim(), credit_date: date, lines: lines.length > 0 ? lines : undefined },
      aliases,
    );
    if (note) {
      navigate(documentHref(note));
    }
  };
  return (
    <form className="form boxed-tight" onSubmit={submit} noValidate aria-labelledby="credit-title">
      <h2 id="credit-title">New credit note for {documentLabel(invoice)}</h2>
      <FormSummary summary={refusal?.summary ?? null} errors={refusal?.errors ?? {}} known={new Set(["reason", "credit_date", ...Object.values(aliases)])} />
      <div className="form-grid">
        <Field label="Reason" error={refusal?.errors.reason} className="wide">
          {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} required autoFocus />}
        </Field>
        <Field label="Credit date" error={refusal?.errors.credit_date}>
          {(p) => <input {...p} type="date" value={date} onChange={(e) => setDate(e.target.value)} />}
        </Field>
      </div>
      <table className="lines">
        <caption className="visually-hidden">What to credit per line</caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col" className="num">Invoiced</th>
            <th scope="col">Credit by</th>
            <th scope="col" className="num">Credit</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => {
            const choice = by[l.line_number] ?? { mode: "quantity", value: "" };
            return (
              <tr key={l.line_number}>
                <td>
                  {l.line_number}. {l.description}
                </td>
                <td className="num">
                  {formatQuantity(l.quantity)} × {formatAmount(l.unit_price, invoice.currency)} = {formatAmount(l.net, invoice.currency)}
                </td>
                <td>
                  <Field label={`Credit line ${l.line_number} by`} hideLabel>
                    {(p) => (
                      <select {...p} value={choice.mode} onChange={(e) => setBy({ ...by, [l.line_number]: { ...choice, mode: e.target.value as "quantity" | "amount" } })}>
                        <option value="quantity">Quantity</option>
                        <option value="amount">Net amount</option>
                      </select>
                    )}
                  </Field>
                </td>
                <td className="num">
                  <Field label={`Credit of line ${l.line_number}`} hideLabel error={refusal?.errors[`credit/${l.line_number}`]}>
                    {(p) => (
                      <input {...p} className="short" inputMode="decimal" value={choice.value} onChange={(e) => setBy({ ...by, [l.line_number]: { ...choice, value: e.target.value } })} />
                    )}
                  </Field>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="hint">Leave every line empty to credit everything left on the invoice.</p>
      <FormActions label="Enter the credit note" busy={busy} onCancel={onCancel} />
    </form>
  );
}
