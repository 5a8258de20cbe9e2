// One pick list, in bin order (as the server sorts it) with the quantity to pick per line.
// While open: what was found is typed per line (empty = all of it) and recorded; a short pick
// gives the rest back to its order. Once picked: each order it holds stock for ships from here
// (carrier, packages). Cancel gives everything it holds back.
import "../sales/sales.css";
import "./fulfilment.css";
import { type FormEvent, type ReactNode, useState } from "react";
import { messageOf, request } from "../../lib/api";
import { formatInstant } from "../../lib/dates";
import { Link } from "../../lib/router";
import { useMe } from "../../lib/session";
import { Field } from "../../components/Field";
import { formatQuantity, parseMilli } from "../inventory/model";
import { FormSummary, type Refusal, WhenLoaded, refusalOf, useRecord, useRecordSteps } from "../sales/parts";
import { type PickList, type PickListLine, type Shipment } from "./model";
import { PickListStatusBadge, WarehouseName } from "./PickLists";
import { ShipForm } from "./ShipForm";

export function PickListView({ id }: { id: string }) {
  const list = useRecord<PickList>("/api/v1/pick-lists", id);
  useRecordSteps("/fulfilment/pick-lists", id);
  return (
    <WhenLoaded loaded={list} what="the pick list">
      {(l) => l && <PickListPage list={l} reload={list.reload} />}
    </WhenLoaded>
  );
}

const isPositive = (text: string) => (parseMilli(text) ?? 0n) > 0n;

function PickListPage({ list, reload }: { list: PickList; reload: () => void }) {
  const { can } = useMe();
  const lines = list.lines ?? [];
  const [shipped, setShipped] = useState<Shipment[]>([]);
  // Orders that still have picked stock on this list, in the order they first appear.
  const toShip = Array.from(new Map(lines.filter((l) => isPositive(l.held)).map((l) => [l.order_id, l.order])).entries());
  return (
    <>
      <div className="page-actions">
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <p className="subtitle record-title">
        <strong>{list.number}</strong>
        <span>
          <WarehouseName id={list.warehouse_id} />
        </span>
        <PickListStatusBadge status={list.status} />
        <span className="muted">made {formatInstant(list.created_at)}</span>
      </p>
      {list.status === "open" && can("sales.fulfil") ? (
        <PickForm list={list} onDone={reload} />
      ) : (
        <section className="card" aria-labelledby="pick-lines-title">
          <h2 id="pick-lines-title">Lines by bin</h2>
          <PickTable lines={lines} />
        </section>
      )}
      {shipped.length > 0 && (
        <div className="ok-note" role="status">
          Shipped:{" "}
          {shipped.map((s, i) => (
            <span key={s.id}>
              {i > 0 && ", "}
              <Link to={`/fulfilment/shipments/${s.id}`}>{s.number}</Link> ({s.order})
            </span>
          ))}
        </div>
      )}
      {list.status === "picked" && can("sales.fulfil") && toShip.length > 0 && (
        <>
          {toShip.map(([orderId, orderNumber]) => (
            <section key={orderId} className="card" aria-labelledby={`ship-${orderId}`}>
              <h2 id={`ship-${orderId}`}>Ship {orderNumber}</h2>
              <p className="hint">Ships what this list picked for the order: {lines.filter((l) => l.order_id === orderId && isPositive(l.held)).map((l) => `${formatQuantity(l.held)} ${l.unit} ${l.item}`).join(", ")}.</p>
              <ShipForm
                order={orderId}
                pickList={list.id}
                submitLabel={`Ship ${orderNumber}`}
                onShipped={(shipment) => {
                  setShipped((all) => [...all, shipment]);
                  reload();
                }}
              />
            </section>
          ))}
        </>
      )}
    </>
  );
}

function PickTable({ lines, picked }: { lines: PickListLine[]; picked?: (line: PickListLine, index: number) => ReactNode }) {
  return (
    <div className="table-scroll">
      <table className="data pick-lines" data-testid="pick-lines">
        <caption className="visually-hidden">Lines to pick, by bin</caption>
        <thead>
          <tr>
            <th scope="col">Bin</th>
            <th scope="col">Item</th>
            <th scope="col">Description</th>
            <th scope="col">Order</th>
            <th scope="col" className="num">To pick</th>
            <th scope="col" className="num">Picked</th>
            <th scope="col" className="num">Held</th>
            <th scope="col" className="num">Shipped</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line, index) => {
            const short = line.picked !== null && (parseMilli(line.picked) ?? 0n) < (parseMilli(line.quantity) ?? 0n);
            return (
              <tr key={line.line_number} data-line={line.line_number}>
                <td className="bin">{line.bin || <span className="muted">no bin</span>}</td>
                <td className="sku">{line.item}</td>
                <td>{line.description}</td>
                <td>
                  <Link to={`/sales/orders/${line.order_id}`}>{line.order}</Link> <span className="muted">line {line.order_line}</span>
                </td>
                <td className="num strong">
                  {formatQuantity(line.quantity)} <span className="muted">{line.unit}</span>
                </td>
                <td className={`num${short ? " warn" : ""}`}>
                  {picked ? picked(line, index) : line.picked === null ? "—" : formatQuantity(line.picked)}
                  {short && !picked && <span className="visually-hidden"> (short)</span>}
                </td>
                <td className="num">{formatQuantity(line.held)}</td>
                <td className="num">{formatQuantity(line.shipped)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function PickForm({ list, onDone }: { list: PickList; onDone: () => void }) {
  const lines = list.lines ?? [];
  const [picked, setPicked] = useState<Record<number, string>>({});
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const [cancelMessage, setCancelMessage] = useState<string | null>(null);

  // The API names a bad line by its index in `lines` sent; we send every line, in list order.
  const aliases = Object.fromEntries(lines.map((line, index) => [`lines/${index}/picked`, `picked/${line.line_number}`]));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await request("POST", `/api/v1/pick-lists/${list.id}/pick`, {
        body: { lines: lines.map((line) => ({ line_number: line.line_number, picked: (picked[line.line_number] ?? "").trim() || line.quantity })) },
      });
      setRefusal(null);
      onDone();
    } catch (error) {
      setRefusal(refusalOf(error, "pick", aliases));
    } finally {
      setBusy(false);
    }
  };
  const cancel = async () => {
    if (!window.confirm(`Cancel ${list.number}? What it holds goes back to the orders.`)) {
      return;
    }
    try {
      await request("POST", `/api/v1/pick-lists/${list.id}/cancel`, { body: {} });
      onDone();
    } catch (error) {
      setCancelMessage(messageOf(error));
    }
  };
  const shorts = lines.filter((line) => {
    const typed = (picked[line.line_number] ?? "").trim();
    return typed !== "" && (parseMilli(typed) ?? -1n) < (parseMilli(line.quantity) ?? 0n);
  }).length;
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="pick-form-title">
      <h2 id="pick-form-title">Lines by bin</h2>
      <FormSummary summary={refusal?.summary ?? null} errors={refusal?.errors ?? {}} known={new Set(Object.values(aliases))} />
      <PickTable
        lines={lines}
        picked={(line) => (
          <Field label={`Picked of line ${line.line_number} (${line.item})`} hideLabel error={refusal?.errors[`picked/${line.line_number}`]}>
            {(p) => (
              <input
                {...p}
                className="short"
                inputMode="decimal"
                placeholder={formatQuantity(line.quantity)}
                value={picked[line.line_number] ?? ""}
                onChange={(e) => setPicked({ ...picked, [line.line_number]: e.target.value })}
              />
            )}
          </Field>
        )}
      />
      <p className="hint">Leave “Picked” empty when the whole quantity was found; type what was found when short (0 for none).</p>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} data-shortcut="save">
          Record picked{shorts > 0 ? ` (${shorts} short)` : ""}
        </button>
        <button type="button" onClick={() => void cancel()}>
          Cancel the list…
        </button>
        {cancelMessage && (
          <span role="alert" className="field-error">
            {cancelMessage}
          </span>
        )}
      </div>
    </form>
  );
}
