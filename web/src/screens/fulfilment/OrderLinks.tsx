// What a sales order page offers the warehouse: a pick list for it or "ship now" while it has
// reserved stock (sales.fulfil), and its shipments once any exist.
import { Link } from "../../lib/router";
import { useMe } from "../../lib/session";
import { parseMilli } from "../inventory/model";
import type { SalesOrder } from "../sales/model";

export function FulfilmentLinks({ order }: { order: SalesOrder }) {
  const { can } = useMe();
  const reserved = (order.lines ?? []).some((l) => (parseMilli(l.reserved) ?? 0n) > 0n);
  const shipped = (order.lines ?? []).some((l) => (parseMilli(l.shipped) ?? 0n) > 0n);
  const open = order.status === "confirmed" || order.status === "partly_shipped";
  return (
    <>
      {shipped && <Link className="button" to={`/fulfilment/shipments?order=${order.id}`}>Shipments</Link>}
      {can("sales.fulfil") && open && reserved && (
        <>
          <Link className="button" to={`/fulfilment/pick-lists/new?order=${order.id}`}>
            Pick list
          </Link>
          <Link className="button" to={`/fulfilment/shipments/new?order=${order.id}`}>
            Ship now
          </Link>
        </>
      )}
    </>
  );
}
