// Chart of accounts: the hierarchy, a search that keeps each match's ancestors, and links to
// each account's general ledger. An empty chart offers the standard one (ledger.manage).
import { useMemo, useState } from "react";
import { messageOf, newIdempotencyKey, request } from "../../lib/api";
import { Link } from "../../lib/router";
import { useMe } from "../../lib/session";
import { useLoad } from "../../lib/useLoad";
import { ErrorNote, Loading } from "../../components/Status";
import { type Account, accountTree, forgetAccounts, loadAccounts, typeLabels } from "./model";

export function Accounts() {
  const { can } = useMe();
  const accounts = useLoad(() => loadAccounts(), "accounts");
  const [search, setSearch] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const rows = useMemo(() => {
    const tree = accountTree(accounts.data ?? []);
    const needle = search.trim().toLowerCase();
    if (!needle) {
      return tree;
    }
    const byId = new Map((accounts.data ?? []).map((a) => [a.id, a]));
    const keep = new Set<number>();
    for (const { account } of tree) {
      if (`${account.number} ${account.name}`.toLowerCase().includes(needle)) {
        for (let a: Account | undefined = account; a && !keep.has(a.id); a = a.parent_id ? byId.get(a.parent_id) : undefined) {
          keep.add(a.id);
        }
      }
    }
    return tree.filter(({ account }) => keep.has(account.id));
  }, [accounts.data, search]);

  const createStandardChart = async () => {
    setBusy(true);
    try {
      await request("POST", "/api/v1/ledger/accounts/standard-chart", { body: {}, idempotencyKey: newIdempotencyKey() });
      forgetAccounts();
      accounts.reload();
    } catch (error) {
      setMessage(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div className="page-actions">
        {can("ledger.manage") && (
          <Link className="button primary" to="/ledger/accounts/new" data-shortcut="new">
            New account
          </Link>
        )}
      </div>
      <div className="toolbar">
        <label className="inline">
          <span>Search accounts</span>
          <input type="search" data-shortcut="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Number or name" />
        </label>
        {accounts.data && (
          <span className="muted" role="status">
            {search ? `${rows.length} of ${accounts.data.length}` : `${accounts.data.length}`} accounts
          </span>
        )}
      </div>
      {accounts.error && <ErrorNote message={accounts.error} onRetry={accounts.reload} />}
      {message && <ErrorNote message={message} />}
      {accounts.loading && !accounts.data && <Loading what="accounts" />}
      {accounts.data && accounts.data.length === 0 && (
        <div className="empty">
          <p>The chart of accounts is empty.</p>
          {can("ledger.manage") && (
            <button type="button" className="primary" disabled={busy} onClick={createStandardChart}>
              Create the standard chart of accounts
            </button>
          )}
        </div>
      )}
      {rows.length > 0 && (
        <table className="data tree">
          <caption className="visually-hidden">Chart of accounts</caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Type</th>
              <th scope="col">Currency</th>
              <th scope="col">Sub-ledger</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ account, depth }) => (
              <tr key={account.id} className={[depth === 0 ? "group" : "", account.active ? "" : "inactive"].join(" ").trim() || undefined}>
                <td>
                  <span className="indent" style={{ paddingLeft: `${depth * 1.25}rem` }}>
                    <Link className="row-link" to={`/ledger/accounts/${account.id}`}>
                      <span className="account-number">{account.number}</span> {account.name}
                    </Link>
                  </span>
                </td>
                <td>{typeLabels[account.type]}</td>
                <td>{account.currency}</td>
                <td>{account.control === "none" ? "" : account.control.toUpperCase()}</td>
                <td>{account.active ? "Active" : "Inactive"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
