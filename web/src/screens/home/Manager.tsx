// The department manager's dashboard: the ledger's actuals of their departments (there are no
// budgets yet, and customers and orders carry no department): revenue and expenses by month
// for all of them, this year's figures per department (each opening its income statement),
// and the orders on credit hold they may release.
import { type Page, get, withQuery } from "../../lib/api";
import { nextDay, today, yearStart } from "../../lib/dates";
import { formatAmount, formatMinor, parseMinor } from "../../lib/money";
import { Link } from "../../lib/router";
import { useMe } from "../../lib/session";
import { useLoad } from "../../lib/useLoad";
import { ErrorNote, Loading } from "../../components/Status";
import type { SalesOrder } from "../sales/model";
import { RevenueCard, monthsShown } from "./Executive";

interface Department {
  id: number;
  code: string;
  name: string;
  active: boolean;
}

interface DepartmentFigures {
  department: Department;
  currency: string;
  income: string;
  expenses: string;
  net_income: string;
}

const departmentsShown = 20;

async function loadDepartments(signal: AbortSignal): Promise<DepartmentFigures[]> {
  const departments = await get<Page<Department>>(withQuery("/api/v1/ledger/departments", { limit: String(departmentsShown) }), signal);
  const from = yearStart(today());
  const to = nextDay(today());
  return Promise.all(
    departments.items
      .filter((d) => d.active)
      .map(async (department) => {
        const statement = await get<Omit<DepartmentFigures, "department">>(
          withQuery("/api/v1/ledger/reports/income-statement", { from, to, department: department.code }),
          signal,
        );
        return { department, ...statement };
      }),
  );
}

function DepartmentsCard() {
  const figures = useLoad(loadDepartments, "manager-departments");
  const from = yearStart(today());
  const to = nextDay(today());
  return (
    <section className="card wide" aria-labelledby="departments-title" data-testid="manager-departments">
      <h2 id="departments-title">Your departments, this year</h2>
      {figures.error && <ErrorNote message={figures.error} onRetry={figures.reload} />}
      {figures.loading && !figures.data && <Loading what="your departments" />}
      {figures.data && figures.data.length === 0 && (
        <p className="muted">No department is assigned to you yet: an administrator sets them on your user.</p>
      )}
      {figures.data && figures.data.length > 0 && (
        <div className="table-scroll">
          <table className="data">
            <caption className="visually-hidden">Income, expenses and net income per department since {from}</caption>
            <thead>
              <tr>
                <th scope="col">Department</th>
                <th scope="col" className="num">Income</th>
                <th scope="col" className="num">Expenses</th>
                <th scope="col" className="num">Net income</th>
              </tr>
            </thead>
            <tbody>
              {figures.data.map((f) => (
                <tr key={f.department.id}>
                  <th scope="row">
                    <Link to={withQuery("/ledger/income-statement", { from, to, department: f.department.code })}>
                      {f.department.code} {f.department.name}
                    </Link>
                  </th>
                  <td className="num">{formatAmount(f.income, f.currency)}</td>
                  <td className="num">{formatAmount(f.expenses, f.currency)}</td>
                  <td className={`num strong${(parseMinor(f.net_income, f.currency) ?? 0n) < 0n ? " negative" : ""}`}>
                    {formatMinor(parseMinor(f.net_income, f.currency) ?? 0n, f.currency)} {f.currency}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function HoldsCard() {
  const holds = useLoad((signal) => get<Page<SalesOrder>>(withQuery("/api/v1/sales-orders", { status: "on_hold", limit: "8" }), signal), "manager-holds");
  return (
    <section className="card" aria-labelledby="holds-title" data-queue="holds">
      <h2 id="holds-title">Orders on credit hold</h2>
      {holds.error && <ErrorNote message={holds.error} onRetry={holds.reload} />}
      {holds.data && holds.data.items.length === 0 && <p className="muted">No order waits for a release.</p>}
      {holds.data && holds.data.items.length > 0 && (
        <ul className="plain">
          {holds.data.items.map((o) => (
            <li key={o.id}>
              <Link to={`/sales/orders/${o.id}`}>{o.number}</Link> {o.customer}{" "}
              <span className="muted">
                {formatAmount(o.total, o.currency)} {o.currency}
              </span>
              {o.hold_reason && <div className="hint">{o.hold_reason}</div>}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/sales/orders?status=on_hold">Open the list</Link>
      </p>
    </section>
  );
}

export function ManagerPanel() {
  const { can } = useMe();
  return (
    <div className="cards">
      <DepartmentsCard />
      {can("sales.release") && <HoldsCard />}
      <RevenueCard title={`Your departments: revenue and expenses, last ${monthsShown} months`} />
    </div>
  );
}
