/**
 * The one route declaration. A route states what it is — its policy action, its input schemas, its
 * answer, what it records on the audit trail — and the platform runs the rest in a fixed order:
 *
 *   session → role gate (can the caller's role ever do this action?) → one transaction under the
 *   caller's municipality's row-level security (tenant-isolation.ts), inside which: the Idempotency-Key (every write) → the handler (validated input; the service checks
 *   the resource itself with authorize()) → the audit check → commit → the answer.
 *
 * So the guarantees no longer depend on each author remembering them:
 *  - a write cannot skip the idempotency mechanism (every non-GET route with a session runs in
 *    writeOnce; a route without a session must say why it has none);
 *  - a route of citizen data cannot be declared without its audit (registration throws), and a
 *    handler that records nothing, or records what its declaration does not name, rolls back with
 *    a 500 instead of answering without a trail;
 *  - the error answers (400, 401, 403, 404, 409, 413, 422, 429, 503) are declared once, here, and
 *    appear in the OpenAPI document with the policy action and the audit in the description.
 */
import type { FastifyReply, FastifyRequest, RouteOptions } from "fastify";
import { z } from "zod";
import type { Action } from "../../domain/access-policy.js";
import { ErrorBody } from "../../shared/api/common.js";
import type { App } from "./app-type.js";
import type { Db, Tx } from "../db/client.js";
import { type AuditAction, type AuditEntityType, type AuditEntry, recordAuditIn } from "./audit.js";
import { requireCtx } from "./auth.js";
import { authorizeRole } from "./authz.js";
import type { Ctx } from "./context.js";
import { writeOnce } from "./idempotency.js";
import { tenantTransaction } from "./tenant-isolation.js";

export type ActionKind = Action["kind"];

/** Every error answer the platform can give, in the one error shape. */
export const ERROR_RESPONSES = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  413: ErrorBody,
  422: ErrorBody,
  429: ErrorBody,
  503: ErrorBody,
} as const;

/**
 * Actions that read or change identified citizens' data: a route standing for one of them must
 * declare an audit. Every action whose resource is a citizen (or a clip on a citizen's course) is
 * one; these are the rest — lists, inboxes and days that name citizens.
 */
const CITIZEN_DATA_LISTS: ReadonlySet<ActionKind> = new Set<ActionKind>([
  "citizen.list",
  "citizen.create",
  "referral.inbox",
  "referral.decide",
  "referral.registerExternal",
  "referral.sentList",
  "referral.reply",
  "triage.run",
  "due.list",
  "detectionClip.complete",
  "detectionClip.list",
  "course.caseload",
  "clip.day",
  "volunteerReferral.inbox",
  "volunteerReferral.answer",
  "citizen.restrictedList",
  "smallCommunity.read",
  "smallCommunity.manage",
  "smallCommunity.recordMeeting",
  "report.citizens",
  "report.evaluatorExport",
  "careRecord.import",
  "fhir.read",
  // The outbox names the citizens messages went to (issue 16).
  "messaging.outbox",
]);

type CitizenResourceKind = Extract<Action, { citizen: unknown } | { clip: unknown }>["kind"];
const CITIZEN_RESOURCE_KINDS: Record<CitizenResourceKind, true> = {
  "citizen.read": true,
  "citizen.update": true,
  "citizen.revealCpr": true,
  "citizen.auditTrail": true,
  "citizen.privacy": true,
  "citizen.restrict": true,
  "citizen.accessExport": true,
  "citizen.anonymise": true,
  "citizen.erase": true,
  "citizen.careDeliveryReport": true,
  "citizen.messagingConsent": true,
  "citizen.message": true,
  "citizen.letter": true,
  "screening.create": true,
  "journal.write": true,
  "referral.createForCitizen": true,
  "detectionClip.grant": true,
  "course.read": true,
  "course.open": true,
  "course.manage": true,
  "course.reassign": true,
  "clip.grant": true,
  "clip.plan": true,
  "clip.register": true,
  "matching.run": true,
  "placement.read": true,
  "placement.manage": true,
  "volunteerReferral.create": true,
  "volunteerReferral.withdrawConsent": true,
};

export function touchesCitizenData(kind: ActionKind): boolean {
  return kind in CITIZEN_RESOURCE_KINDS || CITIZEN_DATA_LISTS.has(kind);
}

/** One kind of row the route writes to the audit trail. */
export interface AuditRecord {
  action: AuditAction;
  entity: AuditEntityType;
}

export type AuditDeclaration =
  | {
      /** What the route records on the audit trail; recording anything else is refused. */
      records: readonly AuditRecord[];
      /** Why a successful answer may record nothing (e.g. an empty list names no one); absent = it always records. */
      mayBeEmpty?: string;
    }
  | {
      /** Why this route reads or writes nothing about identified people. */
      none: string;
    };

/** Who may call: a policy action (any of several), any signed-in user, or anyone (with the reason). */
export type Access = { action: ActionKind | readonly ActionKind[] } | { signedIn: true } | { public: string };

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type SuccessStatus = 200 | 201 | 202 | 204;
type Schema = z.ZodType;
type Out<S> = S extends Schema ? z.output<S> : undefined;

export interface HandlerInput<P, Q, B, C> {
  /** The route's transaction (for a route declared `ownTransaction`, the database itself: use `db`). */
  tx: Tx;
  /**
   * The database, only for routes declared `ownTransaction`. Elsewhere reading it throws: a query
   * on it beside the route's open transaction would wait for PGlite's one connection forever.
   */
  db: Db;
  ctx: C;
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteDeclaration<
  P extends Schema | undefined,
  Q extends Schema | undefined,
  B extends Schema | undefined,
  R extends Schema | undefined,
  A extends Access,
> {
  method: Method;
  url: string;
  tags: readonly string[];
  summary: string;
  description?: string;
  access: A;
  audit: AuditDeclaration;
  params?: P;
  querystring?: Q;
  body?: B;
  /** The successful answer's schema; absent for answers that are not JSON (CSV, iCalendar) or empty. */
  response?: R;
  /** The successful status; default 200 (201 for a POST that creates, 204 for an empty answer: say so). */
  status?: SuccessStatus;
  /**
   * Why this route runs its own transactions (login must keep a failed try even when it answers
   * 401; the calendar feed counts its use apart from the answer). Such a route has no `tx` and no
   * Idempotency-Key.
   */
  ownTransaction?: string;
  /**
   * Why this POST is a read (a search whose term must stay out of the URL, a logged CPR reveal):
   * it runs in one transaction like a GET, without an Idempotency-Key, so every call is audited
   * and no stored answer keeps what it read.
   */
  readOnly?: string;
  /**
   * Why this write keeps no stored answer under an Idempotency-Key: the answer carries a secret
   * shown once (a calendar feed's address), which must not lie in clear in idempotency_keys. A
   * repeat then does the write again, so only a write whose repeat is harmless may say this.
   */
  secretAnswer?: string;
  /**
   * Why this read needs one consistent snapshot over its many statements (the access export): its
   * transaction begins REPEATABLE READ. Only for reads (GET, or a POST declared readOnly).
   */
  snapshot?: string;
  /** Content types of an answer that is not JSON (text/csv, text/calendar, a workbook), for the OpenAPI document. */
  produces?: readonly string[];
  /** Extra OpenAPI answers beside the success (e.g. /ready's 503 body). */
  otherResponses?: Record<number, Schema>;
  bodyLimit?: number;
  config?: { rateLimit?: { max: number; timeWindow: string }; allowPasswordChange?: boolean };
  handler: (
    input: HandlerInput<P, Q, B, A extends { public: string } ? Ctx | null : Ctx>,
  ) => Promise<Out<R> | string | Buffer | null | undefined>;
}

function openApiDescription(decl: { description?: string; access: Access; audit: AuditDeclaration }): string {
  const access =
    "action" in decl.access
      ? `Policy: ${[decl.access.action].flat().join(" or ")}.`
      : "signedIn" in decl.access
        ? "Policy: any signed-in user."
        : `Public: ${decl.access.public}.`;
  const audit =
    "records" in decl.audit
      ? `Audit: ${decl.audit.records.map((r) => `${r.action} ${r.entity}`).join(", ")}${decl.audit.mayBeEmpty ? ` (none when ${decl.audit.mayBeEmpty})` : ""}.`
      : `Audit: none (${decl.audit.none}).`;
  return [decl.description, `${access} ${audit}`].filter(Boolean).join("\n\n");
}

/** Throws at registration for a declaration that breaks a rule, so the app cannot start with it. */
function checkDeclaration(decl: {
  method: Method;
  url: string;
  access: Access;
  audit: AuditDeclaration;
  ownTransaction?: string;
  readOnly?: string;
  secretAnswer?: string;
  snapshot?: string;
}): void {
  const where = `${decl.method} ${decl.url}`;
  if ("action" in decl.access) {
    const kinds = [decl.access.action].flat();
    if (kinds.length === 0) throw new Error(`${where}: access.action names no action`);
    if (kinds.some(touchesCitizenData) && !("records" in decl.audit)) {
      throw new Error(
        `${where}: ${kinds.join(", ")} touches citizen data, so the route must declare what it audits`,
      );
    }
  }
  if (decl.secretAnswer && decl.method === "GET") throw new Error(`${where}: secretAnswer is for writes`);
  if (decl.snapshot && decl.method !== "GET" && !decl.readOnly)
    throw new Error(`${where}: snapshot is for reads`);
  if (decl.readOnly && decl.method !== "POST")
    throw new Error(`${where}: readOnly is for reads sent as POST`);
  if ("records" in decl.audit && decl.audit.records.length === 0)
    throw new Error(`${where}: audit.records is empty; declare { none: why } instead`);
}

function checkAudited(where: string, audit: AuditDeclaration, entries: readonly AuditEntry[]): void {
  const declared = "records" in audit ? audit.records : [];
  const stray = entries.filter(
    (e) => !declared.some((d) => d.action === e.action && d.entity === e.entityType),
  );
  if (stray.length > 0) {
    throw new Error(
      `${where} recorded ${stray.map((e) => `${e.action} ${e.entityType}`).join(", ")}, which its declaration does not name`,
    );
  }
  if ("records" in audit && !audit.mayBeEmpty && entries.length === 0)
    throw new Error(`${where} answered without recording its audit`);
}

/**
 * The database an ownTransaction handler gets: every transaction it opens records its audit into
 * this request's entries, as the route's own transaction does (audit.ts recordAuditIn). Outside a
 * transaction nothing is recorded, so an audit written there fails the check instead of passing.
 */
function recordingTransactions(db: Db, entries: AuditEntry[]): Db {
  const transaction = <T>(work: (tx: Tx) => Promise<T>, config?: Parameters<Db["transaction"]>[1]) =>
    db.transaction((tx) => {
      recordAuditIn(tx, entries);
      return work(tx);
    }, config);
  return new Proxy(db, {
    get: (target, prop) => (prop === "transaction" ? transaction : Reflect.get(target, prop, target)),
  });
}

/** Declares one route on the app; see the file comment for what the platform runs around the handler. */
export function declareRoute<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  R extends Schema | undefined = undefined,
  A extends Access = Access,
>(app: App, decl: RouteDeclaration<P, Q, B, R, A>): void {
  checkDeclaration(decl);
  const where = `${decl.method} ${decl.url}`;
  const status = decl.status ?? 200;
  const isPublic = "public" in decl.access;
  const isWrite = decl.method !== "GET";
  const db = app.database.db;
  const response: Record<number, Schema> = { ...ERROR_RESPONSES, ...decl.otherResponses };
  if (decl.response) response[status] = decl.response;
  else if (status === 204) response[204] = z.null();

  const options: RouteOptions = {
    method: decl.method,
    url: decl.url,
    ...(decl.bodyLimit ? { bodyLimit: decl.bodyLimit } : {}),
    config: { ...decl.config, ...(isPublic ? { public: true } : {}) },
    schema: {
      tags: [...decl.tags],
      summary: decl.summary,
      description: openApiDescription(decl),
      ...(decl.params ? { params: decl.params } : {}),
      ...(decl.querystring ? { querystring: decl.querystring } : {}),
      ...(decl.body ? { body: decl.body } : {}),
      ...(decl.produces ? { produces: [...decl.produces] } : {}),
      response,
    },
    handler: async (request, reply) => {
      const ctx = isPublic ? request.ctx : requireCtx(request);
      if ("action" in decl.access && ctx) authorizeRole(ctx, [decl.access.action].flat());
      const run = async (tx: Tx) => {
        const entries = decl.ownTransaction ? [] : recordAuditIn(tx);
        const body = await decl.handler({
          tx,
          get db(): Db {
            if (!decl.ownTransaction)
              throw new Error(`${where}: use tx; db is for routes declared ownTransaction`);
            return recordingTransactions(db, entries);
          },
          ctx: ctx as Ctx,
          params: request.params as Out<P>,
          query: request.query as Out<Q>,
          body: request.body as Out<B>,
          request,
          reply,
        });
        checkAudited(where, decl.audit, entries);
        // A handler may answer another declared status itself (/ready's 503) with reply.code().
        return { status: reply.statusCode !== 200 ? reply.statusCode : status, body: body ?? null };
      };
      let result: { status: number; body: unknown };
      // A route with its own transactions gets no outer one; its handler uses `db`.
      if (decl.ownTransaction) result = await run(db as unknown as Tx);
      else if (isWrite && ctx && !isPublic && !decl.readOnly && !decl.secretAnswer)
        result = await writeOnce(db, request, ctx, run);
      // A staff request runs under its municipality's row-level security (decision 0106); a public
      // route (the referral form, a login step) names its municipality itself, or none.
      else if (ctx && !isPublic)
        result = await tenantTransaction(db, ctx.actor.municipalityId, run, {
          snapshot: Boolean(decl.snapshot),
        });
      else result = await db.transaction(run);
      // One generic handler serves every schema; Fastify still validates the answer against it.
      return reply.code(result.status).send(result.body as never);
    },
  };
  app.route(options);
}
