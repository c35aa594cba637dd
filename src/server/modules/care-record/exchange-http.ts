/**
 * Broen's side of a FHIR connection (issue 14, decision 0100): the maintained client library
 * (fhir-kit-client) pointed at a configured endpoint, signed in as configured — no sign-in, a
 * static Bearer token, or a client-credentials grant at the token endpoint — with a timeout on
 * every request. Every failure becomes an ExchangeError whose code names what went wrong
 * (fhir_unreachable, fhir_timeout, fhir_http_503, fhir_auth_failed, …) and never carries the
 * answer's body: a server's error page can quote a citizen's data, and the code is what the
 * administrator sees and what the job queue keeps.
 */
import { Client, type FhirResource } from "fhir-kit-client";

export interface FhirEndpoint {
  baseUrl: string;
  authKind: string;
  tokenUrl: string | null;
  clientId: string | null;
  secret: string | null;
}

/** A request that takes longer than this is abandoned (and the job retried). */
export const FHIR_TIMEOUT_MS = 30_000;

/** A failure of the exchange, by code only. `transient`: a later try may succeed (network, 5xx, 429). */
export class ExchangeError extends Error {
  constructor(
    readonly code: string,
    readonly transient: boolean,
  ) {
    super(code);
    this.name = "ExchangeError";
  }
}

function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Any error of fetch, fhir-kit-client or our own checks as an ExchangeError. */
export function exchangeErrorOf(err: unknown): ExchangeError {
  if (err instanceof ExchangeError) return err;
  const e = err as { name?: string; response?: { status?: number }; cause?: { code?: string } } | null;
  const status = e?.response?.status;
  if (typeof status === "number") {
    if (status === 401 || status === 403) return new ExchangeError(`fhir_http_${status}`, true);
    return new ExchangeError(`fhir_http_${status}`, isTransientStatus(status));
  }
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return new ExchangeError("fhir_timeout", true);
  if (e?.name === "SyntaxError") return new ExchangeError("fhir_invalid_answer", true);
  // fetch's "fetch failed": refused, reset, a name that does not resolve.
  return new ExchangeError("fhir_unreachable", true);
}

const timeout = () => ({ signal: AbortSignal.timeout(FHIR_TIMEOUT_MS) });

/** A client-credentials grant: the access token, or an ExchangeError (fhir_auth_failed for a refusal). */
async function clientCredentialsToken(endpoint: FhirEndpoint): Promise<string> {
  if (!endpoint.tokenUrl || !endpoint.clientId || !endpoint.secret)
    throw new ExchangeError("fhir_auth_not_configured", false);
  let res: Response;
  try {
    res = await fetch(endpoint.tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: endpoint.clientId,
        client_secret: endpoint.secret,
      }).toString(),
      ...timeout(),
    });
  } catch (err) {
    throw exchangeErrorOf(err);
  }
  if (res.status === 400 || res.status === 401 || res.status === 403) {
    await res.body?.cancel();
    throw new ExchangeError("fhir_auth_failed", false);
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new ExchangeError(`fhir_token_http_${res.status}`, isTransientStatus(res.status));
  }
  let body: { access_token?: unknown };
  try {
    body = (await res.json()) as { access_token?: unknown };
  } catch {
    throw new ExchangeError("fhir_invalid_answer", true);
  }
  if (typeof body.access_token !== "string" || body.access_token === "")
    throw new ExchangeError("fhir_invalid_answer", true);
  return body.access_token;
}

/** A connection to one endpoint: the client library, signed in, and requests with a timeout. */
export interface FhirConnection {
  client: Client;
  /** GET a search (`Patient?…`) or a `next` link; a link to another origin than the endpoint's is refused. */
  get(urlOrPath: string): Promise<FhirResource>;
  /** PUT a resource by its id (create or update: the same request twice changes nothing more). */
  put(resource: FhirResource & { id: string }): Promise<FhirResource>;
}

export async function connect(endpoint: FhirEndpoint): Promise<FhirConnection> {
  const client = new Client({ baseUrl: endpoint.baseUrl.replace(/\/+$/, "") });
  if (endpoint.authKind === "bearer") {
    if (!endpoint.secret) throw new ExchangeError("fhir_auth_not_configured", false);
    client.bearerToken = endpoint.secret;
  } else if (endpoint.authKind === "client_credentials") {
    client.bearerToken = await clientCredentialsToken(endpoint);
  }
  const origin = new URL(client.baseUrl).origin;
  return {
    client,
    async get(urlOrPath) {
      // A next link is absolute: the token must not travel to another host a server names.
      if (/^https?:/i.test(urlOrPath) && new URL(urlOrPath).origin !== origin)
        throw new ExchangeError("fhir_foreign_link", false);
      try {
        return await client.request(urlOrPath, { options: timeout() });
      } catch (err) {
        throw exchangeErrorOf(err);
      }
    },
    async put(resource) {
      try {
        return await client.update({
          resourceType: resource.resourceType,
          id: resource.id,
          body: resource,
          options: timeout(),
        });
      } catch (err) {
        throw exchangeErrorOf(err);
      }
    },
  };
}
