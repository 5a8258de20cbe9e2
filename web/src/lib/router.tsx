// A small history-API router: the app's paths are a handful of patterns, so a library would
// cost more bundle than it saves. A screen with unsaved changes registers a guard; leaving it
// (a link, back/forward, a reload) asks first.
import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from "react";

export interface Location {
  path: string;
  search: string;
}

type Guard = () => boolean; // true: there are unsaved changes
let guard: Guard | null = null;
const listeners = new Set<() => void>();
let current = window.location.pathname + window.location.search;

const leaveMessage = "You have unsaved changes. Leave this page and lose them?";

function notify(): void {
  current = window.location.pathname + window.location.search;
  listeners.forEach((listener) => listener());
}

// Whether the current screen holds unsaved changes.
export function hasUnsavedChanges(): boolean {
  return Boolean(guard && guard());
}

function mayLeave(): boolean {
  return !guard || !guard() || window.confirm(leaveMessage);
}

export function navigate(to: string, options: { replace?: boolean; force?: boolean } = {}): void {
  if (!options.force && !mayLeave()) {
    return;
  }
  if (options.replace) {
    window.history.replaceState(null, "", to);
  } else {
    window.history.pushState(null, "", to);
  }
  notify();
  if (!options.replace) {
    window.scrollTo(0, 0);
  }
}

window.addEventListener("popstate", () => {
  if (!mayLeave()) {
    window.history.pushState(null, "", current); // stay: undo the browser's move
    return;
  }
  notify();
});

window.addEventListener("beforeunload", (event) => {
  if (guard && guard()) {
    event.preventDefault();
    event.returnValue = leaveMessage;
  }
});

export function useLocation(): Location {
  const [, setTick] = useState(0);
  useEffect(() => {
    const listener = () => setTick((tick) => tick + 1);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return { path: window.location.pathname, search: window.location.search };
}

export function useSearchParams(): URLSearchParams {
  const { search } = useLocation();
  return new URLSearchParams(search);
}

// Registers "unsaved changes" for as long as the calling screen is mounted and `dirty` holds.
export function useLeaveGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) {
      return undefined;
    }
    const mine: Guard = () => true;
    guard = mine;
    return () => {
      if (guard === mine) {
        guard = null;
      }
    };
  }, [dirty]);
}

// Matches "/ledger/journal/:id" against a path; the named segments, or null.
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split("/").filter(Boolean);
  const have = path.split("/").filter(Boolean);
  if (want.length !== have.length) {
    return null;
  }
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(":")) {
      params[want[i].slice(1)] = decodeURIComponent(have[i]);
    } else if (want[i] !== have[i]) {
      return null;
    }
  }
  return params;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

export function Link({ to, onClick, children, ...rest }: LinkProps) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={follow} {...rest}>
      {children}
    </a>
  );
}
