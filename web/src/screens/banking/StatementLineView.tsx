// One bank statement line: what the bank says (amount, date, payer, remittance), then either
// its settlement (the receipt or ledger entry, how and by whom; unmatch with a reason) or its
// proposals (score, the reason in words, the invoices and amounts; accept one) and matching by
// hand: a customer's open invoices split or partly paid, the rest unapplied cash — or a ledger
// account such as bank fees.
import "../sales/sales.css";
import "../receivables/receivables.css";
import "./banking.css";
import { type FormEvent, useState } from "react";
import { get, messageOf } from "../../lib/api";
import { formatInstant } from "../../lib/dates";
import { formatAmount, parseMinor } from "../../lib/money";
import { Link, useLeaveGuard } from "../../lib/router";
import { useMe } from "../../lib/session";
import { useLoad } from "../../lib/useLoad";
import { Field } from "../../components/Field";
import { ErrorNote, Loading } from "../../components/Status";
import { useSubmit } from "../../components/useSubmit";
import { FormSummary, WhenLoaded, useRecord, useRecordSteps } from "../sales/parts";
import type { Customer } from "../sales/model";
import { type AllocationRow, AllocationTable, allocationsBody, hasAllocations, loadOpenInvoices } from "../receivables/receipts/Allocations";
import { MatchStatusBadge, SignedAmount } from "./MatchingQueue";
import { type Proposal, type StatementLine, howLabels, strategyLabels } from "./model";

export function StatementLineView({ id }: { id: string }) {
  const line = useRecord<StatementLine>("/api/v1/bank-statement-lines", id);
  useRecordSteps("/banking/lines", id);
  return (
    <WhenLoaded loaded={line} what="the statement line">
      {(l) => l && <LinePage line={l} reload={line.reload} />}
    </WhenLoaded>
  );
}

function LinePage({ line, reload }: { line: StatementLine; reload: () => void }) {
  const { can } = useMe();
  const reconcile = can("banking.reconcile");
  return (
    <>
      <p className="subtitle record-title">
        <strong>
          <SignedAmount line={line} />
        </strong>
        <span>{line.booking_date}</span>
        <span>{line.counterparty_name || "no counterparty named"}</span>
        <MatchStatusBadge status={line.match_status} />
      </p>
      <section className="card" aria-labelledby="line-title">
        <h2 id="line-title">What the bank says</h2>
        <dl className="facts">
          <div><dt>Booked</dt><dd>{line.booking_date}</dd></div>
          <div><dt>Amount</dt><dd><SignedAmount line={line} /> ({line.direction === "in" ? "money in" : "money out"})</dd></div>
          <div><dt>Counterparty</dt><dd>{line.counterparty_name || "—"}</dd></div>
          <div><dt>Counterparty account</dt><dd>{line.counterparty_account || "—"}</dd></div>
          {line.end_to_end_id && <div><dt>End-to-end id</dt><dd>{line.end_to_end_id}</dd></div>}
          {line.creditor_reference && <div><dt>Creditor reference</dt><dd>{line.creditor_reference}</dd></div>}
          <div><dt>Statement</dt><dd><Link to={`/banking/lines?statement=${line.statement_id}`}>#{line.statement_id}</Link>, line {line.line_number}</dd></div>
        </dl>
        <p className="remittance" data-testid="remittance">
          <span className="muted">Remittance: </span>
          {line.remittance || "—"}
        </p>
      </section>
      {line.settlement ? (
        <SettlementCard line={line} reconcile={reconcile} onChanged={reload} />
      ) : (
        <>
          <Proposals line={line} reconcile={reconcile} onChanged={reload} />
          {reconcile && <ManualMatch line={line} onChanged={reload} />}
        </>
      )}
    </>
  );
}

function SettlementCard({ line, reconcile, onChanged }: { line: StatementLine; reconcile: boolean; onChanged: () => void }) {
  const s = line.settlement!;
  const { can } = useMe();
  const [reason, setReason] = useState("");
  const { refusal, errors, busy, submit } = useSubmit("unmatch");
  const unmatch = async (event: FormEvent) => {
    event.preventDefault();
    if (await submit(`/api/v1/bank-statement-lines/${line.id}/unmatch`, { reason })) {
      onChanged();
    }
  };
  return (
    <section className="card" aria-labelledby="settlement-title" data-testid="settlement">
      <h2 id="settlement-title">Matched</h2>
      <p>
        {s.target === "ledger" ? (
          <>Posted to ledger account {s.ledger_account}</>
        ) : (
          <>
            Paid by receipt{" "}
            {can("receivables.read") ? <Link to={`/receivables/receipts/${s.receipt_id}`}>#{s.receipt_id}</Link> : `#${s.receipt_id}`}
            {s.customer_id && (
              <>
                {" "}
                of <Link to={`/receivables/customers/${s.customer_id}`}>customer account</Link>
              </>
            )}
          </>
        )}{" "}
        {howLabels[s.how] ?? s.how}
        {s.score !== null && <> (score {s.score})</>}, by {s.how === "automatic" || !s.matched_by ? "the matching run" : /^\d+$/.test(s.matched_by) ? `user #${s.matched_by}` : s.matched_by} on {formatInstant(s.matched_at)}.
        {s.entry_id && can("ledger.read") && (
          <>
            {" "}
            <Link to={`/ledger/journal/${s.entry_id}`}>Journal entry #{s.entry_id}</Link>
          </>
        )}
      </p>
      {s.reason && <p className="reason">{s.reason}</p>}
      {reconcile && (
        <form onSubmit={unmatch} noValidate className="form-grid narrow">
          <FormSummary summary={refusal?.summary ?? null} errors={errors} known={new Set(["reason"])} />
          <Field label="Reason to unmatch" error={errors.reason} hint="Voids the receipt (or reverses the entry); the line waits in the queue again">
            {(props) => <input {...props} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <div>
            <button type="submit" disabled={busy || reason.trim() === ""}>
              Unmatch
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function useCustomerNames(ids: number[]) {
  const unique = Array.from(new Set(ids)).sort((a, b) => a - b);
  return useLoad(
    async (signal) => {
      const found = await Promise.all(unique.map((id) => get<Customer>(`/api/v1/customers/${id}`, signal).catch(() => null)));
      return new Map(found.filter((c): c is Customer => c !== null).map((c) => [c.id, c]));
    },
    `customers-${unique.join(",")}`,
  );
}

function Proposals({ line, reconcile, onChanged }: { line: StatementLine; reconcile: boolean; onChanged: () => void }) {
  const proposals = useLoad((signal) => get<{ items: Proposal[] }>(`/api/v1/bank-statement-lines/${line.id}/proposals`, signal), `proposals-${line.id}`);
  const customers = useCustomerNames(proposals.data?.items.map((p) => p.customer_id) ?? []);
  const { refusal, busy, submit } = useSubmit("match");
  const accept = async (rank: number) => {
    if (await submit(`/api/v1/bank-statement-lines/${line.id}/accept`, { rank })) {
      onChanged();
    }
  };
  const money = (text: string) => `${formatAmount(text, line.currency)} ${line.currency}`;
  return (
    <section className="card" aria-labelledby="proposals-title" data-testid="proposals">
      <h2 id="proposals-title">Proposals</h2>
      {proposals.error && <ErrorNote message={proposals.error} onRetry={proposals.reload} />}
      {proposals.loading && !proposals.data && <Loading what="the proposals" />}
      {proposals.data && proposals.data.items.length === 0 && (
        <p className="muted">{line.direction === "out" ? "Money out is not matched to invoices: post it to an account below." : "Nothing names an open invoice: match it by hand below."}</p>
      )}
      {refusal && <ErrorNote message={refusal.summary} />}
      {proposals.data?.items.map((p) => {
        const customer = customers.data?.get(p.customer_id);
        return (
          <article className="proposal" key={p.rank} aria-labelledby={`proposal-${p.rank}`} data-rank={p.rank}>
            <h3 id={`proposal-${p.rank}`}>
              <span className="score">Score {p.score}</span> · {strategyLabels[p.strategy] ?? p.strategy} ·{" "}
              <Link to={`/receivables/customers/${p.customer_id}`}>{customer ? `${customer.number} ${customer.name}` : `customer #${p.customer_id}`}</Link>
            </h3>
            <p className="reason">{p.reason}</p>
            <div className="table-scroll">
              <table className="data">
                <caption className="visually-hidden">Invoices of proposal {p.rank}</caption>
                <thead>
                  <tr>
                    <th scope="col">Invoice</th>
                    <th scope="col" className="num">Paid</th>
                    <th scope="col" className="num">Discount</th>
                    <th scope="col" className="num">Write-off</th>
                  </tr>
                </thead>
                <tbody>
                  {p.allocations.map((a) => (
                    <tr key={a.invoice_id}>
                      <td>
                        <Link to={`/receivables/invoices/${a.invoice_id}`}>{a.invoice_number}</Link>
                      </td>
                      <td className="num">{money(a.amount)}</td>
                      <td className="num">{formatAmount(a.discount, line.currency)}</td>
                      <td className="num">{formatAmount(a.write_off, line.currency)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {parseMinor(p.unapplied, line.currency) !== 0n && <p>Unapplied cash kept on the receipt: {money(p.unapplied)}</p>}
            {reconcile && (
              <p>
                <button type="button" className={p.rank === 1 ? "primary" : undefined} disabled={busy} onClick={() => void accept(p.rank)}>
                  Accept {p.rank === 1 ? "the best proposal" : `proposal ${p.rank}`}
                </button>
              </p>
            )}
          </article>
        );
      })}
    </section>
  );
}

function ManualMatch({ line, onChanged }: { line: StatementLine; onChanged: () => void }) {
  const [mode, setMode] = useState<"customer" | "ledger">(line.direction === "in" ? "customer" : "ledger");
  const [customer, setCustomer] = useState("");
  const [rows, setRows] = useState<AllocationRow[] | null>(null);
  const [finding, setFinding] = useState<string | null>(null);
  const [account, setAccount] = useState("");
  const [memo, setMemo] = useState("");
  const { refusal, errors, busy, submit, clear } = useSubmit("match");
  const dirty = hasAllocations(rows) || account !== "" || memo !== "";
  useLeaveGuard(dirty && !busy);

  const find = async (event: FormEvent) => {
    event.preventDefault();
    setFinding(null);
    try {
      setRows(await loadOpenInvoices(customer));
      clear();
    } catch (error) {
      setRows(null);
      setFinding(messageOf(error));
    }
  };

  const post = async (event: FormEvent) => {
    event.preventDefault();
    const body = mode === "ledger" ? { ledger_account: account.trim(), memo } : { customer: customer.trim(), memo, allocations: allocationsBody(rows ?? []) };
    if (await submit(`/api/v1/bank-statement-lines/${line.id}/match`, body)) {
      onChanged();
    }
  };

  return (
    <section className="card" aria-labelledby="manual-title" data-testid="manual-match">
      <h2 id="manual-title">Match by hand</h2>
      <fieldset className="choice">
        <legend className="visually-hidden">Match to</legend>
        <label className="check">
          <input type="radio" name="mode" checked={mode === "customer"} onChange={() => setMode("customer")} disabled={line.direction === "out"} /> A customer's invoices
        </label>
        <label className="check">
          <input type="radio" name="mode" checked={mode === "ledger"} onChange={() => setMode("ledger")} /> A ledger account (bank fees, interest…)
        </label>
      </fieldset>
      {mode === "customer" && (
        <form onSubmit={find} noValidate className="form-row">
          <Field label="Customer number" error={errors.customer}>
            {(props) => <input {...props} value={customer} onChange={(e) => setCustomer(e.target.value)} />}
          </Field>
          <button type="submit" disabled={customer.trim() === ""}>
            Find open invoices
          </button>
        </form>
      )}
      {finding && <ErrorNote message={finding} />}
      <form onSubmit={post} noValidate>
        <FormSummary summary={refusal?.summary ?? null} errors={errors} known={new Set(["customer", "ledger_account", "memo", "allocations", ...Object.keys(errors).filter((f) => f.startsWith("allocations/"))])} />
        {mode === "customer" && rows && (
          <AllocationTable rows={rows} onChange={setRows} currency={line.currency} available={parseMinor(line.amount, line.currency) ?? 0n} errors={errors} caption={`Open invoices of ${customer}`} />
        )}
        {mode === "ledger" && (
          <div className="form-grid narrow">
            <Field label="Ledger account" error={errors.ledger_account} hint={line.direction === "in" ? "Debit the bank, credit this account" : "Debit this account (e.g. 6900 bank fees), credit the bank"}>
              {(props) => <input {...props} value={account} onChange={(e) => setAccount(e.target.value)} inputMode="numeric" />}
            </Field>
          </div>
        )}
        {(mode === "ledger" || rows !== null) && (
          <>
            <div className="form-grid narrow">
              <Field label="Memo" error={errors.memo}>
                {(props) => <input {...props} value={memo} onChange={(e) => setMemo(e.target.value)} />}
              </Field>
            </div>
            <div className="form-actions">
              <button type="submit" className="primary" disabled={busy || (mode === "ledger" ? account.trim() === "" : customer.trim() === "")} data-shortcut="save">
                {mode === "ledger" ? "Post to the account" : "Match to these invoices"}
              </button>
            </div>
          </>
        )}
      </form>
    </section>
  );
}
