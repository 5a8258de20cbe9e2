// Pick lists: the list (status filter on the server) and a new list for one warehouse, made
// from the confirmed orders with reserved stock there (all of them, or the ones ticked).
import "../sales/sales.css";
import "./fulfilment.css";
import { type FormEvent, useState } from "react";
import { type Page, get, withQuery } from "../../lib/api";
import { formatInstant } from "../../lib/dates";
import { formatAmount } from "../../lib/money";
import { Link, navigate } from "../../lib/router";
import { useLoad } from "../../lib/useLoad";
import { type Column, ListView } from "../../components/ListView";
import { Field } from "../../components/Field";
import { ErrorNote, Loading } from "../../components/Status";
import { useSubmit } from "../../components/useSubmit";
import { loadWarehouses } from "../inventory/model";
import { FormSummary, NewButton } from "../sales/parts";
import type { SalesOrder } from "../sales/model";
import { type PickList, type PickListStatus, pickListStatusLabels } from "./model";

export function PickListStatusBadge({ status }: { status: PickListStatus }) {
  return <span className={`badge ${status}`}>{pickListStatusLabels[status] ?? status}</span>;
}

function WarehouseName({ id }: { id: number }) {
  const warehouses = useLoad(() => loadWarehouses(), "warehouses");
  const warehouse = warehouses.data?.find((w) => w.id === id);
  return <>{warehouse ? `${warehouse.code} — ${warehouse.name}` : `#${id}`}</>;
}

export { WarehouseName };

const columns: Column<PickList>[] = [
  { key: "number", label: "Pick list", render: (l) => l.number, sortValue: (l) => l.id },
  { key: "status", label: "Status", render: (l) => <PickListStatusBadge status={l.status} />, sortValue: (l) => l.status },
  { key: "warehouse", label: "Warehouse", render: (l) => <WarehouseName id={l.warehouse_id} /> },
  { key: "created", label: "Made", render: (l) => formatInstant(l.created_at), sortValue: (l) => l.created_at },
  { key: "updated", label: "Changed", render: (l) => formatInstant(l.updated_at), hiddenByDefault: true },
];

export function PickLists() {
  return (
    <>
      <NewButton to="/fulfilment/pick-lists/new" permission="sales.fulfil">
        New pick list
      </NewButton>
      <ListView<PickList>
        resource="fulfilment.pick-lists"
        label="Pick lists"
        columns={columns}
        filters={[
          {
            name: "status",
            label: "Status",
            options: [{ value: "", label: "Any" }, ...Object.entries(pickListStatusLabels).map(([value, label]) => ({ value, label }))],
          },
        ]}
        fetchPage={({ cursor, limit, filters }, signal) =>
          get<Page<PickList>>(withQuery("/api/v1/pick-lists", { status: filters.status, limit: String(limit), cursor }), signal)
        }
        rowKey={(l) => l.id}
        rowHref={(l) => `/fulfilment/pick-lists/${l.id}`}
        searchText={(l) => `${l.number} ${l.status}`}
      />
    </>
  );
}

// Confirmed orders with reserved stock (up to 200, oldest first): what a new list can take.
function loadShippable(signal: AbortSignal): Promise<SalesOrder[]> {
  return get<Page<SalesOrder>>(withQuery("/api/v1/sales-orders", { shippable: "true", limit: "200" }), signal).then((page) => page.items);
}

export function NewPickList() {
  const warehouses = useLoad(() => loadWarehouses(), "warehouses");
  const orders = useLoad(loadShippable, "shippable-orders");
  const params = new URLSearchParams(window.location.search);
  const [warehouse, setWarehouse] = useState(params.get("warehouse") ?? "");
  const preset = params.get("order");
  const [chosen, setChosen] = useState<Set<number>>(() => new Set(preset ? [Number(preset)] : []));
  const { refusal, busy, submit: post } = useSubmit("pick list");

  const active = (warehouses.data ?? []).filter((w) => w.active);
  // Until the user chooses: the warehouse of the order the link came from, else the first.
  const presetOrder = orders.data?.find((o) => String(o.id) === preset);
  const fallback = presetOrder ? active.find((w) => w.id === presetOrder.warehouse_id)?.code : active[0]?.code;
  const effectiveWarehouse = warehouse || fallback || "";
  const effectiveId = active.find((w) => w.code === effectiveWarehouse)?.id;
  const candidates = (orders.data ?? []).filter((o) => o.warehouse_id === effectiveId);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ids = candidates.filter((o) => chosen.has(o.id)).map((o) => o.id);
    const list = await post<PickList>("/api/v1/pick-lists", { warehouse: effectiveWarehouse, orders: ids.length > 0 ? ids : undefined });
    if (list) {
      navigate(`/fulfilment/pick-lists/${list.id}`);
    }
  };

  if (warehouses.error) {
    return <ErrorNote message={warehouses.error} onRetry={warehouses.reload} />;
  }
  if (!warehouses.data || (preset && !orders.data && !orders.error)) {
    return <Loading what="warehouses and orders" />;
  }
  const toggle = (id: number) => {
    const next = new Set(chosen);
    if (next.has(id)) {
      next.delete(id);
    } else {
      next.add(id);
    }
    setChosen(next);
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormSummary summary={refusal?.summary ?? null} errors={refusal?.errors ?? {}} known={new Set(["warehouse"])} />
      <div className="form-grid narrow">
        <Field label="Warehouse" error={refusal?.errors.warehouse}>
          {(p) => (
            <select {...p} value={effectiveWarehouse} onChange={(e) => (setWarehouse(e.target.value), setChosen(new Set()))}>
              {active.map((w) => (
                <option key={w.id} value={w.code}>
                  {w.code} — {w.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset className="group">
        <legend>Orders to pick</legend>
        {orders.error && <ErrorNote message={orders.error} onRetry={orders.reload} />}
        {orders.loading && !orders.data && <Loading what="orders with reserved stock" />}
        {orders.data && candidates.length === 0 && <p className="muted">No confirmed order has reserved stock to pick in this warehouse.</p>}
        {candidates.length > 0 && (
          <>
            <p className="hint">Tick the orders to pick; with none ticked the list takes every order here, oldest first.</p>
            <ul className="plain order-choices">
              {candidates.map((o) => (
                <li key={o.id}>
                  <label className="check">
                    <input type="checkbox" checked={chosen.has(o.id)} onChange={() => toggle(o.id)} />
                    <span>
                      <strong>{o.number}</strong> {o.customer}{" "}
                      <span className="muted">
                        {o.order_date} · {formatAmount(o.total, o.currency)} {o.currency}
                      </span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </>
        )}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || !effectiveWarehouse} data-shortcut="save">
          Make the pick list
        </button>
        <Link to="/fulfilment/pick-lists">Cancel</Link>
      </div>
    </form>
  );
}
