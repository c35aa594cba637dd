/** "Who has looked at me": a citizen's audit trail, for administrators, itself audited. */
import { stringify } from "csv-stringify/sync";
import { neutraliseRows } from "../../../domain/spreadsheet-cell.js";
import { type SQL, and, asc, count, desc, eq, gte, lt } from "drizzle-orm";
import { copenhagenInstant } from "../../../domain/time.js";
import type { AuditEvent, AuditTrailQuery } from "../../../shared/api/citizens.js";
import type { DbOrTx } from "../../db/client.js";
import { can } from "../../../domain/access-policy.js";
import { auditEvents, users } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import type { Ctx } from "../../platform/context.js";
import { inTenant } from "../../platform/tenancy.js";
import { criterionIds, namesFor } from "./audit-names.js";
import { asResource, loadCitizenFor } from "./service.js";
import wordsDa from "../../../shared/i18n/words.da.json" with { type: "json" };
import wordsEn from "../../../shared/i18n/words.en.json" with { type: "json" };

interface Words {
  roles: Record<string, string>;
  audit: {
    actions: Record<string, string>;
    entities: Record<string, string>;
    criterion: Record<string, string>;
    values: Record<string, string>;
    actors: Record<string, string>;
  };
}

type CitizenRow = Awaited<ReturnType<typeof loadCitizenFor>>;

/**
 * The trail names people, not ids: the actor, the citizen (if the reader may see them) and ids in the
 * criteria. `nameCitizens` false names no citizen at all (the access export, handed to the citizen).
 */
async function trailEvents(
  tx: DbOrTx,
  ctx: Ctx,
  citizen: CitizenRow,
  nameCitizens?: boolean,
  window: { where?: SQL; page?: { limit: number; offset: number } } = {},
): Promise<AuditEvent[]> {
  const citizenId = citizen.id;
  const query = tx
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorId: users.id,
      actorName: users.displayName,
      actorRole: auditEvents.actorRole,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      criterion: auditEvents.criterion,
      ip: auditEvents.ip,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(inTenant(auditEvents, ctx), eq(auditEvents.citizenId, citizenId), window.where))
    .$dynamic();
  // A page is newest first (the page reads top down from now); the whole trail oldest first, as before.
  const rows = window.page
    ? await query
        .orderBy(desc(auditEvents.at), desc(auditEvents.id))
        .limit(window.page.limit)
        .offset(window.page.offset)
    : await query.orderBy(asc(auditEvents.at), asc(auditEvents.id));
  const namesCitizens =
    nameCitizens ?? can(ctx.actor, { kind: "citizen.read", citizen: asResource(citizen) }).allowed;
  const citizenName = namesCitizens ? `${citizen.firstName} ${citizen.lastName}` : null;
  const criteria = rows.map((r) => (r.criterion as Record<string, unknown> | null) ?? null);
  const names = await namesFor(tx, ctx, criteria.flatMap(criterionIds), namesCitizens);
  return rows.map((r, i) => {
    const criterion = criteria[i] ?? null;
    return {
      id: r.id,
      at: r.at.toISOString(),
      actor: r.actorId ? { id: r.actorId, name: r.actorName ?? "", role: r.actorRole } : null,
      actorKind: r.actorId ? "user" : r.actorRole === "system" ? "system" : "public_form",
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      citizen: { id: citizenId, name: citizenName },
      criterion,
      names: Object.fromEntries(
        criterionIds(criterion).flatMap((id) => (names.has(id) ? [[id, names.get(id)!]] : [])),
      ),
      ip: r.ip,
    };
  });
}

function nextDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

export async function getAuditTrail(tx: DbOrTx, ctx: Ctx, citizenId: string, q: AuditTrailQuery = {}) {
  const citizen = await loadCitizenFor(tx, ctx, citizenId, "citizen.auditTrail");
  const period = and(
    q.from ? gte(auditEvents.at, copenhagenInstant(q.from, "00:00")) : undefined,
    q.to ? lt(auditEvents.at, copenhagenInstant(nextDay(q.to), "00:00")) : undefined,
  );
  const paged = q.page !== undefined || q.pageSize !== undefined;
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 25;
  // Read before writing this look's own row: the list shows what happened until now.
  const events = await trailEvents(tx, ctx, citizen, undefined, {
    where: period,
    page: paged ? { limit: pageSize, offset: (page - 1) * pageSize } : undefined,
  });
  const total = paged
    ? ((
        await tx
          .select({ n: count() })
          .from(auditEvents)
          .where(and(inTenant(auditEvents, ctx), eq(auditEvents.citizenId, citizenId), period))
      )[0]?.n ?? 0)
    : undefined;
  await audit(tx, ctx, { action: "read", entityType: "audit_trail", entityId: citizenId, citizenId });
  return paged ? { citizenId, events, total, page, pageSize } : { citizenId, events };
}

/**
 * The trail for the right-of-access export (privacy module): read without recording a look (the
 * export records its own row), and naming no citizen — an id of another citizen in a criterion must
 * not reach this one's copy. The caller has loaded the citizen with its own policy action.
 */
export function auditTrailForAccessExport(tx: DbOrTx, ctx: Ctx, citizen: CitizenRow): Promise<AuditEvent[]> {
  return trailEvents(tx, ctx, citizen, false);
}

export async function exportAuditTrailCsv(tx: DbOrTx, ctx: Ctx, citizenId: string): Promise<string> {
  const citizen = await loadCitizenFor(tx, ctx, citizenId, "citizen.auditTrail");
  const events = await trailEvents(tx, ctx, citizen);
  await audit(tx, ctx, { action: "export", entityType: "audit_trail", entityId: citizenId, citizenId });
  // In words, like the page (issue 11 point 16): the DPO hands this file to the citizen.
  const w = (ctx.lang === "en" ? wordsEn : wordsDa) as Words;
  const word = (group: Record<string, string>, code: string) => group[code] ?? code;
  const criterion = (e: (typeof events)[number]) =>
    e.criterion
      ? Object.entries(e.criterion)
          .map(
            ([k, v]) =>
              `${word(w.audit.criterion, k)}: ${typeof v === "string" ? (e.names[v] ?? word(w.audit.values, v)) : JSON.stringify(v)}`,
          )
          .join("; ")
      : "";
  return stringify(
    neutraliseRows(
      events.map((e) => [
        e.at,
        e.actor?.name ?? (e.actorKind === "user" ? "" : word(w.audit.actors, e.actorKind)),
        e.actor?.role ? word(w.roles, e.actor.role) : "",
        word(w.audit.actions, e.action),
        word(w.audit.entities, e.entityType),
        e.entityId ?? "",
        criterion(e),
        e.ip ?? "",
      ]),
    ),
    {
      header: true,
      columns: ["tidspunkt", "bruger", "rolle", "handling", "type", "id", "kriterie", "ip"],
      delimiter: ";",
    },
  );
}
