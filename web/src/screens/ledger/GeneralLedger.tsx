// One account's general ledger for a period: opening balance, each line with its running
// balance and a link to its entry, closing balance.
import { get, withQuery } from "../../lib/api";
import { nextDay, today, yearStart } from "../../lib/dates";
import { Link } from "../../lib/router";
import { useLoad } from "../../lib/useLoad";
import { ErrorNote, Loading } from "../../components/Status";
import type { Account, EntrySource } from "./model";
import { Amount, ExportLinks, ReportFilter, useReportQuery } from "./ReportParts";

interface GeneralLedgerLine {
  entry_id: number;
  reference: string;
  date: string;
  memo: string;
  source: EntrySource;
  debit: string;
  credit: string;
  balance: string;
}

interface GeneralLedgerAnswer {
  currency: string;
  account: Account;
  from: string;
  to: string;
  opening: string;
  lines: GeneralLedgerLine[];
  closing: string;
}

export function GeneralLedger({ id }: { id: string }) {
  const query = useReportQuery({ from: yearStart(today()), to: nextDay(today()), department: "" });
  const apiPath = `/api/v1/ledger/accounts/${encodeURIComponent(id)}/general-ledger`;
  const url = withQuery(apiPath, query);
  const report = useLoad((signal) => get<GeneralLedgerAnswer>(url, signal), url);
  const r = report.data;
  return (
    <>
      {r && (
        <p className="subtitle">
          <span className="account-number">{r.account.number}</span> {r.account.name} · {r.account.type}
          {!r.account.active && " · inactive"}
        </p>
      )}
      <ReportFilter
        fields={[
          { name: "from", label: "From", type: "date" },
          { name: "to", label: "To (not included)", type: "date" },
          { name: "department", label: "Department", type: "department", hint: "A code, none, or empty for all" },
        ]}
        query={query}
      />
      <ExportLinks apiPath={apiPath} docPath="/api/v1/ledger/accounts/{id}/general-ledger" query={query} />
      {report.error && <ErrorNote message={report.error} onRetry={report.reload} />}
      {report.loading && !r && <Loading what="the general ledger" />}
      {r && (
        <table className="data report">
          <caption>
            {r.from} to {r.to} (not included), in {r.currency}
          </caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Entry</th>
              <th scope="col">Memo</th>
              <th scope="col" className="num">Debit</th>
              <th scope="col" className="num">Credit</th>
              <th scope="col" className="num">Balance</th>
            </tr>
          </thead>
          <tbody>
            <tr className="group">
              <td colSpan={5}>Opening balance</td>
              <td className="num"><Amount value={r.opening} currency={r.currency} strong /></td>
            </tr>
            {r.lines.map((line, index) => (
              <tr key={`${line.entry_id}-${index}`}>
                <td>{line.date}</td>
                <td>
                  <Link className="row-link" to={`/ledger/journal/${line.entry_id}`}>
                    {line.reference}
                  </Link>
                </td>
                <td>{line.memo || <span className="muted">{line.source.type.replace(/_/g, " ")}</span>}</td>
                <td className="num">{line.debit !== "0" && !/^0\.0+$/.test(line.debit) ? <Amount value={line.debit} currency={r.currency} /> : ""}</td>
                <td className="num">{line.credit !== "0" && !/^0\.0+$/.test(line.credit) ? <Amount value={line.credit} currency={r.currency} /> : ""}</td>
                <td className="num"><Amount value={line.balance} currency={r.currency} /></td>
              </tr>
            ))}
            {r.lines.length === 0 && (
              <tr>
                <td colSpan={6} className="muted">No lines in this period.</td>
              </tr>
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={5}>Closing balance</th>
              <td className="num"><Amount value={r.closing} currency={r.currency} strong /></td>
            </tr>
          </tfoot>
        </table>
      )}
    </>
  );
}
