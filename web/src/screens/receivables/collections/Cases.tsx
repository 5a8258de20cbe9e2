// Collection cases: the list (open or closed, by customer), a case's page — the customer's open
// balance, dispute, notes, promises to pay (pending, kept, broken as of today) and tasks, each
// added in place — and the clerk's task worklist (GET /api/v1/collection-tasks?assignee=me).
import "../../sales/sales.css";
import "../receivables.css";
import "./collections.css";
import { type FormEvent, type ReactNode, useState } from "react";
import { type Page, get, messageOf, request, withQuery } from "../../../lib/api";
import { formatInstant, today } from "../../../lib/dates";
import { formatAmount } from "../../../lib/money";
import { Link } from "../../../lib/router";
import { useMe } from "../../../lib/session";
import { useLoad } from "../../../lib/useLoad";
import { type Column, ListView } from "../../../components/ListView";
import { Field } from "../../../components/Field";
import { ErrorNote, Loading } from "../../../components/Status";
import { useSubmit } from "../../../components/useSubmit";
import { FormSummary, WhenLoaded, useRecord, useRecordSteps } from "../../sales/parts";
import { type CollectionCase, type CollectionTask, type PromiseStatus, caseHref } from "./model";

const promiseLabels: Record<PromiseStatus, string> = { pending: "Pending", kept: "Kept", broken: "Broken" };

function CaseBadge({ record: c }: { record: CollectionCase }) {
  if (c.status === "closed") {
    return <span className="badge draft">Closed</span>;
  }
  return c.disputed ? <span className="badge overdue">In dispute</span> : <span className="badge issued">Open</span>;
}

const columns: Column<CollectionCase>[] = [
  { key: "id", label: "Case", render: (c) => `#${c.id}`, sortValue: (c) => c.id },
  { key: "customer", label: "Customer", render: (c) => `${c.customer} ${c.name}`, sortValue: (c) => c.customer },
  { key: "status", label: "Status", render: (c) => <CaseBadge record={c} /> },
  { key: "origin", label: "Opened by", render: (c) => (c.origin === "final_notice" ? "Final notice" : "Hand") },
  { key: "opened", label: "Opened on", render: (c) => c.opened_on, sortValue: (c) => c.opened_on },
  { key: "open", label: "Open balance", numeric: true, render: (c) => `${formatAmount(c.open_balance, c.currency)} ${c.currency}`, sortValue: (c) => Number(c.open_balance) },
];

export function CollectionCases() {
  return (
    <ListView<CollectionCase>
      resource="receivables.collection_cases"
      label="Collection cases"
      columns={columns}
      filters={[{ name: "status", label: "Status", options: [{ value: "", label: "Any" }, { value: "open", label: "Open" }, { value: "closed", label: "Closed" }] }]}
      fetchPage={({ cursor, limit, filters }, signal) => get<Page<CollectionCase>>(withQuery("/api/v1/collection-cases", { ...filters, limit: String(limit), cursor }), signal)}
      rowKey={(c) => c.id}
      rowHref={caseHref}
      searchText={(c) => `${c.id} ${c.customer} ${c.name}`}
    />
  );
}

export function CollectionCaseView({ id }: { id: string }) {
  const record = useRecord<CollectionCase>("/api/v1/collection-cases", id);
  useRecordSteps("/receivables/collection-cases", id);
  return (
    <WhenLoaded loaded={record} what="the case">
      {(c) => c && <CasePage record={c} reload={record.reload} />}
    </WhenLoaded>
  );
}

// A small form that adds one thing to the case and reloads it.
function AddForm({ title, path, body, fields, label, children, onDone, reset }: {
  title: string; path: string; body: unknown; fields: string[]; label: string; children: (errors: Record<string, string>) => ReactNode; onDone: () => void; reset: () => void;
}) {
  const { refusal, errors, busy, submit } = useSubmit(title);
  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (await submit(path, body)) {
      reset();
      onDone();
    }
  };
  return (
    <form onSubmit={add} noValidate aria-label={`Add a ${title}`} className="add-form">
      <FormSummary summary={refusal?.summary ?? null} errors={errors} known={new Set(fields)} />
      <div className="form-row">
        {children(errors)}
        <button type="submit" disabled={busy}>
          {label}
        </button>
      </div>
    </form>
  );
}

function CasePage({ record: c, reload }: { record: CollectionCase; reload: () => void }) {
  const { can } = useMe();
  const collect = can("receivables.collect") && c.status === "open";
  const [note, setNote] = useState("");
  const [promiseAmount, setPromiseAmount] = useState("");
  const [promiseDate, setPromiseDate] = useState("");
  const [taskTitle, setTaskTitle] = useState("");
  const [taskDue, setTaskDue] = useState(today());
  const [message, setMessage] = useState<string | null>(null);
  const [disputing, setDisputing] = useState(false);
  const [disputeReason, setDisputeReason] = useState("");
  const change = async (body: unknown) => {
    try {
      await request("PUT", `/api/v1/collection-cases/${c.id}`, { body });
      setMessage(null);
      reload();
    } catch (error) {
      setMessage(messageOf(error));
    }
  };
  return (
    <>
      <p className="subtitle record-title">
        <strong>Case #{c.id}</strong>
        <Link to={`/receivables/customers/${c.customer_id}`}>
          {c.customer} {c.name}
        </Link>
        <CaseBadge record={c} />
      </p>
      <dl className="facts">
        <div><dt>Open balance</dt><dd>{formatAmount(c.open_balance, c.currency)} {c.currency}</dd></div>
        <div><dt>Opened</dt><dd>{c.opened_on} ({c.origin === "final_notice" ? "by the final notice" : "by hand"})</dd></div>
        {c.disputed && <div><dt>Dispute</dt><dd>{c.dispute_reason}</dd></div>}
      </dl>
      {message && <ErrorNote message={message} />}
      {collect && (
        <div className="record-actions" role="group" aria-label="Case actions">
          {!c.disputed && (
            <button type="button" onClick={() => setDisputing(!disputing)} aria-expanded={disputing}>
              Mark disputed…
            </button>
          )}
          {c.disputed && <button type="button" onClick={() => void change({ disputed: false })}>End the dispute</button>}
          <button type="button" onClick={() => void change({ status: "closed" })}>Close the case</button>
        </div>
      )}
      {collect && disputing && !c.disputed && (
        <form
          className="add-form"
          aria-label="Mark the case disputed"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setDisputing(false);
            void change({ disputed: true, dispute_reason: disputeReason });
          }}
        >
          <div className="form-row">
            <Field label="What the customer disputes" className="grow">
              {(props) => <input {...props} value={disputeReason} onChange={(e) => setDisputeReason(e.target.value)} />}
            </Field>
            <button type="submit" disabled={disputeReason.trim() === ""}>
              Mark disputed
            </button>
          </div>
        </form>
      )}
      <section className="card" aria-labelledby="promises-title" data-testid="promises">
        <h2 id="promises-title">Promises to pay</h2>
        {(c.promises ?? []).length === 0 ? <p className="muted">No promise yet.</p> : (
          <ul className="plain">
            {(c.promises ?? []).map((p) => (
              <li key={p.id}>
                <span className={`badge promise-${p.status}`}>{promiseLabels[p.status]}</span> {formatAmount(p.amount, p.currency)} {p.currency} by {p.date}{" "}
                <span className="muted">(open then {formatAmount(p.open_at_promise, p.currency)})</span>
              </li>
            ))}
          </ul>
        )}
        {collect && (
          <AddForm title="promise to pay" path={`/api/v1/collection-cases/${c.id}/promises`} body={{ amount: promiseAmount, date: promiseDate }} fields={["amount", "date"]} label="Record the promise" onDone={reload} reset={() => { setPromiseAmount(""); setPromiseDate(""); }}>
            {(errors) => (
              <>
                <Field label="Promised amount" error={errors.amount}>{(props) => <input {...props} inputMode="decimal" value={promiseAmount} onChange={(e) => setPromiseAmount(e.target.value)} />}</Field>
                <Field label="Promised by" error={errors.date}>{(props) => <input {...props} type="date" value={promiseDate} onChange={(e) => setPromiseDate(e.target.value)} />}</Field>
              </>
            )}
          </AddForm>
        )}
      </section>
      <section className="card" aria-labelledby="tasks-title" data-testid="case-tasks">
        <h2 id="tasks-title">Tasks</h2>
        <TaskList tasks={c.tasks ?? []} onChanged={reload} showCustomer={false} />
        {collect && (
          <AddForm title="task" path={`/api/v1/collection-cases/${c.id}/tasks`} body={{ title: taskTitle, due_date: taskDue }} fields={["title", "due_date"]} label="Add the task" onDone={reload} reset={() => setTaskTitle("")}>
            {(errors) => (
              <>
                <Field label="New task" error={errors.title}>{(props) => <input {...props} value={taskTitle} onChange={(e) => setTaskTitle(e.target.value)} />}</Field>
                <Field label="Due" error={errors.due_date}>{(props) => <input {...props} type="date" value={taskDue} onChange={(e) => setTaskDue(e.target.value)} />}</Field>
              </>
            )}
          </AddForm>
        )}
      </section>
      <section className="card" aria-labelledby="notes-title" data-testid="notes">
        <h2 id="notes-title">Notes</h2>
        {(c.notes ?? []).length === 0 ? <p className="muted">No note yet.</p> : (
          <ol className="plain notes">
            {(c.notes ?? []).map((n) => (
              <li key={n.number}>
                <span className="muted">{formatInstant(n.created_at)}</span> {n.text}
              </li>
            ))}
          </ol>
        )}
        {collect && (
          <AddForm title="note" path={`/api/v1/collection-cases/${c.id}/notes`} body={{ text: note }} fields={["text"]} label="Add the note" onDone={reload} reset={() => setNote("")}>
            {(errors) => <Field label="New note" error={errors.text} className="grow">{(props) => <input {...props} value={note} onChange={(e) => setNote(e.target.value)} />}</Field>}
          </AddForm>
        )}
      </section>
    </>
  );
}

export function TaskList({ tasks, onChanged, showCustomer }: { tasks: CollectionTask[]; onChanged: () => void; showCustomer: boolean }) {
  const { can } = useMe();
  const [message, setMessage] = useState<string | null>(null);
  const finish = async (task: CollectionTask) => {
    try {
      await request("PUT", `/api/v1/collection-tasks/${task.id}`, { body: { done: true } });
      onChanged();
    } catch (error) {
      setMessage(messageOf(error));
    }
  };
  if (tasks.length === 0) {
    return <p className="muted">No task waits.</p>;
  }
  const now = today();
  return (
    <>
      {message && <ErrorNote message={message} />}
      <ul className="plain tasks">
        {tasks.map((t) => (
          <li key={t.id} className={t.done ? "done" : undefined}>
            <span className={!t.done && t.due_date < now ? "overdue-figure" : undefined}>due {t.due_date}</span> {t.title}
            {showCustomer && (
              <>
                {" "}
                <Link to={`/receivables/collection-cases/${t.case_id}`}>{t.customer} · case #{t.case_id}</Link>
              </>
            )}
            {t.done ? (
              <span className="muted"> · done</span>
            ) : (
              can("receivables.collect") && (
                <>
                  {" "}
                  <button type="button" onClick={() => void finish(t)} aria-label={`Done: ${t.title}`}>
                    Done
                  </button>
                </>
              )
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

// Open tasks by due date: the user's own, or everyone's (tasks the final notice opens have no
// assignee until someone takes the case).
export function loadTasks(mine: boolean, dueBefore: string | undefined, signal: AbortSignal) {
  return get<Page<CollectionTask>>(withQuery("/api/v1/collection-tasks", { assignee: mine ? "me" : undefined, due_before: dueBefore, limit: "100" }), signal);
}

export function CollectionTasks() {
  const [mine, setMine] = useState(false);
  const tasks = useLoad((signal) => loadTasks(mine, undefined, signal), `tasks-${mine}`);
  return (
    <section className="card" aria-labelledby="worklist-title" data-testid="worklist">
      <h2 id="worklist-title">Open tasks, by due date</h2>
      <label className="check">
        <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} /> Only mine
      </label>
      {tasks.error && <ErrorNote message={tasks.error} onRetry={tasks.reload} />}
      {tasks.loading && !tasks.data && <Loading what="the tasks" />}
      {tasks.data && <TaskList tasks={tasks.data.items} onChanged={tasks.reload} showCustomer />}
    </section>
  );
}
