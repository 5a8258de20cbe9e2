// The order clerk's home: orders to confirm (entered), orders on credit hold, and confirmed
// orders with reserved stock to ship — each a short list linking to the full, filtered list.
// `fallback` when the server has no sales orders; "Nothing due" when all three are empty.
import "./sales.css";
import type { ReactNode } from "react";
import { type Page, get, withQuery } from "../../lib/api";
import { offers } from "../../lib/capabilities";
import { formatAmount } from "../../lib/money";
import { Link } from "../../lib/router";
import { useMe } from "../../lib/session";
import { useLoad } from "../../lib/useLoad";
import { ErrorNote, Loading } from "../../components/Status";
import type { SalesOrder } from "./model";

const shown = 8;

const queues: { key: string; title: string; query: Record<string, string>; empty: string }[] = [
  { key: "confirm", title: "Orders to confirm", query: { status: "entered" }, empty: "No entered order waits for confirmation." },
  { key: "hold", title: "On credit hold", query: { status: "on_hold" }, empty: "No order is on hold." },
  { key: "ship", title: "Ready to ship", query: { shippable: "true" }, empty: "No confirmed order has reserved stock to ship." },
];

async function loadQueues(signal: AbortSignal) {
  if (!(await offers("/api/v1/sales-orders"))) {
    return null;
  }
  return Promise.all(
    queues.map((queue) => get<Page<SalesOrder>>(withQuery("/api/v1/sales-orders", { ...queue.query, limit: String(shown) }), signal)),
  );
}

export function ClerkHome({ fallback }: { fallback: ReactNode }) {
  const { can } = useMe();
  const pages = useLoad(loadQueues, "clerk-home");
  if (pages.error) {
    return <ErrorNote message={pages.error} onRetry={pages.reload} />;
  }
  if (pages.loading && !pages.data) {
    return <Loading what="your work lists" />;
  }
  if (!pages.data) {
    return <>{fallback}</>; // the server has no sales orders yet
  }
  const listLink = (query: Record<string, string>) => withQuery("/sales/orders", query);
  if (pages.data.every((page) => page.items.length === 0)) {
    return (
      <section className="card" aria-labelledby="nothing-title">
        <h2 id="nothing-title">Nothing due</h2>
        <p>No order waits for you: none to confirm, none on hold, none ready to ship.</p>
        <p>
          <Link to="/sales/orders">All sales orders</Link>
          {can("sales.order") && (
            <>
              {" · "}
              <Link to="/sales/orders/new">Enter an order</Link>
            </>
          )}
        </p>
      </section>
    );
  }
  return (
    <div className="cards">
      {queues.map((queue, index) => {
        const page = pages.data![index];
        return (
          <section key={queue.key} className="card" aria-labelledby={`queue-${queue.key}`} data-queue={queue.key}>
            <h2 id={`queue-${queue.key}`}>
              {queue.title} <span className="muted">({page.items.length}{page.next_cursor ? "+" : ""})</span>
            </h2>
            {page.items.length === 0 ? (
              <p className="muted">{queue.empty}</p>
            ) : (
              <ul className="plain">
                {page.items.map((order) => (
                  <li key={order.id}>
                    <Link to={`/sales/orders/${order.id}`}>{order.number}</Link> {order.customer}{" "}
                    <span className="muted">
                      {order.order_date} · {formatAmount(order.total, order.currency)} {order.currency}
                    </span>
                    {queue.key === "hold" && order.hold_reason && <div className="hint">{order.hold_reason}</div>}
                  </li>
                ))}
              </ul>
            )}
            <p>
              <Link to={listLink(queue.query)}>Open the list</Link>
            </p>
          </section>
        );
      })}
    </div>
  );
}
