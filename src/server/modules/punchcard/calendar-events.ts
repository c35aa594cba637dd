/**
 * The worker's calendar feed beyond the punch-card clips (issue 11 point 13): the opsporingsklip
 * planned for them and the conversations they have booked. The same privacy as the clips: the
 * citizen's name and street address and what kind of visit it is — no notes, no scores, no CPR.
 */
import { and, eq, gte, lt, lte, ne } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { citizens, conversations, courses, detectionClips } from "../../db/schema/index.js";
import type { Ctx } from "../../platform/context.js";
import { inTenant } from "../../platform/tenancy.js";
import { listedCitizen } from "../citizens/index.js";

const who = {
  citizenId: citizens.id,
  firstName: citizens.firstName,
  lastName: citizens.lastName,
  address: citizens.addressLine,
};

/**
 * Planned opsporingsklip of the feed's worker. They have a day and minutes but no clock time
 * (a planner grants "30 minutes on Tuesday"), so the feed shows them as all-day events rather
 * than inventing a time.
 */
export function plannedDetectionClips(tx: DbOrTx, ctx: Ctx, from: string, to: string) {
  return tx
    .select({
      id: detectionClips.id,
      day: detectionClips.plannedDate,
      minutes: detectionClips.minutes,
      ...who,
    })
    .from(detectionClips)
    .innerJoin(citizens, eq(citizens.id, detectionClips.citizenId))
    .where(
      and(
        inTenant(detectionClips, ctx),
        eq(detectionClips.workerUserId, ctx.actor.userId),
        eq(detectionClips.status, "planned"),
        gte(detectionClips.plannedDate, from),
        lte(detectionClips.plannedDate, to),
        // Anonymised or restricted citizens are on no one's calendar (issue 13).
        listedCitizen(),
      ),
    );
}

/**
 * Booked conversations of open courses that the feed's user booked. A booking is written by the
 * coordinator who will hold the visit (`recorded_by` while the conversation is booked; recording
 * the result later replaces it), so the booker is "the worker" whose calendar shows it. Held and
 * cancelled conversations, and bookings of closed courses, are not on anyone's calendar.
 */
export function bookedConversations(tx: DbOrTx, ctx: Ctx, from: Date, until: Date) {
  return tx
    .select({ id: conversations.id, kind: conversations.kind, at: conversations.scheduledAt, ...who })
    .from(conversations)
    .innerJoin(courses, eq(courses.id, conversations.courseId))
    .innerJoin(citizens, eq(citizens.id, conversations.citizenId))
    .where(
      and(
        inTenant(conversations, ctx),
        eq(conversations.recordedBy, ctx.actor.userId),
        eq(conversations.status, "booked"),
        ne(courses.stage, "closed"),
        gte(conversations.scheduledAt, from),
        lt(conversations.scheduledAt, until),
        listedCitizen(),
      ),
    );
}
