/**
 * Every row Broen holds about one citizen, by category (src/domain/privacy/erasure-plan.ts): the
 * map anonymisation, erasure and their preview all read, so the three can never disagree about
 * what belongs to the citizen. Rows are found by the citizen's id, and rows that hang from the
 * citizen's rows (events of a referral, course, placement; grants and follow-ups of a course) by
 * those rows' ids — plus referrals from outside that never got linked but carry the citizen's CPR.
 */
import { type SQL, and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { ErasureBlockers, ErasureCategory } from "../../../domain/privacy/erasure-plan.js";
import { type DbOrTx, inSequence } from "../../db/client.js";
import {
  auditEvents,
  citizenContacts,
  citizenMessagingConsents,
  citizenRestrictions,
  citizenRevisions,
  citizens,
  clipGrants,
  clips,
  conditionAssessments,
  conversations,
  courseEvents,
  courses,
  detectionClips,
  followUps,
  interventions,
  journalNotes,
  outboxMessages,
  outcomeMeasurements,
  placementEvents,
  placements,
  referralEvents,
  referrals,
  screenings,
  smallCommunityMembers,
  targetGroupChanges,
  triageDecisions,
  volunteerReferrals,
} from "../../db/schema/index.js";
import { AppError } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";

export type CitizenRecord = typeof citizens.$inferSelect;

/** Ids of the citizen's rows per category (audit rows and stored answers are found by these). */
export interface Inventory {
  citizen: CitizenRecord;
  ids: Record<Exclude<ErasureCategory, "stored_answers" | "audit_search_terms">, string[]>;
  blockers: ErasureBlockers;
}

/** The citizen in the municipality (404 otherwise), locked against a concurrent edit when `lock`. */
export async function loadCitizen(
  tx: DbOrTx,
  municipalityId: string,
  citizenId: string,
  lock: boolean,
): Promise<CitizenRecord> {
  const query = tx
    .select()
    .from(citizens)
    .where(and(inTenant(citizens, municipalityId), eq(citizens.id, citizenId)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw AppError.notFound("citizen_not_found");
  return row;
}

type IdTable = { id: PgColumn; municipalityId: PgColumn };

function idsWhere(tx: DbOrTx, table: IdTable, municipalityId: string, where: SQL | undefined) {
  return async () => {
    const rows = await tx
      .select({ id: table.id })
      .from(table as never)
      .where(and(inTenant(table, municipalityId), where));
    return (rows as { id: string }[]).map((r) => r.id);
  };
}

/** `column in (ids)`, or nothing matches when there are none. */
export function inIds(column: PgColumn, ids: readonly string[]): SQL | undefined {
  return ids.length === 0 ? undefined : inArray(column, [...ids]);
}

const none = async (): Promise<string[]> => [];

/** What stands in the way without a reason: a course not closed, a referral not yet decided. */
const OPEN_STAGES = ["clarification", "guidance", "trial", "follow_up"] as const;
const OPEN_REFERRAL = ["new", "info_requested"] as const;

export async function inventoryOf(tx: DbOrTx, citizen: CitizenRecord): Promise<Inventory> {
  const m = citizen.municipalityId;
  const of = (column: PgColumn) => eq(column, citizen.id);
  const [
    contacts,
    revisions,
    restrictions,
    screeningIds,
    notes,
    groupChanges,
    detection,
    triage,
    referralIds,
    courseIds,
    conversationIds,
    conditions,
    clipIds,
    outcomes,
    placementIds,
    volunteerIds,
    consentIds,
    outboxIds,
  ] = await inSequence([
    idsWhere(tx, citizenContacts, m, of(citizenContacts.citizenId)),
    // bigserial ids: text, like the uuids.
    async () =>
      (
        await tx
          .select({ id: citizenRevisions.id })
          .from(citizenRevisions)
          .where(and(inTenant(citizenRevisions, m), of(citizenRevisions.citizenId)))
      ).map((r) => String(r.id)),
    idsWhere(tx, citizenRestrictions, m, of(citizenRestrictions.citizenId)),
    idsWhere(tx, screenings, m, of(screenings.citizenId)),
    idsWhere(tx, journalNotes, m, of(journalNotes.citizenId)),
    idsWhere(tx, targetGroupChanges, m, of(targetGroupChanges.citizenId)),
    idsWhere(tx, detectionClips, m, of(detectionClips.citizenId)),
    idsWhere(tx, triageDecisions, m, of(triageDecisions.citizenId)),
    // A referral from outside (the public form) that no coordinator linked yet is still about this
    // citizen when it carries their CPR.
    idsWhere(
      tx,
      referrals,
      m,
      or(of(referrals.citizenId), and(isNull(referrals.citizenId), eq(referrals.subjectCpr, citizen.cpr))),
    ),
    idsWhere(tx, courses, m, of(courses.citizenId)),
    idsWhere(tx, conversations, m, of(conversations.citizenId)),
    idsWhere(tx, conditionAssessments, m, of(conditionAssessments.citizenId)),
    idsWhere(tx, clips, m, of(clips.citizenId)),
    idsWhere(tx, outcomeMeasurements, m, of(outcomeMeasurements.citizenId)),
    idsWhere(tx, placements, m, of(placements.citizenId)),
    idsWhere(tx, volunteerReferrals, m, of(volunteerReferrals.citizenId)),
    idsWhere(tx, citizenMessagingConsents, m, of(citizenMessagingConsents.citizenId)),
    idsWhere(tx, outboxMessages, m, of(outboxMessages.citizenId)),
  ] as const);
  const byCourse = (table: IdTable & { courseId: PgColumn }) =>
    courseIds.length ? idsWhere(tx, table, m, inIds(table.courseId, courseIds)) : none;
  const [
    courseEventIds,
    interventionIds,
    grantIds,
    followUpIds,
    referralEventIds,
    placementEventIds,
    members,
  ] = await inSequence([
    byCourse(courseEvents),
    byCourse(interventions),
    byCourse(clipGrants),
    byCourse(followUps),
    referralIds.length
      ? idsWhere(tx, referralEvents, m, inIds(referralEvents.referralId, referralIds))
      : none,
    placementIds.length
      ? idsWhere(tx, placementEvents, m, inIds(placementEvents.placementId, placementIds))
      : none,
    // A membership's key is (community, course): the course id stands for it.
    async () =>
      (
        await tx
          .select({ id: smallCommunityMembers.courseId })
          .from(smallCommunityMembers)
          .where(and(inTenant(smallCommunityMembers, m), of(smallCommunityMembers.citizenId)))
      ).map((r) => r.id),
  ] as const);
  const [openCourses, activeReferrals] = await inSequence([
    async () =>
      (
        await tx
          .select({ id: courses.id })
          .from(courses)
          .where(and(inTenant(courses, m), of(courses.citizenId), inArray(courses.stage, [...OPEN_STAGES])))
      ).length,
    async () =>
      (
        await tx
          .select({ id: referrals.id })
          .from(referrals)
          .where(
            and(
              inTenant(referrals, m),
              of(referrals.citizenId),
              inArray(referrals.status, [...OPEN_REFERRAL]),
            ),
          )
      ).length +
      (
        await tx
          .select({ id: volunteerReferrals.id })
          .from(volunteerReferrals)
          .where(
            and(
              inTenant(volunteerReferrals, m),
              of(volunteerReferrals.citizenId),
              eq(volunteerReferrals.status, "sent"),
              isNull(volunteerReferrals.consentWithdrawnAt),
            ),
          )
      ).length,
  ] as const);
  return {
    citizen,
    ids: {
      citizen: [citizen.id],
      contacts,
      revisions,
      restrictions,
      screenings: screeningIds,
      journal_notes: notes,
      target_group_changes: groupChanges,
      detection_clips: detection,
      triage_decisions: triage,
      referrals: referralIds,
      referral_events: referralEventIds,
      courses: courseIds,
      course_events: courseEventIds,
      conversations: conversationIds,
      condition_assessments: conditions,
      interventions: interventionIds,
      clip_grants: grantIds,
      clips: clipIds,
      follow_ups: followUpIds,
      outcome_measurements: outcomes,
      placements: placementIds,
      placement_events: placementEventIds,
      volunteer_referrals: volunteerIds,
      small_community_memberships: members,
      messaging_consents: consentIds,
      outbox_messages: outboxIds,
    },
    blockers: { openCourses, activeReferrals },
  };
}

/** The audit rows that name the citizen and hold a search term (what was typed to find them). */
export async function auditSearchTermRows(tx: DbOrTx, citizen: CitizenRecord): Promise<number> {
  const rows = await tx
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(and(inTenant(auditEvents, citizen.municipalityId), auditSearchTermsOf(citizen.id)));
  return rows.length;
}

export function auditSearchTermsOf(citizenId: string): SQL {
  return and(eq(auditEvents.citizenId, citizenId), sqlHasKey(auditEvents.criterion, "q"))!;
}

function sqlHasKey(column: PgColumn, key: string): SQL {
  // jsonb "?" would be read as a parameter placeholder by some drivers; jsonb_exists is the same test.
  return sql`jsonb_exists(${column}, ${key})`;
}
