// A labelled form control with its error beside it. The error text comes from the API's
// problem+json `errors` list (field paths such as `lines/1/amount`), verbatim.
import { type ReactNode, useId } from "react";

interface FieldProps {
  label: string;
  error?: string;
  hint?: string;
  children: (props: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => ReactNode;
  className?: string;
  hideLabel?: boolean;
}

export function Field({ label, error, hint, children, className, hideLabel }: FieldProps) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : "", hint ? `${id}-hint` : ""].filter(Boolean).join(" ");
  return (
    <div className={`field${error ? " invalid" : ""}${className ? ` ${className}` : ""}`}>
      <label htmlFor={id} className={hideLabel ? "visually-hidden" : undefined}>
        {label}
      </label>
      {children({ id, "aria-invalid": Boolean(error), "aria-describedby": describedBy || undefined })}
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error" data-field-error>
          {error}
        </span>
      )}
    </div>
  );
}

// Field errors of an ApiError keyed by path ("lines/1/amount" -> reason).
export function errorsByField(errors: { field: string; reason: string }[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const { field, reason } of errors) {
    map[field] = map[field] ? `${map[field]}; ${reason}` : reason;
  }
  return map;
}
