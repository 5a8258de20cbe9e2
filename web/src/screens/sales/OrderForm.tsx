// A sales order, new (POST /api/v1/sales-orders) or changed before shipping (PUT: lines,
// priority, customer reference). While typing, each line shows a guide — the price from the
// customer's price list (else the item's own) and what the warehouse has available now; the
// server prices, taxes and checks availability when the order is saved, and the order page
// shows its figures. The API's errors appear beside their fields (`lines/0/quantity`).
import "./sales.css";
import { type FormEvent, useEffect, useMemo, useRef, useState } from "react";
import { type Page, get, newIdempotencyKey, request, withQuery } from "../../lib/api";
import { today } from "../../lib/dates";
import { formatAmount } from "../../lib/money";
import { Link, navigate, useLeaveGuard, useSearchParams } from "../../lib/router";
import { useMe } from "../../lib/session";
import { useLoad } from "../../lib/useLoad";
import { Field } from "../../components/Field";
import { ErrorNote } from "../../components/Status";
import { ItemInput } from "../inventory/ItemInput";
import { type Item, type StockRow, formatMilli, loadWarehouses, parseMilli } from "../inventory/model";
import { FormSummary, RemoveLineButton, StaticField, WhenLoaded, refusalOf, useLines, useRecord } from "./parts";
import { type Customer, type PriceList, type SalesOrder, loadPriceLists, loadTaxRates } from "./model";

interface Line {
  key: number;
  item: string;
  quantity: string;
  discount_percent: string;
  unit_price: string;
  tax_code: string;
  // The guide: the chosen item, and its available quantity in the order's warehouse.
  found: Item | null;
  available: string | null;
}

let nextKey = 1;

function blankLine(): Line {
  return { key: nextKey++, item: "", quantity: "", discount_percent: "", unit_price: "", tax_code: "", found: null, available: null };
}

export function OrderForm({ id }: { id?: string }) {
  const order = useRecord<SalesOrder>("/api/v1/sales-orders", id);
  return <WhenLoaded loaded={order} what="the order">{(existing) => <OrderEditor existing={existing} />}</WhenLoaded>;
}

function OrderEditor({ existing }: { existing: SalesOrder | null }) {
  const { can } = useMe();
  const params = useSearchParams();
  const [customerText, setCustomerText] = useState(existing?.customer ?? params.get("customer") ?? "");
  const [suggestions, setSuggestions] = useState<Customer[]>([]);
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [warehouse, setWarehouse] = useState("");
  const [orderDate, setOrderDate] = useState(existing?.order_date ?? today());
  const [reference, setReference] = useState(existing?.customer_reference ?? "");
  const [priority, setPriority] = useState(String(existing?.priority ?? 0));
  const [quotation, setQuotation] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { lines, setLines, touched, touch: setTouched, patch, change, add, remove } = useLines<Line>(() =>
    existing?.lines?.length
      ? existing.lines.map((l) => ({
          ...blankLine(),
          item: l.item,
          quantity: l.quantity,
          discount_percent: l.discount_percent === "0" ? "" : l.discount_percent,
          unit_price: l.price_source === "override" ? l.unit_price : "",
        }))
      : [blankLine()],
    blankLine,
    setErrors,
  );
  const [summary, setSummary] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const key = useRef(newIdempotencyKey());
  useLeaveGuard(touched && !saving);

  const warehouses = useLoad(() => loadWarehouses(), "warehouses");
  const taxRates = useLoad(loadTaxRates, "tax-rates");
  const priceLists = useLoad(loadPriceLists, "price-lists");
  const active = useMemo(() => (warehouses.data ?? []).filter((w) => w.active), [warehouses.data]);
  const chosenWarehouse = existing
    ? (warehouses.data ?? []).find((w) => w.id === existing.warehouse_id)?.code ?? ""
    : warehouse || active[0]?.code || "";

  // The customer: suggestions while typing, the record once the number matches one.
  useEffect(() => {
    const text = customerText.trim();
    if (!text) {
      setSuggestions([]);
      setCustomer(null);
      return undefined;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      get<Page<Customer>>(withQuery("/api/v1/customers", { q: text, limit: "10" }), controller.signal)
        .then((page) => {
          setSuggestions(page.items);
          setCustomer(page.items.find((c) => c.number.toLowerCase() === text.toLowerCase()) ?? null);
        })
        .catch(() => undefined);
    }, 200);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [customerText]);

  // The prices of the customer's price list, by SKU.
  const priceList: PriceList | undefined = priceLists.data?.find((list) => list.id === customer?.price_list_id);
  const listPrices = useLoad(
    async (signal) => {
      if (!priceList) return new Map<string, string>();
      const answer = await get<{ prices: { sku: string; price: string }[] }>(`/api/v1/price-lists/${encodeURIComponent(priceList.code)}`, signal);
      return new Map(answer.prices.map((p) => [p.sku, p.price]));
    },
    `list-prices-${priceList?.code ?? ""}`,
  );

  // Availability of each chosen item in the warehouse (a guide; the server decides on save).
  const stockKey = `${chosenWarehouse}|${lines.map((l) => l.item).join(",")}`;
  useEffect(() => {
    if (!chosenWarehouse || !can("inventory.read")) return undefined;
    const controller = new AbortController();
    const skus = Array.from(new Set(lines.map((l) => l.item.trim()).filter(Boolean)));
    Promise.all(
      skus.map((sku) =>
        get<Page<StockRow>>(withQuery("/api/v1/stock", { item: sku, warehouse: chosenWarehouse, limit: "200" }), controller.signal)
          .then((page) => [sku, formatMilli(page.items.reduce((sum, row) => sum + (parseMilli(row.available) ?? 0n), 0n))] as const)
          .catch(() => [sku, null] as const),
      ),
    ).then((found) => {
      if (controller.signal.aborted) return;
      const bySku = new Map(found);
      setLines((all) => all.map((line) => ({ ...line, available: bySku.get(line.item.trim()) ?? null })));
    });
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stockKey]);

  const guidePrice = (line: Line): string | null => {
    const listed = listPrices.data?.get(line.item.trim());
    if (listed) return listed;
    if (line.found && (!customer || line.found.currency === customer.currency)) return line.found.price;
    return null;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setSummary(null);
    const body: Record<string, unknown> = {
      priority: /^-?\d+$/.test(priority.trim()) ? Number(priority.trim()) : priority,
      customer_reference: reference.trim(),
      lines: lines.map((line) => ({
        item: line.item.trim(),
        quantity: line.quantity.trim(),
        ...(line.discount_percent.trim() ? { discount_percent: line.discount_percent.trim() } : {}),
        ...(line.unit_price.trim() ? { unit_price: line.unit_price.trim() } : {}),
        ...(line.tax_code ? { tax_code: line.tax_code } : {}),
      })),
    };
    if (!existing) {
      Object.assign(body, { customer: customerText.trim(), warehouse: chosenWarehouse, order_date: orderDate, ...(quotation ? { quotation: true } : {}) });
    }
    try {
      const saved = existing
        ? await request<SalesOrder>("PUT", `/api/v1/sales-orders/${existing.id}`, { body })
        : await request<SalesOrder>("POST", "/api/v1/sales-orders", { body, idempotencyKey: key.current });
      navigate(`/sales/orders/${saved.id}`, { force: true });
    } catch (error) {
      setSaving(false);
      const refusal = refusalOf(error, existing ? "change" : "order");
      if (refusal.answered) key.current = newIdempotencyKey();
      setErrors(refusal.errors);
      setSummary(refusal.summary);
    }
  };

  const lineFields = ["item", "sku", "quantity", "discount_percent", "unit_price", "tax_code"];
  const known = new Set(["customer", "warehouse", "order_date", "customer_reference", "priority", ...lines.flatMap((_, i) => lineFields.map((f) => `lines/${i}/${f}`))]);
  const currency = customer?.currency ?? existing?.currency ?? "";

  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormSummary summary={summary} errors={errors} known={known} />
      {warehouses.error && <ErrorNote message={warehouses.error} onRetry={warehouses.reload} />}
      <div className="form-grid">
        {existing ? (
          <StaticField label="Customer" value={existing.customer} />
        ) : (
          <Field label="Customer" error={errors.customer} hint={customer ? `${customer.name} · ${customer.currency}${customer.status === "on_hold" ? " · on hold" : ""}` : "Number, name, e-mail or phone"}>
            {(p) => (
              <>
                <input {...p} name="customer" list="order-customers" autoComplete="off" autoFocus value={customerText}
                  onChange={(e) => { setTouched(); setCustomerText(e.target.value); }} />
                <datalist id="order-customers">
                  {suggestions.map((c) => (
                    <option key={c.id} value={c.number}>
                      {c.name}
                    </option>
                  ))}
                </datalist>
              </>
            )}
          </Field>
        )}
        {existing ? (
          <StaticField label="Warehouse" value={chosenWarehouse} />
        ) : (
          <Field label="Warehouse" error={errors.warehouse}>
            {(p) => (
              <select {...p} name="warehouse" value={chosenWarehouse} onChange={(e) => { setTouched(); setWarehouse(e.target.value); }}>
                {active.map((w) => (
                  <option key={w.code} value={w.code}>
                    {w.code} — {w.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {existing ? (
          <StaticField label="Order date" value={existing.order_date} />
        ) : (
          <Field label="Order date" error={errors.order_date}>
            {(p) => <input {...p} type="date" name="order_date" value={orderDate} onChange={(e) => { setTouched(); setOrderDate(e.target.value); }} />}
          </Field>
        )}
        <Field label="Customer reference" error={errors.customer_reference} hint="Their PO number">
          {(p) => <input {...p} name="customer_reference" value={reference} maxLength={100} onChange={(e) => { setTouched(); setReference(e.target.value); }} />}
        </Field>
        <Field label="Priority" error={errors.priority} hint="−100 to 100; higher gets arriving stock first">
          {(p) => <input {...p} name="priority" inputMode="numeric" value={priority} onChange={(e) => { setTouched(); setPriority(e.target.value); }} />}
        </Field>
        {!existing && (
          <label className="check">
            <input type="checkbox" checked={quotation} onChange={(e) => { setTouched(); setQuotation(e.target.checked); }} />
            Quotation (reserves nothing)
          </label>
        )}
      </div>
      <div className="table-scroll">
        <table className="lines">
          <caption className="visually-hidden">Order lines</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Item (SKU)</th>
              <th scope="col" className="num">Quantity</th>
              <th scope="col" className="num">Available now</th>
              <th scope="col" className="num">Price{currency && ` (${currency})`}</th>
              <th scope="col" className="num">Discount %</th>
              <th scope="col">Tax</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line, index) => {
              const at = (field: string) => errors[`lines/${index}/${field}`];
              const n = index + 1;
              const price = guidePrice(line);
              const short = line.available !== null && line.quantity.trim() && (parseMilli(line.quantity) ?? 0n) > (parseMilli(line.available) ?? 0n);
              return (
                <tr key={line.key} data-line={index}>
                  <td>{n}</td>
                  <td>
                    <Field label={`Line ${n} item`} error={at("item") ?? at("sku")} hint={line.found?.description} hideLabel>
                      {(p) => <ItemInput {...p} name={`lines/${index}/item`} value={line.item} placeholder="SKU or description"
                        onChange={(sku, item) => change(index, { item: sku, found: item ?? (line.found?.sku === sku ? line.found : null) })}
                        onResolve={(item) => patch(index, { found: item })} />}
                    </Field>
                  </td>
                  <td className="num">
                    <Field label={`Line ${n} quantity`} error={at("quantity")} hideLabel>
                      {(p) => (
                        <span className="with-unit">
                          <input {...p} className="amount" inputMode="decimal" name={`lines/${index}/quantity`} value={line.quantity} placeholder="0"
                            onChange={(e) => change(index, { quantity: e.target.value })} />
                          <span className="muted unit">{line.found?.unit ?? ""}</span>
                        </span>
                      )}
                    </Field>
                  </td>
                  <td className={`num${short ? " warn" : ""}`} data-available>
                    {line.available ?? <span className="muted">—</span>}
                    {short && <span className="hint" title="The rest is backordered on confirmation"> (short)</span>}
                  </td>
                  <td className="num">
                    {can("sales.manage") ? (
                      <Field label={`Line ${n} unit price`} error={at("unit_price")} hint={line.unit_price ? "Override" : undefined} hideLabel>
                        {(p) => <input {...p} className="amount" inputMode="decimal" name={`lines/${index}/unit_price`} value={line.unit_price}
                          placeholder={price ? formatAmount(price, currency || "USD") : "list price"} onChange={(e) => change(index, { unit_price: e.target.value })} />}
                      </Field>
                    ) : (
                      <span>{price ? formatAmount(price, currency || "USD") : "—"}</span>
                    )}
                  </td>
                  <td className="num">
                    <Field label={`Line ${n} discount percent`} error={at("discount_percent")} hideLabel>
                      {(p) => <input {...p} className="short" inputMode="decimal" name={`lines/${index}/discount_percent`} value={line.discount_percent} placeholder="0"
                        onChange={(e) => change(index, { discount_percent: e.target.value })} />}
                    </Field>
                  </td>
                  <td>
                    <Field label={`Line ${n} tax`} error={at("tax_code")} hideLabel>
                      {(p) => (
                        <select {...p} name={`lines/${index}/tax_code`} value={line.tax_code} onChange={(e) => change(index, { tax_code: e.target.value })}>
                          <option value="">(item's or default)</option>
                          {(taxRates.data ?? []).filter((r) => r.active).map((r) => (
                            <option key={r.code} value={r.code}>
                              {r.code} {r.rate_percent}%
                            </option>
                          ))}
                        </select>
                      )}
                    </Field>
                  </td>
                  <td>
                    <RemoveLineButton n={n} disabled={lines.length <= 1} onClick={() => remove(index)} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <button type="button" onClick={add}>
        + Add line
      </button>
      <p className="muted">
        Prices{priceList ? ` come from price list ${priceList.code}` : " are the items' own"} until saved; the saved order shows its taxed totals and when short lines can ship.
      </p>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving} data-shortcut="save">
          {saving ? "Saving…" : existing ? "Save changes" : quotation ? "Save quotation" : "Enter order"}
        </button>
        <Link className="button" to={existing ? `/sales/orders/${existing.id}` : "/sales/orders"}>
          Cancel
        </Link>
        <span className="muted">Ctrl+S saves.</span>
      </div>
    </form>
  );
}

