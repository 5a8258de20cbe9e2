// The matching queue: bank statement lines over GET /api/v1/bank-statement-lines, filtered on the
// server by match status, statement and a search (remittance, payer, references, or an amount
// written with two decimals), each with its best proposal (score, customer) or its settlement.
import "../sales/sales.css";
import "../receivables/receivables.css";
import "./banking.css";
import { type Page, get, withQuery } from "../../lib/api";
import { formatAmount } from "../../lib/money";
import { type Column, ListView } from "../../components/ListView";
import { NewButton } from "../sales/parts";
import { type MatchStatus, type StatementLine, howLabels, lineHref, matchStatusLabels } from "./model";

export function MatchStatusBadge({ status }: { status: MatchStatus }) {
  return <span className={`badge ${status}`}>{matchStatusLabels[status]}</span>;
}

export function SignedAmount({ line }: { line: StatementLine }) {
  return (
    <span className={line.direction === "in" ? "money-in" : "money-out"}>
      {formatAmount(line.amount, line.currency)} {line.currency}
    </span>
  );
}

const amountKey = (text: string) => Number(text); // sorting the loaded page only

function outcome(line: StatementLine) {
  if (line.settlement) {
    const s = line.settlement;
    return s.target === "ledger" ? `Posted to ${s.ledger_account} ${howLabels[s.how] ?? s.how}` : `Receipt #${s.receipt_id} ${howLabels[s.how] ?? s.how}`;
  }
  if (line.best_proposal) {
    const p = line.best_proposal;
    return (
      <>
        <span className="score">{p.score}</span> {p.allocations.map((a) => a.invoice_number).join(", ") || "unapplied cash"}
      </>
    );
  }
  return <span className="muted">{line.direction === "out" ? "money out: match by hand" : "no proposal"}</span>;
}

const columns: Column<StatementLine>[] = [
  { key: "date", label: "Booked", render: (l) => l.booking_date, sortValue: (l) => l.booking_date },
  { key: "amount", label: "Amount", numeric: true, render: (l) => <SignedAmount line={l} />, sortValue: (l) => amountKey(l.amount) },
  { key: "payer", label: "Counterparty", render: (l) => l.counterparty_name || <span className="muted">—</span>, sortValue: (l) => l.counterparty_name },
  { key: "remittance", label: "Remittance", render: (l) => <span className="remittance">{l.remittance || l.end_to_end_id || "—"}</span> },
  { key: "status", label: "Status", render: (l) => <MatchStatusBadge status={l.match_status} />, sortValue: (l) => l.match_status },
  { key: "outcome", label: "Best proposal or match", render: outcome },
  { key: "account", label: "Counterparty account", render: (l) => l.counterparty_account || "—", hiddenByDefault: true },
  { key: "statement", label: "Statement", render: (l) => `#${l.statement_id} line ${l.line_number}`, hiddenByDefault: true },
];

export function MatchingQueue() {
  return (
    <>
      <NewButton to="/banking/import" permission="banking.reconcile">
        Import a statement
      </NewButton>
      <ListView<StatementLine>
        resource="banking.statement_lines"
        label="Bank statement lines"
        columns={columns}
        filters={[
          {
            name: "match_status",
            label: "Status",
            options: [{ value: "", label: "Any" }, ...Object.entries(matchStatusLabels).map(([value, label]) => ({ value, label }))],
          },
          { name: "search", label: "Search text or amount", type: "search", shortcut: true },
          { name: "statement", label: "Statement number" },
        ]}
        fetchPage={({ cursor, limit, filters }, signal) =>
          get<Page<StatementLine>>(withQuery("/api/v1/bank-statement-lines", { ...filters, limit: String(limit), cursor }), signal)
        }
        rowKey={(l) => l.id}
        rowHref={lineHref}
        searchText={(l) => `${l.counterparty_name} ${l.remittance} ${l.amount} ${l.best_proposal?.allocations.map((a) => a.invoice_number).join(" ") ?? ""}`}
      />
    </>
  );
}
