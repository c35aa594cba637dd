/**
 * Which citizen a FHIR resource id belongs to (read by id, `_id` searches). The builders derive
 * every id from a Broen row's UUID — the row itself, or the row plus a suffix where one row gives
 * two resources (domain/care-record/fhir/resources.ts, `careIds`) — so the UUID at the start of
 * the id names a citizen, course, intervention, clip, conversation, follow-up, screening or
 * assessment. This finds its citizen in one query; the caller then builds the citizen's resources
 * and looks for the exact type and id, so a lookup that finds too much never answers anything wrong.
 */
import { and, eq, inArray } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../../db/client.js";
import {
  citizens,
  clips,
  conditionAssessments,
  conversations,
  courses,
  followUps,
  interventions,
  screenings,
} from "../../../db/schema/index.js";
import { inTenant } from "../../../platform/tenancy.js";

const UUID_PREFIX = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:-[A-Za-z0-9.-]+)?$/i;

/** The Broen row UUID a resource id starts with, or null for an id Broen never makes. */
export function rowIdOf(resourceId: string): string | null {
  const m = UUID_PREFIX.exec(resourceId);
  return m ? m[1]!.toLowerCase() : null;
}

/** The citizens (of the municipality) whose rows the given UUIDs are; sorted, without repeats. */
export async function citizensOfRows(
  tx: DbOrTx,
  municipalityId: string,
  rowIds: readonly string[],
): Promise<string[]> {
  const ids = [...new Set(rowIds)];
  if (ids.length === 0) return [];
  const m = municipalityId;
  const rows = await unionAll(
    tx
      .select({ citizenId: citizens.id })
      .from(citizens)
      .where(and(inTenant(citizens, m), inArray(citizens.id, ids))),
    tx
      .select({ citizenId: courses.citizenId })
      .from(courses)
      .where(and(inTenant(courses, m), inArray(courses.id, ids))),
    tx
      .select({ citizenId: courses.citizenId })
      .from(interventions)
      .innerJoin(courses, eq(courses.id, interventions.courseId))
      .where(and(inTenant(interventions, m), inArray(interventions.id, ids))),
    tx
      .select({ citizenId: clips.citizenId })
      .from(clips)
      .where(and(inTenant(clips, m), inArray(clips.id, ids))),
    tx
      .select({ citizenId: conversations.citizenId })
      .from(conversations)
      .where(and(inTenant(conversations, m), inArray(conversations.id, ids))),
    tx
      .select({ citizenId: courses.citizenId })
      .from(followUps)
      .innerJoin(courses, eq(courses.id, followUps.courseId))
      .where(and(inTenant(followUps, m), inArray(followUps.id, ids))),
    tx
      .select({ citizenId: screenings.citizenId })
      .from(screenings)
      .where(and(inTenant(screenings, m), inArray(screenings.id, ids))),
    tx
      .select({ citizenId: conditionAssessments.citizenId })
      .from(conditionAssessments)
      .where(and(inTenant(conditionAssessments, m), inArray(conditionAssessments.id, ids))),
  );
  return [...new Set(rows.map((r) => r.citizenId).filter((id): id is string => id !== null))].sort();
}

/** The citizen with this CPR (DDMMYY-SSSS) in the municipality, if any. */
export async function citizenByCpr(tx: DbOrTx, municipalityId: string, cpr: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: citizens.id })
    .from(citizens)
    .where(and(inTenant(citizens, municipalityId), eq(citizens.cpr, cpr)));
  return row?.id ?? null;
}
