/**
 * Registering a performed clip (or that the citizen cancelled) from a worker's phone — the
 * Monday-morning burst (issue 19 point 4, decision 0093). Four statements of its own, the last
 * three under the course lock:
 *
 *  1. the frame (only for a performed clip: its minutes are measured against it), read before
 *     the lock because it belongs to the municipality, not to the course;
 *  2. the course row, locked (SELECT … FOR UPDATE through courses' front door): registrations,
 *     grants and plans on one course queue behind each other, registrations on other courses do
 *     not wait;
 *  3. the card for the clip's kind in one read *after* the lock — the grants, the clips planned
 *     and done (counted, not fetched), the intervention or planned clip named, and the names the
 *     answer shows — so it sees every clip committed by whoever held the lock before;
 *  4. the insert or update, RETURNING the row: the answer is built from it, not read again.
 *
 * The card read must be its own statement after the lock: a statement that takes the lock reads
 * the other tables as of its start, before it waited, and would miss the clip registered by the
 * transaction it waited for — two registrations could then both take the last clip.
 */
import { aliasedTable, and, eq, sql } from "drizzle-orm";
import { cardLinesFromTotals, mayUseClip } from "../../../domain/punchcard/card.js";
import { mayGrantException } from "../../../domain/punchcard/policy.js";
import { clipDateProblem, evaluateClipMinutes } from "../../../domain/punchcard/registration.js";
import { copenhagenDate } from "../../../domain/time.js";
import type { RegisterClipBody } from "../../../shared/api/punch-card.js";
import { builtOnce } from "../../db/built-once.js";
import type { DbOrTx } from "../../db/client.js";
import { clipGrants, clips, interventions, organisations, users } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";
import { visitChanged } from "../../platform/visit-events.js";
import {
  type CourseRow,
  citizenResourceOf,
  currentPunchCardPolicy,
  loadCourseFor,
} from "../courses/index.js";
import { type ClipRow, presentClips } from "./clip-queries.js";
import { INTERVENTIONS_FOR_KIND, assertUsable } from "./service.js";

/** The day of the clip: not after today when performed, never before the course opened (400 naming performedOn). */
function assertClipDay(course: CourseRow, body: RegisterClipBody) {
  const problem = clipDateProblem(
    body.performedOn,
    copenhagenDate(course.openedAt),
    copenhagenDate(new Date()),
    body.outcome,
  );
  if (problem)
    throw new AppError("validation_failed", 400, {
      fields: [{ field: problem.field, reason: problem.reason }],
      limit: problem.limit,
    });
}

type CurrentPolicy = Awaited<ReturnType<typeof currentPunchCardPolicy>>;

interface KindGrant {
  clips: number;
  minutesPerClip: number;
  interventionId: string | null;
}
/** The intervention a clip is registered under, with its provider's name for the answer. */
type NamedIntervention = Pick<typeof interventions.$inferSelect, "id" | "kind" | "providerOrganisationId"> & {
  providerName: string | null;
  ended: boolean;
};
/** The planned clip being registered, with the names the answer shows. */
type NamedPlannedClip = Pick<
  typeof clips.$inferSelect,
  "id" | "status" | "kind" | "providerOrganisationId" | "accompanimentForm" | "interventionId"
> & { providerName: string; workerName: string | null };

const provider = aliasedTable(organisations, "provider");
const plannedWorker = aliasedTable(users, "planned_worker");
const asProvider = sql`${organisations} as ${sql.identifier("provider")}`;
const asPlannedWorker = sql`${users} as ${sql.identifier("planned_worker")}`;

/**
 * The card for the kind and what the answer names, in one statement (called with the course
 * locked). JSON keeps the shapes the same on PostgreSQL and PGlite.
 */
const placeholder = (name: string) => sql.placeholder(name);

/**
 * The card of one kind for a registration, the caller's own name and organisation, and the
 * intervention or planned clip the body names: one statement, in four shapes (with or without an
 * intervention, with or without a planned clip), each built once (db/built-once.ts).
 */
function cardQuery(tx: DbOrTx, withIntervention: boolean, withPlanned: boolean) {
  const courseId = placeholder("courseId");
  const kind = placeholder("kind");
  const grants = sql<KindGrant[]>`(select coalesce(json_agg(json_build_object(
      'clips', ${clipGrants.clips}, 'minutesPerClip', ${clipGrants.minutesPerClip},
      'interventionId', ${clipGrants.interventionId})), '[]'::json)
    from ${clipGrants} where ${and(eq(clipGrants.courseId, courseId), eq(clipGrants.kind, kind))})`;
  // What the card counts against the grants (domain/punchcard/card.ts), from clips_course_card_idx alone.
  const totals = sql<{ plannedClips: number; usedClips: number }>`(select json_build_object(
      'plannedClips', count(*) filter (where ${clips.status} = 'planned'),
      'usedClips', count(*) filter (where ${clips.status} = 'done'))
    from ${clips} where ${and(eq(clips.courseId, courseId), eq(clips.kind, kind))})`;
  const intervention = withIntervention
    ? sql<NamedIntervention | null>`(select json_build_object('id', ${interventions.id}, 'kind', ${interventions.kind},
          'providerOrganisationId', ${interventions.providerOrganisationId}, 'providerName', ${provider.name},
          'ended', ${interventions.endedAt} is not null)
        from ${interventions} left join ${asProvider} on ${eq(provider.id, interventions.providerOrganisationId)}
        where ${and(inTenant(interventions, placeholder("municipalityId")), eq(interventions.id, placeholder("interventionId")), eq(interventions.courseId, courseId))})`
    : sql<NamedIntervention | null>`null`;
  const planned = withPlanned
    ? sql<NamedPlannedClip | null>`(select json_build_object('id', ${clips.id}, 'status', ${clips.status},
          'kind', ${clips.kind}, 'providerOrganisationId', ${clips.providerOrganisationId},
          'providerName', ${provider.name}, 'accompanimentForm', ${clips.accompanimentForm},
          'interventionId', ${clips.interventionId}, 'workerName', ${plannedWorker.displayName})
        from ${clips} join ${asProvider} on ${eq(provider.id, clips.providerOrganisationId)}
          left join ${asPlannedWorker} on ${eq(plannedWorker.id, clips.workerUserId)}
        where ${and(inTenant(clips, placeholder("municipalityId")), eq(clips.id, placeholder("clipId")), eq(clips.courseId, courseId))})`
    : sql<NamedPlannedClip | null>`null`;
  return tx
    .select({
      actorName: users.displayName,
      actorOrganisationName: organisations.name,
      grants,
      totals,
      intervention,
      planned,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, placeholder("userId")));
}

const cardStatements = [false, true].map((withIntervention) =>
  [false, true].map((withPlanned) => builtOnce((tx) => cardQuery(tx, withIntervention, withPlanned))),
);

async function cardForKind(tx: DbOrTx, ctx: Ctx, courseId: string, body: RegisterClipBody) {
  const read = cardStatements[body.interventionId ? 1 : 0]![body.clipId ? 1 : 0]!;
  const [row] = await read(tx, {
    courseId,
    kind: body.kind,
    userId: ctx.actor.userId,
    ...(body.interventionId ? { interventionId: body.interventionId } : {}),
    ...(body.clipId ? { clipId: body.clipId } : {}),
    ...(body.interventionId || body.clipId ? { municipalityId: ctx.actor.municipalityId } : {}),
  });
  if (!row) throw new Error("the caller's own user row is missing");
  return row;
}

type Card = Awaited<ReturnType<typeof cardForKind>>;

/**
 * Actual minutes within the grant's minutes per clip and the frame's maximum, or a recorded
 * exception by a role the frame names — the rule of a grant beyond the frame. Null: within.
 */
function minutesBeyond(
  policy: CurrentPolicy | null,
  body: RegisterClipBody,
  grants: KindGrant[],
  interventionId: string | null,
) {
  if (!policy || body.outcome !== "done" || body.actualMinutes == null) return null;
  // A clip under an intervention is measured against that intervention's grants when it has any.
  const own = interventionId ? grants.filter((g) => g.interventionId === interventionId) : [];
  const decision = evaluateClipMinutes(
    policy.document,
    body.kind,
    body.actualMinutes,
    (own.length > 0 ? own : grants).map((g) => g.minutesPerClip),
  );
  return decision.ok ? null : { policy: policy.document, violations: decision.violations };
}

/** What a registration stores of an exception: none, or the reason and the broken rules (else 409). */
function clipException(ctx: Ctx, body: RegisterClipBody, beyond: ReturnType<typeof minutesBeyond>) {
  if (!beyond) return { exception: false, exceptionReason: null, violations: [] as unknown[] };
  const allowed = mayGrantException(beyond.policy, ctx.actor.role);
  if (!allowed || !body.exceptionReason) {
    throw new AppError("clip_beyond_frame", 409, {
      violations: beyond.violations,
      exceptionAllowed: allowed,
      fields: [
        { field: "actualMinutes", reason: "beyond_frame" as const },
        ...(allowed ? [{ field: "exceptionReason", reason: "required" as const }] : []),
      ],
    });
  }
  return {
    exception: true,
    exceptionReason: body.exceptionReason,
    violations: beyond.violations as unknown[],
  };
}

/** An unplanned clip needs its kind on the card; a performed one also a clip left (the card rule). */
function assertClipLeft(card: Card, body: RegisterClipBody) {
  const grants = card.grants.map((g) => ({ ...g, kind: body.kind }));
  const verdict = mayUseClip(
    cardLinesFromTotals(grants, [{ kind: body.kind, ...card.totals, usedMinutes: 0, cancelledClips: 0 }], 0),
    body.kind,
  );
  if (verdict.ok) return;
  if (verdict.refusal === "kind_not_on_card")
    throw AppError.field("kind", "invalid_value", "clip_kind_not_on_card", 409);
  // A citizen's cancellation of an unplanned visit uses nothing: only the kind must be on the card.
  if (body.outcome === "done") throw AppError.field("kind", "invalid_value", "no_clips_left", 409);
}

/*
 * The registration of an unplanned clip, the Monday-morning burst's one insert: built once
 * (db/built-once.ts), every column a placeholder filled per request — the same columns every time.
 */
const UNPLANNED_CLIP_FIELDS = [
  "performedOn",
  "actualMinutes",
  "note",
  "cancelledByCitizen",
  "cancelReason",
  "status",
  "accompanimentForm",
  "registeredBy",
  "registeredAt",
  "exception",
  "exceptionReason",
  "violations",
  "municipalityId",
  "courseId",
  "citizenId",
  "interventionId",
  "providerOrganisationId",
  "kind",
  "workerUserId",
] as const satisfies readonly (keyof typeof clips.$inferInsert)[];
type UnplannedClipField = (typeof UNPLANNED_CLIP_FIELDS)[number];
const insertUnplannedClip = builtOnce((tx) =>
  tx
    .insert(clips)
    .values(
      Object.fromEntries(
        UNPLANNED_CLIP_FIELDS.map((f) => [f, sql.placeholder(f)]),
      ) as unknown as typeof clips.$inferInsert,
    )
    .returning(),
);

/** The worker's few taps: a performed clip (planned or not) or "the citizen cancelled". */
export async function registerClip(tx: DbOrTx, ctx: Ctx, courseId: string, body: RegisterClipBody) {
  const done = body.outcome === "done";
  // The actor's municipality is the course's (loadCourseFor answers 404 outside it).
  const policy =
    done && body.actualMinutes != null ? await currentPunchCardPolicy(tx, ctx.actor.municipalityId) : null;
  const course = await loadCourseFor(tx, ctx, courseId, "course.read", { forUpdate: true });
  assertUsable(course);
  assertClipDay(course, body);
  const card = await cardForKind(tx, ctx, courseId, body);
  const common = {
    performedOn: body.performedOn,
    actualMinutes: done ? (body.actualMinutes ?? null) : null,
    note: body.note ?? null,
    cancelledByCitizen: !done,
    cancelReason: done ? null : (body.cancelReason ?? null),
    status: done ? ("done" as const) : ("cancelled" as const),
    accompanimentForm: body.kind === "accompaniment" ? (body.accompanimentForm ?? null) : null,
    registeredBy: ctx.actor.userId,
    registeredAt: new Date(),
  };

  let saved: typeof clips.$inferSelect | undefined;
  let names: { workerName: string | null; providerName: string };
  if (body.clipId) {
    const planned = card.planned;
    if (!planned) throw AppError.notFound("clip_not_found");
    // Minutes beyond the grant or frame make this an exception, which a manager may record too.
    const beyond = minutesBeyond(policy, body, card.grants, planned.interventionId);
    authorize(ctx, {
      kind: "clip.register",
      clip: {
        citizen: citizenResourceOf(course),
        providerOrganisationId: planned.providerOrganisationId,
        asException: beyond !== null,
      },
    });
    if (planned.status !== "planned") throw new AppError("clip_not_planned", 409);
    if (planned.kind !== body.kind) throw AppError.field("kind", "invalid_value");
    const exception = clipException(ctx, body, beyond);
    [saved] = await tx
      .update(clips)
      .set({
        ...common,
        ...exception,
        accompanimentForm: common.accompanimentForm ?? planned.accompanimentForm,
      })
      .where(and(eq(clips.id, planned.id), eq(clips.status, "planned")))
      .returning();
    if (!saved) throw new AppError("clip_not_planned", 409);
    names = { workerName: planned.workerName, providerName: planned.providerName };
  } else {
    const intervention = card.intervention;
    if (body.interventionId) {
      if (!intervention || !INTERVENTIONS_FOR_KIND[body.kind].includes(intervention.kind))
        throw AppError.field("interventionId", "invalid_value");
      if (intervention.ended) throw new AppError("intervention_ended", 409);
    }
    const providerOrganisationId = intervention?.providerOrganisationId ?? null;
    authorize(ctx, {
      kind: "clip.register",
      clip: { citizen: citizenResourceOf(course), providerOrganisationId },
    });
    assertClipLeft(card, body);
    const exception = clipException(
      ctx,
      body,
      minutesBeyond(policy, body, card.grants, intervention?.id ?? null),
    );
    const values: Record<UnplannedClipField, unknown> = {
      ...common,
      ...exception,
      municipalityId: ctx.actor.municipalityId,
      courseId,
      citizenId: course.citizenId,
      interventionId: intervention?.id ?? null,
      providerOrganisationId: providerOrganisationId ?? ctx.actor.organisationId,
      kind: body.kind,
      workerUserId: ctx.actor.userId,
    };
    [saved] = await insertUnplannedClip(tx, values);
    names = {
      workerName: card.actorName,
      providerName:
        (providerOrganisationId ? intervention?.providerName : null) ?? card.actorOrganisationName,
    };
  }
  await audit(tx, ctx, {
    action: body.clipId ? "update" : "create",
    entityType: "clip",
    entityId: saved!.id,
    citizenId: course.citizenId,
    criterion: { outcome: body.outcome, ...(body.exceptionReason && done ? { exception: true } : {}) },
  });
  // A planned clip done or cancelled needs no reminder any more (messaging, issue 16).
  if (body.clipId) await visitChanged(tx, ctx.actor.municipalityId, { clipId: saved!.id });
  // The answer from the returned row and the names already read: what selectClips would give.
  const row: ClipRow = {
    clip: saved!,
    citizenFirstName: course.citizenFirstName,
    citizenLastName: course.citizenLastName,
    citizenAddress: course.citizenAddress,
    citizenProviderId: course.citizenProviderId,
    workerName: names.workerName,
    registrarName: card.actorName,
    providerName: names.providerName,
  };
  return presentClips([row])[0]!;
}
