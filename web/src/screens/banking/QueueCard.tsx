// The AR clerk's home card: statement lines waiting for a decision (proposed first, then
// unmatched money in), each a link to its page.
import "./banking.css";
import { type Page, get, withQuery } from "../../lib/api";
import { Link } from "../../lib/router";
import { useLoad } from "../../lib/useLoad";
import { ErrorNote, Loading } from "../../components/Status";
import { SignedAmount } from "./MatchingQueue";
import { type StatementLine, lineHref } from "./model";

const shown = 8;

export function BankQueueCard() {
  const queue = useLoad(async (signal) => {
    const list = (status: string) => get<Page<StatementLine>>(withQuery("/api/v1/bank-statement-lines", { match_status: status, limit: String(shown) }), signal);
    const [proposed, unmatched] = await Promise.all([list("proposed"), list("unmatched")]);
    return { proposed, unmatched: { ...unmatched, items: unmatched.items.filter((l) => l.direction === "in") } };
  }, "bank-queue-card");
  const count = (page: Page<StatementLine>) => `${page.items.length}${page.next_cursor ? "+" : ""}`;
  return (
    <section className="card" aria-labelledby="queue-bank" data-queue="bank">
      <h2 id="queue-bank">Statement lines to match</h2>
      {queue.error && <ErrorNote message={queue.error} onRetry={queue.reload} />}
      {queue.loading && !queue.data && <Loading what="the matching queue" />}
      {queue.data && (
        <>
          <p>
            <strong>{count(queue.data.proposed)}</strong> proposed, to check · <strong>{count(queue.data.unmatched)}</strong> money in unmatched
          </p>
          <ul className="plain">
            {[...queue.data.proposed.items, ...queue.data.unmatched.items].slice(0, shown).map((l) => (
              <li key={l.id}>
                <Link to={lineHref(l)}>
                  {l.booking_date} <SignedAmount line={l} />
                </Link>{" "}
                <span className="muted">
                  {l.counterparty_name || "no payer named"}
                  {l.best_proposal && ` · score ${l.best_proposal.score}`}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <Link to="/banking/lines?match_status=proposed">Open the queue</Link> · <Link to="/banking/import">Import a statement</Link>
      </p>
    </section>
  );
}
