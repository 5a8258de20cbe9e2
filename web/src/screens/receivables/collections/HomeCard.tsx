// The AR clerk's home card for collections: open tasks due by today and broken promises to pay
// (read from the open cases, the first 20).
import "./collections.css";
import { type Page, get } from "../../../lib/api";
import { nextDay, today } from "../../../lib/dates";
import { formatAmount } from "../../../lib/money";
import { Link } from "../../../lib/router";
import { useLoad } from "../../../lib/useLoad";
import { ErrorNote, Loading } from "../../../components/Status";
import { loadTasks } from "./Cases";
import { type CollectionCase, caseHref } from "./model";

export function CollectionsCard() {
  const data = useLoad(async (signal) => {
    const [tasks, cases] = await Promise.all([
      loadTasks(false, nextDay(today()), signal),
      get<Page<CollectionCase>>("/api/v1/collection-cases?status=open&limit=20", signal),
    ]);
    const full = await Promise.all(cases.items.map((c) => get<CollectionCase>(`/api/v1/collection-cases/${c.id}`, signal)));
    const broken = full.flatMap((c) => (c.promises ?? []).filter((p) => p.status === "broken").map((p) => ({ record: c, promise: p })));
    return { tasks: tasks.items, broken };
  }, "collections-card");
  return (
    <section className="card" aria-labelledby="queue-collections" data-queue="collections">
      <h2 id="queue-collections">Collections</h2>
      {data.error && <ErrorNote message={data.error} onRetry={data.reload} />}
      {data.loading && !data.data && <Loading what="tasks and promises" />}
      {data.data && (
        <>
          <h3>Tasks due</h3>
          {data.data.tasks.length === 0 ? (
            <p className="muted">No task is due.</p>
          ) : (
            <ul className="plain">
              {data.data.tasks.slice(0, 8).map((t) => (
                <li key={t.id}>
                  <Link to={`/receivables/collection-cases/${t.case_id}`}>{t.customer}</Link> {t.title} <span className={t.due_date < today() ? "overdue-figure" : "muted"}>due {t.due_date}</span>
                </li>
              ))}
            </ul>
          )}
          <h3>Broken promises</h3>
          {data.data.broken.length === 0 ? (
            <p className="muted">No promise is broken.</p>
          ) : (
            <ul className="plain">
              {data.data.broken.slice(0, 8).map(({ record, promise }) => (
                <li key={promise.id}>
                  <Link to={caseHref(record)}>{record.customer}</Link> {record.name}{" "}
                  <span className="overdue-figure">
                    {formatAmount(promise.amount, promise.currency)} {promise.currency} promised by {promise.date}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <p>
        <Link to="/receivables/collection-tasks">All tasks</Link> · <Link to="/receivables/collection-cases?status=open">Open cases</Link> ·{" "}
        <Link to="/receivables/dunning-runs/new">Dunning run</Link>
      </p>
    </section>
  );
}
