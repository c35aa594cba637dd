/**
 * A detection form filled on a phone in the citizen's home (seed 000, Opspor):
 * score the answers, then in ONE transaction store the screening, write the
 * observation note tagged "ensomhed", record consent or refusal (a refusal is
 * a professional note kept active), record an exclusion from the target
 * group, send the referral to the coordinators when the outcome is positive
 * and the citizen said yes, and mark the opsporingsklip done (the one named, else the citizen's
 * clip planned that day — also when the form was opened from the citizen, not from the clip).
 */
import { and, desc, eq } from "drizzle-orm";
import { acceptedFilledAt } from "../../../domain/offline.js";
import { copenhagenDate } from "../../../domain/time.js";
import type { ScreeningResult, SubmitScreeningBody } from "../../../shared/api/detection.js";
import type { QuestionnaireDefinition } from "../../../shared/api/questionnaires.js";
import type { DbOrTx } from "../../db/client.js";
import { citizens, questionnaireDefinitions, referrals, screenings, users } from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";
import { asResource, assertMayProcess, loadCitizenFor, recordMembershipChange } from "../citizens/index.js";
import { activeQuestionnaire, scoreQuestionnaire } from "../questionnaires/index.js";
import { insertReferral } from "../referrals/index.js";
import { settleClipOfTheDay, settleDetectionClip } from "./clips.js";
import { LONELINESS_TAG, insertNote } from "./journal.js";

const EXCLUSION_DA = {
  dementia: "demens",
  terminal: "terminal",
  declined: "ønsker ikke",
  moved: "flyttet",
  other: "andet",
} as const;
const CONSENT_DA = { yes: "ja", no: "nej", not_asked: "ikke spurgt" } as const;

export async function submitScreening(
  tx: DbOrTx,
  ctx: Ctx,
  citizenId: string,
  body: SubmitScreeningBody,
): Promise<ScreeningResult> {
  const citizen = await loadCitizenFor(tx, ctx, citizenId, "citizen.read", { forUpdate: true });
  authorize(ctx, { kind: "screening.create", citizen: asResource(citizen) });
  // No new screening while the citizen's processing is restricted (art. 18): 409 citizen_restricted.
  assertMayProcess(ctx, { ...asResource(citizen), restrictedAt: citizen.restrictedAt });
  const performedAt = filledAtOf(body);
  const excluded = body.exclusion ?? null;
  const answers = body.answers ?? {};
  // Issue 11: a citizen with dementia, who is terminal, has moved or declines is excluded without
  // the questions — a filled form, excluded, not answered. Partial answers are still refused.
  const unanswered = excluded !== null && Object.keys(answers).length === 0;
  const scored = unanswered
    ? { ...(await activeQuestionnaire(tx, ctx, body.questionnaireId)), outcome: null, scores: null }
    : await scoreQuestionnaire(tx, ctx, body.questionnaireId, answers);
  const { stored, definition, outcome, scores } = scored;

  const [screening] = await tx
    .insert(screenings)
    .values({
      municipalityId: ctx.actor.municipalityId,
      citizenId,
      definitionId: stored.id,
      answers: unanswered ? null : answers,
      scores,
      outcomeKey: outcome?.key ?? null,
      colour: outcome?.colour ?? null,
      positive: outcome?.isPositive ?? false,
      consent: body.consent,
      exclusionReason: excluded?.reason ?? null,
      performedBy: ctx.actor.userId,
      performedByOrganisationId: ctx.actor.organisationId,
      ...(performedAt ? { performedAt } : {}),
    })
    .returning({ id: screenings.id, performedAt: screenings.performedAt });
  const screeningId = screening!.id;

  const summary = `${definition.title.da}: ${outcome ? outcome.label.da : `udgår uden besvarelse (${EXCLUSION_DA[excluded!.reason]})`}. Samtykke til kontakt fra fællesskabskoordinator: ${CONSENT_DA[body.consent]}.`;
  await insertNote(tx, ctx, citizenId, {
    kind: "observation",
    title: "Ensomhed",
    body: body.observation ? `${summary}\n\n${body.observation}` : summary,
    tags: [LONELINESS_TAG],
    active: false,
    screeningId,
  });

  if (body.consent === "no") {
    // Seed 000: "Faglig notat under tilstanden, hvis borgeren ikke ønsker at deltage … Gem som 'aktiv'."
    await insertNote(tx, ctx, citizenId, {
      kind: "professional",
      title: "Ønsker ikke at deltage",
      body: body.consentNote ?? "Borgeren ønsker ikke kontakt fra fællesskabskoordinatoren.",
      tags: [LONELINESS_TAG],
      active: true,
      screeningId,
    });
  }

  if (excluded) {
    await tx
      .update(citizens)
      .set({ inTargetGroup: false })
      .where(and(inTenant(citizens, ctx), eq(citizens.id, citizenId)));
    // One history row when this takes the citizen out; none when they were already outside.
    await recordMembershipChange(
      tx,
      ctx,
      citizenId,
      citizen,
      { inTargetGroup: false, homeCareSince: citizen.homeCareSince },
      {
        exclusionReason: excluded.reason,
        note: excluded.note,
        screeningId,
      },
    );
  }

  let referral: { id: string; receiptNumber: string } | null = null;
  if (outcome?.isPositive && body.consent === "yes" && !excluded) {
    referral = await insertReferral(tx, {
      municipalityId: ctx.actor.municipalityId,
      citizenId,
      source: "screening",
      channel: "broen",
      fromOrganisationId: ctx.actor.organisationId,
      reason: body.observation ? `${summary}\n\n${body.observation}` : summary,
      screeningId,
      createdBy: ctx.actor.userId,
    });
  }

  // Whichever button the worker tapped, the visit settles the opsporingsklip it used (issue 11 point 10).
  if (body.detectionClipId)
    await settleDetectionClip(tx, ctx, body.detectionClipId, "done", screeningId, citizenId);
  else await settleClipOfTheDay(tx, ctx, citizenId, copenhagenDate(screening!.performedAt), screeningId);

  await audit(tx, ctx, [
    {
      action: "create",
      entityType: "screening",
      entityId: screeningId,
      citizenId,
      criterion: { questionnaire: stored.key, version: stored.version },
    },
    ...(excluded
      ? [
          {
            action: "update" as const,
            entityType: "citizen" as const,
            entityId: citizenId,
            citizenId,
            criterion: { fields: ["inTargetGroup"], reason: EXCLUSION_DA[excluded.reason] },
          },
        ]
      : []),
    ...(referral
      ? [{ action: "create" as const, entityType: "referral" as const, entityId: referral.id, citizenId }]
      : []),
  ]);

  const [performer] = await tx
    .select({ name: users.displayName })
    .from(users)
    .where(eq(users.id, ctx.actor.userId));
  return {
    id: screeningId,
    citizenId,
    questionnaire: { id: stored.id, key: stored.key, version: stored.version, title: definition.title.da },
    scores,
    outcome: outcome
      ? { key: outcome.key, label: outcome.label.da, colour: outcome.colour, positive: outcome.isPositive }
      : null,
    consent: body.consent,
    exclusionReason: excluded?.reason ?? null,
    performedBy: { id: ctx.actor.userId, name: performer?.name ?? "" },
    performedAt: screening!.performedAt.toISOString(),
    referral: referral ? { id: referral.id, receiptNumber: referral.receiptNumber } : null,
  };
}

export async function listScreenings(tx: DbOrTx, ctx: Ctx, citizenId: string): Promise<ScreeningResult[]> {
  await loadCitizenFor(tx, ctx, citizenId, "citizen.read");
  const rows = await tx
    .select({
      s: screenings,
      q: {
        id: questionnaireDefinitions.id,
        key: questionnaireDefinitions.key,
        version: questionnaireDefinitions.version,
        definition: questionnaireDefinitions.definition,
      },
      performerName: users.displayName,
      referralId: referrals.id,
      receiptNumber: referrals.receiptNumber,
    })
    .from(screenings)
    .innerJoin(questionnaireDefinitions, eq(questionnaireDefinitions.id, screenings.definitionId))
    .innerJoin(users, eq(users.id, screenings.performedBy))
    .leftJoin(referrals, eq(referrals.screeningId, screenings.id))
    .where(and(inTenant(screenings, ctx), eq(screenings.citizenId, citizenId)))
    .orderBy(desc(screenings.performedAt));
  await audit(tx, ctx, { action: "read", entityType: "screenings", entityId: citizenId, citizenId });
  return rows.map(({ s, q, performerName, referralId, receiptNumber }) => {
    const definition = q.definition as QuestionnaireDefinition;
    const outcome = definition.outcomes.find((o) => o.key === s.outcomeKey);
    return {
      id: s.id,
      citizenId,
      questionnaire: { id: q.id, key: q.key, version: q.version, title: definition.title.da },
      scores: s.scores as Record<string, number> | null,
      outcome:
        s.outcomeKey === null
          ? null
          : {
              key: s.outcomeKey,
              label: outcome?.label.da ?? s.outcomeKey,
              colour: s.colour ?? "grey",
              positive: s.positive,
            },
      consent: s.consent,
      exclusionReason: s.exclusionReason,
      performedBy: { id: s.performedBy, name: performerName },
      performedAt: s.performedAt.toISOString(),
      referral: referralId ? { id: referralId, receiptNumber: receiptNumber ?? "" } : null,
    };
  });
}

/** A form kept on a phone without a signal is dated when it was filled, within the rule's window. */
function filledAtOf(body: SubmitScreeningBody): Date | null {
  if (!body.filledAt) return null;
  const accepted = acceptedFilledAt(new Date(body.filledAt), new Date());
  if (accepted === "too_old") throw AppError.field("filledAt", "too_early");
  return accepted;
}
