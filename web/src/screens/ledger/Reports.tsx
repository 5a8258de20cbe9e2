// Trial balance, income statement and balance sheet, each with its date filter, a department
// filter, export links when the server has them, and drill-down from an account to its
// general-ledger lines.
import { get, withQuery } from "../../lib/api";
import { nextDay, today, yearStart } from "../../lib/dates";
import { Link } from "../../lib/router";
import { useLoad } from "../../lib/useLoad";
import { ErrorNote, Loading } from "../../components/Status";
import type { AccountType, StatementRow } from "./model";
import { Amount, ExportLinks, ReportFilter, type ReportQuery, useReportQuery } from "./ReportParts";

const departmentField = { name: "department", label: "Department", type: "department" as const, hint: "A code, none, or empty for all" };
const rangeFields = [
  { name: "from", label: "From", type: "date" as const },
  { name: "to", label: "To (not included)", type: "date" as const },
  departmentField,
];

function drillDown(accountId: number, query: ReportQuery): string {
  return withQuery(`/ledger/accounts/${accountId}`, { from: query.from, to: query.to ?? (query.as_of ? nextDay(query.as_of) : undefined), department: query.department });
}

function useReport<T>(apiPath: string, query: ReportQuery) {
  const url = withQuery(apiPath, query);
  return useLoad((signal) => get<T>(url, signal), url);
}

interface TrialBalanceRow {
  account_id: number;
  number: string;
  name: string;
  type: AccountType;
  opening: string;
  debit: string;
  credit: string;
  closing: string;
}

interface TrialBalanceAnswer {
  currency: string;
  rows: TrialBalanceRow[];
  totals: { opening: string; debit: string; credit: string; closing: string };
}

export function TrialBalance() {
  const query = useReportQuery({ from: yearStart(today()), to: nextDay(today()), department: "" });
  const apiPath = "/api/v1/ledger/reports/trial-balance";
  const report = useReport<TrialBalanceAnswer>(apiPath, query);
  const r = report.data;
  return (
    <>
      <ReportFilter fields={rangeFields} query={query} />
      <ExportLinks apiPath={apiPath} query={query} />
      {report.error && <ErrorNote message={report.error} onRetry={report.reload} />}
      {report.loading && !r && <Loading what="the trial balance" />}
      {r && (
        <table className="data report">
          <caption>
            {query.from} to {query.to} (not included){query.department && `, department ${query.department}`}, in {r.currency}
          </caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col" className="num">Opening</th>
              <th scope="col" className="num">Debit</th>
              <th scope="col" className="num">Credit</th>
              <th scope="col" className="num">Closing</th>
            </tr>
          </thead>
          <tbody>
            {r.rows.map((row) => (
              <tr key={row.account_id}>
                <th scope="row">
                  <Link className="row-link" to={drillDown(row.account_id, query)}>
                    <span className="account-number">{row.number}</span> {row.name}
                  </Link>
                </th>
                <td className="num"><Amount value={row.opening} currency={r.currency} /></td>
                <td className="num"><Amount value={row.debit} currency={r.currency} /></td>
                <td className="num"><Amount value={row.credit} currency={r.currency} /></td>
                <td className="num"><Amount value={row.closing} currency={r.currency} /></td>
              </tr>
            ))}
            {r.rows.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">No balances or movements in this period.</td>
              </tr>
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td className="num"><Amount value={r.totals.opening} currency={r.currency} strong /></td>
              <td className="num"><Amount value={r.totals.debit} currency={r.currency} strong /></td>
              <td className="num"><Amount value={r.totals.credit} currency={r.currency} strong /></td>
              <td className="num"><Amount value={r.totals.closing} currency={r.currency} strong /></td>
            </tr>
          </tfoot>
        </table>
      )}
    </>
  );
}

function StatementTable({ rows, currency, query, caption }: { rows: StatementRow[]; currency: string; query: ReportQuery; caption: string }) {
  return (
    <table className="data report">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Account</th>
          <th scope="col" className="num">Own amount</th>
          <th scope="col" className="num">Total</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.account_id} className={row.depth === 0 ? "group" : undefined}>
            <th scope="row">
              <span className="indent" style={{ paddingLeft: `${row.depth * 1.25}rem` }}>
                <Link className="row-link" to={drillDown(row.account_id, query)}>
                  <span className="account-number">{row.number}</span> {row.name}
                </Link>
              </span>
            </th>
            <td className="num"><Amount value={row.amount} currency={currency} /></td>
            <td className="num"><Amount value={row.total} currency={currency} strong={row.depth === 0} /></td>
          </tr>
        ))}
        {rows.length === 0 && (
          <tr>
            <td colSpan={3} className="muted">Nothing posted in this period.</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

interface IncomeStatementAnswer {
  currency: string;
  rows: StatementRow[];
  income: string;
  expenses: string;
  net_income: string;
}

export function IncomeStatement() {
  const query = useReportQuery({ from: yearStart(today()), to: nextDay(today()), department: "" });
  const apiPath = "/api/v1/ledger/reports/income-statement";
  const report = useReport<IncomeStatementAnswer>(apiPath, query);
  const r = report.data;
  return (
    <>
      <ReportFilter fields={rangeFields} query={query} />
      <ExportLinks apiPath={apiPath} query={query} />
      {report.error && <ErrorNote message={report.error} onRetry={report.reload} />}
      {report.loading && !r && <Loading what="the income statement" />}
      {r && (
        <>
          <dl className="facts totals">
            <div><dt>Income</dt><dd><Amount value={r.income} currency={r.currency} /></dd></div>
            <div><dt>Expenses</dt><dd><Amount value={r.expenses} currency={r.currency} /></dd></div>
            <div><dt>Net income</dt><dd><Amount value={r.net_income} currency={r.currency} strong /></dd></div>
          </dl>
          <StatementTable
            rows={r.rows}
            currency={r.currency}
            query={query}
            caption={`${query.from} to ${query.to} (not included)${query.department ? `, department ${query.department}` : ""}, in ${r.currency}`}
          />
        </>
      )}
    </>
  );
}

interface BalanceSheetAnswer {
  currency: string;
  rows: StatementRow[];
  assets: string;
  liabilities: string;
  equity: string;
  current_earnings: string;
}

export function BalanceSheet() {
  const query = useReportQuery({ as_of: today(), department: "" });
  const apiPath = "/api/v1/ledger/reports/balance-sheet";
  const report = useReport<BalanceSheetAnswer>(apiPath, query);
  const r = report.data;
  return (
    <>
      <ReportFilter fields={[{ name: "as_of", label: "As of (included)", type: "date" }, departmentField]} query={query} />
      <ExportLinks apiPath={apiPath} query={query} />
      {report.error && <ErrorNote message={report.error} onRetry={report.reload} />}
      {report.loading && !r && <Loading what="the balance sheet" />}
      {r && (
        <>
          <dl className="facts totals">
            <div><dt>Assets</dt><dd><Amount value={r.assets} currency={r.currency} /></dd></div>
            <div><dt>Liabilities</dt><dd><Amount value={r.liabilities} currency={r.currency} /></dd></div>
            <div><dt>Equity</dt><dd><Amount value={r.equity} currency={r.currency} /></dd></div>
            <div><dt>Current earnings</dt><dd><Amount value={r.current_earnings} currency={r.currency} /></dd></div>
          </dl>
          <StatementTable
            rows={r.rows}
            currency={r.currency}
            query={{ ...query, from: "1900-01-01", to: nextDay(query.as_of) }}
            caption={`As of ${query.as_of}${query.department ? `, department ${query.department}` : ""}, in ${r.currency}`}
          />
        </>
      )}
    </>
  );
}
