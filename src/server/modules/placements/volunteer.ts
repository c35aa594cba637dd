/**
 * Referrals to the volunteer centre (guidepost 5 of seed 003; Holstebro's collaboration with
 * Kultur- og Frivillighuset, seed 004): the coordinator refers a citizen with consent, the
 * volunteer centre matches and reports back — an activity, a visiting friend, a phone friend,
 * that none was possible, or that a relation has become too complex for a volunteer.
 *
 * The volunteer centre's staff read these rows and nothing else of the citizen. `shared` is
 * computed here, once, from the consented fields only — never the CPR, never notes, never health
 * data beyond what a consented field itself says ("mobility": uses a rollator, cannot leave home) —
 * plus the coordinator's message, which is written for the volunteer centre. Staff see only their
 * own organisation's referrals; another volunteer centre's staff get 403 (inside the tenant).
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { addDays, differenceInYears, format, parseISO } from "date-fns";
import { can } from "../../../domain/access-policy.js";
import { share } from "../../../domain/reporting/statistics.js";
import { copenhagenDate, copenhagenInstant } from "../../../domain/time.js";
import type {
  AnswerVolunteerReferralBody,
  ConsentField,
  CreateVolunteerReferralBody,
  SharedCitizen,
  VolunteerReferral,
  VolunteerReferralListQuery,
  VolunteerStats,
  VolunteerStatsQuery,
} from "../../../shared/api/placements.js";
import { type DbOrTx, rawRows } from "../../db/client.js";
import {
  catalogActivities,
  citizens,
  organisations,
  users,
  volunteerReferrals,
} from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";
import { assertMayOpen, assertMayProcess, listedCitizen } from "../citizens/index.js";
import { type CourseRow, assertOpen, citizenResourceOf, loadCourseFor } from "../courses/index.js";
import { matchingContext } from "./matching.js";
import { type VolunteerFigure, volunteerFigureCounts } from "./volunteer-figures.js";

const answerer = alias(users, "answerer");
const withdrawer = alias(users, "withdrawer");

type Shared = SharedCitizen & { message?: string };

/** The decade of the citizen's age ("80-89"): enough to find a fitting volunteer, not a birth date. */
export function ageGroupOf(birthDate: string, today: string): string {
  const decade = Math.floor(differenceInYears(parseISO(today), parseISO(birthDate)) / 10) * 10;
  return `${decade}-${decade + 9}`;
}

/** Only the consented fields, computed from the register and the latest held conversation. */
async function sharedFields(
  tx: DbOrTx,
  course: CourseRow,
  fields: readonly ConsentField[],
): Promise<SharedCitizen> {
  const [c] = await tx
    .select({
      firstName: citizens.firstName,
      lastName: citizens.lastName,
      phone: citizens.phone,
      line: citizens.addressLine,
      postalCode: citizens.postalCode,
      city: citizens.city,
      birthDate: citizens.birthDate,
    })
    .from(citizens)
    .where(eq(citizens.id, course.citizenId));
  const wants = (f: ConsentField) => fields.includes(f);
  const mc = ["interests", "wishes", "availability", "mobility"].some((f) => wants(f as ConsentField))
    ? await matchingContext(tx, course)
    : null;
  const out: SharedCitizen = {};
  if (wants("firstName")) out.firstName = c!.firstName;
  if (wants("lastName")) out.lastName = c!.lastName;
  if (wants("phone")) out.phone = c!.phone;
  if (wants("address")) out.address = { line: c!.line, postalCode: c!.postalCode, city: c!.city };
  if (wants("ageGroup")) out.ageGroup = ageGroupOf(c!.birthDate, copenhagenDate(new Date()));
  if (mc && wants("interests")) {
    const labels = new Map(mc.taxonomy.interests.map((i) => [i.id, i.label.da]));
    out.interests = (mc.conversation?.interests ?? []).map((id) => labels.get(id) ?? id);
  }
  if (mc && wants("wishes")) out.wishes = mc.conversation?.wishes ?? null;
  if (mc && wants("availability")) out.availability = mc.used.effectiveTimes;
  if (mc && wants("mobility")) {
    // Only what a volunteer must know to meet the citizen; the barrier itself (and any other) stays home.
    const mobility: NonNullable<SharedCitizen["mobility"]> = [];
    if (
      mc.barriers.some((b) => b.requires.includes("step_free") || b.requires.includes("wheelchair_rollator"))
    )
      mobility.push("rollator_or_wheelchair");
    if (mc.barriers.some((b) => b.housebound)) mobility.push("cannot_leave_home");
    out.mobility = mobility;
  }
  return out;
}

export function selectReferrals(tx: DbOrTx, where: ReturnType<typeof and>) {
  return tx
    .select({
      r: volunteerReferrals,
      organisationName: organisations.name,
      createdByName: users.displayName,
      answeredByName: answerer.displayName,
      withdrawnByName: withdrawer.displayName,
      activityTitle: catalogActivities.title,
      citizenProviderId: citizens.providerOrganisationId,
      citizenRestrictedAt: citizens.restrictedAt,
    })
    .from(volunteerReferrals)
    .innerJoin(organisations, eq(organisations.id, volunteerReferrals.toOrganisationId))
    .innerJoin(users, eq(users.id, volunteerReferrals.createdBy))
    .innerJoin(citizens, eq(citizens.id, volunteerReferrals.citizenId))
    .leftJoin(answerer, eq(answerer.id, volunteerReferrals.answeredBy))
    .leftJoin(withdrawer, eq(withdrawer.id, volunteerReferrals.consentWithdrawnBy))
    .leftJoin(catalogActivities, eq(catalogActivities.id, volunteerReferrals.matchedActivityId))
    .where(where)
    .orderBy(desc(volunteerReferrals.createdAt));
}
type ReferralRow = Awaited<ReturnType<typeof selectReferrals>>[number];

/** The referral's citizen as the restriction rule reads them. */
const restrictable = ({ r, citizenProviderId, citizenRestrictedAt }: ReferralRow) => ({
  municipalityId: r.municipalityId,
  providerOrganisationId: citizenProviderId,
  restrictedAt: citizenRestrictedAt,
});

export function present(ctx: Ctx, { r, ...x }: ReferralRow): VolunteerReferral {
  const withdrawnAt = r.consentWithdrawnAt?.toISOString() ?? null;
  // Consent withdrawn (art. 7(3)): the volunteer centre learns only that the referral ended — when,
  // not why, and nothing it was told or answered about the citizen.
  if (r.status === "withdrawn" && ctx.actor.role === "volunteer_centre_staff")
    return {
      id: r.id,
      status: r.status,
      toOrganisation: { id: r.toOrganisationId, name: x.organisationName },
      consentFields: [],
      shared: {},
      message: "",
      matchKind: null,
      matchedActivity: null,
      answer: null,
      answeredBy: null,
      answeredAt: null,
      createdBy: { id: r.createdBy, name: x.createdByName },
      createdAt: r.createdAt.toISOString(),
      course: null,
      withdrawnAt,
      withdrawnBy: null,
    };
  const { message, ...shared } = r.shared as Shared;
  // The link to the course only for those who may read the course: never the volunteer centre.
  const seesCourse = can(ctx.actor, {
    kind: "course.read",
    citizen: { municipalityId: r.municipalityId, providerOrganisationId: x.citizenProviderId },
  }).allowed;
  return {
    id: r.id,
    status: r.status,
    toOrganisation: { id: r.toOrganisationId, name: x.organisationName },
    consentFields: r.consentFields as ConsentField[],
    shared,
    message: message ?? "",
    matchKind: r.matchKind,
    matchedActivity: r.matchedActivityId ? { id: r.matchedActivityId, title: x.activityTitle ?? "" } : null,
    answer: r.answer,
    answeredBy: r.answeredBy ? { id: r.answeredBy, name: x.answeredByName ?? "" } : null,
    answeredAt: r.answeredAt?.toISOString() ?? null,
    createdBy: { id: r.createdBy, name: x.createdByName },
    createdAt: r.createdAt.toISOString(),
    course: seesCourse ? { id: r.courseId, citizenId: r.citizenId } : null,
    withdrawnAt,
    withdrawnBy: r.consentWithdrawnBy ? { id: r.consentWithdrawnBy, name: x.withdrawnByName ?? "" } : null,
  };
}

export async function createVolunteerReferral(
  tx: DbOrTx,
  ctx: Ctx,
  courseId: string,
  body: CreateVolunteerReferralBody,
): Promise<VolunteerReferral> {
  const course = await loadCourseFor(tx, ctx, courseId, "course.read");
  authorize(ctx, { kind: "volunteerReferral.create", citizen: citizenResourceOf(course) });
  assertOpen(course);
  // No sharing with the volunteer centre while the citizen's processing is restricted (art. 18).
  assertMayProcess(ctx, { ...citizenResourceOf(course), restrictedAt: course.citizenRestrictedAt });
  const [centre] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(
      and(
        inTenant(organisations, ctx),
        eq(organisations.id, body.toOrganisationId),
        eq(organisations.kind, "volunteer_centre"),
        eq(organisations.active, true),
      ),
    );
  if (!centre) throw AppError.field("toOrganisationId", "invalid_value");
  const consentFields = [...new Set(body.consentFields)];
  const shared: Shared = { ...(await sharedFields(tx, course, consentFields)), message: body.message };
  const [row] = await tx
    .insert(volunteerReferrals)
    .values({
      municipalityId: ctx.actor.municipalityId,
      courseId,
      citizenId: course.citizenId,
      toOrganisationId: centre.id,
      consentFields,
      shared,
      createdBy: ctx.actor.userId,
    })
    .returning({ id: volunteerReferrals.id });
  await audit(tx, ctx, {
    action: "create",
    entityType: "volunteer_referral",
    entityId: row!.id,
    citizenId: course.citizenId,
    criterion: { consentFields },
  });
  const [saved] = await selectReferrals(tx, eq(volunteerReferrals.id, row!.id));
  return present(ctx, saved!);
}

/** The volunteer centre's staff: their own organisation's referrals; coordinators and managers: all. */
const scopeOf = (ctx: Ctx) =>
  ctx.actor.role === "volunteer_centre_staff"
    ? eq(volunteerReferrals.toOrganisationId, ctx.actor.organisationId)
    : undefined;

export async function listVolunteerReferrals(
  tx: DbOrTx,
  ctx: Ctx,
  query: VolunteerReferralListQuery,
): Promise<VolunteerReferral[]> {
  authorize(ctx, { kind: "volunteerReferral.inbox" });
  const rows = await selectReferrals(
    tx,
    and(
      inTenant(volunteerReferrals, ctx),
      scopeOf(ctx),
      // Referrals about anonymised or restricted citizens leave the inbox (issue 13).
      listedCitizen(),
      query.status ? eq(volunteerReferrals.status, query.status) : undefined,
      query.courseId ? eq(volunteerReferrals.courseId, query.courseId) : undefined,
    ),
  ).limit(500);
  const criterion = { volunteerReferrals: query.status ?? "all" };
  await audit(
    tx,
    ctx,
    rows.length === 0
      ? { action: "search", entityType: "volunteer_referral", criterion: { ...criterion, hits: 0 } }
      : rows.map(({ r }) => ({
          action: "search" as const,
          entityType: "volunteer_referral",
          entityId: r.id,
          citizenId: r.citizenId,
          criterion,
        })),
  );
  return rows.map((row) => present(ctx, row));
}

export async function loadReferral(tx: DbOrTx, ctx: Ctx, id: string, opts: { forUpdate?: boolean } = {}) {
  const q = tx
    .select()
    .from(volunteerReferrals)
    .where(and(inTenant(volunteerReferrals, ctx), eq(volunteerReferrals.id, id)));
  const [row] = await (opts.forUpdate ? q.for("update") : q);
  if (!row) throw AppError.notFound("volunteer_referral_not_found");
  return row;
}

export async function getVolunteerReferral(tx: DbOrTx, ctx: Ctx, id: string): Promise<VolunteerReferral> {
  authorize(ctx, { kind: "volunteerReferral.inbox" });
  const row = await loadReferral(tx, ctx, id);
  // Another volunteer centre's referral: known inside the municipality, so 403 (not 404).
  if (ctx.actor.role === "volunteer_centre_staff" && row.toOrganisationId !== ctx.actor.organisationId)
    throw AppError.forbidden();
  const [saved] = await selectReferrals(tx, eq(volunteerReferrals.id, id));
  // Restricted (art. 18): what was shared is no longer read — by the volunteer centre either (409).
  assertMayOpen(ctx, restrictable(saved!));
  await audit(tx, ctx, {
    action: "read",
    entityType: "volunteer_referral",
    entityId: id,
    citizenId: row.citizenId,
  });
  return present(ctx, saved!);
}

/**
 * sent → matched | no_match | too_complex; after a match only too_complex — a visiting friend
 * "kan melde tilbage, hvis opgaven bliver for kompleks" (guidepost 5). The match kind stays, so
 * the municipality still counts the match that was made.
 */
function mayAnswer(from: VolunteerReferral["status"], to: AnswerVolunteerReferralBody["status"]): boolean {
  return from === "sent" || (from === "matched" && to === "too_complex");
}

export async function answerVolunteerReferral(
  tx: DbOrTx,
  ctx: Ctx,
  id: string,
  body: AnswerVolunteerReferralBody,
): Promise<VolunteerReferral> {
  const row = await loadReferral(tx, ctx, id, { forUpdate: true });
  authorize(ctx, { kind: "volunteerReferral.answer", toOrganisationId: row.toOrganisationId });
  // The citizen withdrew consent: nothing more is received about them (volunteer-consent.ts).
  if (row.status === "withdrawn") throw new AppError("volunteer_referral_withdrawn", 409);
  // Nor while their processing is restricted (art. 18): an answer is new data about the citizen.
  assertMayProcess(ctx, restrictable((await selectReferrals(tx, eq(volunteerReferrals.id, id)))[0]!));
  if (!mayAnswer(row.status, body.status))
    throw new AppError("volunteer_referral_answer_not_allowed", 409, { status: row.status, to: body.status });
  let match = { matchKind: row.matchKind, matchedActivityId: row.matchedActivityId };
  if (body.status === "matched") {
    match = { matchKind: body.matchKind!, matchedActivityId: null };
    if (body.matchedActivityId) {
      const [activity] = await tx
        .select({ id: catalogActivities.id })
        .from(catalogActivities)
        .where(and(inTenant(catalogActivities, ctx), eq(catalogActivities.id, body.matchedActivityId)));
      if (!activity) throw AppError.field("matchedActivityId", "invalid_value");
      match.matchedActivityId = activity.id;
    }
  }
  // The moment of the match and of its end are kept apart from the latest answer: "matched"
  // counts matches recorded in a period, also those that later ended (volunteer-figures.ts).
  const moments =
    body.status === "matched"
      ? { matchedAt: sql`now()` }
      : row.status === "matched"
        ? { matchEndedAt: sql`now()` }
        : {};
  await tx
    .update(volunteerReferrals)
    .set({
      status: body.status,
      ...match,
      ...moments,
      answer: body.answer,
      answeredBy: ctx.actor.userId,
      answeredAt: sql`now()`,
    })
    .where(eq(volunteerReferrals.id, id));
  await audit(tx, ctx, {
    action: "update",
    entityType: "volunteer_referral",
    entityId: id,
    citizenId: row.citizenId,
    criterion: { status: body.status },
  });
  const [saved] = await selectReferrals(tx, eq(volunteerReferrals.id, id));
  return present(ctx, saved!);
}

/**
 * Holstebro's figure (seed 004): 36 referrals to Kultur- og Frivillighuset, 27 matched (75 %).
 * The figures are the status report's (volunteer-figures.ts, one definition): referrals sent in
 * the period (Copenhagen days, both ends included), matches recorded in the period — also one
 * later reported too complex — and of those the matches that ended. Counts only, no citizen
 * data: not audited.
 */
export async function volunteerStats(
  tx: DbOrTx,
  ctx: Ctx,
  query: VolunteerStatsQuery,
): Promise<VolunteerStats> {
  authorize(ctx, { kind: "volunteerReferral.stats" });
  const period = {
    municipalityId: ctx.actor.municipalityId,
    from: query.from ? copenhagenInstant(query.from, "00:00") : null,
    to: query.to ? copenhagenInstant(format(addDays(parseISO(query.to), 1), "yyyy-MM-dd"), "00:00") : null,
  };
  const [counts] = await rawRows<Record<VolunteerFigure, number>>(tx, volunteerFigureCounts(period));
  const n = (f: VolunteerFigure) => Number(counts?.[f] ?? 0);
  return {
    from: query.from ?? null,
    to: query.to ?? null,
    referred: n("referred"),
    answered: n("answered"),
    matched: n("matched"),
    matchesEnded: n("matchesEnded"),
    noMatch: n("noMatch"),
    tooComplex: n("tooComplex"),
    withdrawn: n("withdrawn"),
    share: share(n("matched"), n("referred")).percent,
  };
}
