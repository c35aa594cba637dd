/**
 * Names for the ids an audit criterion holds (a worker, a coordinator's caseload, a provider, a
 * district, a triage meeting, a citizen), so the trail shows people and places, never a UUID
 * (issue 11 point 16). Every look-up is scoped to the reader's municipality: an id from another
 * tenant stays unnamed.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { citizens, districts, organisations, triageMeetings, users } from "../../db/schema/index.js";
import type { Ctx } from "../../platform/context.js";
import { inTenant } from "../../platform/tenancy.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The ids among a criterion's values (top level and in lists). */
export function criterionIds(criterion: Record<string, unknown> | null): string[] {
  if (!criterion) return [];
  return Object.values(criterion)
    .flatMap((v) => (Array.isArray(v) ? v : [v]))
    .filter((v): v is string => typeof v === "string" && UUID.test(v));
}

/**
 * id → name for the given ids. Citizens are named only when `namesCitizens` (the reader may see
 * identified citizens); a triage meeting is named by its district.
 */
export async function namesFor(
  tx: DbOrTx,
  ctx: Ctx,
  ids: string[],
  namesCitizens: boolean,
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  const out = new Map<string, string>();
  if (wanted.length === 0) return out;
  const people = await tx
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(and(inTenant(users, ctx), inArray(users.id, wanted)));
  const orgs = await tx
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(inTenant(organisations, ctx), inArray(organisations.id, wanted)));
  const areas = await tx
    .select({ id: districts.id, name: districts.name })
    .from(districts)
    .where(and(inTenant(districts, ctx), inArray(districts.id, wanted)));
  for (const r of [...people, ...orgs, ...areas]) out.set(r.id, r.name);
  // A triage meeting is the district's meeting: the criterion's label already says "triage meeting".
  const meetings = await tx
    .select({ id: triageMeetings.id, name: districts.name })
    .from(triageMeetings)
    .innerJoin(districts, eq(districts.id, triageMeetings.districtId))
    .where(and(inTenant(triageMeetings, ctx), inArray(triageMeetings.id, wanted)));
  for (const m of meetings) out.set(m.id, m.name);
  if (namesCitizens) {
    const people = await tx
      .select({ id: citizens.id, firstName: citizens.firstName, lastName: citizens.lastName })
      .from(citizens)
      .where(and(inTenant(citizens, ctx), inArray(citizens.id, wanted)));
    for (const c of people) out.set(c.id, `${c.firstName} ${c.lastName}`);
  }
  return out;
}
