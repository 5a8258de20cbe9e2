// Create an account: POST /api/v1/ledger/accounts; the API's field errors appear beside fields.
import { type FormEvent, useMemo, useRef, useState } from "react";
import { ApiError, messageOf, newIdempotencyKey, request } from "../../lib/api";
import { Link, navigate, useLeaveGuard } from "../../lib/router";
import { useLoad } from "../../lib/useLoad";
import { Field, errorsByField } from "../../components/Field";
import { AccountOptions } from "./AccountOptions";
import { type Account, type AccountType, accountTree, accountTypes, forgetAccounts, loadAccounts, typeLabels } from "./model";

const subledgers = ["none", "ar", "ap", "inventory", "payroll"];

export function NewAccount() {
  const accounts = useLoad(() => loadAccounts(), "accounts");
  const [form, setForm] = useState({ number: "", name: "", type: "asset" as AccountType, parent: "", currency: "", control: "none" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const key = useRef(newIdempotencyKey());
  const dirty = Boolean(form.number || form.name || form.parent || form.currency);
  useLeaveGuard(dirty && !saving);

  const parents = useMemo(
    () => accountTree(accounts.data ?? []).filter(({ account }) => account.type === form.type),
    [accounts.data, form.type],
  );
  const set = (name: keyof typeof form, value: string) => setForm({ ...form, [name]: value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setSummary(null);
    const body: Record<string, string> = { number: form.number, name: form.name, type: form.type, control: form.control };
    if (form.parent) body.parent = form.parent;
    if (form.currency) body.currency = form.currency.toUpperCase();
    try {
      const created = await request<Account>("POST", "/api/v1/ledger/accounts", { body, idempotencyKey: key.current });
      forgetAccounts();
      navigate(`/ledger/accounts/${created.id}`, { force: true });
    } catch (error) {
      if (error instanceof ApiError) {
        key.current = newIdempotencyKey(); // the server answered: the next try is a new request
        setErrors(errorsByField(error.errors));
      }
      setSummary(messageOf(error));
      setSaving(false);
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      {summary && (
        <div className="error-note" role="alert">
          <p>{summary}</p>
        </div>
      )}
      <div className="form-grid">
        <Field label="Number" error={errors.number} hint="Digits, letters, '-', '.', '_'; unique">
          {(p) => <input {...p} value={form.number} onChange={(e) => set("number", e.target.value)} maxLength={16} autoFocus required />}
        </Field>
        <Field label="Name" error={errors.name}>
          {(p) => <input {...p} value={form.name} onChange={(e) => set("name", e.target.value)} maxLength={200} required />}
        </Field>
        <Field label="Type" error={errors.type}>
          {(p) => (
            <select {...p} value={form.type} onChange={(e) => setForm({ ...form, type: e.target.value as AccountType, parent: "" })}>
              {accountTypes.map((type) => (
                <option key={type} value={type}>
                  {typeLabels[type]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Parent account" error={errors.parent} hint="Same type; leave empty for a top-level account">
          {(p) => (
            <select {...p} value={form.parent} onChange={(e) => set("parent", e.target.value)}>
              <AccountOptions accounts={parents} empty="(none)" />
            </select>
          )}
        </Field>
        <Field label="Currency" error={errors.currency} hint="Empty: the company's functional currency">
          {(p) => <input {...p} value={form.currency} onChange={(e) => set("currency", e.target.value)} maxLength={3} placeholder="USD" />}
        </Field>
        <Field label="Control account for" error={errors.control}>
          {(p) => (
            <select {...p} value={form.control} onChange={(e) => set("control", e.target.value)}>
              {subledgers.map((s) => (
                <option key={s} value={s}>
                  {s === "none" ? "None (open to manual entries)" : s.toUpperCase()}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving} data-shortcut="save">
          {saving ? "Saving…" : "Create account"}
        </button>
        <Link className="button" to="/ledger/accounts">
          Cancel
        </Link>
      </div>
    </form>
  );
}
