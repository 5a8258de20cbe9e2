// Import a bank statement: choose the bank account (needed for CSV, checked for the rest), the
// format (detected unless named), a dry run; the file goes to POST /api/v1/bank-statements as
// the request body, as it is. The answer: lines imported and skipped, and how matching went
// (matched automatically, proposed, unmatched) — or the refusal naming the line or element.
import "../sales/sales.css";
import "../receivables/receivables.css";
import "./banking.css";
import { type FormEvent, useRef, useState } from "react";
import { type Page, get, request, withQuery } from "../../lib/api";
import { Link, useLeaveGuard } from "../../lib/router";
import { useLoad } from "../../lib/useLoad";
import { Field } from "../../components/Field";
import { ErrorNote } from "../../components/Status";
import { type Refusal, refusalOf } from "../sales/parts";
import type { BankAccount, ImportReport } from "./model";

const formats = [
  { value: "", label: "Detect from the file" },
  { value: "camt053", label: "ISO 20022 camt.053 statement" },
  { value: "camt054", label: "ISO 20022 camt.054 notification" },
  { value: "ofx", label: "OFX" },
  { value: "csv", label: "CSV (the account's mapping)" },
];

export function accountLabel(a: BankAccount): string {
  return `${a.name} · ${a.iban || a.account_number} · ${a.currency}`;
}

// The <option>s of a bank account picker, valued by id.
export function BankAccountOptions({ accounts }: { accounts: BankAccount[] }) {
  return (
    <>
      {accounts.map((a) => (
        <option key={a.id} value={String(a.id)}>
          {accountLabel(a)}
        </option>
      ))}
    </>
  );
}

export function useBankAccounts() {
  return useLoad((signal) => get<Page<BankAccount>>("/api/v1/bank-accounts?limit=100", signal), "bank-accounts");
}

export function StatementImport() {
  const accounts = useBankAccounts();
  const [account, setAccount] = useState("");
  const [format, setFormat] = useState("");
  const [dryRun, setDryRun] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  useLeaveGuard(file !== null && !busy && report === null);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setRefusal({ errors: { file: "choose the statement file" }, summary: "Choose a file to import.", answered: true });
      fileInput.current?.focus();
      return;
    }
    setBusy(true);
    setReport(null);
    try {
      const path = withQuery("/api/v1/bank-statements", { bank_account: account, format, dry_run: dryRun ? "true" : "" });
      const answer = await request<ImportReport>("POST", path, { rawBody: file });
      setRefusal(null);
      setReport(answer);
      if (!answer.dry_run) {
        setFile(null);
        if (fileInput.current) {
          fileInput.current.value = "";
        }
      }
    } catch (error) {
      const refused = refusalOf(error, "statement");
      setRefusal({ ...refused, summary: refused.answered && Object.keys(refused.errors).length > 0 ? "The file was refused; nothing was imported:" : refused.summary });
    } finally {
      setBusy(false);
    }
  };

  const errors = refusal?.errors ?? {};
  return (
    <>
      <form className="form" onSubmit={send} noValidate>
        <div className="form-grid">
          <Field label="Statement file" error={errors.file} hint="camt.053, camt.054, OFX or CSV; up to 1 MiB here">
            {(props) => (
              <input
                {...props}
                ref={fileInput}
                type="file"
                accept=".xml,.ofx,.qfx,.csv,.txt,application/xml,text/xml,text/csv"
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  setReport(null);
                }}
              />
            )}
          </Field>
          <Field label="Bank account" error={errors.bank_account} hint="Needed for CSV; other files name their account">
            {(props) => (
              <select {...props} value={account} onChange={(e) => setAccount(e.target.value)}>
                <option value="">The one the file names</option>
                <BankAccountOptions accounts={accounts.data?.items ?? []} />
              </select>
            )}
          </Field>
          <Field label="Format" error={errors.format}>
            {(props) => (
              <select {...props} value={format} onChange={(e) => setFormat(e.target.value)}>
                {formats.map((f) => (
                  <option key={f.value} value={f.value}>
                    {f.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <label className="check">
          <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} /> Check only (dry run): store nothing
        </label>
        {accounts.error && <ErrorNote message={accounts.error} onRetry={accounts.reload} />}
        {refusal && <ImportRefusal refusal={refusal} />}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy} data-shortcut="save">
            {busy ? "Importing…" : dryRun ? "Check the file" : "Import the statement"}
          </button>
          <Link to="/banking/lines">The matching queue</Link>
        </div>
      </form>
      {report && <ImportResult report={report} />}
    </>
  );
}

// The refusal, every field error with its place (`Document/.../Ntry[3]/Amt`, `line/37`).
function ImportRefusal({ refusal }: { refusal: Refusal }) {
  const entries = Object.entries(refusal.errors).filter(([field]) => field !== "file");
  return (
    <div className="error-note" role="alert" data-testid="import-refusal">
      <p>{refusal.summary}</p>
      {entries.length > 0 && (
        <ul>
          {entries.map(([field, reason]) => (
            <li key={field}>
              <code>{field}</code>: {reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ImportResult({ report }: { report: ImportReport }) {
  const imported = report.statements.reduce((sum, s) => sum + s.lines_imported, 0);
  const skipped = report.statements.reduce((sum, s) => sum + s.lines_skipped, 0);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const { matched, proposed, unmatched } = report.matching;
  return (
    <section className="card import-result" aria-labelledby="result-title" role="status" data-testid="import-result">
      <h2 id="result-title">{report.dry_run ? "The file can be imported" : report.duplicate ? "Imported before: nothing stored" : "Imported"}</h2>
      <p>
        {report.format} · {plural(report.statements.length, "statement")} · {plural(imported, "line")} {report.dry_run ? "to import" : "imported"}
        {skipped > 0 && `, ${plural(skipped, "line")} skipped (already stored)`}.
      </p>
      {!report.dry_run && !report.duplicate && (
        <dl className="facts match-counts">
          <div>
            <dt>Matched automatically</dt>
            <dd data-count="matched">{matched}</dd>
          </div>
          <div>
            <dt>Proposed, to check</dt>
            <dd data-count="proposed">{proposed}</dd>
          </div>
          <div>
            <dt>Unmatched</dt>
            <dd data-count="unmatched">{unmatched}</dd>
          </div>
        </dl>
      )}
      {report.warnings.length > 0 && (
        <ul className="warnings">
          {report.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {report.statements.map(
        (s) =>
          s.id !== null && (
            <p key={s.id}>
              <Link to={`/banking/lines?statement=${s.id}`}>
                Lines of statement {s.statement_ref || `#${s.id}`}
              </Link>
              {proposed + unmatched > 0 && (
                <>
                  {" · "}
                  <Link to={`/banking/lines?statement=${s.id}&match_status=proposed`}>the proposals to check</Link>
                </>
              )}
            </p>
          ),
      )}
    </section>
  );
}
