/**
 * The rectification history (GDPR art. 16, issue 13 point 2), presented: every correction of the
 * citizen's register data — who, when, why, which fields, old → new. The rows are written by the
 * citizens module in the correction's own transaction (citizens/revisions.ts); the pairing of old
 * and new values is domain/privacy/rectification.ts.
 *
 * Who reads it: those who may read the citizen's audit trail (the administrator). Like the trail it
 * names the staff who made each change, and it holds the citizen's earlier identity data — former
 * names, addresses, CPR numbers — that the citizen page no longer shows to anyone. A CPR value is
 * masked; the full numbers come only through a logged reveal, as on the citizen page.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { maskCpr } from "../../../domain/cpr.js";
import {
  type FieldChange,
  type RegisterValue,
  revisionHistory,
} from "../../../domain/privacy/rectification.js";
import type {
  CitizenRevision,
  RevealedRevisionCpr,
  RevisionHistory,
} from "../../../shared/api/privacy-rights.js";
import type { DbOrTx } from "../../db/client.js";
import { citizenRevisions, districts, organisations, users } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";
import { asResource, loadCitizenFor, registerValues } from "../citizens/index.js";

type Loaded = Awaited<ReturnType<typeof loadCitizenFor>>;

async function historyOf(tx: DbOrTx, ctx: Ctx, citizen: Loaded) {
  const rows = await tx
    .select({ r: citizenRevisions, byName: users.displayName })
    .from(citizenRevisions)
    .leftJoin(users, eq(users.id, citizenRevisions.changedBy))
    .where(and(inTenant(citizenRevisions, ctx), eq(citizenRevisions.citizenId, citizen.id)))
    .orderBy(asc(citizenRevisions.id));
  return revisionHistory(
    rows.map(({ r, byName }) => ({
      version: r.version,
      previous: r.previous as Record<string, unknown>,
      extra: { ...r, byName },
    })),
    registerValues(citizen),
  );
}

/** Provider and district ids in the changes, by name (the municipality's own only). */
async function namesOf(tx: DbOrTx, ctx: Ctx, changes: FieldChange[]): Promise<Map<string, string>> {
  const ids = (field: FieldChange["field"]) =>
    changes
      .filter((c) => c.field === field)
      .flatMap((c) => [c.from, c.to])
      .filter((v): v is string => typeof v === "string");
  const orgIds = [...new Set(ids("providerId"))];
  const districtIds = [...new Set(ids("districtId"))];
  const names = new Map<string, string>();
  if (orgIds.length > 0)
    for (const o of await tx
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(and(inTenant(organisations, ctx), inArray(organisations.id, orgIds))))
      names.set(o.id, o.name);
  if (districtIds.length > 0)
    for (const d of await tx
      .select({ id: districts.id, name: districts.name })
      .from(districts)
      .where(and(inTenant(districts, ctx), inArray(districts.id, districtIds))))
      names.set(d.id, d.name);
  return names;
}

function shown(change: FieldChange, value: RegisterValue, names: Map<string, string>): RegisterValue {
  if (typeof value !== "string") return value;
  if (change.field === "cpr") return maskCpr(value);
  if (change.field === "providerId" || change.field === "districtId") return names.get(value) ?? value;
  return value;
}

/** The corrections of the citizen's register data, newest first (a logged read). */
export async function citizenRevisionHistory(
  tx: DbOrTx,
  ctx: Ctx,
  citizenId: string,
): Promise<RevisionHistory> {
  const citizen = await loadCitizenFor(tx, ctx, citizenId, "citizen.auditTrail");
  const history = await historyOf(tx, ctx, citizen);
  const names = await namesOf(
    tx,
    ctx,
    history.flatMap((h) => h.changes),
  );
  await audit(tx, ctx, {
    action: "read",
    entityType: "citizen_revisions",
    entityId: citizenId,
    citizenId,
  });
  const revisions: CitizenRevision[] = history.map(({ extra: r, changes }) => ({
    id: r.id,
    version: r.version,
    changedAt: r.changedAt.toISOString(),
    changedBy: r.changedBy ? { id: r.changedBy, name: r.byName ?? "" } : null,
    reason: r.reason,
    changes: changes.map((c) => ({
      field: c.field,
      from: shown(c, c.from, names),
      to: shown(c, c.to, names),
    })),
  }));
  return { citizenId, revisions };
}

/** The full CPR numbers before and after one correction: a logged reveal, like the citizen page's. */
export async function revealRevisionCpr(
  tx: DbOrTx,
  ctx: Ctx,
  citizenId: string,
  revisionId: number,
): Promise<RevealedRevisionCpr> {
  const citizen = await loadCitizenFor(tx, ctx, citizenId, "citizen.revealCpr");
  authorize(ctx, { kind: "citizen.auditTrail", citizen: asResource(citizen) });
  const entry = (await historyOf(tx, ctx, citizen)).find((h) => h.extra.id === revisionId);
  const change = entry?.changes.find((c) => c.field === "cpr");
  if (!entry || !change) throw AppError.notFound();
  await audit(tx, ctx, {
    action: "reveal_cpr",
    entityType: "citizen",
    entityId: citizenId,
    citizenId,
    criterion: { version: entry.version },
  });
  const full = (v: RegisterValue) => (typeof v === "string" ? v : null);
  return { from: full(change.from), to: full(change.to) };
}
