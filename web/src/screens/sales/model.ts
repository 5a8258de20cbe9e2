// The sales module's shapes on the wire (docs/api/openapi.json, tag `customers`) and the small
// lists the customer screens choose from (price lists, users), each read once per visit.
import { type Page, get } from "../../lib/api";

export type CustomerStatus = "active" | "on_hold";
export type TaxCategory = "taxable" | "exempt";

export interface Address {
  kind: "billing" | "shipping";
  default: boolean;
  name: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postal_code: string;
  country: string;
}

export interface Contact {
  name: string;
  email: string;
  phone: string;
  role: string;
}

export interface Customer {
  id: number;
  number: string;
  name: string;
  email: string;
  phone: string;
  city: string;
  country: string;
  currency: string;
  credit_limit: string;
  payment_terms_days: number;
  status: CustomerStatus;
  hold_reason: string;
  tax_category: TaxCategory;
  price_list_id: number | null;
  salesperson_id: number | null;
  created_at: string;
  updated_at: string;
  addresses?: Address[];
  contacts?: Contact[];
}

export interface PriceList {
  id: number;
  code: string;
  name: string;
  currency: string;
  prices_include_tax: boolean;
}

export interface UserSummary {
  id: number;
  username: string;
  display_name: string;
  status: string;
}

export const statusLabels: Record<CustomerStatus, string> = { active: "Active", on_hold: "On hold" };

export function loadPriceLists(signal: AbortSignal): Promise<PriceList[]> {
  return get<{ items: PriceList[] }>("/api/v1/price-lists", signal).then((answer) => answer.items);
}

// The company's users, for choosing a salesperson (needs users.read; up to 500).
export async function loadUsers(signal: AbortSignal): Promise<UserSummary[]> {
  const users: UserSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await get<Page<UserSummary>>(`/api/v1/users?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, signal);
    users.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor && users.length < 500);
  return users;
}
