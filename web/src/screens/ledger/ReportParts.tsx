// Pieces the ledger reports share: the period/department filter kept in the URL, export links
// (only when the server offers them), and money cells.
import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { exportFormats } from "../../lib/capabilities";
import { formatAmount } from "../../lib/money";
import { navigate, useLocation } from "../../lib/router";

export interface ReportQuery {
  [name: string]: string;
}

// The report's query from the URL, with defaults for what is missing.
export function useReportQuery(defaults: ReportQuery): ReportQuery {
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const query: ReportQuery = {};
  for (const [name, value] of Object.entries(defaults)) {
    query[name] = params.get(name) ?? value;
  }
  return query;
}

interface FilterSpec {
  name: string;
  label: string;
  type: "date" | "text";
  hint?: string;
}

export function ReportFilter({ fields, query }: { fields: FilterSpec[]; query: ReportQuery }) {
  const { path } = useLocation();
  const [draft, setDraft] = useState(query);
  const key = JSON.stringify(query);
  useEffect(() => setDraft(JSON.parse(key) as ReportQuery), [key]);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const field of fields) {
      if (draft[field.name]) {
        params.set(field.name, draft[field.name]);
      }
    }
    navigate(`${path}?${params.toString()}`, { replace: true });
  };
  return (
    <form className="filters" onSubmit={apply}>
      {fields.map((field) => (
        <label key={field.name}>
          <span>{field.label}</span>
          <input
            type={field.type}
            value={draft[field.name] ?? ""}
            placeholder={field.type === "text" ? "all" : undefined}
            onChange={(event) => setDraft({ ...draft, [field.name]: event.target.value })}
            data-shortcut={field.type === "text" ? "search" : undefined}
          />
          {field.hint && <small className="hint">{field.hint}</small>}
        </label>
      ))}
      <div className="filter-actions">
        <button type="submit" className="primary">
          Show
        </button>
      </div>
    </form>
  );
}

// `docPath` is the operation as the OpenAPI document names it ("/api/v1/ledger/accounts/{id}/...").
export function ExportLinks({ apiPath, docPath, query }: { apiPath: string; docPath?: string; query: ReportQuery }) {
  const operation = docPath ?? apiPath;
  const [formats, setFormats] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    void exportFormats(operation).then((found) => live && setFormats(found));
    return () => {
      live = false;
    };
  }, [operation]);
  if (formats.length === 0) {
    return null;
  }
  return (
    <p className="exports">
      <span>Download:</span>
      {formats.map((format) => {
        const params = new URLSearchParams();
        Object.entries(query).forEach(([k, v]) => v && params.set(k, v));
        params.set("format", format);
        return (
          <a key={format} href={`${apiPath}?${params.toString()}`} download>
            {format.toUpperCase()}
          </a>
        );
      })}
    </p>
  );
}

export function Amount({ value, currency, strong }: { value: string; currency: string; strong?: boolean }): ReactNode {
  const text = formatAmount(value, currency);
  const negative = value.trim().startsWith("-");
  return <span className={`${negative ? "negative" : ""}${strong ? " strong" : ""}`}>{text}</span>;
}
