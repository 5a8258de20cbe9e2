// Dunning: the runs (GET /api/v1/dunning-runs), a new run — as-of date, a dry run to preview the
// letters (stored, nothing else done), then the real run — and a run's page: its letters per
// customer with level, invoices, fee, interest and the letter's PDF, and who was skipped and why.
import "../../sales/sales.css";
import "../receivables.css";
import { type FormEvent, useState } from "react";
import { type Page, get } from "../../../lib/api";
import { formatInstant, today } from "../../../lib/dates";
import { formatAmount } from "../../../lib/money";
import { Link, navigate } from "../../../lib/router";
import { useMe } from "../../../lib/session";
import { type Column, ListView } from "../../../components/ListView";
import { Field } from "../../../components/Field";
import { useSubmit } from "../../../components/useSubmit";
import { FormSummary, NewButton, WhenLoaded, useRecord, useRecordSteps } from "../../sales/parts";
import type { DunningRun } from "./model";

const columns: Column<DunningRun>[] = [
  { key: "id", label: "Run", render: (r) => `#${r.id}`, sortValue: (r) => r.id },
  { key: "as_of", label: "As of", render: (r) => r.as_of, sortValue: (r) => r.as_of },
  { key: "kind", label: "Kind", render: (r) => (r.dry_run ? "Dry run (preview)" : "Run") },
  { key: "at", label: "Made", render: (r) => formatInstant(r.created_at) },
];

export function DunningRuns() {
  return (
    <>
      <NewButton to="/receivables/dunning-runs/new" permission="receivables.collect">
        New dunning run
      </NewButton>
      <ListView<DunningRun>
        resource="receivables.dunning_runs"
        label="Dunning runs"
        columns={columns}
        filters={[]}
        fetchPage={({ cursor, limit }, signal) => get<Page<DunningRun>>(`/api/v1/dunning-runs?limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`, signal)}
        rowKey={(r) => r.id}
        rowHref={(r) => `/receivables/dunning-runs/${r.id}`}
        searchText={(r) => `${r.id} ${r.as_of}`}
      />
    </>
  );
}

export function NewDunningRun() {
  const { can } = useMe();
  const [asOf, setAsOf] = useState(today());
  const [preview, setPreview] = useState<DunningRun | null>(null);
  const { refusal, errors, busy, submit } = useSubmit("dunning run");
  const run = async (dryRun: boolean) => {
    const made = await submit<DunningRun>("/api/v1/dunning-runs", { as_of: asOf, dry_run: dryRun });
    if (made && dryRun) {
      setPreview(made);
    } else if (made) {
      navigate(`/receivables/dunning-runs/${made.id}`);
    }
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void run(true);
  };
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <FormSummary summary={refusal?.summary ?? null} errors={errors} known={new Set(["as_of"])} />
      <div className="form-grid narrow">
        <Field label="Dun what is overdue as of" error={errors.as_of} hint="Every issued invoice past due on this date, at the level its days overdue reached">
          {(props) => (
            <input
              {...props}
              type="date"
              value={asOf}
              onChange={(e) => {
                setAsOf(e.target.value);
                setPreview(null);
              }}
            />
          )}
        </Field>
      </div>
      {preview && (
        <section aria-labelledby="dunning-preview-title" data-testid="dunning-preview">
          <h2 id="dunning-preview-title">Preview (dry run #{preview.id}: nothing sent or charged)</h2>
          <RunLetters run={preview} />
        </section>
      )}
      <div className="form-actions">
        {can("receivables.collect") && (
          <>
            <button type="submit" className={preview ? undefined : "primary"} disabled={busy} data-shortcut={preview ? undefined : "save"}>
              {preview ? "Preview again" : "Preview (dry run)"}
            </button>
            {preview && (
              <button type="button" className="primary" disabled={busy || (preview.letters ?? []).length === 0} data-shortcut="save" onClick={() => void run(false)}>
                Run: send {(preview.letters ?? []).length} letter{(preview.letters ?? []).length === 1 ? "" : "s"}
              </button>
            )}
          </>
        )}
        <Link to="/receivables/dunning-runs">Back to the runs</Link>
      </div>
    </form>
  );
}

function RunLetters({ run }: { run: DunningRun }) {
  const letters = run.letters ?? [];
  return (
    <>
      {letters.length === 0 && <p className="muted">No letter: nothing is overdue enough for a new level as of {run.as_of}.</p>}
      {letters.length > 0 && (
        <div className="table-scroll">
          <table className="data" data-testid="dunning-letters">
            <caption className="visually-hidden">Letters of dunning run #{run.id}</caption>
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Level</th>
                <th scope="col">Invoices</th>
                <th scope="col" className="num">Open</th>
                <th scope="col" className="num">Fee</th>
                <th scope="col" className="num">Interest</th>
                <th scope="col">Letter</th>
              </tr>
            </thead>
            <tbody>
              {letters.map((l) => (
                <tr key={l.customer_id}>
                  <td>
                    <Link to={`/receivables/customers/${l.customer_id}`}>{l.customer}</Link> {l.name}
                  </td>
                  <td>
                    {l.level} {l.level_name}
                  </td>
                  <td>
                    {l.items.map((i) => (
                      <span key={i.invoice_id} className="nowrap">
                        <Link to={`/receivables/invoices/${i.invoice_id}`}>{i.number}</Link> <span className="muted">{i.days_overdue} days</span>{" "}
                      </span>
                    ))}
                  </td>
                  <td className="num">
                    {formatAmount(l.open, l.currency)} {l.currency}
                  </td>
                  <td className="num">{formatAmount(l.fee, l.currency)}</td>
                  <td className="num">{formatAmount(l.interest, l.currency)}</td>
                  <td>
                    <a href={l.pdf} target="_blank" rel="noopener" aria-label={`Letter to ${l.customer} (PDF)`}>
                      PDF
                    </a>
                    {l.mail_id && <span className="muted"> · e-mailed</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(run.skipped ?? []).length > 0 && (
        <>
          <h3>Skipped</h3>
          <ul className="plain">
            {(run.skipped ?? []).map((s) => (
              <li key={s.customer_id}>
                <Link to={`/receivables/customers/${s.customer_id}`}>{s.customer}</Link> — {s.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

export function DunningRunView({ id }: { id: string }) {
  const run = useRecord<DunningRun>("/api/v1/dunning-runs", id);
  useRecordSteps("/receivables/dunning-runs", id);
  return (
    <WhenLoaded loaded={run} what="the dunning run">
      {(r) =>
        r && (
          <>
            <dl className="facts">
              <div><dt>As of</dt><dd>{r.as_of}</dd></div>
              <div><dt>Kind</dt><dd>{r.dry_run ? "Dry run: nothing sent or charged" : "Run"}</dd></div>
              <div><dt>Letters</dt><dd>{(r.letters ?? []).length}</dd></div>
              <div><dt>Made</dt><dd>{formatInstant(r.created_at)}</dd></div>
            </dl>
            <section className="card" aria-labelledby="letters-title">
              <h2 id="letters-title">Letters</h2>
              <RunLetters run={r} />
            </section>
          </>
        )
      }
    </WhenLoaded>
  );
}
