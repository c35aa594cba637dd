/**
 * Small communities (guidepost 4 of seed 003, Favrskov's "coronaspor"): 2–5 citizens in courses
 * who share interests and live near each other, often meeting in one member's home, with a worker
 * hosting the first meetings. Proposed by domain/matching/communities.ts, formed by a coordinator,
 * meetings recorded by the coordinator or the host, and ended kindly ("afslutte fællesskabet …
 * på en god måde") with a reason — the members' courses are not touched.
 *
 * The group starts as `proposed` and becomes `active` at its first recorded meeting.
 */
import { and, asc, desc, eq, inArray, isNull, max, ne, sql } from "drizzle-orm";
import {
  type CommunityCandidate,
  DEFAULT_NEARBY_KM,
  SMALL_COMMUNITY_MAX,
  proposeCommunities,
} from "../../../domain/matching/communities.js";
import { isGeoPoint } from "../../../domain/matching/distance.js";
import { copenhagenDate } from "../../../domain/time.js";
import type { Role } from "../../../domain/vocabulary/organisation.js";
import type {
  CreateSmallCommunityBody,
  RecordMeetingBody,
  SmallCommunity,
  SmallCommunityMeeting,
  SmallCommunitySummary,
} from "../../../shared/api/placements.js";
import type { DbOrTx } from "../../db/client.js";
import {
  citizens,
  conversations,
  courses,
  smallCommunities,
  smallCommunityMeetings,
  smallCommunityMembers,
  users,
} from "../../db/schema/index.js";
import { type AuditEntry, audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";
import { listedCitizen } from "../citizens/index.js";
import { loadCourseFor } from "../courses/index.js";

/** Workers who can host a group's first meetings. */
const HOST_ROLES: readonly Role[] = ["home_care_worker", "planner", "team_leader", "community_coordinator"];

type CommunityRow = typeof smallCommunities.$inferSelect;
const citizenName = sql<string>`${citizens.firstName} || ' ' || ${citizens.lastName}`;

/** Members still in a group that has not ended: they are not proposed again. */
async function engagedCourseIds(tx: DbOrTx, ctx: Ctx): Promise<Set<string>> {
  const rows = await tx
    .select({ courseId: smallCommunityMembers.courseId })
    .from(smallCommunityMembers)
    .innerJoin(smallCommunities, eq(smallCommunities.id, smallCommunityMembers.communityId))
    .where(
      and(
        inTenant(smallCommunityMembers, ctx),
        isNull(smallCommunityMembers.leftAt),
        ne(smallCommunities.status, "ended"),
      ),
    );
  return new Set(rows.map((r) => r.courseId));
}

export async function communityProposals(
  tx: DbOrTx,
  ctx: Ctx,
  query: { maxDistanceKm?: number | undefined },
) {
  authorize(ctx, { kind: "smallCommunity.manage" });
  const maxDistanceKm = query.maxDistanceKm ?? DEFAULT_NEARBY_KM;
  // Open courses that are not paused: a citizen in hospital is not asked to host a coffee morning.
  const open = await tx
    .select({
      courseId: courses.id,
      citizenId: citizens.id,
      name: citizenName,
      address: citizens.addressLine,
      lat: citizens.lat,
      lon: citizens.lon,
    })
    .from(courses)
    .innerJoin(citizens, eq(citizens.id, courses.citizenId))
    .where(
      and(
        inTenant(courses, ctx),
        ne(courses.stage, "closed"),
        isNull(courses.pausedAt),
        // Proposing a citizen to others is sharing: not anonymised or restricted ones (issue 13).
        listedCitizen(),
      ),
    );
  const engaged = await engagedCourseIds(tx, ctx);
  const free = open.filter((c) => !engaged.has(c.courseId));
  const interests = new Map<string, string[]>();
  if (free.length > 0) {
    const held = await tx
      .selectDistinctOn([conversations.courseId], {
        courseId: conversations.courseId,
        interests: conversations.interests,
      })
      .from(conversations)
      .where(
        and(
          inArray(
            conversations.courseId,
            free.map((c) => c.courseId),
          ),
          eq(conversations.status, "held"),
        ),
      )
      .orderBy(
        conversations.courseId,
        sql`${conversations.recordedAt} desc nulls last`,
        desc(conversations.heldAt),
      );
    for (const h of held) interests.set(h.courseId, h.interests);
  }
  const candidates: CommunityCandidate[] = free.map((c) => ({
    id: c.courseId,
    home: isGeoPoint(c.lat, c.lon) ? { lat: c.lat!, lon: c.lon! } : null,
    interests: interests.get(c.courseId) ?? [],
  }));
  const byCourse = new Map(free.map((c) => [c.courseId, c]));
  const proposals = proposeCommunities(candidates, { maxDistanceKm }).map((p) => ({
    kind: p.kind,
    sharedInterests: p.sharedInterests,
    spanKm: p.spanKm,
    members: p.memberIds.map((id) => {
      const c = byCourse.get(id)!;
      return {
        courseId: id,
        citizen: { id: c.citizenId, name: c.name, address: c.address },
        interests: interests.get(id) ?? [],
      };
    }),
  }));
  const shown = proposals.flatMap((p) => p.members);
  await audit(
    tx,
    ctx,
    shown.length === 0
      ? { action: "search", entityType: "small_community_proposal", criterion: { maxDistanceKm, hits: 0 } }
      : shown.map((m) => ({
          action: "search" as const,
          entityType: "small_community_proposal",
          entityId: m.courseId,
          citizenId: m.citizen.id,
          criterion: { maxDistanceKm },
        })),
  );
  return { maxDistanceKm, proposals };
}

async function loadCommunity(
  tx: DbOrTx,
  ctx: Ctx,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<CommunityRow> {
  const q = tx
    .select()
    .from(smallCommunities)
    .where(and(inTenant(smallCommunities, ctx), eq(smallCommunities.id, id)));
  const [row] = await (opts.forUpdate ? q.for("update") : q);
  if (!row) throw AppError.notFound("small_community_not_found");
  return row;
}

function assertNotEnded(row: CommunityRow): void {
  if (row.status === "ended") throw new AppError("small_community_ended", 409);
}

function selectMembers(tx: DbOrTx, communityIds: string[]) {
  return tx
    .select({ m: smallCommunityMembers, name: citizenName, address: citizens.addressLine })
    .from(smallCommunityMembers)
    .innerJoin(citizens, eq(citizens.id, smallCommunityMembers.citizenId))
    .where(inArray(smallCommunityMembers.communityId, communityIds))
    .orderBy(asc(smallCommunityMembers.joinedAt), asc(citizens.sortName));
}

async function userNames(tx: DbOrTx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map();
  return new Map(
    (
      await tx.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, wanted))
    ).map((u) => [u.id, u.name]),
  );
}

const memberAudit = (
  action: AuditEntry["action"],
  entityType: AuditEntry["entityType"],
  entityId: string,
  citizenIds: string[],
  criterion?: AuditEntry["criterion"],
): AuditEntry[] =>
  citizenIds.length === 0
    ? [{ action, entityType, entityId, criterion: criterion ?? null }]
    : citizenIds.map((citizenId) => ({
        action,
        entityType,
        entityId,
        citizenId,
        criterion: criterion ?? null,
      }));

async function communityDetail(tx: DbOrTx, row: CommunityRow): Promise<SmallCommunity> {
  const members = await selectMembers(tx, [row.id]);
  const meetings = await tx
    .select({ m: smallCommunityMeetings, name: users.displayName })
    .from(smallCommunityMeetings)
    .innerJoin(users, eq(users.id, smallCommunityMeetings.recordedBy))
    .where(eq(smallCommunityMeetings.communityId, row.id))
    .orderBy(desc(smallCommunityMeetings.heldOn), desc(smallCommunityMeetings.createdAt));
  const names = await userNames(tx, [row.hostUserId, row.createdBy]);
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    meetingPlace: row.meetingPlace,
    host: row.hostUserId ? { id: row.hostUserId, name: names.get(row.hostUserId) ?? "" } : null,
    endReason: row.endReason,
    endedAt: row.endedAt?.toISOString() ?? null,
    createdBy: { id: row.createdBy, name: names.get(row.createdBy) ?? "" },
    createdAt: row.createdAt.toISOString(),
    members: members.map(({ m, name, address }) => ({
      courseId: m.courseId,
      citizen: { id: m.citizenId, name, address },
      joinedAt: m.joinedAt.toISOString(),
      leftAt: m.leftAt?.toISOString() ?? null,
    })),
    meetings: meetings.map(({ m, name }) => presentMeeting(m, name)),
  };
}

function presentMeeting(m: typeof smallCommunityMeetings.$inferSelect, name: string): SmallCommunityMeeting {
  return {
    id: m.id,
    heldOn: m.heldOn,
    place: m.place,
    note: m.note,
    recordedBy: { id: m.recordedBy, name },
    createdAt: m.createdAt.toISOString(),
  };
}

async function activeMemberCitizens(tx: DbOrTx, id: string): Promise<string[]> {
  const rows = await tx
    .select({ citizenId: smallCommunityMembers.citizenId })
    .from(smallCommunityMembers)
    .where(and(eq(smallCommunityMembers.communityId, id), isNull(smallCommunityMembers.leftAt)));
  return rows.map((r) => r.citizenId);
}

async function assertHost(tx: DbOrTx, ctx: Ctx, hostUserId: string | null | undefined): Promise<void> {
  if (!hostUserId) return;
  const [u] = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        inTenant(users, ctx),
        eq(users.id, hostUserId),
        eq(users.active, true),
        inArray(users.role, [...HOST_ROLES]),
      ),
    );
  if (!u) throw AppError.field("hostUserId", "invalid_value");
}

export async function createCommunity(
  tx: DbOrTx,
  ctx: Ctx,
  body: CreateSmallCommunityBody,
): Promise<SmallCommunity> {
  authorize(ctx, { kind: "smallCommunity.manage" });
  if (new Set(body.courseIds).size !== body.courseIds.length)
    throw AppError.field("courseIds", "invalid_value");
  const members: { courseId: string; citizenId: string }[] = [];
  for (const [i, courseId] of body.courseIds.entries()) {
    const course = await loadCourseFor(tx, ctx, courseId, "course.read").catch((err: unknown) => {
      if (err instanceof AppError && err.status === 404)
        throw AppError.field(`courseIds.${i}`, "invalid_value");
      throw err;
    });
    // A closed course's citizen is no longer followed by a coordinator: a new course comes first.
    if (course.stage === "closed")
      throw AppError.field(`courseIds.${i}`, "invalid_value", "course_closed", 409);
    members.push({ courseId, citizenId: course.citizenId });
  }
  await assertHost(tx, ctx, body.hostUserId);
  const [row] = await tx
    .insert(smallCommunities)
    .values({
      municipalityId: ctx.actor.municipalityId,
      name: body.name,
      meetingPlace: body.meetingPlace ?? null,
      hostUserId: body.hostUserId ?? null,
      createdBy: ctx.actor.userId,
    })
    .returning();
  await tx
    .insert(smallCommunityMembers)
    .values(members.map((m) => ({ ...m, communityId: row!.id, municipalityId: ctx.actor.municipalityId })));
  await audit(
    tx,
    ctx,
    memberAudit(
      "create",
      "small_community",
      row!.id,
      members.map((m) => m.citizenId),
    ),
  );
  return communityDetail(tx, row!);
}

export async function listCommunities(
  tx: DbOrTx,
  ctx: Ctx,
  query: { status?: CommunityRow["status"] | undefined },
): Promise<SmallCommunitySummary[]> {
  authorize(ctx, { kind: "smallCommunity.read" });
  const rows = await tx
    .select()
    .from(smallCommunities)
    .where(
      and(
        inTenant(smallCommunities, ctx),
        query.status ? eq(smallCommunities.status, query.status) : undefined,
      ),
    )
    .orderBy(desc(smallCommunities.createdAt))
    .limit(500);
  const ids = rows.map((r) => r.id);
  const members = ids.length === 0 ? [] : await selectMembers(tx, ids);
  const lastMeetings =
    ids.length === 0
      ? []
      : await tx
          .select({
            communityId: smallCommunityMeetings.communityId,
            heldOn: max(smallCommunityMeetings.heldOn),
          })
          .from(smallCommunityMeetings)
          .where(inArray(smallCommunityMeetings.communityId, ids))
          .groupBy(smallCommunityMeetings.communityId);
  const names = await userNames(
    tx,
    rows.map((r) => r.hostUserId),
  );
  const active = members.filter(({ m }) => m.leftAt === null);
  await audit(
    tx,
    ctx,
    active.length === 0
      ? {
          action: "search",
          entityType: "small_community",
          criterion: { status: query.status ?? "all", hits: 0 },
        }
      : active.map(({ m }) => ({
          action: "search" as const,
          entityType: "small_community",
          entityId: m.communityId,
          citizenId: m.citizenId,
          criterion: { status: query.status ?? "all" },
        })),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    status: r.status,
    meetingPlace: r.meetingPlace,
    host: r.hostUserId ? { id: r.hostUserId, name: names.get(r.hostUserId) ?? "" } : null,
    members: active
      .filter(({ m }) => m.communityId === r.id)
      .map(({ m, name }) => ({ courseId: m.courseId, citizen: { id: m.citizenId, name } })),
    lastMeetingOn: lastMeetings.find((x) => x.communityId === r.id)?.heldOn ?? null,
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function getCommunity(tx: DbOrTx, ctx: Ctx, id: string): Promise<SmallCommunity> {
  authorize(ctx, { kind: "smallCommunity.read" });
  const row = await loadCommunity(tx, ctx, id);
  const detail = await communityDetail(tx, row);
  await audit(
    tx,
    ctx,
    memberAudit(
      "read",
      "small_community",
      id,
      detail.members.map((m) => m.citizen.id),
    ),
  );
  return detail;
}

export async function addMember(
  tx: DbOrTx,
  ctx: Ctx,
  id: string,
  body: { courseId: string },
): Promise<SmallCommunity> {
  authorize(ctx, { kind: "smallCommunity.manage" });
  const row = await loadCommunity(tx, ctx, id, { forUpdate: true });
  assertNotEnded(row);
  const course = await loadCourseFor(tx, ctx, body.courseId, "course.read");
  if (course.stage === "closed") throw new AppError("course_closed", 409);
  const rows = await tx.select().from(smallCommunityMembers).where(eq(smallCommunityMembers.communityId, id));
  const existing = rows.find((m) => m.courseId === body.courseId);
  if (existing && existing.leftAt === null) throw new AppError("small_community_member_exists", 409);
  if (rows.filter((m) => m.leftAt === null).length >= SMALL_COMMUNITY_MAX)
    throw new AppError("small_community_full", 409, { max: SMALL_COMMUNITY_MAX });
  if (existing) {
    await tx
      .update(smallCommunityMembers)
      .set({ leftAt: null, joinedAt: sql`now()` })
      .where(
        and(eq(smallCommunityMembers.communityId, id), eq(smallCommunityMembers.courseId, body.courseId)),
      );
  } else {
    await tx.insert(smallCommunityMembers).values({
      communityId: id,
      courseId: body.courseId,
      citizenId: course.citizenId,
      municipalityId: ctx.actor.municipalityId,
    });
  }
  await audit(tx, ctx, {
    action: "update",
    entityType: "small_community",
    entityId: id,
    citizenId: course.citizenId,
    criterion: { member: "added" },
  });
  return communityDetail(tx, row);
}

/** A member leaves: the row stays with leftAt, so the group's history keeps who took part. */
export async function removeMember(
  tx: DbOrTx,
  ctx: Ctx,
  id: string,
  courseId: string,
): Promise<SmallCommunity> {
  authorize(ctx, { kind: "smallCommunity.manage" });
  const row = await loadCommunity(tx, ctx, id, { forUpdate: true });
  assertNotEnded(row);
  const [member] = await tx
    .update(smallCommunityMembers)
    .set({ leftAt: sql`now()` })
    .where(
      and(
        eq(smallCommunityMembers.communityId, id),
        eq(smallCommunityMembers.courseId, courseId),
        isNull(smallCommunityMembers.leftAt),
      ),
    )
    .returning({ citizenId: smallCommunityMembers.citizenId });
  if (!member) throw AppError.notFound("small_community_member_not_found");
  await audit(tx, ctx, {
    action: "update",
    entityType: "small_community",
    entityId: id,
    citizenId: member.citizenId,
    criterion: { member: "left" },
  });
  return communityDetail(tx, row);
}

export async function recordMeeting(
  tx: DbOrTx,
  ctx: Ctx,
  id: string,
  body: RecordMeetingBody,
): Promise<SmallCommunityMeeting> {
  const row = await loadCommunity(tx, ctx, id, { forUpdate: true });
  authorize(ctx, { kind: "smallCommunity.recordMeeting", hostUserId: row.hostUserId });
  assertNotEnded(row);
  // A meeting is recorded once it was held; planning one is a date in the calendar, not a record.
  if (body.heldOn > copenhagenDate(new Date())) throw AppError.field("heldOn", "invalid_value");
  const [meeting] = await tx
    .insert(smallCommunityMeetings)
    .values({
      municipalityId: ctx.actor.municipalityId,
      communityId: id,
      heldOn: body.heldOn,
      place: body.place ?? null,
      note: body.note ?? null,
      recordedBy: ctx.actor.userId,
    })
    .returning();
  if (row.status === "proposed")
    await tx.update(smallCommunities).set({ status: "active" }).where(eq(smallCommunities.id, id));
  await audit(
    tx,
    ctx,
    memberAudit("create", "small_community_meeting", meeting!.id, await activeMemberCitizens(tx, id)),
  );
  const [me] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, ctx.actor.userId));
  return presentMeeting(meeting!, me?.name ?? "");
}

/** Ending kindly: a reason is required; the members' courses go on untouched. */
export async function endCommunity(
  tx: DbOrTx,
  ctx: Ctx,
  id: string,
  body: { reason: string },
): Promise<SmallCommunity> {
  authorize(ctx, { kind: "smallCommunity.manage" });
  const row = await loadCommunity(tx, ctx, id, { forUpdate: true });
  assertNotEnded(row);
  const [ended] = await tx
    .update(smallCommunities)
    .set({ status: "ended", endReason: body.reason, endedAt: sql`now()` })
    .where(eq(smallCommunities.id, id))
    .returning();
  await audit(
    tx,
    ctx,
    memberAudit("update", "small_community", id, await activeMemberCitizens(tx, id), { ended: true }),
  );
  return communityDetail(tx, ended!);
}
