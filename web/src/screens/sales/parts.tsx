// Pieces the sales and inventory screens share: the refusal summary above a form, the handling
// of a refused save (field errors beside their fields, focus on the first), a read-only field,
// j/k between records by id, and a page's "new" button.
import { type Dispatch, type ReactNode, type SetStateAction, useState } from "react";
import { ApiError, get, messageOf } from "../../lib/api";
import { Link, navigate } from "../../lib/router";
import { useMe } from "../../lib/session";
import { useRecordKeys } from "../../lib/shortcuts";
import { type Loaded, useLoad } from "../../lib/useLoad";
import { errorsByField } from "../../components/Field";
import { ErrorNote, Loading } from "../../components/Status";

export interface Refusal {
  errors: Record<string, string>;
  summary: string;
  answered: boolean; // the server answered: a retry is a new request (new idempotency key)
}

// What a failed save shows: the API's field errors by path, and one sentence above the form.
export function refusalOf(error: unknown, what: string, aliases: Record<string, string> = {}): Refusal {
  if (!(error instanceof ApiError)) {
    return { errors: {}, summary: messageOf(error), answered: false };
  }
  const errors = errorsByField(error.errors.map((e) => ({ ...e, field: aliases[e.field] ?? e.field })));
  window.requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  return {
    errors,
    summary: error.errors.length > 0 ? `The ${what} was not saved: correct the fields marked below.` : error.message,
    answered: true,
  };
}

// The refusal above a form, with the errors of fields the form does not show (`known` does).
export function FormSummary({ summary, errors, known }: { summary: string | null; errors: Record<string, string>; known: Set<string> }) {
  if (!summary) {
    return null;
  }
  const other = Object.entries(errors).filter(([field]) => !known.has(field));
  return (
    <div className="error-note" role="alert">
      <p>{summary}</p>
      {other.length > 0 && (
        <ul>
          {other.map(([field, reason]) => (
            <li key={field}>
              {field === "lines" ? "Lines" : field}: {reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function StaticField({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="field">
      <span className="label">{label}</span>
      <span className="static">{value}</span>
    </div>
  );
}

// j/k on a record page: the record with the next or previous id.
export function useRecordSteps(base: string, id: string): void {
  useRecordKeys((step) => {
    const next = Number(id) + step;
    if (next >= 1) {
      navigate(`${base}/${next}`);
    }
  });
}

// A page's primary "new" button (the `n` shortcut), for those with the permission.
export function NewButton({ to, permission, children }: { to: string; permission: string; children: ReactNode }) {
  const { can } = useMe();
  return (
    <div className="page-actions">
      {can(permission) && (
        <Link className="button primary" to={to} data-shortcut="new">
          {children}
        </Link>
      )}
    </div>
  );
}

// The record a form edits (`GET base/id`), or null for a new one.
export function useRecord<T>(base: string, id: string | undefined): Loaded<T | null> {
  return useLoad((signal) => (id ? get<T>(`${base}/${encodeURIComponent(id)}`, signal) : Promise.resolve(null)), `${base}/${id ?? "new"}`);
}

// Its error (with a retry), "Loading…", or what `children` makes of the data.
export function WhenLoaded<T>({ loaded, what, children }: { loaded: Loaded<T>; what: string; children: (data: T) => ReactNode }) {
  if (loaded.error) {
    return <ErrorNote message={loaded.error} onRetry={loaded.reload} />;
  }
  if (loaded.loading && loaded.data === null) {
    return <Loading what={what} />;
  }
  return <>{children(loaded.data as T)}</>;
}

// The errors without those of `fields` (an edited field's old refusal no longer applies).
export function withoutFields(errors: Record<string, string>, fields: string[]): Record<string, string> {
  if (!fields.some((field) => field in errors)) {
    return errors;
  }
  return Object.fromEntries(Object.entries(errors).filter(([field]) => !fields.includes(field)));
}

type Errors = Record<string, string>;

// The lines of a document form (order, receipt): change one (its old refusals go), add, remove
// (the API's indices no longer match: all refusals go); `touched` says the user changed any.
export function useLines<L extends { key: number }>(initial: () => L[], blank: () => L, setErrors: Dispatch<SetStateAction<Errors>>) {
  const [lines, setLines] = useState(initial);
  const [touched, setTouched] = useState(false);
  // A patch the program makes (a looked-up item, availability): not the user's change.
  const patch = (index: number, values: Partial<L>) => setLines((all) => all.map((line, i) => (i === index ? { ...line, ...values } : line)));
  return {
    lines,
    setLines,
    touched,
    touch: () => setTouched(true),
    patch,
    change: (index: number, values: Partial<L>) => {
      setTouched(true);
      patch(index, values);
      setErrors((all) => withoutFields(all, Object.keys(values).map((field) => `lines/${index}/${field}`)));
    },
    add: () => {
      setTouched(true);
      setLines((all) => [...all, blank()]);
    },
    remove: (index: number) => {
      setTouched(true);
      setLines((all) => all.filter((_, i) => i !== index));
      setErrors({});
    },
  };
}

export function RemoveLineButton({ n, disabled, onClick }: { n: number; disabled: boolean; onClick: () => void }) {
  return (
    <button type="button" className="icon" disabled={disabled} aria-label={`Remove line ${n}`} title={`Remove line ${n}`} onClick={onClick}>
      ×
    </button>
  );
}
