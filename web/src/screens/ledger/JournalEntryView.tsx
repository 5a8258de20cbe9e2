// One journal entry with its lines; j/k go to the next/previous entry; a reversal form for
// those who may post.
import { type FormEvent, useState } from "react";
import { ApiError, get, messageOf, newIdempotencyKey, request } from "../../lib/api";
import { today } from "../../lib/dates";
import { formatAmount } from "../../lib/money";
import { Link, navigate } from "../../lib/router";
import { useMe } from "../../lib/session";
import { useRecordKeys } from "../../lib/shortcuts";
import { useLoad } from "../../lib/useLoad";
import { Field, errorsByField } from "../../components/Field";
import { ErrorNote, Loading } from "../../components/Status";
import { type JournalEntry, loadAccounts } from "./model";

export function JournalEntryView({ id }: { id: string }) {
  const { can } = useMe();
  const entry = useLoad((signal) => get<JournalEntry>(`/api/v1/ledger/journal-entries/${encodeURIComponent(id)}`, signal), id);
  const accounts = useLoad(() => loadAccounts(), "accounts");
  useRecordKeys((step) => {
    const next = Number(id) + step;
    if (next >= 1) {
      navigate(`/ledger/journal/${next}`);
    }
  });

  if (entry.error) {
    return <ErrorNote message={entry.error} onRetry={entry.reload} />;
  }
  if (!entry.data) {
    return <Loading what="the entry" />;
  }
  const e = entry.data;
  const byId = new Map((accounts.data ?? []).map((a) => [a.id, a]));
  return (
    <>
      <dl className="facts">
        <div>
          <dt>Reference</dt>
          <dd>{e.reference}</dd>
        </div>
        <div>
          <dt>Date</dt>
          <dd>{e.date}</dd>
        </div>
        <div>
          <dt>Source</dt>
          <dd>
            {e.source.type.replace(/_/g, " ")}
            {e.source.id && ` ${e.source.id}`}
          </dd>
        </div>
        <div>
          <dt>Total</dt>
          <dd>
            {formatAmount(e.total, e.currency)} {e.currency}
          </dd>
        </div>
        <div>
          <dt>Posted</dt>
          <dd>{e.posted_at.slice(0, 16).replace("T", " ")} UTC</dd>
        </div>
        {e.reverses && (
          <div>
            <dt>Reverses</dt>
            <dd>
              <Link to={`/ledger/journal/${e.reverses}`}>entry {e.reverses}</Link>
            </dd>
          </div>
        )}
        {e.reversed_by && (
          <div>
            <dt>Reversed by</dt>
            <dd>
              <Link to={`/ledger/journal/${e.reversed_by}`}>entry {e.reversed_by}</Link>
            </dd>
          </div>
        )}
      </dl>
      {e.memo && <p className="memo">{e.memo}</p>}
      <table className="data">
        <caption className="visually-hidden">Lines of {e.reference}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Account</th>
            <th scope="col">Memo</th>
            <th scope="col" className="num">
              Debit
            </th>
            <th scope="col" className="num">
              Credit
            </th>
          </tr>
        </thead>
        <tbody>
          {(e.lines ?? []).map((line) => {
            const account = byId.get(line.account_id);
            const amount = `${formatAmount(line.amount, line.currency)}${line.currency === e.currency ? "" : ` ${line.currency}`}`;
            return (
              <tr key={line.line_number}>
                <td>{line.line_number}</td>
                <td>
                  <Link to={`/ledger/accounts/${line.account_id}?from=${e.date}`}>
                    {account ? `${account.number} ${account.name}` : `account ${line.account_id}`}
                  </Link>
                </td>
                <td>{line.memo}</td>
                <td className="num">{line.side === "debit" ? amount : ""}</td>
                <td className="num">{line.side === "credit" ? amount : ""}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted">Press j / k for the next / previous entry.</p>
      {can("ledger.post") && !e.reversed_by && !e.reverses && <Reverse entry={e} />}
    </>
  );
}

function Reverse({ entry }: { entry: JournalEntry }) {
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState(today());
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Reverse this entry…
      </button>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const reversal = await request<JournalEntry>("POST", `/api/v1/ledger/journal-entries/${entry.id}/reverse`, {
        body: { date, reason },
        idempotencyKey: newIdempotencyKey(),
      });
      navigate(`/ledger/journal/${reversal.id}`);
    } catch (error) {
      setErrors(error instanceof ApiError ? errorsByField(error.errors) : {});
      setSummary(messageOf(error));
    }
  };
  return (
    <form className="form boxed" onSubmit={submit} noValidate>
      <h2>Reverse {entry.reference}</h2>
      {summary && <ErrorNote message={summary} />}
      <div className="form-grid">
        <Field label="Reversal date" error={errors.date}>
          {(p) => <input {...p} type="date" value={date} onChange={(ev) => setDate(ev.target.value)} required />}
        </Field>
        <Field label="Reason" error={errors.reason}>
          {(p) => <input {...p} value={reason} onChange={(ev) => setReason(ev.target.value)} required maxLength={4096} />}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary">
          Post the reversal
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
