// The answers for a screen the user may not see, and for an address that is no screen.
import { Link } from "../lib/router";

export function NotPermitted({ title, permission }: { title: string; permission: string }) {
  return (
    <section className="card notice" data-testid="not-permitted">
      <p>
        You do not have access to <strong>{title}</strong>. It needs the permission <code>{permission}</code>, which none of
        your roles grants. Ask an administrator if you need it.
      </p>
      <p>
        <Link to="/">Back to your home page</Link>
      </p>
    </section>
  );
}

export function NotFound() {
  return (
    <section className="card notice">
      <p>This address is not a screen of Backoffice.</p>
      <p>
        <Link to="/">Back to your home page</Link>
      </p>
    </section>
  );
}
