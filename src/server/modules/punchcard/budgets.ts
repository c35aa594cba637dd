/**
 * Hour budgets: where a municipality splits the punch card's hours between home-care units,
 * the unit's team leader grants clips from the unit's budget (seed 003, "Fællesskabsklippekortet").
 * A budget's balance is its minutes less the minutes of the grants drawn from it; drawing locks
 * the budget row, so two team leaders cannot spend the same minutes.
 */
import { and, asc, eq, inArray, lte, gte, sql } from "drizzle-orm";
import type { CreateBudgetBody, HourBudget } from "../../../shared/api/punch-card.js";
import type { DbOrTx } from "../../db/client.js";
import { clipGrants, districts, hourBudgets, organisations } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";

async function grantedMinutes(tx: DbOrTx, budgetIds: string[]): Promise<Map<string, number>> {
  if (budgetIds.length === 0) return new Map();
  const rows = await tx
    .select({
      budgetId: clipGrants.budgetId,
      minutes: sql<number>`coalesce(sum(${clipGrants.clips} * ${clipGrants.minutesPerClip}), 0)::int`,
    })
    .from(clipGrants)
    .where(inArray(clipGrants.budgetId, budgetIds))
    .groupBy(clipGrants.budgetId);
  return new Map(rows.map((r) => [r.budgetId!, r.minutes]));
}

export async function listBudgets(tx: DbOrTx, ctx: Ctx): Promise<HourBudget[]> {
  authorize(ctx, { kind: "budget.read" });
  const rows = await tx
    .select({ b: hourBudgets, organisationName: organisations.name, districtName: districts.name })
    .from(hourBudgets)
    .innerJoin(organisations, eq(organisations.id, hourBudgets.organisationId))
    .leftJoin(districts, eq(districts.id, hourBudgets.districtId))
    .where(inTenant(hourBudgets, ctx))
    .orderBy(asc(organisations.name), asc(hourBudgets.periodStart));
  const used = await grantedMinutes(
    tx,
    rows.map((r) => r.b.id),
  );
  return rows.map(({ b, organisationName, districtName }) => {
    const granted = used.get(b.id) ?? 0;
    return {
      id: b.id,
      organisation: { id: b.organisationId, name: organisationName },
      district: b.districtId ? { id: b.districtId, name: districtName ?? "" } : null,
      periodStart: b.periodStart,
      periodEnd: b.periodEnd,
      minutes: b.minutes,
      grantedMinutes: granted,
      remainingMinutes: b.minutes - granted,
    };
  });
}

export async function createBudget(tx: DbOrTx, ctx: Ctx, body: CreateBudgetBody): Promise<HourBudget> {
  authorize(ctx, { kind: "budget.manage" });
  const [org] = await tx
    .select({ kind: organisations.kind })
    .from(organisations)
    .where(and(inTenant(organisations, ctx), eq(organisations.id, body.organisationId)));
  if (
    !org ||
    (org.kind !== "public_provider" && org.kind !== "private_provider" && org.kind !== "coordinator_unit")
  ) {
    throw AppError.field("organisationId", "invalid_value");
  }
  if (body.districtId) {
    const [d] = await tx
      .select({ id: districts.id })
      .from(districts)
      .where(and(inTenant(districts, ctx), eq(districts.id, body.districtId)));
    if (!d) throw AppError.field("districtId", "invalid_value");
  }
  const [row] = await tx
    .insert(hourBudgets)
    .values({
      municipalityId: ctx.actor.municipalityId,
      ...body,
      districtId: body.districtId ?? null,
      createdBy: ctx.actor.userId,
    })
    .returning({ id: hourBudgets.id });
  await audit(tx, ctx, { action: "create", entityType: "hour_budget", entityId: row!.id });
  return (await listBudgets(tx, ctx)).find((b) => b.id === row!.id)!;
}

/** Checks a team leader may draw `minutes` from the budget today, holding its row lock until commit. */
export async function drawFromBudget(
  tx: DbOrTx,
  ctx: Ctx,
  budgetId: string,
  minutes: number,
  today: string,
): Promise<string> {
  const [b] = await tx
    .select()
    .from(hourBudgets)
    .where(
      and(
        inTenant(hourBudgets, ctx),
        eq(hourBudgets.id, budgetId),
        lte(hourBudgets.periodStart, today),
        gte(hourBudgets.periodEnd, today),
      ),
    )
    .for("update");
  if (!b) throw AppError.field("budgetId", "invalid_value", "budget_not_found", 404);
  // A team leader spends their own unit's hours; coordinators may name any unit's budget.
  if (
    ctx.actor.role === "team_leader" &&
    (b.organisationId !== ctx.actor.organisationId || (b.districtId && b.districtId !== ctx.actor.districtId))
  ) {
    throw AppError.forbidden();
  }
  const left = b.minutes - ((await grantedMinutes(tx, [b.id])).get(b.id) ?? 0);
  if (minutes > left)
    throw new AppError("budget_exhausted", 409, {
      remainingMinutes: left,
      fields: [{ field: "budgetId", reason: "invalid_value" }],
    });
  return b.id;
}
