// The executive's dashboard: revenue and expenses by month (income statement per month), cash
// (cash and bank accounts of the balance sheet), receivables aging by bucket (the aging report)
// and orders shipped by month (GET /fulfilment/shipped-by-month) — each a chart with its
// figures, linking to the full report. Sections whose module the user cannot read are left out.
import { type Page, get, withQuery } from "../../lib/api";
import { monthLabel, monthStart, nextDay, today } from "../../lib/dates";
import { formatMinor, parseMinor } from "../../lib/money";
import { Link } from "../../lib/router";
import { useMe } from "../../lib/session";
import { useLoad } from "../../lib/useLoad";
import { BarChart } from "../../components/BarChart";
import { ErrorNote, Loading } from "../../components/Status";
import type { StatementRow } from "../ledger/model";
import { loadAging } from "../receivables/Aging";
import { agingBuckets } from "../receivables/model";

export const monthsShown = 6;

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

// The first days of the last `monthsShown` months, oldest first.
export function lastMonths(): string[] {
  const now = today();
  return Array.from({ length: monthsShown }, (_, i) => monthStart(now, i - (monthsShown - 1)));
}

interface MonthFigures {
  label: string;
  income: bigint;
  expenses: bigint;
}

// Income and expenses per month from the income statement; `department` narrows it (a manager
// without it gets all of their departments).
export async function revenueByMonth(signal: AbortSignal, department?: string): Promise<{ currency: string; months: MonthFigures[] }> {
  const starts = lastMonths();
  const answers = await Promise.all(
    starts.map((from) =>
      get<{ currency: string; income: string; expenses: string }>(
        withQuery("/api/v1/ledger/reports/income-statement", { from, to: monthStart(from, 1), department }),
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

export function RevenueCard({ title, department }: { title: string; department?: string }) {
  const revenue = useLoad((signal) => revenueByMonth(signal, department), `revenue-${department ?? ""}`);
  return (
    <section className="card wide" aria-labelledby="revenue-title">
      <h2 id="revenue-title">{title}</h2>
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
  );
}

// Cash: the asset accounts named for cash or a bank account (the standard chart's 1110-1130).
const cashName = /cash|bank|checking|savings/i;

async function cashPosition(signal: AbortSignal) {
  const sheet = await get<{ currency: string; rows: StatementRow[] }>(withQuery("/api/v1/ledger/reports/balance-sheet", { as_of: today() }), signal);
  const accounts = sheet.rows.filter((row) => row.type === "asset" && row.depth > 0 && cashName.test(row.name));
  const total = accounts.reduce((sum, row) => sum + (parseMinor(row.amount, sheet.currency) ?? 0n), 0n);
  return { currency: sheet.currency, accounts, total };
}

function CashCard() {
  const cash = useLoad(cashPosition, "cash");
  return (
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
  );
}

function AgingCard() {
  const aging = useLoad((signal) => loadAging(today(), signal), "dashboard-aging");
  const a = aging.data;
  return (
    <section className="card" aria-labelledby="aging-title" data-testid="dashboard-aging">
      <h2 id="aging-title">Receivables aging</h2>
      {aging.error && <ErrorNote message={aging.error} onRetry={aging.reload} />}
      {aging.loading && !a && <Loading what="the aging" />}
      {a && (
        <>
          <p className="big-figure">
            {formatMinor(parseMinor(a.total, a.currency) ?? 0n, a.currency)} <span className="muted">{a.currency} open</span>
          </p>
          <AgingBars currency={a.currency} amounts={agingBuckets.map((b) => ({ label: b.label, minor: parseMinor(a.buckets[b.key], a.currency) ?? 0n }))} />
        </>
      )}
      <p>
        <Link to="/receivables/aging">Open the aging</Link>
      </p>
    </section>
  );
}

// The aging's buckets as horizontal bars (readable in a narrow card), each with its amount.
function AgingBars({ currency, amounts }: { currency: string; amounts: { label: string; minor: bigint }[] }) {
  const max = amounts.reduce((m, a) => (a.minor > m ? a.minor : m), 1n);
  return (
    <table className="hbars">
      <caption className="visually-hidden">Open receivables by days past due, in {currency}</caption>
      <tbody>
        {amounts.map((a, index) => (
          <tr key={a.label}>
            <th scope="row">{a.label}</th>
            <td aria-hidden="true" className="hbar-cell">
              <span className={`hbar${index === 0 ? " current" : ""}`} style={{ width: `${a.minor <= 0n ? 0 : Number((a.minor * 100n) / max)}%` }} />
            </td>
            <td className="num">{formatMinor(a.minor, currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface ShippedMonth {
  month: string;
  currency: string;
  shipments: number;
  orders: number;
  net: string;
}

function ShippedCard() {
  const starts = lastMonths();
  const shipped = useLoad(
    (signal) => get<Page<ShippedMonth>>(withQuery("/api/v1/fulfilment/shipped-by-month", { from: starts[0], to: nextDay(today()) }), signal),
    "dashboard-shipped",
  );
  const items = shipped.data?.items ?? [];
  // The chart is in the currency shipped most (months in others are listed under it).
  const currency = items.reduce<Record<string, number>>((count, m) => ({ ...count, [m.currency]: (count[m.currency] ?? 0) + m.shipments }), {});
  const main = Object.entries(currency).sort((a, b) => b[1] - a[1])[0]?.[0] ?? "USD";
  const of = (start: string) => items.filter((m) => m.month === start.slice(0, 7));
  const orders = items.reduce((sum, m) => sum + m.orders, 0);
  return (
    <section className="card wide" aria-labelledby="shipped-title" data-testid="dashboard-shipped">
      <h2 id="shipped-title">Orders shipped, last {monthsShown} months</h2>
      {shipped.error && <ErrorNote message={shipped.error} onRetry={shipped.reload} />}
      {shipped.loading && !shipped.data && <Loading what="shipments" />}
      {shipped.data && (
        <>
          <p>
            {orders === 0 ? "Nothing shipped in these months." : `${plural(items.reduce((sum, m) => sum + m.shipments, 0), "shipment")} for ${plural(orders, "order")}.`}
          </p>
          <BarChart
            title={`Net value shipped by month, in ${main}`}
            labels={starts.map(monthLabel)}
            currency={main}
            series={[
              {
                name: "Shipped (net)",
                className: "bar-income",
                values: starts.map((start) => of(start).filter((m) => m.currency === main).reduce((sum, m) => sum + (parseMinor(m.net, main) ?? 0n), 0n)),
              },
            ]}
          />
          {items.some((m) => m.currency !== main) && (
            <p className="muted">
              Also shipped:{" "}
              {items
                .filter((m) => m.currency !== main)
                .map((m) => `${m.month} ${m.net} ${m.currency}`)
                .join(", ")}
            </p>
          )}
        </>
      )}
      <p>
        <Link to="/fulfilment/shipments">Open the shipments</Link>
      </p>
    </section>
  );
}

export function ExecutivePanel() {
  const { can } = useMe();
  return (
    <div className="cards">
      <RevenueCard title={`Revenue and expenses, last ${monthsShown} months`} />
      <CashCard />
      {can("receivables.read") && <AgingCard />}
      {can("sales.read") && <ShippedCard />}
    </div>
  );
}
