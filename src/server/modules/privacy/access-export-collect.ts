/**
 * Collecting the access export (GDPR art. 15): the rows about one citizen outside their courses —
 * the register and its history, detection, referrals — plus the names the rows point at. Rows
 * only; access-export-present*.ts turns them into what the citizen reads. Every query is scoped
 * to the caller's municipality and to this citizen (or to rows that belong to them), oldest first.
 * The course side is access-export-collect-course.ts; the list of tables is access-export-tables.ts.
 */
import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import {
  citizenContacts,
  citizenRestrictions,
  citizenRevisions,
  citizens,
  detectionClips,
  districts,
  journalNotes,
  municipalities,
  organisations,
  questionnaireDefinitions,
  referralEvents,
  referrals,
  screenings,
  targetGroupChanges,
  triageDecisions,
  triageMeetings,
  users,
} from "../../db/schema/index.js";
import type { Ctx } from "../../platform/context.js";
import { inTenant } from "../../platform/tenancy.js";
import type { StaffRow } from "./access-export-words.js";

export async function collectCitizenData(tx: DbOrTx, ctx: Ctx, citizenId: string) {
  const [citizen] = await tx
    .select()
    .from(citizens)
    .where(and(inTenant(citizens, ctx), eq(citizens.id, citizenId)));
  const contacts = await tx
    .select()
    .from(citizenContacts)
    .where(and(inTenant(citizenContacts, ctx), eq(citizenContacts.citizenId, citizenId)))
    .orderBy(asc(citizenContacts.createdAt), asc(citizenContacts.id));
  const revisions = await tx
    .select()
    .from(citizenRevisions)
    .where(and(inTenant(citizenRevisions, ctx), eq(citizenRevisions.citizenId, citizenId)))
    .orderBy(asc(citizenRevisions.changedAt), asc(citizenRevisions.id));
  const restrictions = await tx
    .select()
    .from(citizenRestrictions)
    .where(and(inTenant(citizenRestrictions, ctx), eq(citizenRestrictions.citizenId, citizenId)))
    .orderBy(asc(citizenRestrictions.restrictedAt), asc(citizenRestrictions.id));
  const targetGroup = await tx
    .select()
    .from(targetGroupChanges)
    .where(and(inTenant(targetGroupChanges, ctx), eq(targetGroupChanges.citizenId, citizenId)))
    .orderBy(asc(targetGroupChanges.changedAt), asc(targetGroupChanges.id));
  const screeningRows = await tx
    .select({ s: screenings, definition: questionnaireDefinitions.definition })
    .from(screenings)
    .innerJoin(questionnaireDefinitions, eq(questionnaireDefinitions.id, screenings.definitionId))
    .where(and(inTenant(screenings, ctx), eq(screenings.citizenId, citizenId)))
    .orderBy(asc(screenings.performedAt), asc(screenings.id));
  const notes = await tx
    .select()
    .from(journalNotes)
    .where(and(inTenant(journalNotes, ctx), eq(journalNotes.citizenId, citizenId)))
    .orderBy(asc(journalNotes.createdAt), asc(journalNotes.id));
  const triage = await tx
    .select({ d: triageDecisions, heldOn: triageMeetings.heldOn, district: districts.name })
    .from(triageDecisions)
    .innerJoin(triageMeetings, eq(triageMeetings.id, triageDecisions.meetingId))
    .innerJoin(districts, eq(districts.id, triageMeetings.districtId))
    .where(and(inTenant(triageDecisions, ctx), eq(triageDecisions.citizenId, citizenId)))
    .orderBy(asc(triageDecisions.decidedAt), asc(triageDecisions.id));
  const detection = await tx
    .select()
    .from(detectionClips)
    .where(and(inTenant(detectionClips, ctx), eq(detectionClips.citizenId, citizenId)))
    .orderBy(asc(detectionClips.createdAt), asc(detectionClips.id));
  // Also a referral from outside that was never linked but carries the citizen's CPR: it is about
  // them all the same (erasure's inventory counts it as theirs too).
  const referralRows = await tx
    .select()
    .from(referrals)
    .where(
      and(
        inTenant(referrals, ctx),
        or(
          eq(referrals.citizenId, citizenId),
          and(isNull(referrals.citizenId), eq(referrals.subjectCpr, citizen!.cpr)),
        ),
      ),
    )
    .orderBy(asc(referrals.createdAt), asc(referrals.id));
  const referralIds = referralRows.map((r) => r.id);
  const referralEventRows =
    referralIds.length === 0
      ? []
      : await tx
          .select()
          .from(referralEvents)
          .where(and(inTenant(referralEvents, ctx), inArray(referralEvents.referralId, referralIds)))
          .orderBy(asc(referralEvents.at), asc(referralEvents.id));
  return {
    citizen: citizen!,
    contacts,
    revisions,
    restrictions,
    targetGroup,
    screenings: screeningRows,
    notes,
    triage,
    detection,
    referrals: referralRows,
    referralEvents: referralEventRows,
  };
}
export type CitizenData = Awaited<ReturnType<typeof collectCitizenData>>;

/** What the rows point at by id, in the caller's municipality: staff, organisations, districts. */
export async function collectNames(tx: DbOrTx, ctx: Ctx, userIds: readonly (string | null | undefined)[]) {
  const wanted = [...new Set(userIds.filter((id): id is string => !!id))];
  const people =
    wanted.length === 0
      ? []
      : await tx
          .select({ id: users.id, name: users.displayName, role: users.role })
          .from(users)
          .where(and(inTenant(users, ctx), inArray(users.id, wanted)));
  // The municipality's own organisations and districts: a few dozen rows, named wherever a row points.
  const orgs = await tx
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(inTenant(organisations, ctx));
  const areas = await tx
    .select({ id: districts.id, name: districts.name })
    .from(districts)
    .where(inTenant(districts, ctx));
  const [municipality] = await tx
    .select({ name: municipalities.name })
    .from(municipalities)
    .where(eq(municipalities.id, ctx.actor.municipalityId));
  return {
    staff: new Map<string, StaffRow>(people.map((p) => [p.id, { name: p.name, role: p.role }])),
    organisations: new Map(orgs.map((o) => [o.id, o.name])),
    districts: new Map(areas.map((d) => [d.id, d.name])),
    municipality: municipality?.name ?? "",
  };
}
export type Names = Awaited<ReturnType<typeof collectNames>>;
