import { randomInt } from "node:crypto";
import { and, desc, eq, isNull, ne, or, sql } from "drizzle-orm";
import { maskCpr, parseCpr } from "../../../domain/cpr.js";
import { type Actor, can } from "../../../domain/access-policy.js";
import { allowedActions, canReply, daysWaiting, transition } from "../../../domain/referral-workflow.js";
import type {
  CreateReferralBody,
  DecideReferralBody,
  PublicReferralBody,
  ReferralDetail,
  ReferralInboxQuery,
  ReferralSummary,
  RegisterExternalReferralBody,
  ReplyReferralBody,
  SentReferralsPage,
  SentReferralsQuery,
} from "../../../shared/api/referrals.js";
import type { Db, DbOrTx } from "../../db/client.js";
import {
  citizens,
  courses,
  municipalities,
  organisations,
  referralEvents,
  referrals,
} from "../../db/schema/index.js";
import { type AnonymousCaller, audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";
import { assertMayOpen, listedCitizen, loadCitizenFor } from "../citizens/index.js";
import { openCourse } from "../courses/index.js";
import {
  type ReferralRow,
  countReferrals,
  referralEventsOf,
  selectReferrals,
  statusFilter,
} from "./queries.js";

// No 0/O or 1/I/L: receipts are read aloud on the phone.
const RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

export function newReceiptNumber(): string {
  const chars = Array.from({ length: 8 }, () => RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)]);
  return `${chars.slice(0, 4).join("")}-${chars.slice(4).join("")}`;
}

/** The municipality's coordinators' unit ("Aktivitet Fællesskab"), which receives every referral. */
export async function coordinatorUnitOf(tx: DbOrTx, municipalityId: string): Promise<string | null> {
  const [unit] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(
      and(
        inTenant(organisations, municipalityId),
        eq(organisations.kind, "coordinator_unit"),
        eq(organisations.active, true),
      ),
    )
    .orderBy(organisations.createdAt)
    .limit(1);
  return unit?.id ?? null;
}

type NewReferral = Omit<
  typeof referrals.$inferInsert,
  "id" | "receiptNumber" | "toOrganisationId" | "status"
>;

/** The one way a referral comes into being: with a receipt number and its first event. */
export async function insertReferral(
  tx: DbOrTx,
  values: NewReferral,
): Promise<{ id: string; receiptNumber: string; createdAt: Date }> {
  const toOrganisationId = await coordinatorUnitOf(tx, values.municipalityId);
  if (!toOrganisationId) throw new AppError("no_coordinator_unit", 409);
  for (;;) {
    const [row] = await tx
      .insert(referrals)
      .values({ ...values, toOrganisationId, receiptNumber: newReceiptNumber(), status: "new" })
      .onConflictDoNothing()
      .returning({
        id: referrals.id,
        receiptNumber: referrals.receiptNumber,
        createdAt: referrals.createdAt,
      });
    if (!row) continue; // a receipt number collision (1 in 10^12): draw again
    await tx.insert(referralEvents).values({
      municipalityId: values.municipalityId,
      referralId: row.id,
      fromStatus: null,
      toStatus: "new",
      actorUserId: values.createdBy ?? null,
    });
    return row;
  }
}

function replyResource(row: {
  municipalityId: string;
  fromOrganisationId: string | null;
  createdBy: string | null;
}) {
  return {
    municipalityId: row.municipalityId,
    fromOrganisationId: row.fromOrganisationId,
    createdBy: row.createdBy,
  };
}

function present(row: ReferralRow, actor: Actor, now = new Date()): ReferralSummary {
  return {
    id: row.id,
    receiptNumber: row.receiptNumber,
    status: row.status,
    source: row.source,
    channel: row.channel,
    citizen: row.citizenId
      ? {
          id: row.citizenId,
          name: `${row.citizenFirstName} ${row.citizenLastName}`,
          cprMasked: maskCpr(row.citizenCpr ?? ""),
          address: row.citizenAddress ?? "",
        }
      : null,
    subjectName: row.subjectName,
    fromOrganisation: row.fromOrganisationId
      ? { id: row.fromOrganisationId, name: row.fromOrganisationName ?? "" }
      : null,
    referrerName: row.referrerName,
    reason: row.reason,
    screening: row.screeningId
      ? { id: row.screeningId, outcomeKey: row.screeningOutcome ?? "", colour: row.screeningColour ?? "" }
      : null,
    createdAt: row.createdAt.toISOString(),
    daysWaiting: daysWaiting(row.createdAt, now),
    allowedActions: allowedActions(row.status),
    lastMessage: row.lastMessage,
    answered: row.lastAction === "reply",
    canReply:
      canReply(row.status) &&
      can(actor, {
        kind: "referral.reply",
        referral: replyResource({ ...row, municipalityId: actor.municipalityId }),
      }).allowed,
  };
}

function auditRows(rows: ReferralRow[], action: "search" | "read", criterion?: Record<string, unknown>) {
  return rows.map((r) => ({
    action,
    entityType: "referral" as const,
    entityId: r.id,
    citizenId: r.citizenId,
    criterion: criterion ?? null,
  }));
}

export async function createReferralForCitizen(
  tx: DbOrTx,
  ctx: Ctx,
  citizenId: string,
  body: CreateReferralBody,
) {
  const citizen = await loadCitizenFor(tx, ctx, citizenId, "citizen.read");
  authorize(ctx, {
    kind: "referral.createForCitizen",
    citizen: {
      municipalityId: citizen.municipalityId,
      providerOrganisationId: citizen.providerOrganisationId,
    },
  });
  const created = await insertReferral(tx, {
    municipalityId: ctx.actor.municipalityId,
    citizenId,
    source:
      ctx.actor.organisationKind === "public_provider" || ctx.actor.organisationKind === "private_provider"
        ? "home_care"
        : "municipal_staff",
    channel: "broen",
    fromOrganisationId: ctx.actor.organisationId,
    reason: body.reason,
    createdBy: ctx.actor.userId,
  });
  await audit(tx, ctx, { action: "create", entityType: "referral", entityId: created.id, citizenId });
  return getReferralWithoutAudit(tx, ctx, created.id);
}

export async function registerExternalReferral(tx: DbOrTx, ctx: Ctx, body: RegisterExternalReferralBody) {
  authorize(ctx, { kind: "referral.registerExternal" });
  if (body.citizenId) await loadCitizenFor(tx, ctx, body.citizenId, "citizen.read");
  else if (!body.subjectName) throw AppError.field("subjectName", "required");
  const created = await insertReferral(tx, {
    municipalityId: ctx.actor.municipalityId,
    citizenId: body.citizenId ?? null,
    source: body.source,
    channel: body.channel,
    referrerName: body.referrerName ?? null,
    referrerContact: body.referrerContact ?? null,
    subjectName: body.subjectName ?? null,
    subjectAddress: body.subjectAddress ?? null,
    subjectPhone: body.subjectPhone ?? null,
    reason: body.reason,
    createdBy: ctx.actor.userId,
  });
  await audit(tx, ctx, {
    action: "create",
    entityType: "referral",
    entityId: created.id,
    citizenId: body.citizenId ?? null,
  });
  return getReferralWithoutAudit(tx, ctx, created.id);
}

/**
 * The public form. The answer is the same whether or not the CPR number (if
 * given) belongs to a citizen of the register, so the form reveals nothing.
 */
export async function submitPublicReferral(
  db: Db,
  caller: Omit<AnonymousCaller, "municipalityId">,
  body: PublicReferralBody,
) {
  return db.transaction(async (tx) => {
    const [m] = await tx
      .select({ id: municipalities.id })
      .from(municipalities)
      .where(eq(municipalities.code, body.municipalityCode));
    if (!m) throw AppError.field("municipalityCode", "invalid_value");
    const parsed = body.subjectCpr ? parseCpr(body.subjectCpr) : null;
    const [match] = parsed?.ok
      ? await tx
          .select({ id: citizens.id })
          .from(citizens)
          .where(and(inTenant(citizens, m.id), eq(citizens.cpr, parsed.cpr)))
      : [];
    const created = await insertReferral(tx, {
      municipalityId: m.id,
      citizenId: match?.id ?? null,
      source: body.referrerRole,
      channel: "web_form",
      referrerName: body.referrerName,
      referrerContact: body.referrerContact,
      subjectName: body.subjectName,
      subjectAddress: body.subjectAddress,
      subjectPhone: body.subjectPhone ?? null,
      subjectCpr: parsed?.ok ? parsed.cpr : null,
      reason: body.reason,
    });
    await audit(
      tx,
      { ...caller, actor: null, municipalityId: m.id },
      { action: "create", entityType: "referral", entityId: created.id, citizenId: match?.id ?? null },
    );
    return { receiptNumber: created.receiptNumber, receivedAt: created.createdAt.toISOString() };
  });
}

export async function listPublicMunicipalities(db: DbOrTx) {
  return db
    .select({ code: municipalities.code, name: municipalities.name })
    .from(municipalities)
    .orderBy(municipalities.name);
}

export async function referralInbox(tx: DbOrTx, ctx: Ctx, query: ReferralInboxQuery) {
  authorize(ctx, { kind: "referral.inbox" });
  const rows = await selectReferrals(
    tx,
    ctx,
    and(
      statusFilter(query.status, query.olderThanDays),
      // Referrals about anonymised or restricted citizens leave the inbox (issue 13); unlinked ones stay.
      or(isNull(referrals.citizenId), listedCitizen()),
    ),
    "oldest",
  );
  await audit(
    tx,
    ctx,
    auditRows(
      rows.filter((r) => r.citizenId),
      "search",
      { inbox: query.status, olderThanDays: query.olderThanDays },
    ),
  );
  return rows.map((r) => present(r, ctx.actor));
}

/** Referrals this organisation sent, with the coordinators' answer: how a rejection reason gets back. */
export async function sentReferrals(
  tx: DbOrTx,
  ctx: Ctx,
  q: SentReferralsQuery = { status: "all" },
): Promise<ReferralSummary[] | SentReferralsPage> {
  authorize(ctx, { kind: "referral.sentList" });
  const where = and(
    eq(referrals.fromOrganisationId, ctx.actor.organisationId),
    // Referrals about anonymised or restricted citizens leave the list (issue 13); unlinked ones stay.
    or(isNull(referrals.citizenId), listedCitizen()),
    statusFilter(q.status, undefined),
  );
  // Asking for a page (issue 17.4) gets one page and the total; asking for neither the old array.
  const paged = q.page !== undefined || q.pageSize !== undefined;
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 25;
  const rows = paged
    ? await selectReferrals(tx, ctx, where, "newest", { limit: pageSize, offset: (page - 1) * pageSize })
    : await selectReferrals(tx, ctx, where, "newest");
  await audit(
    tx,
    ctx,
    auditRows(
      rows.filter((r) => r.citizenId),
      "search",
      q.status === "all" ? { sent: true } : { sent: true, status: q.status },
    ),
  );
  const items = rows.map((r) => present(r, ctx.actor));
  if (!paged) return items;
  return { items, total: await countReferrals(tx, ctx, where), page, pageSize };
}

async function getReferralWithoutAudit(tx: DbOrTx, ctx: Ctx, id: string): Promise<ReferralDetail> {
  const [row] = await selectReferrals(tx, ctx, eq(referrals.id, id));
  if (!row) throw AppError.notFound("referral_not_found");
  const events = await referralEventsOf(tx, ctx, id);
  const [course] = await tx
    .select({ id: courses.id })
    .from(courses)
    .where(
      and(
        inTenant(courses, ctx),
        row.status === "accepted" && row.citizenId
          ? or(
              eq(courses.referralId, id),
              and(eq(courses.citizenId, row.citizenId), ne(courses.stage, "closed")),
            )
          : eq(courses.referralId, id),
      ),
    )
    .orderBy(desc(courses.openedAt))
    .limit(1);
  return {
    ...present(row, ctx.actor),
    courseId: course?.id ?? null,
    referrerContact: row.referrerContact,
    subjectAddress: row.subjectAddress,
    subjectPhone: row.subjectPhone,
    referringWorker: row.referringUserId
      ? {
          id: row.referringUserId,
          name: row.referringUserName ?? "",
          organisation: row.fromOrganisationName ?? "",
          phone: row.referringUserPhone,
        }
      : null,
    events: events.map((e) => ({
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      action: e.action,
      message: e.message,
      actor: e.actorId ? { id: e.actorId, name: e.actorName ?? "" } : null,
      at: e.at.toISOString(),
    })),
  };
}

export async function getReferral(tx: DbOrTx, ctx: Ctx, id: string) {
  const [row] = await selectReferrals(tx, ctx, eq(referrals.id, id));
  if (!row) throw AppError.notFound("referral_not_found");
  // The coordinators see every referral; a referring organisation sees the ones it sent.
  if (row.fromOrganisationId !== ctx.actor.organisationId) authorize(ctx, { kind: "referral.inbox" });
  else authorize(ctx, { kind: "referral.sentList" });
  // A referral about a citizen whose processing is restricted (art. 18) is kept, not read: 409.
  if (row.citizenId)
    assertMayOpen(ctx, {
      municipalityId: ctx.actor.municipalityId,
      providerOrganisationId: row.citizenProviderId,
      restrictedAt: row.citizenRestrictedAt,
    });
  const detail = await getReferralWithoutAudit(tx, ctx, id);
  await audit(tx, ctx, { action: "read", entityType: "referral", entityId: id, citizenId: row.citizenId });
  return detail;
}

export async function decideReferral(tx: DbOrTx, ctx: Ctx, id: string, body: DecideReferralBody) {
  authorize(ctx, { kind: "referral.decide" });
  const [current] = await tx
    .select({ status: referrals.status, citizenId: referrals.citizenId })
    .from(referrals)
    .where(and(inTenant(referrals, ctx), eq(referrals.id, id)))
    .for("update");
  if (!current) throw AppError.notFound("referral_not_found");
  const result = transition(current.status, body.action, body.message);
  if (!result.ok) {
    if (result.reason === "message_required") throw AppError.field("message", "required");
    throw new AppError("referral_transition_not_allowed", 409, {
      status: current.status,
      action: body.action,
    });
  }
  let citizenId = current.citizenId;
  if (body.citizenId && body.citizenId !== citizenId) {
    await loadCitizenFor(tx, ctx, body.citizenId, "citizen.read");
    citizenId = body.citizenId;
  } else if (citizenId) {
    // A decision processes the linked citizen: refused while their processing is restricted (409).
    await loadCitizenFor(tx, ctx, citizenId, "citizen.read");
  }
  // An accepted referral opens a course for a known citizen, so it must be linked first.
  if (body.action === "accept" && !citizenId) throw AppError.field("citizenId", "required");
  await recordStep(tx, ctx, id, {
    from: current.status,
    to: result.to,
    action: body.action,
    message: body.message ?? null,
    citizenId,
  });
  // Accepting opens the citizen's course with the accepting coordinator responsible (issue 4);
  // a citizen whose course is already open keeps it, and the referral joins that course's history.
  if (body.action === "accept" && citizenId) {
    const [open] = await tx
      .select({ id: courses.id })
      .from(courses)
      .where(and(inTenant(courses, ctx), eq(courses.citizenId, citizenId), ne(courses.stage, "closed")));
    if (!open)
      await openCourse(tx, ctx, {
        citizenId,
        referralId: id,
        coordinatorUserId: ctx.actor.userId,
        reason: null,
      });
  }
  return getReferralWithoutAudit(tx, ctx, id);
}

/**
 * The referrer answers the coordinators' request for more information: the answer becomes an event
 * and the referral goes back among the new ones in the inbox. The text is a note text: audited as
 * an update without it, never logged.
 */
export async function replyToReferral(tx: DbOrTx, ctx: Ctx, id: string, body: ReplyReferralBody) {
  const [current] = await tx
    .select({
      status: referrals.status,
      citizenId: referrals.citizenId,
      municipalityId: referrals.municipalityId,
      fromOrganisationId: referrals.fromOrganisationId,
      createdBy: referrals.createdBy,
    })
    .from(referrals)
    .where(and(inTenant(referrals, ctx), eq(referrals.id, id)))
    .for("update");
  if (!current) throw AppError.notFound("referral_not_found");
  authorize(ctx, { kind: "referral.reply", referral: replyResource(current) });
  const result = transition(current.status, "reply", body.message);
  if (!result.ok) {
    if (result.reason === "message_required") throw AppError.field("message", "required");
    throw new AppError("referral_transition_not_allowed", 409, { status: current.status, action: "reply" });
  }
  await recordStep(tx, ctx, id, {
    from: current.status,
    to: result.to,
    action: "reply",
    message: body.message,
    citizenId: current.citizenId,
  });
  return getReferralWithoutAudit(tx, ctx, id);
}

/**
 * One step of the referral's workflow, the same way for the coordinators' decisions and the
 * referrer's reply: the new status, the event with its message, and the audit row without it.
 */
async function recordStep(
  tx: DbOrTx,
  ctx: Ctx,
  id: string,
  step: {
    from: ReferralStatusValue;
    to: ReferralStatusValue;
    action: ReferralEventAction;
    message: string | null;
    citizenId: string | null;
  },
) {
  await tx
    .update(referrals)
    .set({ status: step.to, citizenId: step.citizenId, updatedAt: sql`now()` })
    .where(and(inTenant(referrals, ctx), eq(referrals.id, id)));
  await tx.insert(referralEvents).values({
    municipalityId: ctx.actor.municipalityId,
    referralId: id,
    fromStatus: step.from,
    toStatus: step.to,
    action: step.action,
    message: step.message,
    actorUserId: ctx.actor.userId,
  });
  await audit(tx, ctx, {
    action: "update",
    entityType: "referral",
    entityId: id,
    citizenId: step.citizenId,
    criterion: { action: step.action },
  });
}

type ReferralStatusValue = typeof referrals.$inferSelect.status;
type ReferralEventAction = NonNullable<typeof referralEvents.$inferInsert.action>;
