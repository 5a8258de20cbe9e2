// An item, new (POST /api/v1/items) or changed (PATCH /api/v1/items/{id}): SKU, description,
// unit (its decimals guide the reorder quantities), kind, price and standard cost, weight,
// reorder point and quantity, barcode, active. The API's errors appear beside their fields.
import "../sales/sales.css";
import { type FormEvent, useRef, useState } from "react";
import { newIdempotencyKey, request } from "../../lib/api";
import { Link, navigate, useLeaveGuard } from "../../lib/router";
import { useLoad } from "../../lib/useLoad";
import { Field } from "../../components/Field";
import { ErrorNote } from "../../components/Status";
import { FormSummary, StaticField, WhenLoaded, refusalOf, useRecord } from "../sales/parts";
import { type Item, loadUnits } from "./model";

interface Draft {
  sku: string;
  description: string;
  unit: string;
  kind: string;
  currency: string;
  price: string;
  standard_cost: string;
  weight_g: string;
  reorder_point: string;
  reorder_quantity: string;
  barcode: string;
  active: boolean;
}

function draftOf(item: Item | null): Draft {
  return {
    sku: item?.sku ?? "",
    description: item?.description ?? "",
    unit: item?.unit ?? "ea",
    kind: item?.kind ?? "stocked",
    currency: item?.currency ?? "",
    price: item?.price ?? "",
    standard_cost: item?.standard_cost ?? "",
    weight_g: item && item.weight_g ? String(item.weight_g) : "",
    reorder_point: item?.reorder_point ?? "0",
    reorder_quantity: item?.reorder_quantity ?? "0",
    barcode: item?.barcode ?? "",
    active: item?.active ?? true,
  };
}

function bodyOf(draft: Draft, existing: Item | null): Record<string, unknown> {
  const weight = draft.weight_g.trim();
  const body: Record<string, unknown> = {
    description: draft.description.trim(),
    unit: draft.unit,
    price: draft.price.trim() || "0",
    standard_cost: draft.standard_cost.trim() || "0",
    weight_g: weight === "" ? 0 : /^\d+$/.test(weight) ? Number(weight) : weight,
    reorder_point: draft.reorder_point.trim() || "0",
    reorder_quantity: draft.reorder_quantity.trim() || "0",
  };
  if (existing) {
    body.barcode = draft.barcode.trim() || null;
    body.active = draft.active;
  } else {
    body.sku = draft.sku.trim();
    body.kind = draft.kind;
    if (draft.currency.trim()) body.currency = draft.currency.trim().toUpperCase();
    if (draft.barcode.trim()) body.barcode = draft.barcode.trim();
  }
  return body;
}

export function ItemForm({ id }: { id?: string }) {
  const item = useRecord<Item>("/api/v1/items", id);
  return (
    <WhenLoaded loaded={item} what="the item">
      {(existing) => <ItemEditor existing={existing} />}
    </WhenLoaded>
  );
}

function ItemEditor({ existing }: { existing: Item | null }) {
  const initial = useRef(draftOf(existing)).current;
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const key = useRef(newIdempotencyKey());
  const units = useLoad(() => loadUnits(), "units");
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  useLeaveGuard(dirty && !saving);
  const set = <K extends keyof Draft>(name: K, value: Draft[K]) => setDraft((d) => ({ ...d, [name]: value }));
  const unit = units.data?.find((u) => u.code === draft.unit);
  const quantityHint = unit ? (unit.decimals === 0 ? `Whole numbers (${unit.name})` : `Up to ${unit.decimals} decimals (${unit.name})`) : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setSummary(null);
    try {
      const saved = existing
        ? await request<Item>("PATCH", `/api/v1/items/${existing.id}`, { body: bodyOf(draft, existing) })
        : await request<Item>("POST", "/api/v1/items", { body: bodyOf(draft, null), idempotencyKey: key.current });
      navigate(`/inventory/items/${saved.id}`, { force: true });
    } catch (error) {
      setSaving(false);
      const refusal = refusalOf(error, "item");
      if (refusal.answered) key.current = newIdempotencyKey();
      setErrors(refusal.errors);
      setSummary(refusal.summary);
    }
  };

  const known = new Set(Object.keys(draft));
  const text = (name: keyof Draft, label: string, options: { hint?: string; maxLength?: number; inputMode?: "decimal" | "numeric"; autoFocus?: boolean; wide?: boolean } = {}) => (
    <Field label={label} error={errors[name]} hint={options.hint} className={options.wide ? "wide" : undefined}>
      {(p) => (
        <input
          {...p}
          name={name}
          value={draft[name] as string}
          onChange={(e) => set(name, e.target.value)}
          maxLength={options.maxLength}
          inputMode={options.inputMode}
          autoFocus={options.autoFocus}
        />
      )}
    </Field>
  );

  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormSummary summary={summary} errors={errors} known={known} />
      {units.error && <ErrorNote message={units.error} onRetry={units.reload} />}
      <div className="form-grid">
        {existing ? <StaticField label="SKU" value={existing.sku} /> : text("sku", "SKU", { maxLength: 64, autoFocus: true, hint: "Unique; never changes" })}
        {text("description", "Description", { maxLength: 200, wide: true, autoFocus: Boolean(existing) })}
        <Field label="Unit" error={errors.unit} hint={quantityHint}>
          {(p) => (
            <select {...p} name="unit" value={draft.unit} onChange={(e) => set("unit", e.target.value)}>
              {(units.data ?? [{ code: draft.unit, name: draft.unit, decimals: 0 }]).map((u) => (
                <option key={u.code} value={u.code}>
                  {u.code} — {u.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {existing ? (
          <StaticField label="Kind" value={existing.kind === "service" ? "Service (not stocked)" : "Stocked"} />
        ) : (
          <Field label="Kind" error={errors.kind}>
            {(p) => (
              <select {...p} name="kind" value={draft.kind} onChange={(e) => set("kind", e.target.value)}>
                <option value="stocked">Stocked</option>
                <option value="service">Service (not stocked)</option>
              </select>
            )}
          </Field>
        )}
        {existing ? <StaticField label="Currency" value={existing.currency} /> : text("currency", "Currency", { maxLength: 3, hint: "Empty: the company's currency" })}
        {text("price", "Sales price", { inputMode: "decimal", hint: "Before any price list" })}
        {text("standard_cost", "Standard cost", { inputMode: "decimal" })}
        {text("weight_g", "Weight (grams)", { inputMode: "numeric" })}
        {text("reorder_point", "Reorder point", { inputMode: "decimal", hint: quantityHint })}
        {text("reorder_quantity", "Reorder quantity", { inputMode: "decimal", hint: quantityHint })}
        {text("barcode", "Barcode", { maxLength: 64, hint: "Optional: EAN, UPC or your own" })}
        {existing && (
          <label className="check">
            <input type="checkbox" checked={draft.active} onChange={(e) => set("active", e.target.checked)} />
            Active (may be sold and received)
          </label>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving} data-shortcut="save">
          {saving ? "Saving…" : existing ? "Save changes" : "Create item"}
        </button>
        <Link className="button" to={existing ? `/inventory/items/${existing.id}` : "/inventory/items"}>
          Cancel
        </Link>
        <span className="muted">{dirty ? "Unsaved changes. " : ""}Ctrl+S saves.</span>
      </div>
    </form>
  );
}
