// The fulfilment module's shapes on the wire (docs/fulfilment.md, API tag `fulfilment`): pick
// lists, shipments with packages, returns. Quantities are decimal strings (thousandths).
export type PickListStatus = "open" | "picked" | "cancelled";

export const pickListStatusLabels: Record<PickListStatus, string> = { open: "To pick", picked: "Picked", cancelled: "Cancelled" };

export interface PickListLine {
  line_number: number;
  order_id: number;
  order: string;
  order_line: number;
  item: string;
  description: string;
  unit: string;
  bin: string;
  quantity: string;
  picked: string | null;
  shipped: string;
  held: string;
}

export interface PickList {
  id: number;
  number: string;
  warehouse_id: number;
  status: PickListStatus;
  created_by: number;
  created_at: string;
  updated_at: string;
  lines?: PickListLine[];
}

export interface ShipmentLine {
  line_number: number;
  order_line: number;
  item_id: number;
  item: string;
  description: string;
  unit: string;
  quantity: string;
  unit_price: string;
  discount_percent: string;
  tax_percent: string;
  net: string;
  tax: string;
  cost: string;
  returned: string;
  billable: boolean;
  invoice_id: number | null;
}

export interface ShipmentPackage {
  package_number: number;
  weight_grams: number | null;
  length_mm: number | null;
  width_mm: number | null;
  height_mm: number | null;
}

export interface Shipment {
  id: number;
  number: string;
  order_id: number;
  order: string;
  warehouse_id: number;
  pick_list_id: number | null;
  ship_date: string;
  carrier: string;
  service: string;
  tracking_number: string;
  currency: string;
  cost: string;
  cogs_entry_id: number | null;
  created_by: number;
  created_at: string;
  lines?: ShipmentLine[];
  packages?: ShipmentPackage[];
}

export type ReturnStatus = "authorised" | "received" | "cancelled";

export const returnStatusLabels: Record<ReturnStatus, string> = { authorised: "Authorised", received: "Received", cancelled: "Cancelled" };

export type Disposition = "restock" | "scrap";

export interface ReturnLine {
  line_number: number;
  shipment_line: number;
  item_id: number;
  item: string;
  quantity: string;
  disposition: Disposition | null;
  cost: string;
  net: string;
  tax: string;
  credit_note_id: number | null;
}

export interface CustomerReturn {
  id: number;
  number: string;
  shipment_id: number;
  shipment: string;
  order_id: number;
  status: ReturnStatus;
  reason: string;
  received_date: string | null;
  currency: string;
  created_by: number;
  created_at: string;
  updated_at: string;
  lines?: ReturnLine[];
}

// The packing slip of a shipment (opened in a new tab: the browser shows the PDF).
export function packingSlipUrl(shipmentId: number): string {
  return `/api/v1/shipments/${shipmentId}/packing-slip.pdf`;
}
