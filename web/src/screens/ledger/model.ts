// The ledger's wire types (docs/api/openapi.json) and the accounts cache the screens share.
import { type Page, get, withQuery } from "../../lib/api";

export type AccountType = "asset" | "liability" | "equity" | "income" | "expense";
export const accountTypes: AccountType[] = ["asset", "liability", "equity", "income", "expense"];

export interface Account {
  id: number;
  number: string;
  name: string;
  type: AccountType;
  parent_id: number | null;
  currency: string;
  active: boolean;
  control: string;
}

export interface EntrySource {
  type: string;
  id: string;
  subledger: string;
}

export interface JournalLine {
  line_number: number;
  account_id: number;
  department_id: number | null;
  side: "debit" | "credit";
  amount: string;
  currency: string;
  functional_amount: string;
  memo: string;
}

export interface JournalEntry {
  id: number;
  reference: string;
  date: string;
  memo: string;
  source: EntrySource;
  status: string;
  reverses: number | null;
  reversed_by: number | null;
  total: string;
  currency: string;
  posted_by: number;
  posted_at: string;
  lines?: JournalLine[];
}

export interface StatementRow {
  account_id: number;
  number: string;
  name: string;
  type: AccountType;
  depth: number;
  amount: string;
  total: string;
}

// Every account of the company, in id order. The chart is small (hundreds of accounts), so it is
// read whole, a page of 500 at a time, and kept for the session; creating an account clears it.
const accountPagesMax = 40;
let accountsPromise: Promise<Account[]> | null = null;

export function loadAccounts(): Promise<Account[]> {
  if (!accountsPromise) {
    accountsPromise = (async () => {
      const all: Account[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < accountPagesMax; page++) {
        const answer = await get<Page<Account>>(withQuery("/api/v1/ledger/accounts", { limit: "500", cursor }));
        all.push(...answer.items);
        cursor = answer.next_cursor;
        if (!cursor) {
          break;
        }
      }
      return all;
    })();
    accountsPromise.catch(() => {
      accountsPromise = null;
    });
  }
  return accountsPromise;
}

export function forgetAccounts(): void {
  accountsPromise = null;
}

// Accounts depth-first by number under their parents, each with its depth.
export function accountTree(accounts: Account[]): { account: Account; depth: number }[] {
  const children = new Map<number | null, Account[]>();
  const ids = new Set(accounts.map((a) => a.id));
  for (const account of accounts) {
    const parent = account.parent_id !== null && ids.has(account.parent_id) ? account.parent_id : null;
    const list = children.get(parent) ?? [];
    list.push(account);
    children.set(parent, list);
  }
  const out: { account: Account; depth: number }[] = [];
  const visit = (parent: number | null, depth: number) => {
    const list = (children.get(parent) ?? []).sort((a, b) => a.number.localeCompare(b.number));
    for (const account of list) {
      out.push({ account, depth });
      if (depth < 32) {
        visit(account.id, depth + 1);
      }
    }
  };
  visit(null, 0);
  return out;
}

export const typeLabels: Record<AccountType, string> = {
  asset: "Asset",
  liability: "Liability",
  equity: "Equity",
  income: "Income",
  expense: "Expense",
};
