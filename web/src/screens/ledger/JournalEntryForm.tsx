// A new journal entry: lines with add/remove, running debit and credit totals per currency, a
// balance indicator, the API's field errors beside each field (`lines/1/amount`), Ctrl+S to
// post, and a warning before leaving with unsaved changes. The server is the judge of every
// rule; the totals here only guide the typing.
import { type FormEvent, useMemo, useRef, useState } from "react";
import { ApiError, messageOf, newIdempotencyKey, request } from "../../lib/api";
import { today } from "../../lib/dates";
import { formatMinor, parseMinor } from "../../lib/money";
import { Link, navigate, useLeaveGuard } from "../../lib/router";
import { useLoad } from "../../lib/useLoad";
import { Field, errorsByField } from "../../components/Field";
import { AccountOptions } from "./AccountOptions";
import { ErrorNote } from "../../components/Status";
import { type JournalEntry, accountTree, loadAccounts } from "./model";

interface Line {
  key: number;
  account: string;
  department: string;
  side: "debit" | "credit";
  amount: string;
  currency: string;
  memo: string;
}

let nextKey = 1;

function blankLine(side: "debit" | "credit", currency: string): Line {
  return { key: nextKey++, account: "", department: "", side, amount: "", currency, memo: "" };
}

// The currency most accounts use: the company's functional currency in practice.
function mainCurrency(currencies: string[]): string {
  const counts = new Map<string, number>();
  currencies.forEach((c) => counts.set(c, (counts.get(c) ?? 0) + 1));
  let best = "USD";
  let bestCount = 0;
  counts.forEach((count, currency) => {
    if (count > bestCount) {
      best = currency;
      bestCount = count;
    }
  });
  return best;
}

export function JournalEntryForm() {
  const accounts = useLoad(() => loadAccounts(), "accounts");
  const functional = mainCurrency((accounts.data ?? []).map((a) => a.currency));
  const [date, setDate] = useState(today());
  const [memo, setMemo] = useState("");
  const [lines, setLines] = useState<Line[]>(() => [blankLine("debit", ""), blankLine("credit", "")]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [touched, setTouched] = useState(false);
  const key = useRef(newIdempotencyKey());
  useLeaveGuard(touched && !saving);

  const postable = useMemo(
    () => accountTree(accounts.data ?? []).filter(({ account }) => account.active && account.control === "none"),
    [accounts.data],
  );
  const currencyOf = (line: Line) => line.currency || functional;

  const totals = useMemo(() => {
    const byCurrency = new Map<string, { debit: bigint; credit: bigint }>();
    let unreadable = 0;
    for (const line of lines) {
      if (!line.amount.trim()) continue;
      const currency = currencyOf(line);
      const minor = parseMinor(line.amount, currency);
      if (minor === null) {
        unreadable++;
        continue;
      }
      const sums = byCurrency.get(currency) ?? { debit: 0n, credit: 0n };
      sums[line.side] += minor;
      byCurrency.set(currency, sums);
    }
    return { byCurrency, unreadable };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lines, functional]);
  const balanced =
    totals.byCurrency.size > 0 &&
    totals.unreadable === 0 &&
    Array.from(totals.byCurrency.values()).every((t) => t.debit === t.credit && t.debit > 0n);

  const change = (index: number, patch: Partial<Line>) => {
    setTouched(true);
    setLines(lines.map((line, i) => (i === index ? { ...line, ...patch } : line)));
  };
  const chooseAccount = (index: number, number: string) => {
    const account = (accounts.data ?? []).find((a) => a.number === number);
    change(index, { account: number, currency: account && account.currency !== functional ? account.currency : "" });
  };
  const addLine = () => {
    setTouched(true);
    const debit = Array.from(totals.byCurrency.values()).reduce((s, t) => s + t.debit - t.credit, 0n);
    setLines([...lines, blankLine(debit > 0n ? "credit" : "debit", "")]);
  };
  const removeLine = (index: number) => {
    setTouched(true);
    setLines(lines.filter((_, i) => i !== index));
    setErrors({}); // the indices of the API's errors no longer match
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setSummary(null);
    const body = {
      date,
      memo,
      lines: lines.map((line) => ({
        account: line.account,
        side: line.side,
        amount: line.amount.trim(),
        currency: currencyOf(line),
        ...(line.department.trim() ? { department: line.department.trim().toUpperCase() } : {}),
        ...(line.memo.trim() ? { memo: line.memo.trim() } : {}),
      })),
    };
    try {
      const entry = await request<JournalEntry>("POST", "/api/v1/ledger/journal-entries", { body, idempotencyKey: key.current });
      navigate(`/ledger/journal/${entry.id}`, { force: true });
    } catch (error) {
      setSaving(false);
      if (error instanceof ApiError) {
        key.current = newIdempotencyKey();
        const map = errorsByField(error.errors);
        setErrors(map);
        setSummary(error.errors.length > 0 ? "The entry was not posted: correct the fields marked below." : error.message);
        window.requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      } else {
        setSummary(messageOf(error));
      }
    }
  };

  const known = new Set(["date", "memo", ...lines.flatMap((_, i) => ["account", "department", "side", "amount", "currency", "memo"].map((f) => `lines/${i}/${f}`))]);
  const otherErrors = Object.entries(errors).filter(([field]) => !known.has(field));

  return (
    <form className="form" onSubmit={submit} noValidate aria-describedby="entry-balance">
      {summary && (
        <div className="error-note" role="alert">
          <p>{summary}</p>
          {otherErrors.length > 0 && (
            <ul>
              {otherErrors.map(([field, reason]) => (
                <li key={field}>
                  {field === "lines" ? "Lines" : field}: {reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {accounts.error && <ErrorNote message={accounts.error} onRetry={accounts.reload} />}
      <div className="form-grid">
        <Field label="Date" error={errors.date}>
          {(p) => <input {...p} type="date" value={date} onChange={(e) => { setTouched(true); setDate(e.target.value); }} required />}
        </Field>
        <Field label="Memo" error={errors.memo} className="wide">
          {(p) => <input {...p} value={memo} onChange={(e) => { setTouched(true); setMemo(e.target.value); }} maxLength={4096} />}
        </Field>
      </div>
      <div className="table-scroll">
      <table className="lines">
        <caption className="visually-hidden">Lines</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Account</th>
            <th scope="col">Department</th>
            <th scope="col">Debit or credit</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col">Currency</th>
            <th scope="col">Line memo</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line, index) => {
            const at = (field: string) => errors[`lines/${index}/${field}`];
            const n = index + 1;
            return (
              <tr key={line.key} data-line={index}>
                <td>{n}</td>
                <td>
                  <Field label={`Line ${n} account`} error={at("account")} hideLabel>
                    {(p) => (
                      <select {...p} className="account" value={line.account} onChange={(e) => chooseAccount(index, e.target.value)} name={`lines/${index}/account`}>
                        <AccountOptions accounts={postable} empty="(choose an account)" />
                      </select>
                    )}
                  </Field>
                </td>
                <td>
                  <Field label={`Line ${n} department`} error={at("department")} hideLabel>
                    {(p) => <input {...p} className="short" value={line.department} onChange={(e) => change(index, { department: e.target.value })} placeholder="code" maxLength={16} name={`lines/${index}/department`} />}
                  </Field>
                </td>
                <td>
                  <Field label={`Line ${n} side`} error={at("side")} hideLabel>
                    {(p) => (
                      <select {...p} value={line.side} onChange={(e) => change(index, { side: e.target.value as Line["side"] })} name={`lines/${index}/side`}>
                        <option value="debit">Debit</option>
                        <option value="credit">Credit</option>
                      </select>
                    )}
                  </Field>
                </td>
                <td className="num">
                  <Field label={`Line ${n} amount`} error={at("amount")} hideLabel>
                    {(p) => <input {...p} className="amount" inputMode="decimal" value={line.amount} onChange={(e) => change(index, { amount: e.target.value })} placeholder="0.00" name={`lines/${index}/amount`} />}
                  </Field>
                </td>
                <td>
                  <Field label={`Line ${n} currency`} error={at("currency")} hideLabel>
                    {(p) => <input {...p} className="currency" value={line.currency} onChange={(e) => change(index, { currency: e.target.value.toUpperCase() })} placeholder={functional} maxLength={3} name={`lines/${index}/currency`} />}
                  </Field>
                </td>
                <td>
                  <Field label={`Line ${n} memo`} error={at("memo")} hideLabel>
                    {(p) => <input {...p} value={line.memo} onChange={(e) => change(index, { memo: e.target.value })} maxLength={4096} name={`lines/${index}/memo`} />}
                  </Field>
                </td>
                <td>
                  <button type="button" className="icon" onClick={() => removeLine(index)} disabled={lines.length <= 2} aria-label={`Remove line ${n}`} title={`Remove line ${n}`}>
                    ×
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      </div>
      <button type="button" onClick={addLine}>
        + Add line
      </button>
      <div id="entry-balance" className={`balance ${balanced ? "ok" : "off"}`} role="status" aria-live="polite">
        {totals.byCurrency.size === 0 && <span>Enter amounts: debits must equal credits.</span>}
        {Array.from(totals.byCurrency.entries()).map(([currency, t]) => {
          const difference = t.debit - t.credit;
          return (
            <span key={currency} className="balance-row">
              <span>
                Debits <strong>{formatMinor(t.debit, currency)}</strong>
              </span>
              <span>
                Credits <strong>{formatMinor(t.credit, currency)}</strong>
              </span>
              <span>{currency}</span>
              <span className="balance-state">
                {difference === 0n ? "✓ Balanced" : `Out of balance by ${formatMinor(difference < 0n ? -difference : difference, currency)}`}
              </span>
            </span>
          );
        })}
        {totals.unreadable > 0 && <span className="muted">{totals.unreadable} amount(s) not counted: not a plain decimal.</span>}
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving} data-shortcut="save">
          {saving ? "Posting…" : "Post entry"}
        </button>
        <Link className="button" to="/ledger/journal">
          Cancel
        </Link>
        <span className="muted">Ctrl+S posts.</span>
      </div>
    </form>
  );
}
