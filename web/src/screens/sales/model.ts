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

// --- sales orders (tag `sales-orders`)

export type OrderStatus = "quotation" | "entered" | "on_hold" | "confirmed" | "partly_shipped" | "shipped" | "cancelled";

export const orderStatusLabels: Record<OrderStatus, string> = {
  quotation: "Quotation",
  entered: "Entered",
  on_hold: "On hold",
  confirmed: "Confirmed",
  partly_shipped: "Partly shipped",
  shipped: "Shipped",
  cancelled: "Cancelled",
};

export interface OrderLine {
  line_number: number;
  item_id: number;
  item: string;
  unit: string;
  quantity: string;
  unit_price: string;
  price_source: "price_list" | "item" | "override";
  discount_percent: string;
  tax_rate_id: number | null;
  tax_percent: string;
  net: string;
  tax: string;
  reserved: string;
  backordered: string;
  shipped: string;
}

export interface LineAvailability {
  line_number: number;
  available: string;
  short: string;
  ship_from: string | null;
}

export interface SalesOrder {
  id: number;
  number: string;
  customer: string;
  customer_id: number;
  warehouse_id: number;
  status: OrderStatus;
  currency: string;
  order_date: string;
  priority: number;
  salesperson_id: number | null;
  entered_by: number;
  customer_reference: string;
  hold_reason: string;
  net: string;
  tax: string;
  total: string;
  created_at: string;
  updated_at: string;
  lines?: OrderLine[];
  fully_reserved?: boolean;
  shippable?: boolean;
  availability?: LineAvailability[];
}

export interface OrderEvent {
  seq: number;
  at: string;
  user_id: number | null;
  event: string;
  from_status: string;
  to_status: string;
  detail: string;
}

export interface TaxRate {
  id: number;
  code: string;
  name: string;
  rate_percent: string;
  default: boolean;
  active: boolean;
}

export function loadTaxRates(signal: AbortSignal): Promise<TaxRate[]> {
  return get<{ items: TaxRate[] }>("/api/v1/tax-rates", signal).then((answer) => answer.items);
}
