/**
 * A small FHIR R4 server for the tests of the scheduled pull and the push (issue 14): a real HTTP
 * server on 127.0.0.1 that Broen's FHIR client talks to over the network — not a mock of Broen's
 * own client. It
 *  - stores resources in memory (versionId and meta.lastUpdated set as it stores them);
 *  - answers search (`GET /<Type>?_lastUpdated=gt…&_id=a,b&subject=Patient/x&_count=N`) as a
 *    searchset Bundle sorted by lastUpdated and id, paged through `next` links, and read by id;
 *  - takes `PUT /<Type>/<id>` (create or update by the client's id: idempotent) and `POST /<Type>`;
 *  - issues tokens for client credentials at `POST /auth/token` and, when told to, refuses every
 *    other request without a valid Bearer token (401);
 *  - can be told to fail the next N requests (503, or any status), or to stop answering;
 *  - validates EVERYTHING it receives with Broen's own validator (validateFhirResource, through the
 *    care-record module's front door: the R4 base definitions and KL Gateway's profile rules) and
 *    refuses an invalid resource with 422 and an OperationOutcome, as a real server would.
 *
 *   const fhir = await startFhirServer({ clientCredentials: { clientId: "broen", clientSecret: "s" } });
 *   fhir.seed(patient);            // stored as if the care record had written it (validated too)
 *   fhir.failNext(2);              // the next two requests answer 503
 *   await fhir.close();
 */
import { randomBytes } from "node:crypto";
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { validateFhirResource } from "../../src/server/modules/care-record/index.js";

export interface StoredResource {
  resourceType: string;
  id: string;
  meta?: { versionId?: string; lastUpdated?: string; profile?: string[] };
  [key: string]: unknown;
}

export interface FhirServerOptions {
  /** Require a Bearer token from this client's credentials grant on every request but the token's. */
  clientCredentials?: { clientId: string; clientSecret: string };
  /** Require exactly this Bearer token (a static token). */
  bearerToken?: string;
  /** Entries per search page unless `_count` says fewer (default 50). */
  pageSize?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  status: number;
  authorization: string | null;
}

export interface TestFhirServer {
  /** e.g. http://127.0.0.1:41234/fhir */
  baseUrl: string;
  tokenUrl: string;
  /** Stores a resource as the server's own data (validated like a PUT; throws when invalid). */
  seed(resource: StoredResource, lastUpdated?: Date): StoredResource;
  /** The stored resource, or undefined. */
  get(resourceType: string, id: string): StoredResource | undefined;
  /** Every stored resource of a type, in the order they were first stored. */
  all(resourceType: string): StoredResource[];
  /** The next `count` requests (token requests included) answer `status` with an OperationOutcome. */
  failNext(count: number, status?: number): void;
  /** Every request received, oldest first. */
  readonly requests: RecordedRequest[];
  /** Requests refused as invalid (422): what the validator said. */
  readonly refused: { resourceType: string; id: string | undefined; issues: string[] }[];
  /** Tokens issued so far. */
  readonly tokensIssued: number;
  close(): Promise<void>;
}

const FHIR_JSON = "application/fhir+json";

function outcome(code: string, diagnostics: string, issues: string[] = []) {
  const issue = [
    { severity: "error", code, diagnostics },
    ...issues.map((d) => ({ severity: "error", code: "invariant", diagnostics: d })),
  ];
  return { resourceType: "OperationOutcome", issue };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** A comparison of FHIR's date search: `gt2026-01-01T…`, `le…`, or a bare instant (eq). */
function dateMatches(value: string | undefined, param: string): boolean {
  if (!value) return false;
  const m = /^(eq|ne|gt|lt|ge|le)?(.+)$/.exec(param);
  if (!m) return false;
  const at = Date.parse(m[2]!);
  const v = Date.parse(value);
  if (Number.isNaN(at) || Number.isNaN(v)) return false;
  switch (m[1] ?? "eq") {
    case "gt":
      return v > at;
    case "ge":
      return v >= at;
    case "lt":
      return v < at;
    case "le":
      return v <= at;
    case "ne":
      return v !== at;
    default:
      return v === at;
  }
}

function referenceOf(resource: StoredResource, element: "subject" | "patient"): string | undefined {
  const ref = resource[element] as { reference?: string } | undefined;
  return ref?.reference;
}

export async function startFhirServer(opts: FhirServerOptions = {}): Promise<TestFhirServer> {
  const store = new Map<string, Map<string, StoredResource>>();
  const tokens = new Set<string>();
  const requests: RecordedRequest[] = [];
  const refused: TestFhirServer["refused"] = [];
  let failures: { left: number; status: number } = { left: 0, status: 503 };
  let tokensIssued = 0;
  let clock = 0;
  const pageSize = opts.pageSize ?? 50;

  /** A strictly increasing instant, so two writes in one millisecond still order. */
  const stamp = (at?: Date): string => {
    const now = at ? at.getTime() : Math.max(Date.now(), clock + 1);
    if (!at) clock = now;
    return new Date(now).toISOString();
  };

  const errorsOf = (resource: unknown): string[] =>
    validateFhirResource(resource)
      .filter((i) => i.severity === "error")
      .map((i) => `${i.path}: ${i.message}`);

  const put = (
    resource: StoredResource,
    lastUpdated?: Date,
  ): { stored: StoredResource; created: boolean } => {
    const byId = store.get(resource.resourceType) ?? new Map<string, StoredResource>();
    store.set(resource.resourceType, byId);
    const previous = byId.get(resource.id);
    const version = previous ? Number(previous.meta?.versionId ?? "1") + 1 : 1;
    const stored: StoredResource = structuredClone(resource);
    stored.meta = { ...stored.meta, versionId: String(version), lastUpdated: stamp(lastUpdated) };
    byId.set(resource.id, stored);
    return { stored, created: !previous };
  };

  const authorised = (req: IncomingMessage): boolean => {
    if (!opts.clientCredentials && !opts.bearerToken) return true;
    const header = req.headers.authorization ?? "";
    const token = header.startsWith("Bearer ") ? header.slice(7) : "";
    if (opts.bearerToken && token === opts.bearerToken) return true;
    return tokens.has(token);
  };

  let base = "";

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<number> => {
    const send = (status: number, body: unknown, type = FHIR_JSON): number => {
      res.writeHead(status, { "content-type": type });
      res.end(JSON.stringify(body));
      return status;
    };
    if (failures.left > 0) {
      failures.left -= 1;
      return send(failures.status, outcome("transient", "told to fail"));
    }
    const url = new URL(req.url ?? "/", base);
    const path = url.pathname.replace(/^\/fhir\/?/, "");

    if (path === "auth/token" && req.method === "POST") {
      const form = new URLSearchParams(await readBody(req));
      const basic = req.headers.authorization?.startsWith("Basic ")
        ? Buffer.from(req.headers.authorization.slice(6), "base64").toString("utf8").split(":")
        : null;
      const clientId = form.get("client_id") ?? (basic ? decodeURIComponent(basic[0] ?? "") : null);
      const secret = form.get("client_secret") ?? (basic ? decodeURIComponent(basic[1] ?? "") : null);
      const cc = opts.clientCredentials;
      if (form.get("grant_type") !== "client_credentials")
        return send(400, { error: "unsupported_grant_type" }, "application/json");
      if (!cc || clientId !== cc.clientId || secret !== cc.clientSecret)
        return send(401, { error: "invalid_client" }, "application/json");
      const token = randomBytes(24).toString("base64url");
      tokens.add(token);
      tokensIssued += 1;
      return send(
        200,
        { access_token: token, token_type: "Bearer", expires_in: 300, scope: form.get("scope") ?? "" },
        "application/json",
      );
    }

    if (!authorised(req)) return send(401, outcome("login", "a valid Bearer token is required"));

    if (path === "metadata" && req.method === "GET") {
      return send(200, {
        resourceType: "CapabilityStatement",
        status: "active",
        date: "2026-12-06",
        kind: "instance",
        fhirVersion: "4.0.1",
        format: ["json"],
      });
    }

    const parts = path.split("/").filter(Boolean);
    const [type, id] = parts;
    if (!type || !/^[A-Z][A-Za-z]+$/.test(type) || parts.length > 2)
      return send(404, outcome("not-found", "unknown path"));

    if (req.method === "GET" && id) {
      const found = store.get(type)?.get(id);
      return found ? send(200, found) : send(404, outcome("not-found", `${type}/${id} is not known`));
    }

    if (req.method === "GET") return send(200, search(type, url));

    if (req.method === "PUT" || req.method === "POST") {
      let body: unknown;
      try {
        body = JSON.parse(await readBody(req));
      } catch {
        return send(400, outcome("structure", "the body is not JSON"));
      }
      const resource = body as Partial<StoredResource> | null;
      if (!resource || typeof resource !== "object" || resource.resourceType !== type)
        return send(400, outcome("invalid", `the body is not a ${type}`));
      if (req.method === "PUT" && resource.id !== id)
        return send(400, outcome("invalid", "the body's id differs from the URL's"));
      if (req.method === "POST") {
        if (id) return send(405, outcome("not-supported", "POST to a resource"));
        resource.id = randomBytes(8).toString("hex");
      }
      const issues = errorsOf(resource);
      if (issues.length > 0) {
        refused.push({ resourceType: type, id: resource.id, issues });
        return send(422, outcome("processing", "the resource is not valid", issues));
      }
      const { stored, created } = put(resource as StoredResource);
      res.setHeader("location", `${base}/${type}/${stored.id}/_history/${stored.meta?.versionId}`);
      return send(created ? 201 : 200, stored);
    }
    return send(405, outcome("not-supported", `${req.method} is not supported`));
  };

  const search = (type: string, url: URL) => {
    const q = url.searchParams;
    let rows = [...(store.get(type)?.values() ?? [])];
    for (const lu of q.getAll("_lastUpdated"))
      rows = rows.filter((r) => dateMatches(r.meta?.lastUpdated, lu));
    const ids = q.get("_id");
    if (ids) {
      const wanted = new Set(ids.split(","));
      rows = rows.filter((r) => wanted.has(r.id));
    }
    for (const element of ["subject", "patient"] as const) {
      const v = q.get(element);
      if (!v) continue;
      const wanted = new Set(v.split(",").map((s) => (s.includes("/") ? s : `Patient/${s}`)));
      rows = rows.filter((r) => {
        const ref = referenceOf(r, "subject") ?? referenceOf(r, "patient");
        return ref !== undefined && wanted.has(ref);
      });
    }
    rows.sort(
      (a, b) =>
        (a.meta?.lastUpdated ?? "").localeCompare(b.meta?.lastUpdated ?? "") || a.id.localeCompare(b.id),
    );
    const count = Math.min(Number(q.get("_count") ?? pageSize) || pageSize, pageSize);
    const offset = Number(q.get("_offset") ?? 0) || 0;
    const page = rows.slice(offset, offset + count);
    const link = [{ relation: "self", url: url.toString() }];
    if (offset + count < rows.length) {
      const next = new URL(url.toString());
      next.searchParams.set("_offset", String(offset + count));
      link.push({ relation: "next", url: next.toString() });
    }
    return {
      resourceType: "Bundle",
      type: "searchset",
      total: rows.length,
      link,
      entry: page.map((r) => ({
        fullUrl: `${base}/${type}/${r.id}`,
        resource: r,
        search: { mode: "match" },
      })),
    };
  };

  const server = createServer((req, res) => {
    handle(req, res)
      .then((status) =>
        requests.push({
          method: req.method ?? "",
          url: req.url ?? "",
          status,
          authorization: req.headers.authorization ?? null,
        }),
      )
      .catch(() => {
        if (!res.headersSent) res.writeHead(500, { "content-type": FHIR_JSON });
        res.end(JSON.stringify(outcome("exception", "the test server failed")));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}/fhir`;

  return {
    baseUrl: base,
    tokenUrl: `${base}/auth/token`,
    seed(resource, lastUpdated) {
      const issues = errorsOf(resource);
      if (issues.length > 0)
        throw new Error(`seeded ${resource.resourceType}/${resource.id} is not valid: ${issues.join("; ")}`);
      return put(resource, lastUpdated).stored;
    },
    get: (resourceType, id) => store.get(resourceType)?.get(id),
    all: (resourceType) => [...(store.get(resourceType)?.values() ?? [])],
    failNext(count, status = 503) {
      failures = { left: count, status };
    },
    requests,
    refused,
    get tokensIssued() {
      return tokensIssued;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
