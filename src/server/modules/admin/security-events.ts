/**
 * The security log for administrators (issue 18.9): GET /api/admin/security-events, newest first,
 * filtered by kind and Copenhagen days. Rows are written by platform/security-log.ts from the auth
 * and admin modules; a failed login for a username nobody has carries no municipality and is shown
 * to no one (it would tell one municipality about another's typing).
 */
import { aliasedTable, and, count, desc, eq, gte, lt } from "drizzle-orm";
import { copenhagenInstant } from "../../../domain/time.js";
import {
  type SecurityEventRow,
  SecurityEventsPage,
  SecurityEventsQuery,
} from "../../../shared/api/security.js";
import type { App } from "../../platform/app-type.js";
import type { DbOrTx } from "../../db/client.js";
import { securityEvents, users } from "../../db/schema/index.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { declareRoute } from "../../platform/route.js";
import { inTenant } from "../../platform/tenancy.js";

function nextDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

export async function listSecurityEvents(
  db: DbOrTx,
  ctx: Ctx,
  q: SecurityEventsQuery,
): Promise<SecurityEventsPage> {
  authorize(ctx, { kind: "securityLog.read" });
  const subject = aliasedTable(users, "subject");
  const actor = aliasedTable(users, "actor");
  const where = and(
    inTenant(securityEvents, ctx),
    q.kind ? eq(securityEvents.kind, q.kind) : undefined,
    q.from ? gte(securityEvents.at, copenhagenInstant(q.from, "00:00")) : undefined,
    q.to ? lt(securityEvents.at, copenhagenInstant(nextDay(q.to), "00:00")) : undefined,
  );
  const [total] = await db.select({ n: count() }).from(securityEvents).where(where);
  const rows = await db
    .select({
      id: securityEvents.id,
      at: securityEvents.at,
      kind: securityEvents.kind,
      username: securityEvents.username,
      userId: subject.id,
      userName: subject.displayName,
      actorId: actor.id,
      actorName: actor.displayName,
      ip: securityEvents.ip,
      userAgent: securityEvents.userAgent,
    })
    .from(securityEvents)
    .leftJoin(subject, eq(subject.id, securityEvents.userId))
    .leftJoin(actor, eq(actor.id, securityEvents.actorUserId))
    .where(where)
    .orderBy(desc(securityEvents.at), desc(securityEvents.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    items: rows.map((r): SecurityEventRow => ({
      id: r.id,
      at: r.at.toISOString(),
      kind: r.kind as SecurityEventRow["kind"],
      username: r.username,
      user: r.userId ? { id: r.userId, displayName: r.userName ?? "" } : null,
      actor: r.actorId ? { id: r.actorId, displayName: r.actorName ?? "" } : null,
      ip: r.ip,
      userAgent: r.userAgent,
    })),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function securityEventRoutes(app: App): Promise<void> {
  declareRoute(app, {
    method: "GET",
    url: "/admin/security-events",
    tags: ["administration"],
    summary:
      "The security log: logins, failed logins, lock-outs, logouts and account changes, newest first (administrators)",
    access: { action: "securityLog.read" },
    audit: { none: "the security log: sign-ins and account events of staff, no citizen" },
    querystring: SecurityEventsQuery,
    response: SecurityEventsPage,
    handler: ({ tx, ctx, query }) => listSecurityEvents(tx, ctx, query),
  });
}
