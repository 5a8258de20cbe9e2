// Warehouses with their bins: the list, a new warehouse (POST /api/v1/warehouses with bin codes),
// and one warehouse's page (PATCH: name, address, active, bins added).
import "../sales/sales.css";
import { type FormEvent, useRef, useState } from "react";
import { type Page, get, newIdempotencyKey, request } from "../../lib/api";
import { Link, navigate, useLeaveGuard } from "../../lib/router";
import { useMe } from "../../lib/session";
import { type Column, ListView } from "../../components/ListView";
import { Field } from "../../components/Field";
import { FormSummary, NewButton, StaticField, WhenLoaded, refusalOf, useRecord } from "../sales/parts";
import { type Warehouse, forgetWarehouses } from "./model";

const columns: Column<Warehouse>[] = [
  { key: "code", label: "Code", render: (w) => w.code, sortValue: (w) => w.code },
  { key: "name", label: "Name", render: (w) => w.name, sortValue: (w) => w.name },
  { key: "address", label: "Address", render: (w) => w.address || <span className="muted">—</span> },
  { key: "bins", label: "Bins", numeric: true, render: (w) => w.bins.length, sortValue: (w) => w.bins.length },
  {
    key: "active",
    label: "Status",
    render: (w) => <span className={`badge ${w.active ? "active" : "inactive"}`}>{w.active ? "Active" : "Inactive"}</span>,
  },
];

export function Warehouses() {
  return (
    <>
      <NewButton to="/inventory/warehouses/new" permission="inventory.manage">
        New warehouse
      </NewButton>
      <ListView<Warehouse>
        resource="inventory.warehouses"
        label="Warehouses"
        columns={columns}
        filters={[]}
        fetchPage={({ cursor, limit }, signal) =>
          get<Page<Warehouse>>(`/api/v1/warehouses?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, signal)
        }
        rowKey={(w) => w.id}
        rowHref={(w) => `/inventory/warehouses/${w.id}`}
        searchText={(w) => `${w.code} ${w.name} ${w.address} ${w.bins.map((b) => b.code).join(" ")}`}
      />
    </>
  );
}

// Bin codes typed one a line or separated by commas.
function binCodes(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((code) => code.trim())
    .filter(Boolean);
}

// The API names a bad bin by its index in the list sent (`bins/2`, `add_bins/0`).
function binErrors(errors: Record<string, string>, list: string, codes: string[]): string | undefined {
  const found = Object.entries(errors)
    .filter(([field]) => field === list || field.startsWith(`${list}/`))
    .map(([field, reason]) => {
      const index = Number(field.split("/")[1]);
      return Number.isInteger(index) && codes[index] !== undefined ? `${codes[index]}: ${reason}` : reason;
    });
  return found.length > 0 ? found.join("; ") : undefined;
}

export function WarehouseForm({ id }: { id?: string }) {
  const warehouse = useRecord<Warehouse>("/api/v1/warehouses", id);
  return (
    <WhenLoaded loaded={warehouse} what="the warehouse">
      {(existing) => <WarehouseEditor existing={existing} />}
    </WhenLoaded>
  );
}

function WarehouseEditor({ existing }: { existing: Warehouse | null }) {
  const { can } = useMe();
  const editable = can("inventory.manage");
  const initial = useRef({ code: existing?.code ?? "", name: existing?.name ?? "", address: existing?.address ?? "", active: existing?.active ?? true, bins: "" }).current;
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const key = useRef(newIdempotencyKey());
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  useLeaveGuard(dirty && !saving);
  const set = <K extends keyof typeof draft>(name: K, value: (typeof draft)[K]) => setDraft((d) => ({ ...d, [name]: value }));
  const codes = binCodes(draft.bins);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setSummary(null);
    try {
      const saved = existing
        ? await request<Warehouse>("PATCH", `/api/v1/warehouses/${existing.id}`, {
            body: { name: draft.name.trim(), address: draft.address.trim(), active: draft.active, ...(codes.length ? { add_bins: codes } : {}) },
          })
        : await request<Warehouse>("POST", "/api/v1/warehouses", {
            body: { code: draft.code.trim(), name: draft.name.trim(), address: draft.address.trim(), bins: codes },
            idempotencyKey: key.current,
          });
      forgetWarehouses();
      navigate(`/inventory/warehouses/${saved.id}`, { force: true });
    } catch (error) {
      setSaving(false);
      const refusal = refusalOf(error, "warehouse");
      if (refusal.answered) key.current = newIdempotencyKey();
      setErrors(refusal.errors);
      setSummary(refusal.summary);
    }
  };

  return (
    <>
      {existing && (
        <p className="subtitle record-title">
          <strong>{existing.code}</strong> {existing.name}
          <span className={`badge ${existing.active ? "active" : "inactive"}`}>{existing.active ? "Active" : "Inactive"}</span>
        </p>
      )}
      {existing && (
        <section className="card" aria-labelledby="bins-title">
          <h2 id="bins-title">Bins</h2>
          {existing.bins.length === 0 ? (
            <p className="muted">No bins: stock is kept in the warehouse as a whole.</p>
          ) : (
            <ul className="bin-list">
              {existing.bins.map((bin) => (
                <li key={bin.id} className={bin.active ? undefined : "muted"}>
                  {bin.code}
                  {!bin.active && " (inactive)"}
                </li>
              ))}
            </ul>
          )}
          <p>
            <Link to={`/inventory/stock?warehouse=${encodeURIComponent(existing.code)}`}>Stock in this warehouse</Link>
          </p>
        </section>
      )}
      {editable && (
        <form className="form" onSubmit={submit} noValidate>
          {existing && <h2>Change</h2>}
          <FormSummary summary={summary} errors={errors} known={new Set(["code", "name", "address", "active"])} />
          <div className="form-grid">
            {existing ? <StaticField label="Code" value={existing.code} /> : (
              <Field label="Code" error={errors.code} hint="Upper case, e.g. MAIN; never changes">
                {(p) => <input {...p} value={draft.code} maxLength={16} autoFocus onChange={(e) => set("code", e.target.value.toUpperCase())} />}
              </Field>
            )}
            <Field label="Name" error={errors.name}>
              {(p) => <input {...p} value={draft.name} maxLength={200} onChange={(e) => set("name", e.target.value)} />}
            </Field>
            <Field label="Address" error={errors.address} className="wide">
              {(p) => <input {...p} value={draft.address} maxLength={500} onChange={(e) => set("address", e.target.value)} />}
            </Field>
            <Field label={existing ? "Bins to add" : "Bins"} error={binErrors(errors, existing ? "add_bins" : "bins", codes)} hint="One code a line or separated by commas, e.g. A-01, A-02">
              {(p) => <textarea {...p} rows={3} value={draft.bins} onChange={(e) => set("bins", e.target.value)} />}
            </Field>
            {existing && (
              <label className="check">
                <input type="checkbox" checked={draft.active} onChange={(e) => set("active", e.target.checked)} />
                Active (receives and ships stock)
              </label>
            )}
          </div>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={saving} data-shortcut="save">
              {saving ? "Saving…" : existing ? "Save changes" : "Create warehouse"}
            </button>
            <Link className="button" to="/inventory/warehouses">
              {existing ? "Back to warehouses" : "Cancel"}
            </Link>
          </div>
        </form>
      )}
    </>
  );
}
