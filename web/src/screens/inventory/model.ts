// The inventory module's shapes on the wire (docs/api/openapi.json: items, warehouses, stock)
// and the small lists screens choose from (units, warehouses), read once per page load and
// forgotten after a change. Quantities are decimal strings ("2.5" kg, "3" ea), never numbers.
import { type Page, get } from "../../lib/api";

export interface Item {
  id: number;
  sku: string;
  description: string;
  unit: string;
  kind: "stocked" | "service";
  price: string;
  standard_cost: string;
  currency: string;
  weight_g: number;
  reorder_point: string;
  reorder_quantity: string;
  barcode: string | null;
  active: boolean;
  created_at: string;
}

export interface Unit {
  code: string;
  name: string;
  decimals: number;
}

export interface Bin {
  id: number;
  code: string;
  active: boolean;
}

export interface Warehouse {
  id: number;
  code: string;
  name: string;
  address: string;
  active: boolean;
  bins: Bin[];
  created_at: string;
}

export interface StockRow {
  item_id: number;
  sku: string;
  unit: string;
  warehouse_id: number;
  bin: string | null;
  on_hand: string;
  reserved: string;
  available: string;
  on_order: string;
  backordered: string;
  reorder_point: string;
  average_cost: string;
  value: string;
  currency: string;
}

export interface Movement {
  id: number;
  item_id: number;
  warehouse_id: number;
  bin_id: number | null;
  type: "receipt" | "issue" | "transfer_in" | "transfer_out" | "adjustment";
  quantity: string;
  value: string;
  currency: string;
  date: string;
  source: { type: string; id: string };
  reason: string | null;
  entry_id: number | null;
  user_id: number;
  created_at: string;
}

export interface ReorderLine {
  item_id: number;
  sku: string;
  description: string;
  unit: string;
  on_hand: string;
  reserved: string;
  on_order: string;
  backordered: string;
  position: string;
  reorder_point: string;
  reorder_quantity: string;
  suggested: string;
  basis: string;
}

export const movementLabels: Record<Movement["type"], string> = {
  receipt: "Receipt",
  issue: "Issue",
  transfer_in: "Transfer in",
  transfer_out: "Transfer out",
  adjustment: "Adjustment",
};

let unitsPromise: Promise<Unit[]> | null = null;
let warehousesPromise: Promise<Warehouse[]> | null = null;

export function loadUnits(): Promise<Unit[]> {
  unitsPromise ??= get<{ items: Unit[] }>("/api/v1/units").then((answer) => answer.items);
  unitsPromise.catch(() => (unitsPromise = null));
  return unitsPromise;
}

// Every warehouse of the company (a handful in practice; up to 1,000 read).
export function loadWarehouses(): Promise<Warehouse[]> {
  warehousesPromise ??= (async () => {
    const all: Warehouse[] = [];
    let cursor: string | undefined;
    do {
      const page = await get<Page<Warehouse>>(`/api/v1/warehouses?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      all.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor && all.length < 1000);
    return all;
  })();
  warehousesPromise.catch(() => (warehousesPromise = null));
  return warehousesPromise;
}

export function forgetWarehouses(): void {
  warehousesPromise = null;
}

// Thousandths of a decimal quantity, for sums and comparisons (null when not a plain decimal).
export function parseMilli(text: string): bigint | null {
  const match = /^(-?)(\d{1,15})(?:\.(\d{1,3}))?$/.exec(text.trim());
  if (!match) {
    return null;
  }
  const milli = BigInt(match[2]) * 1000n + BigInt((match[3] ?? "").padEnd(3, "0"));
  return match[1] ? -milli : milli;
}

export function formatMilli(milli: bigint): string {
  const negative = milli < 0n;
  const abs = negative ? -milli : milli;
  const whole = (abs / 1000n).toLocaleString("en-US");
  const fraction = (abs % 1000n).toString().padStart(3, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

// "1234.5" -> "1,234.5"; the text as given when it is not a plain decimal.
export function formatQuantity(text: string): string {
  const milli = parseMilli(text);
  return milli === null ? text : formatMilli(milli);
}
