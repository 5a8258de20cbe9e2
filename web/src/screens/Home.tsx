// The home dashboard, by role, with what exists now: executives see revenue, cash, receivables
// aging and orders shipped as charts (home/Executive.tsx); managers their departments' actuals
// (home/Manager.tsx); auditors the latest audit events; order, warehouse and billing clerks
// their work lists; everyone else a friendly "nothing due" until their modules arrive.
import { type Page, get } from "../lib/api";
import { formatInstant } from "../lib/dates";
import { Link } from "../lib/router";
import { useMe } from "../lib/session";
import { useLoad } from "../lib/useLoad";
import { ErrorNote, Loading } from "../components/Status";
import { WarehouseHome } from "./fulfilment/WarehouseHome";
import { BillingHome } from "./receivables/BillingHome";
import { ExecutivePanel } from "./home/Executive";
import { ManagerPanel } from "./home/Manager";
import { ClerkHome } from "./sales/ClerkHome";
import type { AuditEvent } from "./Audit";

function AuditorPanel() {
  const events = useLoad((signal) => get<Page<AuditEvent>>("/api/v1/audit/events?limit=8", signal), "latest-audit");
  return (
    <section className="card wide" aria-labelledby="audit-title">
      <h2 id="audit-title">Latest audit events</h2>
      {events.error && <ErrorNote message={events.error} onRetry={events.reload} />}
      {events.loading && !events.data && <Loading what="audit events" />}
      {events.data && (
        <table className="data">
          <caption className="visually-hidden">Latest audit events</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">User</th>
              <th scope="col">Action</th>
              <th scope="col">Entity</th>
            </tr>
          </thead>
          <tbody>
            {events.data.items.map((event) => (
              <tr key={event.seq}>
                <td>{formatInstant(event.at)}</td>
                <td>{event.username || "system"}</td>
                <td>{event.action}</td>
                <td>
                  {event.entity_type} {event.entity_id}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <Link to="/audit/events">Open the audit trail</Link>
      </p>
    </section>
  );
}

export function Home() {
  const { me, can } = useMe();
  const isAdmin = me.roles.includes("admin");
  const executive = (isAdmin || me.roles.includes("executive")) && can("ledger.read");
  const auditor = (isAdmin || me.roles.includes("auditor")) && can("audit.read");
  const clerk = !isAdmin && me.roles.includes("order_clerk") && can("sales.read");
  const warehouse = !isAdmin && me.roles.includes("warehouse_clerk") && can("sales.fulfil");
  const manager = !isAdmin && me.roles.includes("manager") && can("ledger.read_department");
  const billing = !isAdmin && (me.roles.includes("billing_clerk") || me.roles.includes("ar_clerk")) && can("receivables.read");
  return (
    <>
      <p className="subtitle">Good to see you, {me.user.display_name}.</p>
      {executive && <ExecutivePanel />}
      {manager && !executive && <ManagerPanel />}
      {auditor && <AuditorPanel />}
      {clerk && <ClerkHome fallback={<NothingDue roles={me.roles} />} />}
      {warehouse && (
        <section aria-labelledby="warehouse-title">
          <h2 id="warehouse-title" className={clerk ? undefined : "visually-hidden"}>
            Warehouse
          </h2>
          <WarehouseHome />
        </section>
      )}
      {billing && <BillingHome />}
      {!executive && !manager && !auditor && !clerk && !warehouse && !billing && <NothingDue roles={me.roles} />}
    </>
  );
}

function NothingDue({ roles }: { roles: string[] }) {
  return (
    <section className="card" aria-labelledby="nothing-title">
      <h2 id="nothing-title">Nothing due</h2>
      <p>
        There is nothing waiting for you right now. Your work lists appear here as the modules for your role
        ({roles.join(", ") || "no role yet"}) arrive.
      </p>
    </section>
  );
}
