// Receipts: the list over GET /api/v1/receipts (customer, unapplied cash only, method, dates on
// the server) and recording one: customer, date, amount, method, bank account, reference and
// its allocations over the customer's open invoices (partial amounts, discount, write-off).
import "../../sales/sales.css";
import "../receivables.css";
import "./receipts.css";
import { type FormEvent, useState } from "react";
import { type Page, get, messageOf, withQuery } from "../../../lib/api";
import { today } from "../../../lib/dates";
import { formatAmount, isZero, parseMinor } from "../../../lib/money";
import { navigate, useLeaveGuard } from "../../../lib/router";
import { type Column, ListView } from "../../../components/ListView";
import { Field } from "../../../components/Field";
import { FormActions } from "../../../components/FormActions";
import { ErrorNote } from "../../../components/Status";
import { useSubmit } from "../../../components/useSubmit";
import { FormSummary, NewButton } from "../../sales/parts";
import { BankAccountOptions, useBankAccounts } from "../../banking/StatementImport";
import { type AllocationRow, AllocationTable, allocationsBody, hasAllocations, loadOpenInvoices } from "./Allocations";
import { type Receipt, type ReceiptMethod, methodLabels, receiptHref } from "./model";

export function ReceiptStatusBadge({ receipt: r }: { receipt: Receipt }) {
  if (r.status === "voided") {
    return <span className="badge voided">Voided</span>;
  }
  return isZero(r.unapplied) ? <span className="badge applied">Applied</span> : <span className="badge unapplied">Unapplied cash</span>;
}

const money = (text: string, currency: string) => `${formatAmount(text, currency)} ${currency}`;

const columns: Column<Receipt>[] = [
  { key: "id", label: "Receipt", render: (r) => `#${r.id}`, sortValue: (r) => r.id },
  { key: "date", label: "Date", render: (r) => r.receipt_date, sortValue: (r) => r.receipt_date },
  { key: "customer", label: "Customer", render: (r) => `${r.customer} ${r.customer_name}`, sortValue: (r) => r.customer },
  { key: "method", label: "Method", render: (r) => methodLabels[r.method] ?? r.method },
  { key: "reference", label: "Reference", render: (r) => r.reference || <span className="muted">—</span> },
  { key: "status", label: "Status", render: (r) => <ReceiptStatusBadge receipt={r} /> },
  { key: "amount", label: "Amount", numeric: true, render: (r) => money(r.amount, r.currency), sortValue: (r) => Number(r.amount) },
  { key: "unapplied", label: "Unapplied", numeric: true, render: (r) => (isZero(r.unapplied) ? "" : <span className="unapplied-cash">{money(r.unapplied, r.currency)}</span>) },
];

export function Receipts() {
  return (
    <>
      <NewButton to="/receivables/receipts/new" permission="receivables.collect">
        Record a receipt
      </NewButton>
      <ListView<Receipt>
        resource="receivables.receipts"
        label="Receipts"
        columns={columns}
        filters={[
          { name: "customer", label: "Customer number", shortcut: true },
          { name: "unapplied", label: "Unapplied cash", options: [{ value: "", label: "Any" }, { value: "true", label: "With unapplied cash" }] },
          { name: "method", label: "Method", options: [{ value: "", label: "Any" }, ...Object.entries(methodLabels).map(([value, label]) => ({ value, label }))] },
          { name: "from", label: "Dated from", type: "date" },
          { name: "to", label: "Dated up to", type: "date" },
        ]}
        fetchPage={({ cursor, limit, filters }, signal) => get<Page<Receipt>>(withQuery("/api/v1/receipts", { ...filters, limit: String(limit), cursor }), signal)}
        rowKey={(r) => r.id}
        rowHref={receiptHref}
        searchText={(r) => `${r.id} ${r.customer} ${r.customer_name} ${r.reference} ${r.amount}`}
      />
    </>
  );
}

export function NewReceipt() {
  const accounts = useBankAccounts();
  const [customer, setCustomer] = useState(() => new URLSearchParams(window.location.search).get("customer") ?? "");
  const [date, setDate] = useState(today());
  const [amount, setAmount] = useState("");
  const [method, setMethod] = useState<ReceiptMethod>("transfer");
  const [bankAccount, setBankAccount] = useState("");
  const [reference, setReference] = useState("");
  const [rows, setRows] = useState<AllocationRow[] | null>(null);
  const [finding, setFinding] = useState<string | null>(null);
  const { refusal, errors, busy, submit } = useSubmit("receipt");
  const account = accounts.data?.items.find((a) => String(a.id) === bankAccount) ?? accounts.data?.items[0];
  const currency = account?.currency ?? "USD";
  useLeaveGuard(!busy && (amount !== "" || hasAllocations(rows)));

  const find = async () => {
    setFinding(null);
    try {
      setRows(await loadOpenInvoices(customer));
    } catch (error) {
      setRows(null);
      setFinding(messageOf(error));
    }
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const made = await submit<Receipt>("/api/v1/receipts", {
      customer: customer.trim(),
      receipt_date: date,
      amount: amount.trim(),
      method,
      reference,
      bank_account_id: account ? account.id : 0,
      allocations: allocationsBody(rows ?? []),
    });
    if (made) {
      navigate(receiptHref(made), { force: true });
    }
  };
  const known = new Set(["customer", "receipt_date", "amount", "method", "reference", "bank_account_id", "allocations", ...Object.keys(errors).filter((f) => f.startsWith("allocations/"))]);
  return (
    <form className="form" onSubmit={save} noValidate>
      <FormSummary summary={refusal?.summary ?? null} errors={errors} known={known} />
      <div className="form-grid">
        <div className="form-row">
          <Field label="Customer number" error={errors.customer}>
            {(props) => <input {...props} value={customer} onChange={(e) => setCustomer(e.target.value)} onBlur={() => customer.trim() && rows === null && void find()} />}
          </Field>
          <button type="button" onClick={() => void find()} disabled={customer.trim() === ""}>
            Find open invoices
          </button>
        </div>
        <Field label="Received on" error={errors.receipt_date}>
          {(props) => <input {...props} type="date" value={date} onChange={(e) => setDate(e.target.value)} />}
        </Field>
        <Field label="Amount" error={errors.amount} hint={currency}>
          {(props) => <input {...props} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />}
        </Field>
        <Field label="Method" error={errors.method}>
          {(props) => (
            <select {...props} value={method} onChange={(e) => setMethod(e.target.value as ReceiptMethod)}>
              {Object.entries(methodLabels).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Into bank account" error={errors.bank_account_id}>
          {(props) => (
            <select {...props} value={bankAccount || (account ? String(account.id) : "")} onChange={(e) => setBankAccount(e.target.value)}>
              <BankAccountOptions accounts={accounts.data?.items ?? []} />
            </select>
          )}
        </Field>
        <Field label="Reference" error={errors.reference} hint="Cheque number, remittance text">
          {(props) => <input {...props} value={reference} onChange={(e) => setReference(e.target.value)} />}
        </Field>
      </div>
      {accounts.error && <ErrorNote message={accounts.error} onRetry={accounts.reload} />}
      {finding && <ErrorNote message={finding} />}
      {rows && (
        <section aria-labelledby="allocations-title">
          <h2 id="allocations-title">Allocations</h2>
          <AllocationTable rows={rows} onChange={setRows} currency={currency} available={parseMinor(amount || "0", currency) ?? 0n} errors={errors} caption={`Open invoices of ${customer}`} />
        </section>
      )}
      <FormActions label="Record the receipt" busy={busy} onCancel={() => navigate("/receivables/receipts")} />
    </form>
  );
}
