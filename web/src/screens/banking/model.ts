// The banking module's shapes on the wire (docs/banking.md): bank accounts, the import report,
// statement lines in the matching queue with their proposals or settlement. Money is a decimal
// string beside its currency.
export interface BankAccount {
  id: number;
  name: string;
  iban: string;
  account_number: string;
  bank_code: string;
  currency: string;
  ledger_account: string;
}

export interface ImportReport {
  format: string;
  dry_run: boolean;
  duplicate: boolean;
  statements: { id: number | null; bank_account_id: number; statement_ref: string; duplicate: boolean; lines_imported: number; lines_skipped: number }[];
  warnings: string[];
  matching: { matched: number; proposed: number; unmatched: number };
}

export type MatchStatus = "unmatched" | "proposed" | "matched";

export const matchStatusLabels: Record<MatchStatus, string> = { unmatched: "Unmatched", proposed: "Proposed", matched: "Matched" };

export interface Allocation {
  invoice_id: number;
  invoice_number: string;
  amount: string;
  discount: string;
  write_off: string;
}

export interface Proposal {
  rank: number;
  strategy: string;
  customer_id: number;
  score: number;
  reason: string;
  unapplied: string;
  allocations: Allocation[];
}

export interface Settlement {
  target: string;
  receipt_id: number | null;
  entry_id: number | null;
  customer_id: number | null;
  ledger_account: string;
  how: string;
  score: number | null;
  reason: string;
  matched_by: string;
  matched_at: string;
}

export interface StatementLine {
  id: number;
  statement_id: number;
  bank_account_id: number;
  line_number: number;
  booking_date: string;
  amount: string;
  currency: string;
  direction: "in" | "out";
  remittance: string;
  end_to_end_id: string;
  creditor_reference: string;
  counterparty_name: string;
  counterparty_account: string;
  match_status: MatchStatus;
  best_proposal: Proposal | null;
  settlement: Settlement | null;
}

export const strategyLabels: Record<string, string> = {
  reference: "Invoice reference",
  payer_amount: "Known payer and amount",
  amount_only: "Amount only",
};

export const howLabels: Record<string, string> = { automatic: "automatically", accepted: "by accepting a proposal", manual: "by hand" };

export const lineHref = (line: { id: number }) => `/banking/lines/${line.id}`;
