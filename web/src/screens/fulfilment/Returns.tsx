// Customer returns: the list (status filter on the server) and one return: its lines, and while
// authorised, receiving it (each line restocked into the shipment's warehouse or scrapped) or
// cancelling it.
import "../sales/sales.css";
import "./fulfilment.css";
import { type FormEvent, useState } from "react";
import { type Page, get, messageOf, request, withQuery } from "../../lib/api";
import { formatInstant, today } from "../../lib/dates";
import { formatAmount } from "../../lib/money";
import { Link } from "../../lib/router";
import { useMe } from "../../lib/session";
import { type Column, ListView } from "../../components/ListView";
import { Field } from "../../components/Field";
import { formatQuantity } from "../inventory/model";
import { FormSummary, type Refusal, WhenLoaded, refusalOf, useRecord, useRecordSteps } from "../sales/parts";
import { type CustomerReturn, type Disposition, type ReturnStatus, returnStatusLabels } from "./model";

export function ReturnStatusBadge({ status }: { status: ReturnStatus }) {
  return <span className={`badge ${status}`}>{returnStatusLabels[status] ?? status}</span>;
}

const columns: Column<CustomerReturn>[] = [
  { key: "number", label: "Return", render: (r) => r.number, sortValue: (r) => r.id },
  { key: "status", label: "Status", render: (r) => <ReturnStatusBadge status={r.status} />, sortValue: (r) => r.status },
  { key: "shipment", label: "Shipment", render: (r) => r.shipment, sortValue: (r) => r.shipment },
  { key: "reason", label: "Reason", render: (r) => r.reason || <span className="muted">—</span> },
  { key: "received", label: "Received", render: (r) => r.received_date ?? <span className="muted">—</span>, sortValue: (r) => r.received_date ?? "" },
  { key: "created", label: "Authorised", render: (r) => formatInstant(r.created_at), hiddenByDefault: true },
];

export function Returns() {
  return (
    <ListView<CustomerReturn>
      resource="fulfilment.returns"
      label="Returns"
      columns={columns}
      filters={[
        {
          name: "status",
          label: "Status",
          options: [{ value: "", label: "Any" }, ...Object.entries(returnStatusLabels).map(([value, label]) => ({ value, label }))],
        },
      ]}
      fetchPage={({ cursor, limit, filters }, signal) =>
        get<Page<CustomerReturn>>(withQuery("/api/v1/returns", { status: filters.status, limit: String(limit), cursor }), signal)
      }
      rowKey={(r) => r.id}
      rowHref={(r) => `/fulfilment/returns/${r.id}`}
      searchText={(r) => `${r.number} ${r.shipment} ${r.reason}`}
    />
  );
}

export function ReturnView({ id }: { id: string }) {
  const loaded = useRecord<CustomerReturn>("/api/v1/returns", id);
  useRecordSteps("/fulfilment/returns", id);
  return (
    <WhenLoaded loaded={loaded} what="the return">
      {(r) => r && <ReturnPage customerReturn={r} reload={loaded.reload} />}
    </WhenLoaded>
  );
}

const dispositionLabels: Record<Disposition, string> = { restock: "Restock", scrap: "Scrap" };

function ReturnPage({ customerReturn: r, reload }: { customerReturn: CustomerReturn; reload: () => void }) {
  const { can } = useMe();
  const [dispositions, setDispositions] = useState<Record<number, Disposition>>({});
  const [date, setDate] = useState(today());
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const lines = r.lines ?? [];
  const receiving = r.status === "authorised" && can("returns.manage");
  const aliases = Object.fromEntries(lines.map((l, index) => [`lines/${index}/disposition`, `disposition/${l.line_number}`]));

  const receive = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await request("POST", `/api/v1/returns/${r.id}/receive`, {
        body: { date, lines: lines.map((l) => ({ line_number: l.line_number, disposition: dispositions[l.line_number] ?? "restock" })) },
      });
      setRefusal(null);
      reload();
    } catch (error) {
      setRefusal(refusalOf(error, "receipt of the return", aliases));
    } finally {
      setBusy(false);
    }
  };
  const cancel = async () => {
    if (!window.confirm(`Cancel ${r.number}? Its quantities can be returned again later.`)) {
      return;
    }
    try {
      await request("POST", `/api/v1/returns/${r.id}/cancel`, { body: {} });
      reload();
    } catch (error) {
      setMessage(messageOf(error));
    }
  };
  return (
    <>
      <p className="subtitle record-title">
        <strong>{r.number}</strong>
        <span>
          shipment <Link to={`/fulfilment/shipments/${r.shipment_id}`}>{r.shipment}</Link>
        </span>
        <ReturnStatusBadge status={r.status} />
      </p>
      <dl className="facts">
        <div><dt>Reason</dt><dd>{r.reason || "—"}</dd></div>
        <div><dt>Order</dt><dd><Link to={`/sales/orders/${r.order_id}`}>#{r.order_id}</Link></dd></div>
        <div><dt>Authorised</dt><dd>{formatInstant(r.created_at)}</dd></div>
        <div><dt>Received</dt><dd>{r.received_date ?? "—"}</dd></div>
      </dl>
      <form className="card" onSubmit={receive} noValidate aria-labelledby="return-lines-title">
        <h2 id="return-lines-title">Lines</h2>
        <FormSummary summary={refusal?.summary ?? null} errors={refusal?.errors ?? {}} known={new Set(["date", ...Object.values(aliases)])} />
        <div className="table-scroll">
          <table className="data">
            <caption className="visually-hidden">Lines of {r.number}</caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col" className="num">Quantity</th>
                <th scope="col" className="num">Net to credit</th>
                <th scope="col" className="num">Cost</th>
                <th scope="col">{receiving ? "On arrival" : "Disposition"}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.line_number}>
                  <td className="sku">{l.item}</td>
                  <td className="num">{formatQuantity(l.quantity)}</td>
                  <td className="num">{formatAmount(l.net, r.currency)}</td>
                  <td className="num">{formatAmount(l.cost, r.currency)}</td>
                  <td>
                    {receiving ? (
                      <Field label={`On arrival of ${l.item}`} hideLabel error={refusal?.errors[`disposition/${l.line_number}`]}>
                        {(p) => (
                          <select
                            {...p}
                            value={dispositions[l.line_number] ?? "restock"}
                            onChange={(e) => setDispositions({ ...dispositions, [l.line_number]: e.target.value as Disposition })}
                          >
                            <option value="restock">Restock (back into stock)</option>
                            <option value="scrap">Scrap (write off)</option>
                          </select>
                        )}
                      </Field>
                    ) : l.disposition ? (
                      dispositionLabels[l.disposition]
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {receiving && (
          <div className="form-actions">
            <Field label="Received on" error={refusal?.errors.date}>
              {(p) => <input {...p} type="date" value={date} onChange={(e) => setDate(e.target.value)} />}
            </Field>
            <button type="submit" className="primary" disabled={busy} data-shortcut="save">
              Receive the return
            </button>
            <button type="button" onClick={() => void cancel()}>
              Cancel the return…
            </button>
            {message && (
              <span role="alert" className="field-error">
                {message}
              </span>
            )}
          </div>
        )}
      </form>
    </>
  );
}
