/**
 * The statements of anonymisation (the plan: src/domain/privacy/erasure-plan.ts): what identifies
 * the citizen is emptied or deleted, the codes, dates and numbers the reports count stay as they
 * were. Also: the citizen's open work ends (an open course closes, undecided referrals end, future
 * planned clips and booked visits are cancelled), so no list keeps offering work on a person nobody
 * can identify — only an administrator's stated reason gets that far (erasure.ts).
 *
 * Every statement is scoped by the municipality (inTenant) and by the ids of the inventory.
 */
import { randomUUID } from "node:crypto";
import { and, eq, gte, inArray, isNull, ne, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { ANONYMOUS_NAME, anonymousBirthDate, anonymousCpr } from "../../../domain/privacy/erasure-plan.js";
import { copenhagenDate } from "../../../domain/time.js";
import type { DbOrTx } from "../../db/client.js";
import {
  citizenContacts,
  citizenMessagingConsents,
  citizenRestrictions,
  citizenRevisions,
  citizens,
  clipGrants,
  clips,
  conversations,
  courseEvents,
  courses,
  detectionClips,
  followUps,
  interventions,
  journalNotes,
  outboxMessages,
  placementEvents,
  placements,
  referralEvents,
  referrals,
  smallCommunityMembers,
  targetGroupChanges,
  volunteerReferrals,
} from "../../db/schema/index.js";
import { inTenant } from "../../platform/tenancy.js";
import { type Inventory, inIds } from "./erasure-inventory.js";

/** What ending the open work did (shown to the administrator after the step). */
export interface EndedWork {
  courses: number;
  referrals: number;
  volunteerReferrals: number;
  plannedClips: number;
  bookings: number;
  memberships: number;
}

type Scoped = { municipalityId: PgColumn; id: PgColumn };

/** `municipality = m and id in ids` — or nothing to do when there are no ids. */
function scoped(table: Scoped, municipalityId: string, ids: readonly string[]) {
  const where = inIds(table.id, ids);
  return where ? and(inTenant(table, municipalityId), where) : null;
}

/**
 * Closes what is still open about the citizen. Done before the content is cleared, so the events
 * these steps write (a course closed, a referral ended) are cleared with the rest.
 */
export async function endOpenWork(
  tx: DbOrTx,
  inv: Inventory,
  actorUserId: string | null,
  now: Date,
): Promise<EndedWork> {
  const m = inv.citizen.municipalityId;
  const ended: EndedWork = {
    courses: 0,
    referrals: 0,
    volunteerReferrals: 0,
    plannedClips: 0,
    bookings: 0,
    memberships: 0,
  };
  const courseWhere = scoped(courses, m, inv.ids.courses);
  if (courseWhere) {
    const open = await tx
      .select({ id: courses.id, stage: courses.stage, coordinator: courses.coordinatorUserId })
      .from(courses)
      .where(and(courseWhere, ne(courses.stage, "closed")));
    if (open.length > 0) {
      await tx
        .update(courses)
        .set({
          stage: "closed",
          stageSince: now,
          closedAt: now,
          closingReason: "other",
          pausedAt: null,
          nextFollowUpOn: null,
          version: sql`${courses.version} + 1`,
        })
        .where(
          and(
            inTenant(courses, m),
            inArray(
              courses.id,
              open.map((c) => c.id),
            ),
          ),
        );
      // course_events needs an actor: the administrator, or (a scheduled rule) the course's coordinator.
      const rows = await tx
        .insert(courseEvents)
        .values(
          open.map((c) => ({
            municipalityId: m,
            courseId: c.id,
            kind: "closed" as const,
            fromStage: c.stage,
            toStage: "closed" as const,
            actorUserId: actorUserId ?? c.coordinator,
            at: now,
          })),
        )
        .returning({ id: courseEvents.id });
      inv.ids.course_events.push(...rows.map((r) => r.id));
    }
    ended.courses = open.length;
  }
  const referralWhere = scoped(referrals, m, inv.ids.referrals);
  if (referralWhere) {
    const open = await tx
      .select({ id: referrals.id, status: referrals.status })
      .from(referrals)
      .where(and(referralWhere, inArray(referrals.status, ["new", "info_requested"])));
    if (open.length > 0) {
      // Ended as a decision of the coordinators' unit would be: rejected, with no message.
      await tx
        .update(referrals)
        .set({ status: "rejected", updatedAt: now })
        .where(
          and(
            inTenant(referrals, m),
            inArray(
              referrals.id,
              open.map((r) => r.id),
            ),
          ),
        );
      const rows = await tx
        .insert(referralEvents)
        .values(
          open.map((r) => ({
            municipalityId: m,
            referralId: r.id,
            fromStatus: r.status,
            toStatus: "rejected" as const,
            action: "reject" as const,
            actorUserId,
            at: now,
          })),
        )
        .returning({ id: referralEvents.id });
      inv.ids.referral_events.push(...rows.map((r) => r.id));
    }
    ended.referrals = open.length;
  }
  const volunteerWhere = scoped(volunteerReferrals, m, inv.ids.volunteer_referrals);
  if (volunteerWhere) {
    // A referral still waiting at the volunteer centre ends the way a withdrawal of consent ends it
    // (placements' volunteer-consent.ts): the centre sees only that it ended and can answer no more.
    // Its status report figures stay; the centre's own "withdrawn" figure counts it.
    ended.volunteerReferrals = (
      await tx
        .update(volunteerReferrals)
        .set({
          status: "withdrawn",
          withdrawnFromStatus: "sent",
          consentWithdrawnAt: now,
          consentWithdrawnBy: actorUserId,
        })
        .where(
          and(
            volunteerWhere,
            eq(volunteerReferrals.status, "sent"),
            isNull(volunteerReferrals.consentWithdrawnAt),
          ),
        )
        .returning({ id: volunteerReferrals.id })
    ).length;
  }
  // Clips planned for today or later leave the workers' days; a planned clip of an earlier day stays
  // as it was (punch-card use of past periods counts it).
  const today = copenhagenDate(now);
  const clipWhere = scoped(clips, m, inv.ids.clips);
  if (clipWhere)
    ended.plannedClips += (
      await tx
        .update(clips)
        .set({ status: "cancelled" })
        .where(and(clipWhere, eq(clips.status, "planned"), gte(clips.plannedOn, today)))
        .returning({ id: clips.id })
    ).length;
  const detectionWhere = scoped(detectionClips, m, inv.ids.detection_clips);
  if (detectionWhere)
    ended.plannedClips += (
      await tx
        .update(detectionClips)
        .set({ status: "cancelled" })
        .where(
          and(detectionWhere, eq(detectionClips.status, "planned"), gte(detectionClips.plannedDate, today)),
        )
        .returning({ id: detectionClips.id })
    ).length;
  const bookingWhere = scoped(conversations, m, inv.ids.conversations);
  if (bookingWhere)
    ended.bookings = (
      await tx
        .update(conversations)
        .set({ status: "cancelled", updatedAt: now })
        .where(and(bookingWhere, eq(conversations.status, "booked")))
        .returning({ id: conversations.id })
    ).length;
  ended.memberships = (
    await tx
      .update(smallCommunityMembers)
      .set({ leftAt: now })
      .where(
        and(
          inTenant(smallCommunityMembers, m),
          eq(smallCommunityMembers.citizenId, inv.citizen.id),
          isNull(smallCommunityMembers.leftAt),
        ),
      )
      .returning({ id: smallCommunityMembers.courseId })
  ).length;
  return ended;
}

/** Empties what identifies the citizen, everywhere in their rows; deletes what is nothing but that. */
export async function clearIdentifyingContent(tx: DbOrTx, inv: Inventory, now: Date): Promise<void> {
  const m = inv.citizen.municipalityId;
  const ids = inv.ids;
  const { cpr, cprLast4 } = anonymousCpr(randomUUID());
  await tx
    .update(citizens)
    .set({
      cpr,
      cprLast4,
      birthDate: anonymousBirthDate(inv.citizen.birthDate),
      firstName: ANONYMOUS_NAME.firstName,
      lastName: ANONYMOUS_NAME.lastName,
      addressLine: "",
      postalCode: "",
      city: "",
      phone: null,
      lat: null,
      lon: null,
      searchText: "",
      sortName: "",
      anonymisedAt: now,
      version: sql`${citizens.version} + 1`,
      updatedAt: now,
    })
    .where(and(inTenant(citizens, m), eq(citizens.id, inv.citizen.id)));

  const steps: (() => Promise<unknown>)[] = [];
  const each = <T extends Scoped>(
    table: T,
    categoryIds: readonly string[],
    run: (where: ReturnType<typeof and>) => Promise<unknown>,
  ) => {
    const where = scoped(table, m, categoryIds);
    if (where) steps.push(() => run(where));
  };
  // Nothing but personal data about the citizen or the people around them: deleted.
  each(citizenContacts, ids.contacts, (w) => tx.delete(citizenContacts).where(w));
  each(citizenMessagingConsents, ids.messaging_consents, (w) => tx.delete(citizenMessagingConsents).where(w));
  // The outbox's history stays; whom it went to and what it said do not. A message still waiting
  // has nowhere to go any more: cancelled.
  each(outboxMessages, ids.outbox_messages, (w) =>
    tx
      .update(outboxMessages)
      .set({
        toAddress: "",
        subject: null,
        body: "",
        providerMessageId: null,
        status: sql`case when ${outboxMessages.status} = 'queued' then 'cancelled' else ${outboxMessages.status} end`,
        cancelledAt: sql`case when ${outboxMessages.status} = 'queued' then now() else ${outboxMessages.cancelledAt} end`,
      })
      .where(w),
  );
  each(journalNotes, ids.journal_notes, (w) => tx.delete(journalNotes).where(w));
  const revisionIds = ids.revisions.map(Number);
  if (revisionIds.length > 0)
    steps.push(() =>
      tx
        .delete(citizenRevisions)
        .where(and(inTenant(citizenRevisions, m), inArray(citizenRevisions.id, revisionIds))),
    );
  // Rows the reports count: their free text and the names in them emptied.
  each(citizenRestrictions, ids.restrictions, (w) =>
    tx.update(citizenRestrictions).set({ reason: "", liftReason: null }).where(w),
  );
  each(targetGroupChanges, ids.target_group_changes, (w) =>
    tx.update(targetGroupChanges).set({ note: null }).where(w),
  );
  each(referrals, ids.referrals, (w) =>
    tx
      .update(referrals)
      .set({
        referrerName: null,
        referrerContact: null,
        subjectName: null,
        subjectAddress: null,
        subjectPhone: null,
        subjectCpr: null,
        reason: "",
      })
      .where(w),
  );
  each(referralEvents, ids.referral_events, (w) => tx.update(referralEvents).set({ message: null }).where(w));
  each(courses, ids.courses, (w) =>
    tx.update(courses).set({ citizenAccount: null, matchingProfile: null }).where(w),
  );
  each(courseEvents, ids.course_events, (w) => tx.update(courseEvents).set({ reason: null }).where(w));
  each(conversations, ids.conversations, (w) =>
    tx.update(conversations).set({ themeNotes: {}, wishes: null, goals: [] }).where(w),
  );
  each(interventions, ids.interventions, (w) => tx.update(interventions).set({ description: null }).where(w));
  each(clipGrants, ids.clip_grants, (w) => tx.update(clipGrants).set({ exceptionReason: null }).where(w));
  each(clips, ids.clips, (w) =>
    tx.update(clips).set({ note: null, cancelReason: null, exceptionReason: null }).where(w),
  );
  each(followUps, ids.follow_ups, (w) => tx.update(followUps).set({ note: null }).where(w));
  each(placements, ids.placements, (w) => tx.update(placements).set({ stopReason: null }).where(w));
  each(placementEvents, ids.placement_events, (w) =>
    tx.update(placementEvents).set({ reason: null }).where(w),
  );
  each(volunteerReferrals, ids.volunteer_referrals, (w) =>
    tx.update(volunteerReferrals).set({ shared: {}, answer: null }).where(w),
  );
  // One after another on the transaction's one connection (client.ts, inSequence).
  for (const step of steps) await step();
}
