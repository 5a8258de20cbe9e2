// The one way the app talks to the server: JSON over /api/v1, problem+json errors as ApiError,
// the CSRF token on every write, and a 401 from any call handed to the session (sign-in again,
// then back to where the user was).

export interface FieldError {
  field: string;
  reason: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly errors: FieldError[];

  constructor(status: number, type: string, detail: string, errors: FieldError[]) {
    super(detail);
    this.status = status;
    this.type = type;
    this.errors = errors;
  }
}

export interface Page<T> {
  items: T[];
  next_cursor?: string;
}

const storageKey = "bo.session";

interface StoredSession {
  csrf: string;
  company: { id: number; code: string; name: string };
}

let stored: StoredSession | null = readStored();
let onUnauthorized: (() => void) | null = null;

function readStored(): StoredSession | null {
  try {
    const text = window.localStorage.getItem(storageKey);
    return text ? (JSON.parse(text) as StoredSession) : null;
  } catch {
    return null;
  }
}

export function storedSession(): StoredSession | null {
  return stored;
}

export function rememberSession(session: StoredSession | null): void {
  stored = session;
  if (session) {
    window.localStorage.setItem(storageKey, JSON.stringify(session));
  } else {
    window.localStorage.removeItem(storageKey);
  }
}

// Called when any request answers 401: the session ended (expired, signed out elsewhere).
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

// A fresh Idempotency-Key. crypto.randomUUID needs a secure context; getRandomValues does not.
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export interface RequestOptions {
  body?: unknown;
  // A file sent as it is (a bank statement), with its own Content-Type, instead of JSON.
  rawBody?: Blob;
  idempotencyKey?: string;
  // Sign-in and the start-up probe handle their own 401.
  quiet401?: boolean;
  signal?: AbortSignal;
}

async function problemOf(response: Response): Promise<ApiError> {
  let type = "about:blank";
  let detail = `${response.status} ${response.statusText}`;
  let errors: FieldError[] = [];
  try {
    const body = (await response.json()) as {
      type?: string;
      detail?: string;
      title?: string;
      errors?: FieldError[];
    };
    type = body.type ?? type;
    detail = body.detail ?? body.title ?? detail;
    errors = Array.isArray(body.errors) ? body.errors : [];
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(response.status, type, detail, errors);
}

export async function request<T>(
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (options.rawBody !== undefined) {
    headers["Content-Type"] = options.rawBody.type && options.rawBody.type !== "application/json" ? options.rawBody.type : "application/octet-stream";
  } else if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  if (method !== "GET" && stored) {
    headers["X-CSRF-Token"] = stored.csrf;
  }
  if (options.idempotencyKey) {
    headers["Idempotency-Key"] = options.idempotencyKey;
  }
  const response = await fetch(path, {
    method,
    headers,
    credentials: "same-origin",
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    signal: options.signal,
  });
  if (response.status === 401 && !options.quiet401 && onUnauthorized) {
    onUnauthorized();
  }
  if (!response.ok) {
    throw await problemOf(response);
  }
  if (response.status === 204) {
    return undefined as T;
  }
  return (await response.json()) as T;
}

export const get = <T,>(path: string, signal?: AbortSignal) =>
  request<T>("GET", path, { signal });

// Path plus a query string of the non-empty values.
export function withQuery(path: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") {
      query.set(key, value);
    }
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) {
    // A 401 opens the sign-in dialog; the screen behind it says what happened in plain words.
    return error.status === 401 ? "Your session has ended: sign in again to see this." : error.message;
  }
  if (error instanceof Error) {
    return error.name === "TypeError" ? "The server cannot be reached. Try again." : error.message;
  }
  return String(error);
}
