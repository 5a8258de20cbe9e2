// A stock receipt (POST /api/v1/stock/receipts) or adjustment (POST /api/v1/stock/adjustments):
// warehouse, date, reference and lines (item, quantity as a decimal string, unit cost, bin; an
// adjustment's quantity is signed and has a reason). The API's errors appear beside each field
// (`lines/0/quantity`); after saving, the first line's item page shows the new stock.
import "../sales/sales.css";
import { type FormEvent, useMemo, useRef, useState } from "react";
import { newIdempotencyKey, request } from "../../lib/api";
import { today } from "../../lib/dates";
import { Link, navigate, useLeaveGuard, useSearchParams } from "../../lib/router";
import { useLoad } from "../../lib/useLoad";
import { Field } from "../../components/Field";
import { ErrorNote } from "../../components/Status";
import { FormSummary, RemoveLineButton, refusalOf, useLines } from "../sales/parts";
import { ItemInput } from "./ItemInput";
import { type Item, loadWarehouses } from "./model";

type Kind = "receipt" | "adjustment";

const reasons = ["damaged", "lost", "found", "count", "scrap", "returned", "other"];

interface Line {
  key: number;
  item: string;
  itemId: number | null;
  unit: string;
  quantity: string;
  unit_cost: string;
  reason: string;
  bin: string;
}

let nextKey = 1;

function blankLine(item = ""): Line {
  return { key: nextKey++, item, itemId: null, unit: "", quantity: "", unit_cost: "", reason: "damaged", bin: "" };
}

interface StockDocument {
  id: number;
  movements: { item_id: number }[];
}

export function StockDocumentForm({ kind }: { kind: Kind }) {
  const params = useSearchParams();
  const warehouses = useLoad(() => loadWarehouses(), "warehouses");
  const [warehouse, setWarehouse] = useState("");
  const [date, setDate] = useState(today());
  const [reference, setReference] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { lines, touched, touch: setTouched, patch, change, add, remove } = useLines<Line>(() => [blankLine(params.get("item") ?? "")], blankLine, setErrors);
  const [summary, setSummary] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const key = useRef(newIdempotencyKey());
  useLeaveGuard(touched && !saving);

  const active = useMemo(() => (warehouses.data ?? []).filter((w) => w.active), [warehouses.data]);
  const chosen = warehouse || (active.length === 1 ? active[0].code : "");
  const bins = active.find((w) => w.code === chosen)?.bins.filter((b) => b.active) ?? [];

  const chooseItem = (index: number, sku: string, item: Item | null) =>
    change(index, item ? { item: sku, itemId: item.id, unit: item.unit, unit_cost: lines[index].unit_cost || (kind === "receipt" ? item.standard_cost : "") } : { item: sku, itemId: null });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setSummary(null);
    const body = {
      warehouse: chosen,
      date,
      ...(reference.trim() ? { reference: reference.trim() } : {}),
      lines: lines.map((line) => ({
        item: line.item.trim(),
        quantity: line.quantity.trim(),
        ...(kind === "adjustment" ? { reason: line.reason } : {}),
        ...(line.unit_cost.trim() || kind === "receipt" ? { unit_cost: line.unit_cost.trim() } : {}),
        ...(line.bin ? { bin: line.bin } : {}),
      })),
    };
    try {
      const saved = await request<StockDocument>("POST", kind === "receipt" ? "/api/v1/stock/receipts" : "/api/v1/stock/adjustments", {
        body,
        idempotencyKey: key.current,
      });
      const first = saved.movements[0]?.item_id ?? lines[0].itemId;
      navigate(first ? `/inventory/items/${first}` : "/inventory/stock", { force: true });
    } catch (error) {
      setSaving(false);
      const refusal = refusalOf(error, kind);
      if (refusal.answered) key.current = newIdempotencyKey();
      setErrors(refusal.errors);
      setSummary(refusal.summary);
    }
  };

  const lineFields = ["item", "quantity", "unit_cost", "reason", "bin"];
  const known = new Set(["warehouse", "date", "reference", ...lines.flatMap((_, i) => lineFields.map((f) => `lines/${i}/${f}`))]);

  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormSummary summary={summary} errors={errors} known={known} />
      {warehouses.error && <ErrorNote message={warehouses.error} onRetry={warehouses.reload} />}
      {warehouses.data && active.length === 0 && (
        <p className="empty">
          There is no active warehouse yet. <Link to="/inventory/warehouses/new">Create a warehouse</Link> first.
        </p>
      )}
      <div className="form-grid">
        <Field label="Warehouse" error={errors.warehouse}>
          {(p) => (
            <select {...p} name="warehouse" value={chosen} onChange={(e) => { setTouched(); setWarehouse(e.target.value); }}>
              {active.length !== 1 && <option value="">(choose a warehouse)</option>}
              {active.map((w) => (
                <option key={w.code} value={w.code}>
                  {w.code} — {w.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Date" error={errors.date}>
          {(p) => <input {...p} type="date" name="date" value={date} onChange={(e) => { setTouched(); setDate(e.target.value); }} />}
        </Field>
        <Field label="Reference" error={errors.reference} hint={kind === "receipt" ? "Delivery note, supplier invoice" : "Count sheet, incident"}>
          {(p) => <input {...p} name="reference" value={reference} maxLength={100} onChange={(e) => { setTouched(); setReference(e.target.value); }} />}
        </Field>
      </div>
      <div className="table-scroll">
        <table className="lines">
          <caption className="visually-hidden">Lines</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Item (SKU)</th>
              <th scope="col" className="num">{kind === "adjustment" ? "Quantity (+ in, − out)" : "Quantity"}</th>
              {kind === "adjustment" && <th scope="col">Reason</th>}
              <th scope="col" className="num">{kind === "adjustment" ? "Unit cost (stock in)" : "Unit cost"}</th>
              <th scope="col">Bin</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line, index) => {
              const at = (field: string) => errors[`lines/${index}/${field}`];
              const n = index + 1;
              return (
                <tr key={line.key} data-line={index}>
                  <td>{n}</td>
                  <td>
                    <Field label={`Line ${n} item`} error={at("item")} hideLabel>
                      {(p) => (
                        <ItemInput {...p} kind="stocked" name={`lines/${index}/item`} value={line.item} onChange={(sku, item) => chooseItem(index, sku, item)}
                          onResolve={(item) => item && patch(index, { itemId: item.id, unit: item.unit })}
                          placeholder="SKU or description" />
                      )}
                    </Field>
                  </td>
                  <td className="num">
                    <Field label={`Line ${n} quantity`} error={at("quantity")} hideLabel>
                      {(p) => (
                        <span className="with-unit">
                          <input {...p} className="amount" inputMode="decimal" name={`lines/${index}/quantity`} value={line.quantity} onChange={(e) => change(index, { quantity: e.target.value })} placeholder="0" />
                          <span className="muted unit">{line.unit}</span>
                        </span>
                      )}
                    </Field>
                  </td>
                  {kind === "adjustment" && (
                    <td>
                      <Field label={`Line ${n} reason`} error={at("reason")} hideLabel>
                        {(p) => (
                          <select {...p} name={`lines/${index}/reason`} value={line.reason} onChange={(e) => change(index, { reason: e.target.value })}>
                            {reasons.map((r) => (
                              <option key={r} value={r}>
                                {r}
                              </option>
                            ))}
                          </select>
                        )}
                      </Field>
                    </td>
                  )}
                  <td className="num">
                    <Field label={`Line ${n} unit cost`} error={at("unit_cost")} hideLabel>
                      {(p) => <input {...p} className="amount" inputMode="decimal" name={`lines/${index}/unit_cost`} value={line.unit_cost} onChange={(e) => change(index, { unit_cost: e.target.value })} placeholder={kind === "adjustment" ? "average" : "0.00"} />}
                    </Field>
                  </td>
                  <td>
                    <Field label={`Line ${n} bin`} error={at("bin")} hideLabel>
                      {(p) => (
                        <select {...p} name={`lines/${index}/bin`} value={line.bin} onChange={(e) => change(index, { bin: e.target.value })}>
                          <option value="">(no bin)</option>
                          {bins.map((b) => (
                            <option key={b.code} value={b.code}>
                              {b.code}
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
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving} data-shortcut="save">
          {saving ? "Saving…" : kind === "receipt" ? "Receive stock" : "Post adjustment"}
        </button>
        <Link className="button" to="/inventory/stock">
          Cancel
        </Link>
        <span className="muted">Ctrl+S saves. Posted to the ledger at the moving-average cost.</span>
      </div>
    </form>
  );
}
