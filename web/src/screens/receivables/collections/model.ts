// Collections on the wire (docs/receivables.md, "Collections"): dunning runs and their letters,
// collection cases with notes, promises to pay and tasks.
export interface DunningLetterItem {
  invoice_id: number;
  number: string;
  due_date: string;
  days_overdue: number;
  level: number;
  open: string;
  interest: string;
}

export interface DunningLetter {
  customer_id: number;
  customer: string;
  name: string;
  level: number;
  level_name: string;
  currency: string;
  open: string;
  fee: string;
  interest: string;
  charge_invoice_id: number | null;
  mail_id: number | null;
  pdf: string;
  items: DunningLetterItem[];
}

export interface DunningRun {
  id: number;
  as_of: string;
  dry_run: boolean;
  letters?: DunningLetter[];
  skipped?: { customer_id: number; customer: string; reason: string }[];
  created_at: string;
}

export interface CollectionTask {
  id: number;
  case_id: number;
  customer_id: number;
  customer: string;
  title: string;
  due_date: string;
  assignee_id: number | null;
  done: boolean;
  done_at: string | null;
}

export type PromiseStatus = "pending" | "kept" | "broken";

export interface PaymentPromise {
  id: number;
  date: string;
  amount: string;
  currency: string;
  open_at_promise: string;
  status: PromiseStatus;
  created_at: string;
}

export interface CollectionCase {
  id: number;
  customer_id: number;
  customer: string;
  name: string;
  status: "open" | "closed";
  origin: "manual" | "final_notice";
  disputed: boolean;
  dispute_reason: string;
  opened_on: string;
  assignee_id: number | null;
  currency: string;
  open_balance: string;
  notes?: { number: number; text: string; created_by: number; created_at: string }[];
  promises?: PaymentPromise[];
  tasks?: CollectionTask[];
}

export const caseHref = (c: { id: number }) => `/receivables/collection-cases/${c.id}`;
