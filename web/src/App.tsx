// The shell: header, navigation by module (only what the user's permissions allow), the current
// screen or its "not permitted" answer, the shortcut help, and sign-in when there is no session.
import { useEffect, useRef } from "react";
import { Link, hasUnsavedChanges, matchPath, navigate, useLocation } from "./lib/router";
import { type Company, type Me, type SessionState, holds, useSession } from "./lib/session";
import { HelpOverlay, useShortcuts } from "./lib/shortcuts";
import { NotFound, NotPermitted } from "./screens/Pages";
import { SignIn } from "./screens/SignIn";
import { modules, screens, type Screen } from "./screens";

function findScreen(path: string): { screen: Screen; params: Record<string, string> } | null {
  for (const screen of screens) {
    const params = matchPath(screen.pattern, path);
    if (params) {
      return { screen, params };
    }
  }
  return null;
}

// The nav entry a path belongs to: the longest nav pattern that is a prefix of it.
function activeNav(path: string): string | null {
  let best: string | null = null;
  for (const screen of screens) {
    if (!screen.inNav) continue;
    const p = screen.pattern;
    const matches = p === "/" ? path === "/" : path === p || path.startsWith(`${p}/`);
    if (matches && (!best || p.length > best.length)) {
      best = p;
    }
  }
  return best;
}

function Shell({ me, company, generation, onSignOut }: { me: Me; company: Company; generation: number; onSignOut: () => void }) {
  const { path } = useLocation();
  const { helpOpen, setHelpOpen } = useShortcuts(true);
  const found = findScreen(path);
  const permitted = !found || !found.screen.permission || holds(me.permissions, found.screen.permission);
  const title = found ? (permitted ? found.screen.title : "Not permitted") : "No such page";
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    document.title = `${title} · Backoffice`;
    if (firstRender.current) {
      firstRender.current = false;
    } else {
      headingRef.current?.focus(); // tell screen readers the page changed
    }
  }, [path, title]);

  const current = activeNav(path);
  const visibleModules = modules
    .map((module) => ({
      module,
      items: screens.filter((s) => s.module === module && s.inNav && (!s.permission || holds(me.permissions, s.permission))),
    }))
    .filter((group) => group.items.length > 0);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link to="/" className="brand">
          Backoffice
        </Link>
        <span className="company">{company.name}</span>
        <span className="spacer" />
        <button type="button" className="ghost" onClick={() => setHelpOpen(true)} aria-keyshortcuts="?">
          Shortcuts <kbd>?</kbd>
        </button>
        <span className="user" title={me.roles.join(", ")}>
          {me.user.display_name}
        </span>
        <button type="button" className="ghost" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <nav className="side" aria-label="Modules">
        {visibleModules.map(({ module, items }) => (
          <div key={module} className="nav-group">
            {module !== "Home" && <h2 className="nav-title">{module}</h2>}
            <ul>
              {items.map((screen) => (
                <li key={screen.pattern}>
                  <Link to={screen.pattern} aria-current={current === screen.pattern ? "page" : undefined}>
                    {screen.title}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <main id="main" className="content" key={generation}>
        <h1 ref={headingRef} tabIndex={-1}>
          {title}
        </h1>
        {!found && <NotFound />}
        {found && !permitted && <NotPermitted title={found.screen.title} permission={found.screen.permission ?? ""} />}
        {found && permitted && found.screen.render(found.params)}
      </main>
      {helpOpen && <HelpOverlay onClose={() => setHelpOpen(false)} />}
    </div>
  );
}

export function App() {
  const { state, signOut } = useSession();
  // A new session reloads the screen (its requests failed while signed out) unless it holds
  // unsaved changes, which then wait to be saved.
  const generation = useRef(0);
  const lastSession = useRef<SessionState | null>(null);
  if (state.status === "signed_in" && lastSession.current !== state) {
    if (lastSession.current?.status !== "expired" || !hasUnsavedChanges()) {
      generation.current += 1;
    }
  }
  lastSession.current = state;

  if (state.status === "loading") {
    return (
      <p className="muted splash" role="status">
        Loading Backoffice…
      </p>
    );
  }
  const signOutAndGoHome = () => {
    void signOut().then(() => navigate("/", { replace: true, force: true }));
  };
  return (
    <>
      {(state.status === "signed_in" || state.status === "expired") && (
        <Shell me={state.me} company={state.company} generation={generation.current} onSignOut={signOutAndGoHome} />
      )}
      {state.status === "expired" && <SignIn reason="expired" company={state.company.code} />}
      {state.status === "signed_out" && <SignIn reason={state.reason} />}
    </>
  );
}
