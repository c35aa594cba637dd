/**
 * The statements of erasure: every row of the citizen's inventory deleted, children before the
 * rows they point at (no ON DELETE CASCADE is relied on but the privacy tables' own). The audit
 * trail stays (its own retention rule removes it); its search terms were cleared before this runs.
 */
import { and, inArray } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client.js";
import {
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
import { inTenant } from "../../platform/tenancy.js";
import type { Inventory } from "./erasure-inventory.js";

type Deletable = PgTable & { municipalityId: PgColumn };

export async function deleteEverything(tx: DbOrTx, inv: Inventory): Promise<void> {
  const m = inv.citizen.municipalityId;
  const ids = inv.ids;
  const remove = async <T extends Deletable>(
    table: T,
    column: PgColumn,
    values: readonly (string | number)[],
  ) => {
    if (values.length === 0) return;
    await tx.delete(table).where(and(inTenant(table, m), inArray(column, [...values])));
  };
  // Children first: each table is deleted before every table it references.
  await remove(outboxMessages, outboxMessages.id, ids.outbox_messages);
  await remove(outcomeMeasurements, outcomeMeasurements.id, ids.outcome_measurements);
  await remove(journalNotes, journalNotes.id, ids.journal_notes);
  await remove(targetGroupChanges, targetGroupChanges.id, ids.target_group_changes);
  await remove(detectionClips, detectionClips.id, ids.detection_clips);
  await remove(triageDecisions, triageDecisions.id, ids.triage_decisions);
  await remove(conditionAssessments, conditionAssessments.id, ids.condition_assessments);
  await remove(clips, clips.id, ids.clips);
  await remove(clipGrants, clipGrants.id, ids.clip_grants);
  await remove(followUps, followUps.id, ids.follow_ups);
  await remove(courseEvents, courseEvents.id, ids.course_events);
  await remove(conversations, conversations.id, ids.conversations);
  await remove(interventions, interventions.id, ids.interventions);
  await remove(placementEvents, placementEvents.id, ids.placement_events);
  await remove(placements, placements.id, ids.placements);
  await remove(volunteerReferrals, volunteerReferrals.id, ids.volunteer_referrals);
  await remove(smallCommunityMembers, smallCommunityMembers.courseId, ids.small_community_memberships);
  await remove(courses, courses.id, ids.courses);
  await remove(referralEvents, referralEvents.id, ids.referral_events);
  await remove(referrals, referrals.id, ids.referrals);
  await remove(screenings, screenings.id, ids.screenings);
  await remove(citizenMessagingConsents, citizenMessagingConsents.id, ids.messaging_consents);
  await remove(citizenContacts, citizenContacts.id, ids.contacts);
  await remove(citizenRevisions, citizenRevisions.id, ids.revisions.map(Number));
  await remove(citizenRestrictions, citizenRestrictions.id, ids.restrictions);
  await remove(citizens, citizens.id, ids.citizen);
}
