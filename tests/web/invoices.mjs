// A setup the cash scenarios share: an issued invoice of the demo customer C-0001, made through
// the API as the admin — stock received into a new warehouse, an order confirmed and shipped,
// a billing run as of today. Returns the admin API (still open) and the invoice.
import { adminApi, check } from "./harness.mjs";

export const isoDay = (offset = 0) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

export async function invoiceThroughApi(backoffice, { warehouse, quantity }) {
  const api = await adminApi(backoffice);
  await api.post("/api/v1/warehouses", { code: warehouse, name: `Web test depot ${warehouse}` });
  await api.post("/api/v1/stock/receipts", { warehouse, date: isoDay(), lines: [{ item: "PAP-A4-80", quantity, unit_cost: "10.00" }] });
  const order = await api.post("/api/v1/sales-orders", { customer: "C-0001", warehouse, lines: [{ item: "PAP-A4-80", quantity }] });
  await api.post(`/api/v1/sales-orders/${order.id}/confirm`, {});
  await api.post("/api/v1/shipments", { order: order.id, carrier: "DHL", packages: [{ weight_grams: 5000 }] });
  const run = await api.post("/api/v1/billing-runs", { as_of: isoDay() });
  const invoices = await Promise.all(run.invoice_ids.map((id) => api.get(`/api/v1/invoices/${id}`)));
  const invoice = invoices.find((d) => d.customer === "C-0001");
  check(invoice, "the billing run invoiced C-0001");
  return { api, invoice };
}
