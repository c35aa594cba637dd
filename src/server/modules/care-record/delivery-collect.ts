/**
 * Reads what the FHIR builders need (src/domain/care-record/fhir/care-data.ts) for many citizens
 * at once (issue 14): the delivery report, the FHIR read API and the push all start here. One
 * query per table for the whole batch, never one per citizen. Anonymised citizens and citizens
 * whose processing is restricted (GDPR art. 18: no sharing) are left out, as if they had no data.
 * No audit here: the caller audits what it hands out.
 */
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type {
  AssessmentData,
  CitizenCareData,
  ClipData,
  ConversationData,
  CourseData,
  FollowUpData,
  InterventionData,
  PunchCardData,
  TilsData,
} from "../../../domain/care-record/fhir/care-data.js";
import { latestUpdate } from "../../../domain/care-record/fhir/care-data.js";
import type { ClipKind } from "../../../domain/punchcard/policy.js";
import type { Severity } from "../../../domain/course/vocabulary.js";
import { type DbOrTx, rawRows } from "../../db/client.js";
import {
  citizens,
  clipGrants,
  clips,
  conditionAssessments,
  conversations,
  courses,
  followUps,
  interventions,
  organisations,
  questionnaireDefinitions,
  screenings,
} from "../../db/schema/index.js";
import { inTenant } from "../../platform/tenancy.js";

/** The questionnaire whose answers are delivered as QuestionnaireResponse + score (issue 14). */
export const TILS_KEY = "t-ils";

const max = (...dates: (Date | null | undefined)[]): Date => {
  let ms = 0;
  for (const d of dates) if (d && d.getTime() > ms) ms = d.getTime();
  return new Date(ms);
};

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/** The ids of the batch that are neither anonymised nor restricted, in the order asked. */
export async function collectCareData(
  tx: DbOrTx,
  municipalityId: string,
  citizenIds: readonly string[],
): Promise<CitizenCareData[]> {
  const ids = [...new Set(citizenIds)];
  if (ids.length === 0) return [];
  const people = await tx
    .select({
      id: citizens.id,
      cpr: citizens.cpr,
      providerOrganisationId: citizens.providerOrganisationId,
      providerSorCode: organisations.sorCode,
      homeCareSince: citizens.homeCareSince,
      homeCareEndedOn: citizens.homeCareEndedOn,
      updatedAt: citizens.updatedAt,
    })
    .from(citizens)
    .leftJoin(organisations, eq(organisations.id, citizens.providerOrganisationId))
    .where(
      and(
        inTenant(citizens, municipalityId),
        inArray(citizens.id, ids),
        isNull(citizens.anonymisedAt),
        isNull(citizens.restrictedAt),
      ),
    );
  if (people.length === 0) return [];
  const found = people.map((p) => p.id);

  const courseRows = await tx
    .select({
      id: courses.id,
      citizenId: courses.citizenId,
      stage: courses.stage,
      openedAt: courses.openedAt,
      stageSince: courses.stageSince,
      pausedAt: courses.pausedAt,
      closedAt: courses.closedAt,
      nextFollowUpOn: courses.nextFollowUpOn,
    })
    .from(courses)
    .where(and(inTenant(courses, municipalityId), inArray(courses.citizenId, found)))
    .orderBy(asc(courses.openedAt), asc(courses.id));
  const courseIds = courseRows.map((c) => c.id);
  const citizenOfCourse = new Map(courseRows.map((c) => [c.id, c.citizenId]));
  const onCourses = async <T>(read: (ids: string[]) => Promise<T[]>): Promise<T[]> =>
    courseIds.length === 0 ? [] : read(courseIds);

  const assessmentRows = await tx
    .select({
      id: conditionAssessments.id,
      citizenId: conditionAssessments.citizenId,
      courseId: conditionAssessments.courseId,
      conditionCode: conditionAssessments.conditionCode,
      severity: conditionAssessments.severity,
      citizenView: conditionAssessments.citizenView,
      assessedAt: conditionAssessments.assessedAt,
    })
    .from(conditionAssessments)
    .where(
      and(inTenant(conditionAssessments, municipalityId), inArray(conditionAssessments.citizenId, found)),
    )
    .orderBy(asc(conditionAssessments.assessedAt), asc(conditionAssessments.id));

  const grantRows = await onCourses((cids) =>
    tx
      .select({
        courseId: clipGrants.courseId,
        kind: clipGrants.kind,
        clips: clipGrants.clips,
        grantedOn: clipGrants.grantedOn,
        createdAt: clipGrants.createdAt,
      })
      .from(clipGrants)
      .where(and(inTenant(clipGrants, municipalityId), inArray(clipGrants.courseId, cids)))
      .orderBy(asc(clipGrants.grantedOn), asc(clipGrants.id)),
  );
  const interventionRows = await onCourses((cids) =>
    tx
      .select({
        id: interventions.id,
        courseId: interventions.courseId,
        kind: interventions.kind,
        startedOn: interventions.startedOn,
        endedAt: interventions.endedAt,
        createdAt: interventions.createdAt,
      })
      .from(interventions)
      .where(and(inTenant(interventions, municipalityId), inArray(interventions.courseId, cids)))
      .orderBy(asc(interventions.startedOn), asc(interventions.id)),
  );
  const clipRows = await tx
    .select({
      id: clips.id,
      citizenId: clips.citizenId,
      courseId: clips.courseId,
      interventionId: clips.interventionId,
      kind: clips.kind,
      accompanimentForm: clips.accompanimentForm,
      performedOn: clips.performedOn,
      actualMinutes: clips.actualMinutes,
      registeredAt: clips.registeredAt,
      createdAt: clips.createdAt,
    })
    .from(clips)
    .where(and(inTenant(clips, municipalityId), inArray(clips.citizenId, found), eq(clips.status, "done")))
    .orderBy(asc(clips.performedOn), asc(clips.id));
  const conversationRows = await tx
    .select({
      id: conversations.id,
      citizenId: conversations.citizenId,
      courseId: conversations.courseId,
      kind: conversations.kind,
      status: conversations.status,
      scheduledAt: conversations.scheduledAt,
      heldAt: conversations.heldAt,
      updatedAt: conversations.updatedAt,
    })
    .from(conversations)
    .where(and(inTenant(conversations, municipalityId), inArray(conversations.citizenId, found)))
    .orderBy(asc(conversations.createdAt), asc(conversations.id));
  const followUpRows = await onCourses((cids) =>
    tx
      .select({
        id: followUps.id,
        courseId: followUps.courseId,
        result: followUps.result,
        performedAt: followUps.performedAt,
      })
      .from(followUps)
      .where(and(inTenant(followUps, municipalityId), inArray(followUps.courseId, cids)))
      .orderBy(asc(followUps.performedAt), asc(followUps.id)),
  );
  const tilsRows = await tx
    .select({
      id: screenings.id,
      citizenId: screenings.citizenId,
      version: questionnaireDefinitions.version,
      answers: screenings.answers,
      scores: screenings.scores,
      outcomeKey: screenings.outcomeKey,
      performedAt: screenings.performedAt,
    })
    .from(screenings)
    .innerJoin(questionnaireDefinitions, eq(questionnaireDefinitions.id, screenings.definitionId))
    .where(
      and(
        inTenant(screenings, municipalityId),
        inArray(screenings.citizenId, found),
        eq(questionnaireDefinitions.key, TILS_KEY),
        sql`${screenings.answers} is not null`,
      ),
    )
    .orderBy(asc(screenings.performedAt), asc(screenings.id));

  const byCitizen = <T>(rows: readonly T[], key: (r: T) => string | undefined) =>
    groupBy(rows, (r) => key(r) ?? "");
  const coursesOf = byCitizen(courseRows, (c) => c.citizenId);
  const assessmentsOf = byCitizen(assessmentRows, (a) => a.citizenId);
  const grantsOf = byCitizen(grantRows, (g) => citizenOfCourse.get(g.courseId));
  const interventionsOf = byCitizen(interventionRows, (i) => citizenOfCourse.get(i.courseId));
  const clipsOf = byCitizen(clipRows, (c) => c.citizenId);
  const conversationsOf = byCitizen(conversationRows, (c) => c.citizenId);
  const followUpsOf = byCitizen(followUpRows, (f) => citizenOfCourse.get(f.courseId));
  const tilsOf = byCitizen(tilsRows, (t) => t.citizenId);

  const byId = new Map(people.map((p) => [p.id, p]));
  const out: CitizenCareData[] = [];
  for (const id of ids) {
    const p = byId.get(id);
    if (!p) continue;
    const courseList = coursesOf.get(id) ?? [];
    const closedAtOf = new Map(courseList.map((c) => [c.id, c.closedAt]));
    const courseData: CourseData[] = courseList.map((c) => ({
      id: c.id,
      stage: c.stage,
      openedAt: c.openedAt,
      closedAt: c.closedAt,
      nextFollowUpOn: c.closedAt ? null : c.nextFollowUpOn,
      lastUpdated: max(c.openedAt, c.stageSince, c.pausedAt, c.closedAt),
    }));
    const punchCards: PunchCardData[] = [...groupBy(grantsOf.get(id) ?? [], (g) => g.courseId)].map(
      ([courseId, grants]) => {
        const granted: Partial<Record<ClipKind, number>> = {};
        for (const g of grants) granted[g.kind] = (granted[g.kind] ?? 0) + g.clips;
        const closedAt = closedAtOf.get(courseId) ?? null;
        return {
          courseId,
          grantedFrom: grants.map((g) => g.grantedOn).sort()[0] as string,
          endedAt: closedAt,
          grantedClips: granted,
          lastUpdated: max(...grants.map((g) => g.createdAt), closedAt),
        };
      },
    );
    const assessments: AssessmentData[] = (assessmentsOf.get(id) ?? []).map((a) => ({
      id: a.id,
      courseId: a.courseId,
      severity: a.severity as Severity,
      citizenView: a.citizenView,
      assessedAt: a.assessedAt,
    }));
    const interventionData: InterventionData[] = (interventionsOf.get(id) ?? []).map((i) => ({
      id: i.id,
      courseId: i.courseId,
      kind: i.kind,
      startedOn: i.startedOn,
      endedAt: i.endedAt,
      lastUpdated: max(i.createdAt, i.endedAt),
    }));
    const clipData: ClipData[] = (clipsOf.get(id) ?? [])
      .filter((c) => c.performedOn !== null)
      .map((c) => ({
        id: c.id,
        courseId: c.courseId,
        interventionId: c.interventionId,
        kind: c.kind,
        accompanimentForm: c.accompanimentForm,
        performedOn: c.performedOn as string,
        actualMinutes: c.actualMinutes,
        lastUpdated: max(c.registeredAt, c.createdAt),
      }));
    const conversationData: ConversationData[] = (conversationsOf.get(id) ?? []).map((c) => ({
      id: c.id,
      courseId: c.courseId,
      kind: c.kind,
      status: c.status,
      scheduledAt: c.scheduledAt,
      heldAt: c.heldAt,
      lastUpdated: c.updatedAt,
    }));
    const followUpData: FollowUpData[] = (followUpsOf.get(id) ?? []).map((f) => ({
      id: f.id,
      courseId: f.courseId,
      result: f.result,
      performedAt: f.performedAt,
    }));
    const tils: TilsData[] = (tilsOf.get(id) ?? []).map((t) => ({
      id: t.id,
      definitionVersion: t.version,
      answers: stringRecord(t.answers),
      score: totalScore(t.scores),
      outcomeKey: t.outcomeKey,
      performedAt: t.performedAt,
    }));
    const data: Omit<CitizenCareData, "lastUpdated"> = {
      citizenId: p.id,
      municipalityId,
      cpr: p.cpr,
      providerOrganisationId: p.providerOrganisationId,
      providerSorCode: p.providerSorCode ?? null,
      homeCareSince: p.homeCareSince,
      homeCareEndedOn: p.homeCareEndedOn,
      citizenUpdatedAt: p.updatedAt,
      assessments,
      courses: courseData,
      punchCards,
      interventions: interventionData,
      clips: clipData,
      conversations: conversationData,
      followUps: followUpData,
      tils,
    };
    out.push({ ...data, lastUpdated: latestUpdate(data) });
  }
  return out;
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      if (typeof v === "string") out[k] = v;
  }
  return out;
}

function totalScore(scores: unknown): number | null {
  if (!scores || typeof scores !== "object") return null;
  const total = (scores as Record<string, unknown>).total;
  return typeof total === "number" ? total : null;
}

export interface ChangedCitizen {
  citizenId: string;
  lastUpdated: Date;
}

/** An opaque position after a row of citizensChangedSince (for the next page). */
export function changedCursor(row: ChangedCitizen): string {
  return `${row.lastUpdated.getTime()}.${row.citizenId}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseCursor(after: string | undefined): { ms: number; id: string } | null {
  if (!after) return null;
  const dot = after.indexOf(".");
  const ms = Number(after.slice(0, dot));
  const id = after.slice(dot + 1);
  if (dot < 1 || !Number.isSafeInteger(ms) || !UUID.test(id)) return null;
  return { ms, id };
}

/**
 * Citizens whose delivered data changed after `since` (all when null), each with the instant of
 * its latest change — the same instant collectCareData puts in `lastUpdated` (whole milliseconds) —
 * ordered by that instant, then id; `after` is changedCursor() of the last row of the page before.
 * Anonymised and restricted citizens are left out.
 */
export async function citizensChangedSince(
  tx: DbOrTx,
  municipalityId: string,
  since: Date | null,
  limit: number,
  after?: string,
): Promise<ChangedCitizen[]> {
  const m = municipalityId;
  // A change counts at its millisecond: Broen's cursors and FHIR's _lastUpdated are in milliseconds.
  const sinceSql = since ? sql`${since.toISOString()}::timestamptz` : sql`'-infinity'::timestamptz`;
  const cursor = parseCursor(after);
  const cursorSql = cursor ? sql`and (ms, citizen_id) > (${cursor.ms}::float8, ${cursor.id}::uuid)` : sql``;
  const rows = await rawRows<{ citizen_id: string; ms: number | string }>(
    tx,
    sql`
    with changes(citizen_id, at) as (
      select id, updated_at from citizens where ${inTenant(citizens, m)} and updated_at >= ${sinceSql}
      union all
      select citizen_id, assessed_at from condition_assessments where ${inTenant(conditionAssessments, m)} and assessed_at >= ${sinceSql}
      union all
      select citizen_id, greatest(opened_at, stage_since, paused_at, closed_at) from courses where ${inTenant(courses, m)}
        and greatest(opened_at, stage_since, paused_at, closed_at) >= ${sinceSql}
      union all
      select c.citizen_id, g.created_at from clip_grants g join courses c on c.id = g.course_id
        where ${inTenant(alias(clipGrants, "g"), m)} and g.created_at >= ${sinceSql}
      union all
      select c.citizen_id, greatest(i.created_at, i.ended_at) from interventions i join courses c on c.id = i.course_id
        where ${inTenant(alias(interventions, "i"), m)} and greatest(i.created_at, i.ended_at) >= ${sinceSql}
      union all
      select citizen_id, greatest(registered_at, created_at) from clips where ${inTenant(clips, m)} and status = 'done'
        and performed_on is not null and greatest(registered_at, created_at) >= ${sinceSql}
      union all
      select citizen_id, updated_at from conversations where ${inTenant(conversations, m)} and updated_at >= ${sinceSql}
      union all
      select c.citizen_id, f.performed_at from follow_ups f join courses c on c.id = f.course_id
        where ${inTenant(alias(followUps, "f"), m)} and f.performed_at >= ${sinceSql}
      union all
      select s.citizen_id, s.performed_at from screenings s join questionnaire_definitions q on q.id = s.definition_id
        where ${inTenant(alias(screenings, "s"), m)} and q.key = ${TILS_KEY} and s.answers is not null and s.performed_at >= ${sinceSql}
    ),
    latest as (
      select ch.citizen_id, floor(extract(epoch from max(ch.at)) * 1000)::float8 as ms
      from changes ch
      join citizens ci on ci.id = ch.citizen_id
      where ${inTenant(alias(citizens, "ci"), m)} and ci.anonymised_at is null and ci.restricted_at is null
      group by ch.citizen_id
    )
    select citizen_id, ms from latest
    where ms > ${since ? since.getTime() : -1}::float8 ${cursorSql}
    order by ms, citizen_id
    limit ${Math.max(1, Math.floor(limit))}
  `,
  );
  return rows.map((r) => ({ citizenId: r.citizen_id, lastUpdated: new Date(Number(r.ms)) }));
}
