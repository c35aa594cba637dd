/**
 * Planned clips on workers' days (the route list, kørelisten) and each worker's personal
 * iCalendar feed. The feed carries what a route list shows — time, citizen's name and address,
 * the kind of clip, opsporingsklip or booked conversation — and nothing more: no notes, no
 * health details.
 */
import { createHash, randomBytes } from "node:crypto";
import { addDays, formatISO, parseISO } from "date-fns";
import { and, eq, gte, isNull, lte } from "drizzle-orm";
import ical from "ical-generator";
import { copenhagenDate, copenhagenInstant } from "../../../domain/time.js";
import type { Db, DbOrTx } from "../../db/client.js";
import { calendarFeeds, clips, organisations, users } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { bookedConversations, plannedDetectionClips } from "./calendar-events.js";
import { listedCitizen } from "../citizens/index.js";
import { presentClips, selectClips } from "./clip-queries.js";
import { isolateTenant } from "../../platform/tenant-isolation.js";

/** The clips planned on a day for a worker (or the caller's provider); also read by "Mine borgere i dag". */
export function dayClipsWhere(ctx: Ctx, date: string, worker: string | null) {
  return and(
    eq(clips.plannedOn, date),
    worker ? eq(clips.workerUserId, worker) : eq(clips.providerOrganisationId, ctx.actor.organisationId),
    // A private provider's planner sees its own citizens' clips only, whoever planned them.
    ctx.actor.organisationKind === "private_provider"
      ? eq(clips.providerOrganisationId, ctx.actor.organisationId)
      : undefined,
    // Anonymised or restricted citizens are on no one's day (issue 13); selectClips joins citizens.
    listedCitizen(),
  );
}

export async function clipsOfDay(
  tx: DbOrTx,
  ctx: Ctx,
  query: { date?: string | undefined; workerUserId?: string | undefined },
) {
  const date = query.date ?? copenhagenDate(new Date());
  const worker = query.workerUserId ?? (ctx.actor.role === "home_care_worker" ? ctx.actor.userId : null);
  authorize(ctx, { kind: "clip.day", workerUserId: worker ?? "" });
  const rows = await selectClips(tx, ctx, dayClipsWhere(ctx, date, worker));
  await audit(
    tx,
    ctx,
    rows.length === 0
      ? { action: "search", entityType: "clip", criterion: { day: date, worker, hits: 0 } }
      : rows.map((r) => ({
          action: "search" as const,
          entityType: "clip",
          entityId: r.clip.id,
          citizenId: r.clip.citizenId,
          criterion: { day: date, worker },
        })),
  );
  return presentClips(rows);
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function calendarFeedStatus(tx: DbOrTx, ctx: Ctx) {
  authorize(ctx, { kind: "calendarFeed.manage" });
  const [feed] = await tx
    .select({ createdAt: calendarFeeds.createdAt })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.userId, ctx.actor.userId), isNull(calendarFeeds.revokedAt)));
  return { active: !!feed, createdAt: feed?.createdAt.toISOString() ?? null, url: null };
}

/** Creating a feed revokes the previous one: a leaked address is fixed by making a new one. */
export async function createCalendarFeed(tx: DbOrTx, ctx: Ctx, origin: string) {
  authorize(ctx, { kind: "calendarFeed.manage" });
  await tx
    .update(calendarFeeds)
    .set({ revokedAt: new Date() })
    .where(and(eq(calendarFeeds.userId, ctx.actor.userId), isNull(calendarFeeds.revokedAt)));
  const token = randomBytes(24).toString("base64url");
  const [row] = await tx
    .insert(calendarFeeds)
    .values({
      municipalityId: ctx.actor.municipalityId,
      userId: ctx.actor.userId,
      tokenHash: hashToken(token),
    })
    .returning({ createdAt: calendarFeeds.createdAt });
  await audit(tx, ctx, { action: "create", entityType: "calendar_feed", entityId: ctx.actor.userId });
  return {
    active: true,
    createdAt: row!.createdAt.toISOString(),
    url: `${origin}/api/calendar/${token}.ics`,
  };
}

export async function revokeCalendarFeed(tx: DbOrTx, ctx: Ctx) {
  authorize(ctx, { kind: "calendarFeed.manage" });
  await tx
    .update(calendarFeeds)
    .set({ revokedAt: new Date() })
    .where(and(eq(calendarFeeds.userId, ctx.actor.userId), isNull(calendarFeeds.revokedAt)));
  await audit(tx, ctx, { action: "delete", entityType: "calendar_feed", entityId: ctx.actor.userId });
  return { active: false, createdAt: null, url: null };
}

const KIND_DA: Record<string, string> = {
  detection: "Opsporingsklip",
  conversation: "Samtale",
  accompaniment: "Ledsagelse",
  participation: "Deltagelse",
  follow_up: "Opfølgning",
};
const FORM_DA: Record<string, string> = {
  to_from: "til/fra",
  to_from_during: "til/fra/under",
  before_departure: "inden afgang",
  courage_motivation: "mod og motivation",
};

const CONVERSATION_DA: Record<string, string> = {
  clarification: "Afklarende samtale",
  guidance: "Vejledende samtale",
  follow_up: "Opfølgningssamtale",
};
const CONVERSATION_MINUTES = 60;

/**
 * The feed a phone's calendar polls, from a week back to eight weeks ahead: the worker's planned
 * clips, planned opsporingsklip and the conversations they booked (calendar-events.ts).
 */
export async function calendarFeedIcs(db: Db, token: string): Promise<string> {
  return db.transaction(async (tx) => {
    const [feed] = await tx
      .select({
        userId: calendarFeeds.userId,
        municipalityId: users.municipalityId,
        organisationId: users.organisationId,
        organisationKind: organisations.kind,
        role: users.role,
        active: users.active,
        districtId: users.districtId,
      })
      .from(calendarFeeds)
      .innerJoin(users, eq(users.id, calendarFeeds.userId))
      .innerJoin(organisations, eq(organisations.id, users.organisationId))
      .where(and(eq(calendarFeeds.tokenHash, hashToken(token)), isNull(calendarFeeds.revokedAt)));
    if (!feed || !feed.active) throw AppError.notFound("calendar_feed_not_found");
    // The token named its worker; the window is read under that municipality's row-level security.
    await isolateTenant(tx, feed.municipalityId);
    const today = parseISO(copenhagenDate(new Date()));
    const from = formatISO(addDays(today, -7), { representation: "date" });
    const to = formatISO(addDays(today, 56), { representation: "date" });
    const ctx: Ctx = {
      actor: {
        userId: feed.userId,
        municipalityId: feed.municipalityId,
        organisationId: feed.organisationId,
        organisationKind: feed.organisationKind,
        districtId: feed.districtId,
        role: feed.role,
      },
      ip: "calendar",
      userAgent: null,
      lang: "da",
    };
    const rows = await selectClips(
      tx,
      ctx,
      and(
        eq(clips.workerUserId, feed.userId),
        eq(clips.status, "planned"),
        gte(clips.plannedOn, from),
        lte(clips.plannedOn, to),
        listedCitizen(),
      ),
    );
    const detection = await plannedDetectionClips(tx, ctx, from, to);
    const booked = await bookedConversations(
      tx,
      ctx,
      copenhagenInstant(from, "00:00"),
      copenhagenInstant(formatISO(addDays(parseISO(to), 1), { representation: "date" }), "00:00"),
    );
    await audit(tx, ctx, [
      ...rows.map((r) => ({
        action: "read" as const,
        entityType: "calendar_feed" as const,
        entityId: r.clip.id,
        citizenId: r.clip.citizenId,
      })),
      ...detection.map((d) => ({
        action: "read" as const,
        entityType: "calendar_feed" as const,
        entityId: d.id,
        citizenId: d.citizenId,
      })),
      ...booked.map((b) => ({
        action: "read" as const,
        entityType: "calendar_feed" as const,
        entityId: b.id,
        citizenId: b.citizenId,
      })),
    ]);
    const cal = ical({
      name: "Broen – planlagte klip",
      prodId: { company: "Broen", product: "klip", language: "DA" },
      ttl: 15 * 60,
    });
    for (const { clip: c, ...r } of rows) {
      if (!c.plannedOn || !c.plannedStart) continue;
      const start = copenhagenInstant(c.plannedOn, c.plannedStart);
      const form = c.accompanimentForm ? ` (${FORM_DA[c.accompanimentForm]})` : "";
      cal.createEvent({
        id: `${c.id}@broen`,
        start,
        end: new Date(start.getTime() + (c.plannedMinutes ?? 30) * 60_000),
        summary: `${KIND_DA[c.kind] ?? c.kind}${form}: ${r.citizenFirstName} ${r.citizenLastName}`,
        location: r.citizenAddress,
      });
    }
    for (const d of detection) {
      // No clock time is planned for an opsporingsklip: an all-day event on its day (a date, so no time zone can move it).
      cal.createEvent({
        id: `detection-${d.id}@broen`,
        allDay: true,
        start: d.day,
        summary: `${KIND_DA.detection} (${d.minutes} min): ${d.firstName} ${d.lastName}`,
        location: d.address,
      });
    }
    for (const b of booked) {
      if (!b.at) continue;
      cal.createEvent({
        id: `conversation-${b.id}@broen`,
        start: b.at,
        // A booking has no length; an hour is what a visit with a conversation guide takes.
        end: new Date(b.at.getTime() + CONVERSATION_MINUTES * 60_000),
        summary: `${CONVERSATION_DA[b.kind] ?? KIND_DA.conversation}: ${b.firstName} ${b.lastName}`,
        location: b.address,
      });
    }
    return cal.toString();
  });
}
