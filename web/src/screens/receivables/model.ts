// The receivables module's shapes on the wire (docs/receivables.md, API tag `receivables`):
// invoices, credit notes and write-offs (one document shape), billing runs, the customer
// account and the aging report. Money is a decimal string beside its currency.
import type { Receipt } from "./receipts/model";

export type DocumentKind = "invoice" | "credit_note" | "write_off";
export type DocumentStatus = "draft" | "issued";

export const kindLabels: Record<DocumentKind, string> = { invoice: "Invoice", credit_note: "Credit note", write_off: "Write-off" };
export const documentStatusLabels: Record<DocumentStatus, string> = { draft: "Draft", issued: "Issued" };

export interface DocumentLine {
  line_number: number;
  item_id: number | null;
  item: string;
  description: string;
  unit: string;
  quantity: string;
  unit_price: string;
  discount_percent: string;
  tax_percent: string;
  account: string;
  net: string;
  tax: string;
  credited_line: number | null;
  shipment_id: number | null;
  shipment_line: number | null;
}

export interface SendLogEntry {
  id: number;
  to: string[];
  subject: string;
  status: string;
  attempts: number;
  last_error: string;
  queued_at: string;
  sent_at: string | null;
}

export interface ArDocument {
  id: number;
  kind: DocumentKind;
  status: DocumentStatus;
  number: string | null;
  customer: string;
  customer_id: number;
  customer_name: string;
  currency: string;
  document_date: string;
  due_date: string;
  payment_terms_days: number;
  early_discount_percent: string;
  early_discount_days: number;
  credited_invoice: string;
  credited_invoice_id: number | null;
  reason: string;
  customer_reference: string;
  net: string;
  tax: string;
  total: string;
  billing_run_id: number | null;
  entry_id: number | null;
  created_at: string;
  issued_at: string | null;
  credited?: string;
  open?: string;
  lines?: DocumentLine[];
  sends?: SendLogEntry[];
}

export interface BillingRun {
  id: number;
  as_of: string;
  invoices: number;
  lines: number;
  invoice_ids: number[];
  created_by: number;
  created_at: string;
}

export interface CustomerAccount {
  customer_id: number;
  customer: string;
  name: string;
  currency: string;
  billing_mode: "per_shipment" | "consolidated";
  balance: string;
  overdue: string;
  open_items: ArDocument[];
  documents: ArDocument[];
  unapplied_cash: string;
  receipts: Receipt[];
}

export type AgingBucket = "current" | "days_1_30" | "days_31_60" | "days_61_90" | "over_90";

export const agingBuckets: { key: AgingBucket; label: string }[] = [
  { key: "current", label: "Not yet due" },
  { key: "days_1_30", label: "1–30 days" },
  { key: "days_31_60", label: "31–60 days" },
  { key: "days_61_90", label: "61–90 days" },
  { key: "over_90", label: "Over 90 days" },
];

export interface AgingItem {
  invoice_id: number;
  number: string;
  due_date: string;
  days_overdue: number;
  bucket: AgingBucket;
  open: string;
  currency: string;
  open_functional: string;
}

export interface AgingCustomer {
  customer_id: number;
  customer: string;
  name: string;
  buckets: Record<AgingBucket, string>;
  total: string;
  items: AgingItem[];
}

export interface Aging {
  as_of: string;
  currency: string;
  customers: AgingCustomer[];
  buckets: Record<AgingBucket, string>;
  total: string;
  control_account: string;
  ledger_balance: string;
  difference: string;
}

// The document's number, or "Draft #id" before it is issued.
export function documentLabel(document: { number: string | null; id: number }): string {
  return document.number ?? `Draft #${document.id}`;
}

// Its page: credit notes have their own route; invoices and write-offs share one.
export function documentHref(document: { kind: DocumentKind; id: number }): string {
  return document.kind === "credit_note" ? `/receivables/credit-notes/${document.id}` : `/receivables/invoices/${document.id}`;
}

export function pdfHref(document: { id: number }): string {
  return `/api/v1/invoices/${document.id}/pdf`;
}

export interface BillingPreviewCustomer {
  customer_id: number;
  customer: string;
  name: string;
  billing_mode: "per_shipment" | "consolidated";
  invoices: number;
  shipments: number;
  lines: number;
  currency: string;
  net: string;
  tax: string;
}

export interface BillingPreview {
  as_of: string;
  invoices: number;
  shipments: number;
  lines: number;
  customers: BillingPreviewCustomer[];
}
