// Invoices and credit notes: the reusable list over GET /api/v1/invoices (or /credit-notes) —
// status, customer, overdue and date filters on the server, in order of entry.
import "../sales/sales.css";
import "./receivables.css";
import { type Page, get, withQuery } from "../../lib/api";
import { today } from "../../lib/dates";
import { formatAmount, isZero } from "../../lib/money";
import { type Column, ListView } from "../../components/ListView";
import { type ArDocument, documentHref, documentLabel, documentStatusLabels, kindLabels } from "./model";

export function DocumentStatusBadge({ document: d }: { document: ArDocument }) {
  if (d.status === "draft") {
    return <span className="badge draft">{documentStatusLabels.draft}</span>;
  }
  if (d.kind === "invoice" && d.open !== undefined) {
    if (isZero(d.open)) {
      return <span className="badge settled">Settled</span>;
    }
    if (d.due_date < today()) {
      return <span className="badge overdue">Overdue</span>;
    }
    return <span className="badge issued">Open</span>;
  }
  return <span className="badge issued">{documentStatusLabels.issued}</span>;
}

const money = (text: string | undefined, currency: string) => (text === undefined ? "—" : `${formatAmount(text, currency)} ${currency}`);

const amount = (text: string) => BigInt(text.replace(".", ""));

function columnsFor(kind: "invoice" | "credit_note"): Column<ArDocument>[] {
  return [
    { key: "number", label: kind === "invoice" ? "Invoice" : "Credit note", render: documentLabel, sortValue: (d) => d.id },
    { key: "date", label: "Date", render: (d) => d.document_date, sortValue: (d) => d.document_date },
    { key: "customer", label: "Customer", render: (d) => `${d.customer} ${d.customer_name}`, sortValue: (d) => d.customer },
    { key: "status", label: "Status", render: (d) => <DocumentStatusBadge document={d} />, sortValue: (d) => d.status },
    ...(kind === "invoice"
      ? [{ key: "due", label: "Due", render: (d: ArDocument) => d.due_date, sortValue: (d: ArDocument) => d.due_date }]
      : [{ key: "credits", label: "Credits", render: (d: ArDocument) => d.credited_invoice || "—" }]),
    { key: "reference", label: "Customer reference", render: (d) => d.customer_reference || <span className="muted">—</span>, hiddenByDefault: true },
    { key: "net", label: "Net", numeric: true, render: (d) => formatAmount(d.net, d.currency), hiddenByDefault: true },
    { key: "total", label: "Total", numeric: true, render: (d) => money(d.total, d.currency), sortValue: (d) => amount(d.total) },
    ...(kind === "invoice"
      ? [{ key: "open", label: "Open", numeric: true, render: (d: ArDocument) => money(d.open, d.currency), sortValue: (d: ArDocument) => amount(d.open ?? "0") }]
      : []),
  ];
}

export function Invoices({ kind = "invoice" }: { kind?: "invoice" | "credit_note" }) {
  const path = kind === "invoice" ? "/api/v1/invoices" : "/api/v1/credit-notes";
  return (
    <ListView<ArDocument>
      resource={`receivables.${kind}s`}
      label={kind === "invoice" ? "Invoices" : "Credit notes"}
      columns={columnsFor(kind)}
      filters={[
        {
          name: "status",
          label: "Status",
          options: [{ value: "", label: "Any" }, ...Object.entries(documentStatusLabels).map(([value, label]) => ({ value, label }))],
        },
        { name: "customer", label: "Customer number", shortcut: true },
        ...(kind === "invoice"
          ? [{ name: "overdue", label: "Overdue", options: [{ value: "", label: "Any" }, { value: "true", label: "Overdue only" }] }]
          : []),
        { name: "from", label: "Dated from", type: "date" as const },
        { name: "to", label: "Dated before", type: "date" as const },
      ]}
      fetchPage={({ cursor, limit, filters }, signal) => get<Page<ArDocument>>(withQuery(path, { ...filters, limit: String(limit), cursor }), signal)}
      rowKey={(d) => d.id}
      rowHref={documentHref}
      searchText={(d) => `${d.number ?? ""} ${d.customer} ${d.customer_name} ${d.customer_reference} ${kindLabels[d.kind]}`}
    />
  );
}

export function CreditNotes() {
  return <Invoices kind="credit_note" />;
}
