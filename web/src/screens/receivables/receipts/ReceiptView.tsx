// One receipt: what was paid, its allocations (applied, un-applied later, voided) and refunds,
// and the unapplied cash; with receivables.collect apply that cash to open invoices, un-apply
// an allocation, refund the cash; with receivables.approve void the receipt with a reason.
import "../../sales/sales.css";
import "../receivables.css";
import "./receipts.css";
import { type FormEvent, type ReactNode, useState } from "react";
import { type Page, get } from "../../../lib/api";
import { today } from "../../../lib/dates";
import { formatAmount, isZero, parseMinor } from "../../../lib/money";
import { Link } from "../../../lib/router";
import { useMe } from "../../../lib/session";
import { useLoad } from "../../../lib/useLoad";
import { Field } from "../../../components/Field";
import { FormActions } from "../../../components/FormActions";
import { ErrorNote } from "../../../components/Status";
import { useSubmit } from "../../../components/useSubmit";
import { FormSummary, WhenLoaded, useRecord, useRecordSteps } from "../../sales/parts";
import { type AllocationRow, AllocationTable, allocationsBody, loadOpenInvoices } from "./Allocations";
import { ReceiptStatusBadge } from "./Receipts";
import type { BankAccount } from "../../banking/model";
import { type Receipt, methodLabels } from "./model";

export function ReceiptView({ id }: { id: string }) {
  const receipt = useRecord<Receipt>("/api/v1/receipts", id);
  useRecordSteps("/receivables/receipts", id);
  return (
    <WhenLoaded loaded={receipt} what="the receipt">
      {(r) => r && <ReceiptPage receipt={r} reload={receipt.reload} />}
    </WhenLoaded>
  );
}

type Action = "apply" | "refund" | "void" | null;

function ReceiptPage({ receipt: r, reload }: { receipt: Receipt; reload: () => void }) {
  const { can } = useMe();
  const [action, setAction] = useState<Action>(null);
  const money = (text: string) => `${formatAmount(text, r.currency)} ${r.currency}`;
  const accounts = useLoad((signal) => (can("banking.read") ? get<Page<BankAccount>>("/api/v1/bank-accounts?limit=100", signal) : Promise.resolve(null)), "receipt-bank-accounts");
  const bankName = accounts.data?.items.find((a) => a.id === r.bank_account_id)?.name;
  const posted = r.status === "posted";
  const hasCash = posted && !isZero(r.unapplied);
  const done = () => {
    setAction(null);
    reload();
  };
  return (
    <>
      <p className="subtitle record-title">
        <strong>Receipt #{r.id}</strong>
        <Link to={`/receivables/customers/${r.customer_id}`}>
          {r.customer} {r.customer_name}
        </Link>
        <ReceiptStatusBadge receipt={r} />
      </p>
      {posted && (
        <div className="record-actions" role="group" aria-label="Receipt actions">
          {can("receivables.collect") && hasCash && (
            <>
              <button type="button" className="primary" onClick={() => setAction("apply")} aria-expanded={action === "apply"}>
                Apply unapplied cash…
              </button>
              <button type="button" onClick={() => setAction("refund")} aria-expanded={action === "refund"}>
                Refund…
              </button>
            </>
          )}
          {can("receivables.approve") && isZero(r.refunded) && (
            <button type="button" className="danger" onClick={() => setAction("void")} aria-expanded={action === "void"}>
              Void…
            </button>
          )}
        </div>
      )}
      {action === "apply" && <ApplyForm receipt={r} onDone={done} onCancel={() => setAction(null)} />}
      {action === "refund" && <RefundForm receipt={r} onDone={done} onCancel={() => setAction(null)} />}
      {action === "void" && <VoidForm receipt={r} onDone={done} onCancel={() => setAction(null)} />}
      <section className="card" aria-labelledby="receipt-title">
        <h2 id="receipt-title">Receipt</h2>
        <dl className="facts">
          <div><dt>Received on</dt><dd>{r.receipt_date}</dd></div>
          <div><dt>Amount</dt><dd>{money(r.amount)}</dd></div>
          <div><dt>Method</dt><dd>{methodLabels[r.method] ?? r.method}</dd></div>
          <div><dt>Reference</dt><dd>{r.reference || "—"}</dd></div>
          <div><dt>Bank account</dt><dd>{bankName ?? `#${r.bank_account_id}`} (ledger {r.bank_ledger_account})</dd></div>
          {r.statement_line_id && (
            <div><dt>Statement line</dt><dd>{can("banking.read") ? <Link to={`/banking/lines/${r.statement_line_id}`}>#{r.statement_line_id}</Link> : `#${r.statement_line_id}`}</dd></div>
          )}
          {can("ledger.read") && <div><dt>Journal entry</dt><dd><Link to={`/ledger/journal/${r.entry_id}`}>#{r.entry_id}</Link></dd></div>}
          {r.status === "voided" && <div><dt>Voided</dt><dd>{r.void_date}: {r.void_reason}</dd></div>}
        </dl>
        <dl className="totals" data-testid="receipt-totals">
          <div><dt>Applied</dt><dd>{money(r.applied)}</dd></div>
          <div><dt>Refunded</dt><dd>{money(r.refunded)}</dd></div>
          <div className="strong"><dt>Unapplied cash</dt><dd className={isZero(r.unapplied) ? undefined : "unapplied-cash"}>{money(r.unapplied)}</dd></div>
        </dl>
      </section>
      <Allocations receipt={r} onChanged={reload} />
      {r.refunds.length > 0 && (
        <section className="card" aria-labelledby="refunds-title">
          <h2 id="refunds-title">Refunds</h2>
          <ul className="plain">
            {r.refunds.map((f) => (
              <li key={f.id}>
                {f.refund_date} · {money(f.amount)} {f.reference && <span className="muted">· {f.reference}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function Allocations({ receipt: r, onChanged }: { receipt: Receipt; onChanged: () => void }) {
  const { can } = useMe();
  const { refusal, busy, submit } = useSubmit("un-application");
  const unapply = async (allocation: number) => {
    if (await submit(`/api/v1/receipts/${r.id}/unapply`, { allocation_id: allocation, date: today() })) {
      onChanged();
    }
  };
  return (
    <section className="card" aria-labelledby="receipt-allocations-title" data-testid="receipt-allocations">
      <h2 id="receipt-allocations-title">Allocations</h2>
      {refusal && <ErrorNote message={refusal.summary} />}
      {r.allocations.length === 0 ? (
        <p className="muted">Nothing is allocated: the cash is unapplied.</p>
      ) : (
        <div className="table-scroll">
          <table className="data">
            <caption className="visually-hidden">Allocations of receipt #{r.id}</caption>
            <thead>
              <tr>
                <th scope="col">Invoice</th>
                <th scope="col">Applied on</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">Paid</th>
                <th scope="col" className="num">Discount</th>
                <th scope="col" className="num">Write-off</th>
                <th scope="col"><span className="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {r.allocations.map((a) => (
                <tr key={a.id}>
                  <td><Link to={`/receivables/invoices/${a.invoice_id}`}>{a.invoice_number}</Link></td>
                  <td>{a.applied_date}</td>
                  <td>
                    <span className={`badge ${a.status}`}>{a.status === "applied" ? "Applied" : a.status === "unapplied" ? `Un-applied ${a.unapplied_date ?? ""}` : "Voided"}</span>
                  </td>
                  <td className="num">{formatAmount(a.amount, r.currency)}</td>
                  <td className="num">{formatAmount(a.discount, r.currency)}</td>
                  <td className="num">{formatAmount(a.write_off, r.currency)}</td>
                  <td>
                    {a.status === "applied" && r.status === "posted" && can("receivables.collect") && (
                      <button type="button" disabled={busy} onClick={() => void unapply(a.id)} aria-label={`Un-apply ${a.invoice_number}`}>
                        Un-apply
                      </button>
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

interface FormProps {
  receipt: Receipt;
  onDone: () => void;
  onCancel: () => void;
}

function ActionForm({ title, what, fields, children, busy, label, onSubmit, onCancel, errors, summary }: {
  title: string; what: string; fields: string[]; children: ReactNode; busy: boolean; label: string;
  onSubmit: (event: FormEvent) => void; onCancel: () => void; errors: Record<string, string>; summary: string | null;
}) {
  return (
    <form className="form boxed-tight" onSubmit={onSubmit} noValidate aria-label={title} data-testid={`${what}-form`}>
      <h2>{title}</h2>
      <FormSummary summary={summary} errors={errors} known={new Set([...fields, ...Object.keys(errors).filter((f) => f.startsWith("allocations/"))])} />
      {children}
      <FormActions label={label} busy={busy} onCancel={onCancel} />
    </form>
  );
}

function ApplyForm({ receipt: r, onDone, onCancel }: FormProps) {
  const [date, setDate] = useState(today());
  const open = useLoad(() => loadOpenInvoices(r.customer), `open-invoices-${r.customer}`);
  const [edited, setRows] = useState<AllocationRow[] | null>(null);
  const rows = edited ?? open.data;
  const { refusal, errors, busy, submit } = useSubmit("application");
  const apply = async (event: FormEvent) => {
    event.preventDefault();
    if (await submit(`/api/v1/receipts/${r.id}/apply`, { date, allocations: allocationsBody(rows ?? []) })) {
      onDone();
    }
  };
  return (
    <ActionForm title="Apply unapplied cash" what="apply" fields={["date", "allocations"]} busy={busy} label="Apply" onSubmit={apply} onCancel={onCancel} errors={errors} summary={refusal?.summary ?? null}>
      <div className="form-grid narrow">
        <Field label="Applied on" error={errors.date}>
          {(props) => <input {...props} type="date" value={date} onChange={(e) => setDate(e.target.value)} />}
        </Field>
      </div>
      {open.error && <ErrorNote message={open.error} onRetry={open.reload} />}
      {rows && <AllocationTable rows={rows} onChange={setRows} currency={r.currency} available={parseMinor(r.unapplied, r.currency) ?? 0n} errors={errors} caption={`Open invoices of ${r.customer}`} />}
    </ActionForm>
  );
}

function RefundForm({ receipt: r, onDone, onCancel }: FormProps) {
  const [amount, setAmount] = useState(r.unapplied);
  const [date, setDate] = useState(today());
  const [reference, setReference] = useState("");
  const { refusal, errors, busy, submit } = useSubmit("refund");
  const refund = async (event: FormEvent) => {
    event.preventDefault();
    if (await submit(`/api/v1/receipts/${r.id}/refund`, { amount, date, reference })) {
      onDone();
    }
  };
  return (
    <ActionForm title="Refund unapplied cash" what="refund" fields={["amount", "date", "reference"]} busy={busy} label="Refund" onSubmit={refund} onCancel={onCancel} errors={errors} summary={refusal?.summary ?? null}>
      <div className="form-grid">
        <Field label="Amount to refund" error={errors.amount} hint={`At most ${formatAmount(r.unapplied, r.currency)} ${r.currency}`}>
          {(props) => <input {...props} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />}
        </Field>
        <Field label="Refunded on" error={errors.date}>
          {(props) => <input {...props} type="date" value={date} onChange={(e) => setDate(e.target.value)} />}
        </Field>
        <Field label="Refund reference" error={errors.reference}>
          {(props) => <input {...props} value={reference} onChange={(e) => setReference(e.target.value)} />}
        </Field>
      </div>
    </ActionForm>
  );
}

function VoidForm({ receipt: r, onDone, onCancel }: FormProps) {
  const [reason, setReason] = useState("");
  const [date, setDate] = useState(today());
  const { refusal, errors, busy, submit } = useSubmit("void");
  const voidIt = async (event: FormEvent) => {
    event.preventDefault();
    if (await submit(`/api/v1/receipts/${r.id}/void`, { reason, date })) {
      onDone();
    }
  };
  return (
    <ActionForm title={`Void receipt #${r.id}`} what="void" fields={["reason", "date"]} busy={busy} label="Void the receipt" onSubmit={voidIt} onCancel={onCancel} errors={errors} summary={refusal?.summary ?? null}>
      <p>Every entry of the receipt is reversed and its allocations stop settling their invoices (a bounced cheque, a mistake).</p>
      <div className="form-grid">
        <Field label="Reason to void" error={errors.reason}>
          {(props) => <input {...props} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <Field label="Voided on" error={errors.date}>
          {(props) => <input {...props} type="date" value={date} onChange={(e) => setDate(e.target.value)} />}
        </Field>
      </div>
    </ActionForm>
  );
}
