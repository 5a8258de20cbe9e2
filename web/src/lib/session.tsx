// Who is signed in: GET /api/v1/me at start-up, POST/DELETE /api/v1/session to sign in and out.
// The session cookie is HttpOnly; the CSRF token and the company come with the sign-in answer
// and are kept in localStorage (they are no use to another site, which cannot read them).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { rememberSession, request, setUnauthorizedHandler, storedSession } from "./api";

export interface User {
  id: number;
  username: string;
  display_name: string;
}

export interface Company {
  id: number;
  code: string;
  name: string;
}

export interface Me {
  roles: string[];
  permissions: string[];
  department_ids: number[] | null;
  user: User;
}

interface SessionAnswer extends Me {
  company: Company;
  csrf_token: string;
}

interface MeAnswer extends Me {
  company_id: number;
}

export type SessionState =
  | { status: "loading" }
  | { status: "signed_out"; reason: "none" | "signed_out" }
  // The session ended under a signed-in user: the screen stays, under a sign-in dialog.
  | { status: "expired"; me: Me; company: Company }
  | { status: "signed_in"; me: Me; company: Company };

interface SessionApi {
  state: SessionState;
  signIn: (company: string, username: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  can: (permission: string) => boolean;
}

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: "loading" });

  useEffect(() => {
    setUnauthorizedHandler(() => {
      rememberSession(null);
      setState((current) =>
        current.status === "signed_in" || current.status === "expired"
          ? { status: "expired", me: current.me, company: current.company }
          : { status: "signed_out", reason: "none" },
      );
    });
    const saved = storedSession();
    request<MeAnswer>("GET", "/api/v1/me", { quiet401: true })
      .then((me) => {
        if (saved && saved.company.id === me.company_id) {
          setState({ status: "signed_in", me, company: saved.company });
        } else {
          setState({ status: "signed_out", reason: "none" });
        }
      })
      .catch(() => {
        rememberSession(null);
        setState({ status: "signed_out", reason: "none" });
      });
    return () => setUnauthorizedHandler(null);
  }, []);

  const signIn = useCallback(async (company: string, username: string, password: string) => {
    const answer = await request<SessionAnswer>("POST", "/api/v1/session", {
      body: { company, username, password },
      quiet401: true,
    });
    rememberSession({ csrf: answer.csrf_token, company: answer.company });
    setState({ status: "signed_in", me: answer, company: answer.company });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await request<void>("DELETE", "/api/v1/session", { quiet401: true });
    } catch {
      // already gone: signing out locally is what matters
    }
    rememberSession(null);
    setState({ status: "signed_out", reason: "signed_out" });
  }, []);

  const value = useMemo<SessionApi>(
    () => ({
      state,
      signIn,
      signOut,
      can: (permission: string) => state.status === "signed_in" && holds(state.me.permissions, permission),
    }),
    [state, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (!value) {
    throw new Error("useSession outside SessionProvider");
  }
  return value;
}

// The server's implications (src/platform/access/permissions.cpp): holding the wider permission
// grants the narrower one, as the API's checks do; /me lists only what the roles name.
const implications: Record<string, string> = { "ledger.read_department": "ledger.read" };

// Whether `permissions` (a user's, from /me) grant `permission`.
export function holds(permissions: string[], permission: string): boolean {
  const wider = implications[permission];
  return permissions.includes(permission) || (wider !== undefined && permissions.includes(wider));
}

// The signed-in user's details (the last ones while an expired session is renewed); only for
// screens rendered inside the shell.
export function useMe(): { me: Me; company: Company; can: (permission: string) => boolean } {
  const { state } = useSession();
  if (state.status !== "signed_in" && state.status !== "expired") {
    throw new Error("useMe while signed out");
  }
  const { me, company } = state;
  return { me, company, can: (permission: string) => holds(me.permissions, permission) };
}
