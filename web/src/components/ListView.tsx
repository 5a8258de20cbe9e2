// The reusable list: server-side paging with the API's cursor, server-side filters (given in
// the URL so a link or a saved filter reproduces the list), a quick search of the loaded page,
// column choice (kept per list in localStorage), sorting, j/k to move and Enter to open, and
// saved filters through /api/v1/saved-filters.
import { type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import { type Page, get, messageOf, request, withQuery } from "../lib/api";
import { Link, navigate, useLocation } from "../lib/router";
import { useRecordKeys } from "../lib/shortcuts";
import { useLoad } from "../lib/useLoad";
import { ErrorNote, Loading } from "./Status";

export interface Column<T> {
  key: string;
  label: string;
  render: (row: T) => ReactNode;
  sortValue?: (row: T) => string | number | bigint;
  numeric?: boolean;
  hiddenByDefault?: boolean;
}

export interface FilterField {
  name: string;
  label: string;
  type?: "text" | "date" | "search";
  // A choice instead of free text: the first option is usually "" (any).
  options?: { value: string; label: string }[];
  // The control `/` focuses (a server-side search), instead of the quick search of the page.
  shortcut?: boolean;
}

interface ListViewProps<T> {
  resource: string;
  label: string;
  columns: Column<T>[];
  filters: FilterField[];
  fetchPage: (query: { cursor?: string; limit: number; filters: Record<string, string>; sort?: string }, signal: AbortSignal) => Promise<Page<T>>;
  // Column keys the server sorts by (`sort=key` or `sort=-key`, passed to fetchPage); the other
  // sortable columns sort the loaded page only.
  serverSort?: string[];
  rowKey: (row: T) => string | number;
  rowHref: (row: T) => string;
  searchText: (row: T) => string;
}

interface SavedFilter {
  id: number;
  name: string;
  query: string;
}

const pageSizes = [25, 50, 100];

function compare(a: string | number | bigint, b: string | number | bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function ListView<T>(props: ListViewProps<T>) {
  const { resource, columns, filters } = props;
  const { path, search } = useLocation();
  const params = new URLSearchParams(search);
  const filterValues: Record<string, string> = {};
  for (const filter of filters) {
    filterValues[filter.name] = params.get(filter.name) ?? "";
  }
  const limit = pageSizes.includes(Number(params.get("limit"))) ? Number(params.get("limit")) : 50;
  const sortKey = params.get("sort") ?? "";
  const descending = sortKey.startsWith("-");
  const serverSort = props.serverSort ?? [];
  const sortable = (column: Column<T>) => Boolean(column.sortValue) || serverSort.includes(column.key);
  const sortColumn = columns.find((column) => column.key === sortKey.replace(/^-/, "") && sortable(column));
  const sortedByServer = sortColumn !== undefined && serverSort.includes(sortColumn.key);
  const quick = params.get("q") ?? "";

  // Cursor stack: cursors[i] fetches page i (page 0 has none). Reset when the filters change.
  const serverKey = JSON.stringify([filterValues, limit, sortedByServer ? sortKey : ""]);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [pageIndex, setPageIndex] = useState(0);
  const lastServerKey = useRef(serverKey);
  if (lastServerKey.current !== serverKey) {
    lastServerKey.current = serverKey;
    setCursors([undefined]);
    setPageIndex(0);
  }
  const page = useLoad(
    (signal) =>
      props.fetchPage({ cursor: cursors[pageIndex], limit, filters: filterValues, sort: sortedByServer ? sortKey : undefined }, signal),
    `${serverKey}|${pageIndex}|${cursors[pageIndex] ?? ""}`,
  );

  const [visibleKeys, setVisibleKeys] = useState<string[]>(() => {
    try {
      const saved = window.localStorage.getItem(`bo.columns.${resource}`);
      if (saved) {
        return JSON.parse(saved) as string[];
      }
    } catch {
      // fall through to the defaults
    }
    return columns.filter((column) => !column.hiddenByDefault).map((column) => column.key);
  });
  const shown = columns.filter((column) => visibleKeys.includes(column.key));
  const toggleColumn = (key: string) => {
    const next = visibleKeys.includes(key) ? visibleKeys.filter((k) => k !== key) : [...visibleKeys, key];
    if (next.length === 0) {
      return; // keep at least one column
    }
    setVisibleKeys(next);
    window.localStorage.setItem(`bo.columns.${resource}`, JSON.stringify(next));
  };

  const rows = useMemo(() => {
    let items = page.data?.items ?? [];
    if (quick) {
      const needle = quick.toLowerCase();
      items = items.filter((row) => props.searchText(row).toLowerCase().includes(needle));
    }
    if (sortColumn?.sortValue && !sortedByServer) {
      const value = sortColumn.sortValue;
      items = [...items].sort((a, b) => compare(value(a), value(b)) * (descending ? -1 : 1));
    }
    return items;
  }, [page.data, quick, sortColumn, sortedByServer, descending, props]);

  const [selected, setSelected] = useState(-1);
  useEffect(() => setSelected(-1), [page.data, quick, sortKey]);
  const tableRef = useRef<HTMLTableElement>(null);
  useRecordKeys((step) => {
    if (rows.length === 0) {
      return;
    }
    const next = Math.min(rows.length - 1, Math.max(0, selected + step));
    setSelected(next);
    tableRef.current?.querySelectorAll<HTMLAnchorElement>("tbody tr a.row-link")[next]?.focus();
  });

  const setParam = (updates: Record<string, string>) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(updates)) {
      if (value) {
        next.set(key, value);
      } else {
        next.delete(key);
      }
    }
    const text = next.toString();
    navigate(text ? `${path}?${text}` : path, { replace: true });
  };

  const sortBy = (column: Column<T>) => {
    const next = sortColumn?.key === column.key && !descending ? `-${column.key}` : column.key;
    setParam({ sort: next });
  };

  const hasNext = Boolean(page.data?.next_cursor);
  const goNext = () => {
    const cursor = page.data?.next_cursor;
    if (!cursor) {
      return;
    }
    setCursors((stack) => [...stack.slice(0, pageIndex + 1), cursor]);
    setPageIndex(pageIndex + 1);
  };

  return (
    <div className="list-view">
      <FilterBar filters={filters} values={filterValues} onApply={(values) => setParam(values)} />
      <div className="toolbar">
        <label className="inline">
          <span>Search this page</span>
          <input
            type="search"
            data-shortcut="search"
            value={quick}
            onChange={(event) => setParam({ q: event.target.value })}
            placeholder="Type to narrow…"
          />
        </label>
        <SavedFilters resource={resource} currentQuery={search.replace(/^\?/, "")} onChoose={(query) => navigate(query ? `${path}?${query}` : path, { replace: true })} />
        <details className="columns">
          <summary>Columns</summary>
          <fieldset>
            <legend className="visually-hidden">Columns to show</legend>
            {columns.map((column) => (
              <label key={column.key} className="check">
                <input type="checkbox" checked={visibleKeys.includes(column.key)} onChange={() => toggleColumn(column.key)} />
                {column.label}
              </label>
            ))}
          </fieldset>
        </details>
      </div>
      {page.error && <ErrorNote message={page.error} onRetry={page.reload} />}
      {page.loading && !page.data && <Loading what={props.label} />}
      {page.data && (
        <>
          <table className="data" ref={tableRef} aria-busy={page.loading}>
            <caption className="visually-hidden">{props.label}</caption>
            <thead>
              <tr>
                {shown.map((column) => (
                  <th
                    key={column.key}
                    scope="col"
                    className={column.numeric ? "num" : undefined}
                    aria-sort={sortColumn?.key === column.key ? (descending ? "descending" : "ascending") : undefined}
                  >
                    {sortable(column) ? (
                      <button type="button" className="sort" onClick={() => sortBy(column)}>
                        {column.label}
                        <span aria-hidden="true">{sortColumn?.key === column.key ? (descending ? " ▼" : " ▲") : ""}</span>
                      </button>
                    ) : (
                      column.label
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={props.rowKey(row)} className={index === selected ? "selected" : undefined}>
                  {shown.map((column, columnIndex) => (
                    <td key={column.key} className={column.numeric ? "num" : undefined}>
                      {columnIndex === 0 ? (
                        <Link className="row-link" to={props.rowHref(row)} onFocus={() => setSelected(index)}>
                          {column.render(row)}
                        </Link>
                      ) : (
                        column.render(row)
                      )}
                    </td>
                  ))}
                </tr>
              ))}
              {rows.length === 0 && (
                <tr>
                  <td colSpan={shown.length} className="muted">
                    Nothing here{quick ? " matches the search" : ""}.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          <nav className="pager" aria-label={`${props.label} pages`}>
            <button type="button" disabled={pageIndex === 0} onClick={() => setPageIndex(pageIndex - 1)}>
              ← Previous
            </button>
            <span>Page {pageIndex + 1}</span>
            <button type="button" disabled={!hasNext} onClick={goNext}>
              Next →
            </button>
            <label className="inline">
              <span>Rows per page</span>
              <select value={limit} onChange={(event) => setParam({ limit: event.target.value === "50" ? "" : event.target.value })}>
                {pageSizes.map((size) => (
                  <option key={size} value={size}>
                    {size}
                  </option>
                ))}
              </select>
            </label>
            {sortColumn && !sortedByServer && <span className="muted">Sorted within this page.</span>}
          </nav>
        </>
      )}
    </div>
  );
}

function FilterBar({ filters, values, onApply }: { filters: FilterField[]; values: Record<string, string>; onApply: (values: Record<string, string>) => void }) {
  const [draft, setDraft] = useState(values);
  const valuesKey = JSON.stringify(values);
  useEffect(() => setDraft(JSON.parse(valuesKey) as Record<string, string>), [valuesKey]);
  if (filters.length === 0) {
    return null;
  }
  return (
    <form
      className="filters"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(draft);
      }}
    >
      {filters.map((filter) => (
        <label key={filter.name}>
          <span>{filter.label}</span>
          {filter.options ? (
            <select value={draft[filter.name] ?? ""} onChange={(event) => setDraft({ ...draft, [filter.name]: event.target.value })}>
              {filter.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          ) : (
            <input
              type={filter.type ?? "text"}
              value={draft[filter.name] ?? ""}
              data-shortcut={filter.shortcut ? "search" : undefined}
              onChange={(event) => setDraft({ ...draft, [filter.name]: event.target.value })}
            />
          )}
        </label>
      ))}
      <div className="filter-actions">
        <button type="submit">Apply filters</button>
        <button type="button" onClick={() => onApply(Object.fromEntries(filters.map((f) => [f.name, ""])))}>
          Clear
        </button>
      </div>
    </form>
  );
}

function SavedFilters({ resource, currentQuery, onChoose }: { resource: string; currentQuery: string; onChoose: (query: string) => void }) {
  const saved = useLoad((signal) => get<Page<SavedFilter>>(withQuery("/api/v1/saved-filters", { resource, limit: "100" }), signal), resource);
  const [name, setName] = useState("");
  const [naming, setNaming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const chosen = saved.data?.items.find((filter) => filter.query === currentQuery);

  const save = async () => {
    try {
      await request("POST", "/api/v1/saved-filters", { body: { resource, name, query: currentQuery } });
      setNaming(false);
      setName("");
      setMessage(`Saved “${name}”.`);
      saved.reload();
    } catch (error) {
      setMessage(messageOf(error));
    }
  };
  const remove = async (filter: SavedFilter) => {
    try {
      await request("DELETE", `/api/v1/saved-filters/${filter.id}`);
      setMessage(`Deleted “${filter.name}”.`);
      saved.reload();
    } catch (error) {
      setMessage(messageOf(error));
    }
  };

  return (
    <div className="saved-filters">
      <label className="inline">
        <span>Saved filters</span>
        <select
          value={chosen ? String(chosen.id) : ""}
          onChange={(event) => {
            const filter = saved.data?.items.find((f) => String(f.id) === event.target.value);
            onChoose(filter ? filter.query : "");
          }}
        >
          <option value="">{saved.data?.items.length ? "(choose)" : "(none saved)"}</option>
          {saved.data?.items.map((filter) => (
            <option key={filter.id} value={filter.id}>
              {filter.name}
            </option>
          ))}
        </select>
      </label>
      {chosen && (
        <button type="button" onClick={() => remove(chosen)}>
          Delete “{chosen.name}”
        </button>
      )}
      {naming ? (
        <form
          className="inline"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <label className="inline">
            <span>Name</span>
            <input value={name} onChange={(event) => setName(event.target.value)} required maxLength={100} autoFocus />
          </label>
          <button type="submit">Save</button>
          <button type="button" onClick={() => setNaming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" onClick={() => setNaming(true)}>
          Save this filter…
        </button>
      )}
      {message && (
        <span role="status" className="muted">
          {message}
        </span>
      )}
    </div>
  );
}
