// Receipts on the wire (docs/receivables.md, "Payments and cash application"): money a customer
// paid, its allocations to invoices (applied, unapplied later, voided) and refunds.
export type ReceiptMethod = "transfer" | "cheque" | "card" | "cash";

export const methodLabels: Record<ReceiptMethod, string> = { transfer: "Transfer", cheque: "Cheque", card: "Card", cash: "Cash" };

export interface ReceiptAllocation {
  id: number;
  receipt_id: number;
  invoice_id: number;
  invoice_number: string;
  amount: string;
  discount: string;
  write_off: string;
  applied_date: string;
  entry_id: number;
  status: "applied" | "unapplied" | "voided";
  unapplied_date: string | null;
  voided_date: string | null;
}

export interface ReceiptRefund {
  id: number;
  refund_date: string;
  amount: string;
  reference: string;
  entry_id: number;
}

export interface Receipt {
  id: number;
  customer_id: number;
  customer: string;
  customer_name: string;
  receipt_date: string;
  currency: string;
  amount: string;
  method: ReceiptMethod;
  reference: string;
  bank_account_id: number;
  bank_ledger_account: string;
  statement_line_id: number | null;
  status: "posted" | "voided";
  entry_id: number;
  applied: string;
  refunded: string;
  unapplied: string;
  void_date: string | null;
  void_reason: string;
  created_at: string;
  allocations: ReceiptAllocation[];
  refunds: ReceiptRefund[];
}

export const receiptHref = (r: { id: number }) => `/receivables/receipts/${r.id}`;
