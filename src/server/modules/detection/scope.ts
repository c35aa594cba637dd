/**
 * Which citizens a team's lists cover: a district for the public provider,
 * the organisation's own citizens for a private provider (its staff see only those) — never an
 * anonymised citizen or one whose processing is restricted.
 */
import { type SQL, and, eq } from "drizzle-orm";
import { providerScope } from "../../../domain/access-policy.js";
import { citizens } from "../../db/schema/index.js";
import type { Ctx } from "../../platform/context.js";
import { inTenant } from "../../platform/tenancy.js";
import { listedCitizen } from "../citizens/index.js";

export function teamScope(ctx: Ctx, districtId: string | undefined): SQL {
  const provider = providerScope(ctx.actor);
  const district = districtId ?? (provider ? undefined : (ctx.actor.districtId ?? undefined));
  return and(
    inTenant(citizens, ctx),
    // Anonymised and restricted citizens are on no team's lists (issue 13).
    listedCitizen(),
    provider ? eq(citizens.providerOrganisationId, provider) : undefined,
    district ? eq(citizens.districtId, district) : undefined,
  )!;
}
