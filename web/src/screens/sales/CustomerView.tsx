// One customer: details, addresses, contacts, hold and release (sales.manage), and its history
// — only what the server has: the customer's orders appear once GET /api/v1/sales-orders exists
// (read from the server's OpenAPI document), never an empty placeholder.
import "./sales.css";
import { type FormEvent, useState } from "react";
import { type Page, ApiError, get, messageOf, request, withQuery } from "../../lib/api";
import { offers } from "../../lib/capabilities";
import { formatInstant } from "../../lib/dates";
import { formatAmount } from "../../lib/money";
import { Link } from "../../lib/router";
import { useMe } from "../../lib/session";
import { useLoad } from "../../lib/useLoad";
import { Field, errorsByField } from "../../components/Field";
import { ErrorNote, Loading } from "../../components/Status";
import { useRecordSteps } from "./parts";
import { type Address, type Customer, loadPriceLists, statusLabels } from "./model";

export function CustomerView({ id }: { id: string }) {
  const { me, can } = useMe();
  const customer = useLoad((signal) => get<Customer>(`/api/v1/customers/${encodeURIComponent(id)}`, signal), `customer-${id}`);
  const priceLists = useLoad(loadPriceLists, "price-lists");
  const [current, setCurrent] = useState<Customer | null>(null);
  useRecordSteps("/sales/customers", id);

  if (customer.error) {
    return <ErrorNote message={customer.error} onRetry={customer.reload} />;
  }
  if (!customer.data) {
    return <Loading what="the customer" />;
  }
  const c = current && current.id === customer.data.id ? current : customer.data;
  const priceList = priceLists.data?.find((list) => list.id === c.price_list_id);
  const salesperson = c.salesperson_id === null ? "—" : c.salesperson_id === me.user.id ? `${me.user.display_name} (you)` : `User #${c.salesperson_id}`;
  return (
    <>
      <div className="page-actions">
        {can("receivables.read") && (
          <Link className="button" to={`/receivables/customers/${c.id}`}>
            Account
          </Link>
        )}
        {can("sales.manage") && (
          <Link className="button primary" to={`/sales/customers/${c.id}/edit`}>
            Edit
          </Link>
        )}
      </div>
      <p className="subtitle record-title">
        <strong>{c.number}</strong> {c.name} <span className={`badge ${c.status}`}>{statusLabels[c.status]}</span>
      </p>
      {c.status === "on_hold" && (
        <div className="hold-note" role="note">
          <strong>On hold:</strong> {c.hold_reason || "no reason given"}. Every order of this customer is held at confirmation.
        </div>
      )}
      {can("sales.manage") && <HoldControls customer={c} onChanged={setCurrent} />}
      <section className="card" aria-labelledby="details-title">
        <h2 id="details-title">Details</h2>
        <dl className="facts">
          <Fact label="E-mail" value={c.email} />
          <Fact label="Phone" value={c.phone} />
          <Fact label="City" value={[c.city, c.country].filter(Boolean).join(", ")} />
          <Fact label="Currency" value={c.currency} />
          <Fact label="Credit limit" value={`${formatAmount(c.credit_limit, c.currency)} ${c.currency}`} />
          <Fact label="Payment terms" value={`${c.payment_terms_days} days`} />
          <Fact label="Tax category" value={c.tax_category === "exempt" ? "Exempt" : "Taxable"} />
          <Fact label="Price list" value={priceList ? `${priceList.code} — ${priceList.name}` : c.price_list_id ? `#${c.price_list_id}` : "items' own prices"} />
          <Fact label="Salesperson" value={salesperson} />
          <Fact label="Created" value={formatInstant(c.created_at)} />
          <Fact label="Changed" value={formatInstant(c.updated_at)} />
        </dl>
      </section>
      <div className="cards">
        <section className="card" aria-labelledby="addresses-title">
          <h2 id="addresses-title">Addresses</h2>
          {(c.addresses ?? []).length === 0 ? (
            <p className="muted">No address.</p>
          ) : (
            <ul className="plain addresses">
              {(c.addresses ?? []).map((address, index) => (
                <li key={index}>
                  <AddressBlock address={address} isDefault={isDefault(c.addresses ?? [], index)} />
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="contacts-title">
          <h2 id="contacts-title">Contacts</h2>
          {(c.contacts ?? []).length === 0 ? (
            <p className="muted">No contact.</p>
          ) : (
            <ul className="plain">
              {(c.contacts ?? []).map((contact, index) => (
                <li key={index} className="contact">
                  <strong>{contact.name}</strong>
                  {contact.role && <span className="muted"> · {contact.role}</span>}
                  <br />
                  {contact.email && <a href={`mailto:${contact.email}`}>{contact.email}</a>}
                  {contact.email && contact.phone && " · "}
                  {contact.phone}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <CustomerOrders customer={c} />
    </>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value || <span className="muted">—</span>}</dd>
    </div>
  );
}

// The default of each kind: the one marked, else the first of that kind.
function isDefault(addresses: Address[], index: number): boolean {
  const kind = addresses[index].kind;
  const marked = addresses.findIndex((a) => a.kind === kind && a.default);
  return marked >= 0 ? marked === index : addresses.findIndex((a) => a.kind === kind) === index;
}

function AddressBlock({ address, isDefault: byDefault }: { address: Address; isDefault: boolean }) {
  return (
    <address>
      <span className="address-kind">
        {address.kind === "billing" ? "Billing" : "Shipping"}
        {byDefault && " · default"}
      </span>
      {address.name && <strong>{address.name}</strong>}
      <span>{address.line1}</span>
      {address.line2 && <span>{address.line2}</span>}
      <span>{[address.postal_code, address.city, address.region].filter(Boolean).join(" ")}</span>
      {address.country && <span>{address.country}</span>}
    </address>
  );
}

function HoldControls({ customer, onChanged }: { customer: Customer; onChanged: (customer: Customer) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const call = async (action: "hold" | "release", body: object) => {
    setBusy(true);
    setMessage(null);
    try {
      const changed = await request<Customer>("POST", `/api/v1/customers/${customer.id}/${action}`, { body });
      setOpen(false);
      setReason("");
      setErrors({});
      onChanged(changed);
      setMessage(action === "hold" ? "The customer is on hold." : "The customer is active again.");
    } catch (error) {
      setErrors(error instanceof ApiError ? errorsByField(error.errors) : {});
      setMessage(messageOf(error));
    } finally {
      setBusy(false);
    }
  };
  const hold = (event: FormEvent) => {
    event.preventDefault();
    void call("hold", { reason: reason.trim() });
  };

  return (
    <div className="record-actions">
      {customer.status === "active" && !open && (
        <button type="button" onClick={() => setOpen(true)}>
          Put on hold…
        </button>
      )}
      {customer.status === "on_hold" && (
        <button type="button" onClick={() => void call("release", {})} disabled={busy}>
          Release hold
        </button>
      )}
      {open && (
        <form className="inline-form" onSubmit={hold} noValidate>
          <Field label="Reason for the hold" error={errors.reason}>
            {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} autoFocus size={40} />}
          </Field>
          <button type="submit" className="primary" disabled={busy}>
            Put on hold
          </button>
          <button type="button" onClick={() => setOpen(false)}>
            Cancel
          </button>
        </form>
      )}
      {message && (
        <span role="status" className="muted">
          {message}
        </span>
      )}
    </div>
  );
}

interface OrderSummary {
  id: number;
  number: string;
  status: string;
  order_date: string;
  currency: string;
  total: string;
}

// The customer's orders, newest API page first — shown only when the server has sales orders.
function CustomerOrders({ customer }: { customer: Customer }) {
  const { can } = useMe();
  const orders = useLoad(
    async (signal) => {
      if (!(await offers("/api/v1/sales-orders"))) {
        return null;
      }
      return get<Page<OrderSummary>>(withQuery("/api/v1/sales-orders", { customer: customer.number, limit: "20" }), signal);
    },
    `customer-orders-${customer.id}`,
  );
  if (!orders.data && !orders.error) {
    return null; // loading, or no orders API: nothing to show
  }
  return (
    <section className="card" aria-labelledby="orders-title">
      <h2 id="orders-title">Orders</h2>
      {orders.error && <ErrorNote message={orders.error} onRetry={orders.reload} />}
      {orders.data && orders.data.items.length === 0 && <p className="muted">No orders yet.</p>}
      {orders.data && orders.data.items.length > 0 && (
        <table className="data">
          <caption className="visually-hidden">Orders of {customer.name}</caption>
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Date</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {orders.data.items.map((order) => (
              <tr key={order.id}>
                <td>
                  <Link to={`/sales/orders/${order.id}`}>{order.number}</Link>
                </td>
                <td>{order.order_date}</td>
                <td>{order.status.replace(/_/g, " ")}</td>
                <td className="num">
                  {formatAmount(order.total, order.currency)} {order.currency}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {orders.data?.next_cursor && (
        <p>
          <Link to={`/sales/orders?customer=${encodeURIComponent(customer.number)}`}>All orders of this customer</Link>
        </p>
      )}
      {can("sales.order") && orders.data && (
        <p>
          <Link to={`/sales/orders/new?customer=${encodeURIComponent(customer.number)}`}>New order for this customer</Link>
        </p>
      )}
    </section>
  );
}
