// Sign-in: company, username, password; the API's problem+json message when it refuses.
// Used as the whole page when signed out, and as a dialog over the current screen when the
// session expired, so that nothing typed there is lost.
import { type FormEvent, useState } from "react";
import { ApiError, messageOf } from "../lib/api";
import { useSession } from "../lib/session";
import { Field, errorsByField } from "../components/Field";

const lastCompanyKey = "bo.lastCompany";

export function SignIn({ reason, company: knownCompany }: { reason: "none" | "expired" | "signed_out"; company?: string }) {
  const { signIn } = useSession();
  const [company, setCompany] = useState(() => knownCompany ?? window.localStorage.getItem(lastCompanyKey) ?? "");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(company.trim().toUpperCase(), username.trim(), password);
      window.localStorage.setItem(lastCompanyKey, company.trim().toUpperCase());
    } catch (failure) {
      setFields(failure instanceof ApiError ? errorsByField(failure.errors) : {});
      setError(failure instanceof ApiError && failure.status === 401 ? "Company, username or password is wrong." : messageOf(failure));
      setPassword("");
      setBusy(false);
    }
  };

  return (
    <div className={reason === "expired" ? "overlay" : "sign-in-page"}>
      <main className="sign-in" role={reason === "expired" ? "dialog" : undefined} aria-modal={reason === "expired" ? true : undefined} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{reason === "expired" ? "Your session has ended" : "Sign in to Backoffice"}</h1>
        {reason === "expired" && <p>Sign in again to carry on where you were. Nothing on the page has been lost.</p>}
        {reason === "signed_out" && <p role="status">You have signed out.</p>}
        {error && (
          <div className="error-note" role="alert">
            <p>{error}</p>
          </div>
        )}
        <form onSubmit={submit} noValidate>
          <Field label="Company" error={fields.company}>
            {(p) => <input {...p} name="company" autoComplete="organization" value={company} onChange={(e) => setCompany(e.target.value)} required maxLength={16} autoFocus={!company} />}
          </Field>
          <Field label="Username" error={fields.username}>
            {(p) => <input {...p} name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required maxLength={64} autoFocus={Boolean(company)} />}
          </Field>
          <Field label="Password" error={fields.password}>
            {(p) => <input {...p} name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />}
          </Field>
          <button type="submit" className="primary wide" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </form>
      </main>
    </div>
  );
}
