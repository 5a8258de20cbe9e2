// Pieces the ledger reports share: the period/department filter kept in the URL, export links
// (only when the server offers them), and money cells.
import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { get, type Page } from "../../lib/api";
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
  type: "date" | "text" | "department";
  hint?: string;
}

interface Department {
  id: number;
  code: string;
  name: string;
  active: boolean;
}

// The departments the user may filter by (a manager gets only their own), or null while loading
// or when they cannot be listed (the filter then takes a typed code).
function useDepartments(wanted: boolean): Department[] | null {
  const [departments, setDepartments] = useState<Department[] | null>(null);
  useEffect(() => {
    if (!wanted) {
      return;
    }
    const controller = new AbortController();
    get<Page<Department>>("/api/v1/ledger/departments?limit=500", controller.signal)
      .then((page) => setDepartments(page.items))
      .catch(() => setDepartments(null));
    return () => controller.abort();
  }, [wanted]);
  return departments;
}

export function ReportFilter({ fields, query }: { fields: FilterSpec[]; query: ReportQuery }) {
  const { path } = useLocation();
  const [draft, setDraft] = useState(query);
  const departments = useDepartments(fields.some((field) => field.type === "department"));
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
          {field.type === "department" && departments ? (
            <select value={draft[field.name] ?? ""} onChange={(event) => setDraft({ ...draft, [field.name]: event.target.value })}>
              <option value="">All{departments.length < 2 ? "" : " departments"}</option>
              <option value="none">No department</option>
              {departments.map((department) => (
                <option key={department.id} value={department.code}>
                  {department.code} — {department.name}
                  {department.active ? "" : " (inactive)"}
                </option>
              ))}
            </select>
          ) : (
            <input
              type={field.type === "date" ? "date" : "text"}
              value={draft[field.name] ?? ""}
              placeholder={field.type === "date" ? undefined : "all"}
              onChange={(event) => setDraft({ ...draft, [field.name]: event.target.value })}
              data-shortcut={field.type === "text" ? "search" : undefined}
            />
          )}
          {field.hint && !(field.type === "department" && departments) && <small className="hint">{field.hint}</small>}
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
