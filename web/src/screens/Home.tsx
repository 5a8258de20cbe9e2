// The home dashboard, by role, with what exists now: executives see revenue and expenses by
// month (from the income statement) and cash (from the balance sheet); auditors see the latest
// audit events; order clerks see their order queues (sales/ClerkHome.tsx); everyone else gets a
// friendly "nothing due" until their modules arrive.
import { type Page, get, withQuery } from "../lib/api";
import { formatInstant, monthLabel, monthStart, today } from "../lib/dates";
import { formatMinor, parseMinor } from "../lib/money";
import { Link } from "../lib/router";
import { useMe } from "../lib/session";
import { useLoad } from "../lib/useLoad";
import { BarChart } from "../components/BarChart";
import { ErrorNote, Loading } from "../components/Status";
import { WarehouseHome } from "./fulfilment/WarehouseHome";
import { BillingHome } from "./receivables/BillingHome";
import { ClerkHome } from "./sales/ClerkHome";
import type { StatementRow } from "./ledger/model";
import type { AuditEvent } from "./Audit";

const monthsShown = 6;

interface MonthFigures {
  label: string;
  income: bigint;
  expenses: bigint;
}

async function revenueByMonth(signal: AbortSignal): Promise<{ currency: string; months: MonthFigures[] }> {
  const now = today();
  const starts = Array.from({ length: monthsShown }, (_, i) => monthStart(now, i - (monthsShown - 1)));
  const answers = await Promise.all(
    starts.map((from) =>
      get<{ currency: string; income: string; expenses: string }>(
        withQuery("/api/v1/ledger/reports/income-statement", { from, to: monthStart(from, 1) }),
        signal,
      ),
    ),
  );
  const currency = answers[0]?.currency ?? "USD";
  return {
    currency,
    months: answers.map((answer, i) => ({
      label: monthLabel(starts[i]),
      income: parseMinor(answer.income, currency) ?? 0n,
      expenses: parseMinor(answer.expenses, currency) ?? 0n,
    })),
  };
}

// Cash: the asset accounts named for cash or a bank account (the standard chart's 1110-1130).
const cashName = /cash|bank|checking|savings/i;

async function cashPosition(signal: AbortSignal) {
  const sheet = await get<{ currency: string; rows: StatementRow[] }>(
    withQuery("/api/v1/ledger/reports/balance-sheet", { as_of: today() }),
    signal,
  );
  const accounts = sheet.rows.filter((row) => row.type === "asset" && row.depth > 0 && cashName.test(row.name));
  const total = accounts.reduce((sum, row) => sum + (parseMinor(row.amount, sheet.currency) ?? 0n), 0n);
  return { currency: sheet.currency, accounts, total };
}

function ExecutivePanel() {
  const revenue = useLoad(revenueByMonth, "revenue");
  const cash = useLoad(cashPosition, "cash");
  return (
    <div className="cards">
      <section className="card wide" aria-labelledby="revenue-title">
        <h2 id="revenue-title">Revenue and expenses, last {monthsShown} months</h2>
        {revenue.error && <ErrorNote message={revenue.error} onRetry={revenue.reload} />}
        {revenue.loading && !revenue.data && <Loading what="the income statement" />}
        {revenue.data && revenue.data.months.every((m) => m.income === 0n && m.expenses === 0n) && (
          <p className="muted">Nothing has been posted to income or expense accounts in these months.</p>
        )}
        {revenue.data && (
          <BarChart
            title={`Revenue and expenses by month, in ${revenue.data.currency}`}
            labels={revenue.data.months.map((m) => m.label)}
            currency={revenue.data.currency}
            series={[
              { name: "Revenue", className: "bar-income", values: revenue.data.months.map((m) => m.income) },
              { name: "Expenses", className: "bar-expense", values: revenue.data.months.map((m) => m.expenses) },
            ]}
          />
        )}
        <p>
          <Link to="/ledger/income-statement">Open the income statement</Link>
        </p>
      </section>
      <section className="card" aria-labelledby="cash-title">
        <h2 id="cash-title">Cash today</h2>
        {cash.error && <ErrorNote message={cash.error} onRetry={cash.reload} />}
        {cash.loading && !cash.data && <Loading what="cash" />}
        {cash.data && (
          <>
            <p className="big-figure">
              {formatMinor(cash.data.total, cash.data.currency)} <span className="muted">{cash.data.currency}</span>
            </p>
            <ul className="plain">
              {cash.data.accounts.map((row) => (
                <li key={row.account_id}>
                  <Link to={`/ledger/accounts/${row.account_id}`}>
                    {row.number} {row.name}
                  </Link>
                  : {formatMinor(parseMinor(row.amount, cash.data!.currency) ?? 0n, cash.data!.currency)}
                </li>
              ))}
              {cash.data.accounts.length === 0 && <li className="muted">No cash or bank balances on the books yet.</li>}
            </ul>
          </>
        )}
        <p>
          <Link to="/ledger/balance-sheet">Open the balance sheet</Link>
        </p>
      </section>
    </div>
  );
}

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
  const billing = !isAdmin && (me.roles.includes("billing_clerk") || me.roles.includes("ar_clerk")) && can("receivables.read");
  return (
    <>
      <p className="subtitle">Good to see you, {me.user.display_name}.</p>
      {executive && <ExecutivePanel />}
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
      {!executive && !auditor && !clerk && !warehouse && !billing && <NothingDue roles={me.roles} />}
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
