import { and, eq, max, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { ambassadorDistrict, seesDueListsAsAmbassador } from "../../../domain/access-policy.js";
import { dueReason } from "../../../domain/detection-due.js";
import { daysWaiting } from "../../../domain/referral-workflow.js";
import { copenhagenDate } from "../../../domain/time.js";
import type { DueQuery } from "../../../shared/api/detection.js";
import type { DbOrTx } from "../../db/client.js";
import { citizens, districts, organisations, referrals, screenings } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { inTenant } from "../../platform/tenancy.js";
import { countReferrals, selectReferrals, statusFilter } from "../referrals/index.js";
import { teamScope } from "./scope.js";
import { detectionSettings } from "./settings.js";

const provider = alias(organisations, "provider");

/** Citizens of the team with the day of their last screening (Copenhagen calendar day). */
export async function citizensWithLastScreening(tx: DbOrTx, ctx: Ctx, districtId: string | undefined) {
  const last = tx
    .select({ citizenId: screenings.citizenId, lastAt: max(screenings.performedAt).as("last_at") })
    .from(screenings)
    .where(inTenant(screenings, ctx))
    .groupBy(screenings.citizenId)
    .as("last");
  return tx
    .select({
      id: citizens.id,
      firstName: citizens.firstName,
      lastName: citizens.lastName,
      sortName: citizens.sortName,
      address: sql<string>`${citizens.addressLine} || ', ' || ${citizens.postalCode} || ' ' || ${citizens.city}`,
      districtId: citizens.districtId,
      districtName: districts.name,
      providerId: citizens.providerOrganisationId,
      providerName: provider.name,
      homeCareSince: citizens.homeCareSince,
      inTargetGroup: citizens.inTargetGroup,
      lastScreenedOn: sql<
        string | null
      >`to_char(${last.lastAt} at time zone 'Europe/Copenhagen', 'YYYY-MM-DD')`,
    })
    .from(citizens)
    .leftJoin(last, eq(last.citizenId, citizens.id))
    .leftJoin(districts, eq(districts.id, citizens.districtId))
    .leftJoin(provider, eq(provider.id, citizens.providerOrganisationId))
    .where(teamScope(ctx, districtId))
    .orderBy(sql`${citizens.sortName} collate "C"`);
}

export async function dueLists(tx: DbOrTx, ctx: Ctx, asked: DueQuery) {
  // An ambassador's list is their district's (asking for no district means theirs, never "all").
  const query = seesDueListsAsAmbassador(ctx.actor)
    ? { ...asked, districtId: asked.districtId ?? ambassadorDistrict(ctx.actor) ?? undefined }
    : asked;
  authorize(ctx, { kind: "due.list", districtId: query.districtId ?? null });
  const settings = await detectionSettings(tx, ctx.actor.municipalityId);
  const today = copenhagenDate(new Date());
  const rows = await citizensWithLastScreening(tx, ctx, query.districtId);
  const due = rows
    .map((r) => ({
      r,
      reason: dueReason(
        { homeCareSince: r.homeCareSince, lastScreenedOn: r.lastScreenedOn, inTargetGroup: r.inTargetGroup },
        today,
        settings,
      ),
    }))
    .filter((x) => x.reason === "never_screened_new" || x.reason === "rescreen_due")
    // Most overdue first (issue 17.4): the longest in home care unscreened, the oldest screening.
    // The rows come sorted by name, and the sort is stable, so ties stay alphabetical.
    .sort((a, b) =>
      a.reason === "never_screened_new"
        ? (a.r.homeCareSince ?? "").localeCompare(b.r.homeCareSince ?? "")
        : (a.r.lastScreenedOn ?? "").localeCompare(b.r.lastScreenedOn ?? ""),
    );
  const present = (x: (typeof due)[number]) => ({
    citizen: {
      id: x.r.id,
      name: `${x.r.firstName} ${x.r.lastName}`,
      address: x.r.address,
      district: x.r.districtId ? { id: x.r.districtId, name: x.r.districtName ?? "" } : null,
      provider: x.r.providerId ? { id: x.r.providerId, name: x.r.providerName ?? "" } : null,
    },
    reason: x.reason!,
    lastScreenedOn: x.r.lastScreenedOn,
    homeCareSince: x.r.homeCareSince,
  });
  const waitDays = query.referralWaitDays ?? settings.referralWaitDays;
  // Waiting referrals of the team's citizens (those from outside without a citizen are the coordinators' inbox).
  const waitingWhere = and(
    statusFilter("open", waitDays),
    sql`${referrals.citizenId} in (select ${citizens.id} from ${citizens} where ${teamScope(ctx, query.districtId)})`,
  );
  const waiting = await selectReferrals(
    tx,
    ctx,
    waitingWhere,
    "oldest",
    query.limit === undefined ? undefined : { limit: query.limit, offset: 0 },
  );
  const now = new Date();
  const neverScreenedNew = due.filter((x) => x.reason === "never_screened_new");
  const rescreenDue = due.filter((x) => x.reason === "rescreen_due");
  const cut = <T>(rows: T[]) => (query.limit === undefined ? rows : rows.slice(0, query.limit));
  const result = {
    settings,
    totals: {
      neverScreenedNew: neverScreenedNew.length,
      rescreenDue: rescreenDue.length,
      referralsWaiting: await countReferrals(tx, ctx, waitingWhere),
    },
    neverScreenedNew: cut(neverScreenedNew).map(present),
    rescreenDue: cut(rescreenDue).map(present),
    referralsWaiting: waiting.map((w) => ({
      id: w.id,
      receiptNumber: w.receiptNumber,
      citizenName: w.citizenId ? `${w.citizenFirstName} ${w.citizenLastName}` : null,
      daysWaiting: daysWaiting(w.createdAt, now),
      status: w.status,
    })),
  };
  // The waiting referrals name their citizens too, so they are audited like the due citizens (route-sweep.int.test.ts).
  const named = waiting.flatMap((w) => (w.citizenId ? [w.citizenId] : []));
  const shown = [
    ...new Set([...result.neverScreenedNew, ...result.rescreenDue].map((d) => d.citizen.id).concat(named)),
  ];
  await audit(
    tx,
    ctx,
    shown.map((id) => ({
      action: "search" as const,
      entityType: "due_list",
      entityId: id,
      citizenId: id,
      criterion: { districtId: query.districtId },
    })),
  );
  return result;
}
