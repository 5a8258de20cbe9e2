// The warehouse clerk's home: pick lists to pick, picked lists with stock still to ship, orders with reserved
// stock no list has taken yet, returns to receive, and what shipped today — each a short list
// linking to the full, filtered list.
import "../sales/sales.css";
import "./fulfilment.css";
import type { ReactNode } from "react";
import { type Page, get, withQuery } from "../../lib/api";
import { formatInstant, today } from "../../lib/dates";
import { formatAmount } from "../../lib/money";
import { Link } from "../../lib/router";
import { useLoad } from "../../lib/useLoad";
import { ErrorNote, Loading } from "../../components/Status";
import { parseMilli } from "../inventory/model";
import type { SalesOrder } from "../sales/model";
import type { CustomerReturn, PickList, Shipment } from "./model";

const shown = 8;

async function loadQueues(signal: AbortSignal) {
  const page = <T,>(path: string, query: Record<string, string>) => get<Page<T>>(withQuery(path, { ...query, limit: String(shown) }), signal);
  const [open, picked, orders, returns, shipped] = await Promise.all([
    page<PickList>("/api/v1/pick-lists", { status: "open" }),
    page<PickList>("/api/v1/pick-lists", { status: "picked" }),
    page<SalesOrder>("/api/v1/sales-orders", { shippable: "true" }),
    page<CustomerReturn>("/api/v1/returns", { status: "authorised" }),
    page<Shipment>("/api/v1/shipments", { ship_date: today() }),
  ]);
  // A picked list stays "picked" after it ships: keep those still holding stock to ship.
  const details = await Promise.all(picked.items.map((l) => get<PickList>(`/api/v1/pick-lists/${l.id}`, signal)));
  const waiting = details.filter((l) => (l.lines ?? []).some((line) => (parseMilli(line.held) ?? 0n) > 0n));
  return { open, picked: { items: waiting, next_cursor: picked.next_cursor }, orders, returns, shipped };
}

// One work list: its title with the count, up to `shown` entries, and a link to the whole list.
function Queue<T extends { id: number }>(props: {
  name: string;
  title: string;
  page: Page<T>;
  empty: string;
  entry: (row: T) => ReactNode;
  footer: ReactNode;
}) {
  const { name, title, page } = props;
  return (
    <section className="card" aria-labelledby={`queue-${name}`} data-queue={name}>
      <h2 id={`queue-${name}`}>
        {title}{" "}
        <span className="muted">
          ({page.items.length}
          {page.next_cursor ? "+" : ""})
        </span>
      </h2>
      {page.items.length === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <ul className="plain">
          {page.items.map((row) => (
            <li key={row.id}>{props.entry(row)}</li>
          ))}
        </ul>
      )}
      <p>{props.footer}</p>
    </section>
  );
}

export function WarehouseHome() {
  const queues = useLoad(loadQueues, "warehouse-home");
  if (queues.error) {
    return <ErrorNote message={queues.error} onRetry={queues.reload} />;
  }
  if (!queues.data) {
    return <Loading what="your work lists" />;
  }
  const { open, picked, orders, returns, shipped } = queues.data;
  return (
    <div className="cards" data-testid="warehouse-home">
      <Queue
        name="pick"
        title="Pick lists to pick"
        page={open}
        empty="No open pick list."
        entry={(l) => (
          <>
            <Link to={`/fulfilment/pick-lists/${l.id}`}>{l.number}</Link> <span className="muted">made {formatInstant(l.created_at)}</span>
          </>
        )}
        footer={<Link to="/fulfilment/pick-lists?status=open">Open the list</Link>}
      />
      <Queue
        name="picked"
        title="Picked, to ship"
        page={picked}
        empty="Nothing picked waits for the carrier."
        entry={(l) => <Link to={`/fulfilment/pick-lists/${l.id}`}>{l.number}</Link>}
        footer={<Link to="/fulfilment/pick-lists?status=picked">Open the list</Link>}
      />
      <Queue
        name="orders"
        title="Orders with stock to pick"
        page={orders}
        empty="No confirmed order has reserved stock waiting."
        entry={(o) => (
          <>
            <Link to={`/sales/orders/${o.id}`}>{o.number}</Link> {o.customer}{" "}
            <span className="muted">
              {o.order_date} · {formatAmount(o.total, o.currency)} {o.currency}
            </span>
          </>
        )}
        footer={
          <Link className="button primary" to="/fulfilment/pick-lists/new" data-shortcut="new">
            New pick list
          </Link>
        }
      />
      <Queue
        name="shipped"
        title="Shipped today"
        page={shipped}
        empty="Nothing has shipped today yet."
        entry={(s) => (
          <>
            <Link to={`/fulfilment/shipments/${s.id}`}>{s.number}</Link> {s.order}{" "}
            <span className="muted">
              {s.carrier}
              {s.tracking_number ? ` · ${s.tracking_number}` : ""}
            </span>
          </>
        )}
        footer={<Link to={withQuery("/fulfilment/shipments", { ship_date: today() })}>All of today's shipments</Link>}
      />
      {returns.items.length > 0 && (
        <Queue
          name="returns"
          title="Returns to receive"
          page={returns}
          empty=""
          entry={(r) => (
            <>
              <Link to={`/fulfilment/returns/${r.id}`}>{r.number}</Link> <span className="muted">{r.shipment}</span>
            </>
          )}
          footer={<Link to="/fulfilment/returns?status=authorised">Open the list</Link>}
        />
      )}
    </div>
  );
}
