/**
 * The one way the web app talks to the API: JSON over fetch with the session cookie,
 * Accept-Language from the chosen UI language (so error messages match it), and one
 * error type built from the API's one error shape { error: { code, message, details } }.
 */
import type { ErrorBody } from "../../shared/api/common";

export interface FieldIssue {
  field: string;
  reason: string;
  message?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldIssue[] = [],
    /** The rest of the error's details (e.g. the violated rules of a refused grant). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type Hooks = {
  language: () => string;
  /** The session is gone (401) or the password must be changed first (403 password_change_required). */
  onSessionProblem: (code: "unauthenticated" | "password_change_required") => void;
  /** Used when the network or server fails without the error shape. */
  networkMessage: () => string;
  /**
   * The municipality the app's loaded state belongs to (decision 0104), sent as X-Broen-Municipality:
   * the API refuses a request for a municipality the session has since left (another tab switched).
   */
  municipality: () => string | null;
  /** That refusal (409 municipality_switched): the app must start over in the session's municipality. */
  onMunicipalitySwitched: () => void;
  /** Whether a request got an answer at all (for the offline banner, issue 17). */
  onReachability: (reached: boolean) => void;
};

let hooks: Hooks = {
  language: () => "da",
  onSessionProblem: () => undefined,
  networkMessage: () => "Network error",
  municipality: () => null,
  onMunicipalitySwitched: () => undefined,
  onReachability: () => undefined,
};

export function configureApi(next: Partial<Hooks>): void {
  hooks = { ...hooks, ...next };
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as Idempotency-Key: the same key for a retry of the same submission. */
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** Extra headers, e.g. the idle watcher's "does not count as activity" (X-Broen-Passive). */
  headers?: Record<string, string>;
}

/** How long a GET may wait for its answer (headers and body) before it fails. */
export const READ_TIMEOUT_MS = 20_000;

/** Aborted when either is; AbortSignal.any where the browser has it (older phones: the caller's only). */
function anySignal(caller: AbortSignal | undefined, deadline: AbortSignal): AbortSignal | undefined {
  if (!caller) return deadline;
  return typeof AbortSignal.any === "function" ? AbortSignal.any([caller, deadline]) : caller;
}

function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === "object" &&
    value !== null &&
    "error" in value &&
    typeof (value as ErrorBody).error?.code === "string"
  );
}

export async function request<T>(
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  opts: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = {
    Accept: "application/json",
    "Accept-Language": hooks.language(),
    ...opts.headers,
  };
  if (opts.body !== undefined) headers["Content-Type"] = "application/json";
  if (opts.idempotencyKey) headers["Idempotency-Key"] = opts.idempotencyKey;
  const municipality = hooks.municipality();
  if (municipality) headers["X-Broen-Municipality"] = municipality;

  // A read that gets no answer in time fails (issue 17 point 2: on a bad connection the page says so
  // instead of "Henter …" for as long as the phone waits). Writes are not cut off: one that was
  // sent may still be carried out, and its form keeps the Idempotency-Key for the user's retry.
  const timeout =
    method === "GET" && typeof AbortSignal.timeout === "function"
      ? AbortSignal.timeout(READ_TIMEOUT_MS)
      : undefined;
  const signal = timeout ? anySignal(opts.signal, timeout) : opts.signal;
  /** The caller's abort stays an AbortError (react-query's cancel); our deadline is a timeout. */
  const failed = (err: unknown): never => {
    if (opts.signal?.aborted) throw err;
    hooks.onReachability(false);
    if (timeout?.aborted) throw new ApiError(0, "timeout", hooks.networkMessage());
    throw new ApiError(0, "network_error", hooks.networkMessage());
  };

  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: "same-origin",
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError" && !timeout?.aborted) throw err;
    return failed(err);
  }
  // A proxy's "no upstream" (502–504 without Broen's error shape) is no answer from Broen either.
  hooks.onReachability(response.status < 502 || response.status > 504);

  if (response.status === 204) return undefined as T;
  // A body cut off by an abort or the deadline is a failure, not an empty answer.
  const payload: unknown = await response
    .json()
    .catch((err: unknown) => (signal?.aborted ? failed(err) : null));
  if (response.ok) return payload as T;

  if (!isErrorBody(payload))
    throw new ApiError(
      response.status,
      // bad_gateway: a proxy's 502–504, Broen itself did not answer (the app tries once more).
      response.status >= 502 && response.status <= 504 ? "bad_gateway" : "internal_error",
      hooks.networkMessage(),
    );
  const { code, message, details } = payload.error;
  // A failed login is an answer to show on the form, not a lost session.
  if (response.status === 401 && path !== "/auth/login") hooks.onSessionProblem("unauthenticated");
  if (response.status === 403 && code === "password_change_required")
    hooks.onSessionProblem("password_change_required");
  if (response.status === 409 && code === "municipality_switched") hooks.onMunicipalitySwitched();
  throw new ApiError(response.status, code, message, details?.fields ?? [], details ?? {});
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>("GET", path, { signal }),
  // No body when none is given: the API refuses a body on a route that takes none (body_not_allowed).
  post: <T>(path: string, body?: unknown, idempotencyKey?: string) =>
    request<T>("POST", path, { body, idempotencyKey }),
  put: <T>(path: string, body: unknown, idempotencyKey?: string) =>
    request<T>("PUT", path, { body, idempotencyKey }),
  patch: <T>(path: string, body: unknown, idempotencyKey?: string) =>
    request<T>("PATCH", path, { body, idempotencyKey }),
  delete: <T = undefined>(path: string) => request<T>("DELETE", path),
};

/** Query string from the defined, non-empty values only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : "";
}
