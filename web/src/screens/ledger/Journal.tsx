// The journal: entry headers through the reusable list, newest pages by the API's cursor.
import { type Page, get, withQuery } from "../../lib/api";
import { formatAmount } from "../../lib/money";
import { Link } from "../../lib/router";
import { useMe } from "../../lib/session";
import { type Column, ListView } from "../../components/ListView";
import type { JournalEntry } from "./model";

const columns: Column<JournalEntry>[] = [
  { key: "reference", label: "Reference", render: (e) => e.reference, sortValue: (e) => e.id },
  { key: "date", label: "Date", render: (e) => e.date, sortValue: (e) => e.date },
  { key: "memo", label: "Memo", render: (e) => e.memo || <span className="muted">—</span>, sortValue: (e) => e.memo },
  { key: "source", label: "Source", render: (e) => e.source.type.replace(/_/g, " "), sortValue: (e) => e.source.type },
  {
    key: "status",
    label: "Status",
    render: (e) => (e.reversed_by ? "reversed" : e.reverses ? "reversal" : e.status),
    hiddenByDefault: true,
  },
  {
    key: "total",
    label: "Total",
    numeric: true,
    render: (e) => `${formatAmount(e.total, e.currency)} ${e.currency}`,
    sortValue: (e) => BigInt(e.total.replace(".", "")),
  },
  { key: "posted_at", label: "Posted at", render: (e) => e.posted_at.slice(0, 16).replace("T", " "), hiddenByDefault: true },
];

export function Journal() {
  const { can } = useMe();
  return (
    <>
      <div className="page-actions">
        {can("ledger.post") && (
          <Link className="button primary" to="/ledger/journal/new" data-shortcut="new">
            New journal entry
          </Link>
        )}
      </div>
      <ListView<JournalEntry>
        resource="ledger.journal-entries"
        label="Journal entries"
        columns={columns}
        filters={[
          { name: "from", label: "From", type: "date" },
          { name: "to", label: "To (not included)", type: "date" },
          { name: "account", label: "Account number" },
          { name: "department", label: "Department code" },
          { name: "source", label: "Source" },
          { name: "memo", label: "Memo contains" },
        ]}
        fetchPage={({ cursor, limit, filters }, signal) =>
          get<Page<JournalEntry>>(withQuery("/api/v1/ledger/journal-entries", { ...filters, limit: String(limit), cursor }), signal)
        }
        rowKey={(e) => e.id}
        rowHref={(e) => `/ledger/journal/${e.id}`}
        searchText={(e) => `${e.reference} ${e.date} ${e.memo} ${e.source.type} ${e.total}`}
      />
    </>
  );
}
