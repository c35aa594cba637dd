import { type SQL, and, asc, count, desc, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client.js";
import {
  citizens,
  organisations,
  referralEvents,
  referrals,
  screenings,
  users,
} from "../../db/schema/index.js";
import type { Ctx } from "../../platform/context.js";
import { inTenant } from "../../platform/tenancy.js";

const fromOrg = alias(organisations, "from_org");
const referringUser = alias(users, "referring_user");

const referralColumns = {
  id: referrals.id,
  receiptNumber: referrals.receiptNumber,
  status: referrals.status,
  source: referrals.source,
  channel: referrals.channel,
  citizenId: referrals.citizenId,
  citizenFirstName: citizens.firstName,
  citizenLastName: citizens.lastName,
  citizenCpr: citizens.cpr,
  citizenAddress: sql<
    string | null
  >`${citizens.addressLine} || ', ' || ${citizens.postalCode} || ' ' || ${citizens.city}`,
  citizenProviderId: citizens.providerOrganisationId,
  citizenRestrictedAt: citizens.restrictedAt,
  subjectName: referrals.subjectName,
  subjectAddress: referrals.subjectAddress,
  subjectPhone: referrals.subjectPhone,
  fromOrganisationId: referrals.fromOrganisationId,
  fromOrganisationName: fromOrg.name,
  referrerName: referrals.referrerName,
  referrerContact: referrals.referrerContact,
  reason: referrals.reason,
  screeningId: referrals.screeningId,
  screeningOutcome: screenings.outcomeKey,
  screeningColour: screenings.colour,
  createdAt: referrals.createdAt,
  lastMessage: sql<
    string | null
  >`(select e.message from ${referralEvents} e where e.referral_id = ${referrals.id} and e.message is not null order by e.at desc limit 1)`,
  lastAction: sql<
    string | null
  >`(select e.action from ${referralEvents} e where e.referral_id = ${referrals.id} order by e.at desc limit 1)`,
  createdBy: referrals.createdBy,
  // Only a referral sent from a unit in Broen has a referring worker; createdBy of one registered
  // by a coordinator (phone, e-mail) is the coordinator.
  referringUserId: referringUser.id,
  referringUserName: referringUser.displayName,
  referringUserPhone: referringUser.phone,
};

export type ReferralRow = Awaited<ReturnType<typeof selectReferrals>>[number];

export function selectReferrals(
  tx: DbOrTx,
  ctx: Ctx,
  where: SQL | undefined,
  order: "oldest" | "newest" = "oldest",
  slice: { limit: number; offset: number } = { limit: 500, offset: 0 },
) {
  return tx
    .select(referralColumns)
    .from(referrals)
    .leftJoin(citizens, eq(citizens.id, referrals.citizenId))
    .leftJoin(fromOrg, eq(fromOrg.id, referrals.fromOrganisationId))
    .leftJoin(
      referringUser,
      and(eq(referringUser.id, referrals.createdBy), isNotNull(referrals.fromOrganisationId)),
    )
    .leftJoin(screenings, eq(screenings.id, referrals.screeningId))
    .where(and(inTenant(referrals, ctx), where))
    .orderBy(order === "oldest" ? asc(referrals.createdAt) : desc(referrals.createdAt), asc(referrals.id))
    .limit(slice.limit)
    .offset(slice.offset);
}

/** How many referrals match (the total of a paged list; same joins are not needed to count). */
export async function countReferrals(tx: DbOrTx, ctx: Ctx, where: SQL | undefined): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(referrals)
    .leftJoin(citizens, eq(citizens.id, referrals.citizenId))
    .where(and(inTenant(referrals, ctx), where));
  return row?.n ?? 0;
}

export function statusFilter(status: string, olderThanDays: number | undefined): SQL | undefined {
  const byStatus =
    status === "all"
      ? undefined
      : status === "open"
        ? inArray(referrals.status, ["new", "info_requested"])
        : eq(referrals.status, status as "new");
  const byAge =
    olderThanDays !== undefined
      ? lte(referrals.createdAt, sql`now() - make_interval(days => ${olderThanDays})`)
      : undefined;
  return and(byStatus, byAge);
}

export async function referralEventsOf(tx: DbOrTx, ctx: Ctx, referralId: string) {
  return tx
    .select({
      fromStatus: referralEvents.fromStatus,
      toStatus: referralEvents.toStatus,
      action: referralEvents.action,
      message: referralEvents.message,
      actorId: users.id,
      actorName: users.displayName,
      at: referralEvents.at,
    })
    .from(referralEvents)
    .leftJoin(users, eq(users.id, referralEvents.actorUserId))
    .where(and(inTenant(referralEvents, ctx), eq(referralEvents.referralId, referralId)))
    .orderBy(asc(referralEvents.at));
}
