/**
 * Demo history of detection (Opspor) for the demo municipality: screenings of
 * the last 20 months with their notes, exclusions, referrals in every state,
 * the home-care worker's own citizens and today's opsporingsklip. Scores and
 * outcomes come from the real scoring engine, so the demo is consistent.
 */
import { and, eq, inArray } from "drizzle-orm";
import { scoreAnswers } from "../../domain/questionnaires/index.js";
import { copenhagenDate } from "../../domain/time.js";
import type { AnswerSet, QuestionnaireDefinition } from "../../shared/api/questionnaires.js";
import type { Tx } from "../db/client.js";
import { inTenant } from "../platform/tenancy.js";
import {
  citizenContacts,
  citizens,
  detectionClips,
  journalNotes,
  questionnaireDefinitions,
  referralEvents,
  referrals,
  screenings,
  targetGroupChanges,
  users,
} from "../db/schema/index.js";
import { installShippedQuestionnaires } from "../modules/questionnaires/index.js";
import { newReceiptNumber } from "../modules/referrals/index.js";
import type { SeededRandom } from "./random.js";

export function randomAnswers(
  rng: SeededRandom,
  definition: QuestionnaireDefinition,
  lonely: boolean,
): AnswerSet {
  const answers: AnswerSet = {};
  for (const item of definition.items) {
    if (item.kind === "checklist") answers[item.id] = rng.chance(lonely ? 0.35 : 0.08);
    else if (item.kind === "judgement") answers[item.id] = rng.pick(item.options).id;
    else {
      const options = [...item.options].sort((a, b) => a.score - b.score);
      answers[item.id] = (
        lonely
          ? options[Math.min(options.length - 1, rng.int(1, options.length - 1))]
          : options[rng.int(0, 1)]
      )!.id;
    }
  }
  return answers;
}

function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000 - 3_600_000 * 3);
}

export async function seedDetectionDemo(
  tx: Tx,
  rng: SeededRandom,
  municipalityId: string,
  coordinatorUnitId: string,
): Promise<void> {
  await installShippedQuestionnaires(tx, municipalityId);
  const defs = await tx
    .select()
    .from(questionnaireDefinitions)
    .where(inTenant(questionnaireDefinitions, municipalityId));
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const staff = await tx
    .select({ id: users.id, username: users.username, organisationId: users.organisationId })
    .from(users)
    .where(
      and(
        inTenant(users, municipalityId),
        inArray(users.username, ["hjemmehjaelper", "privat", "kaerpleje", "koordinator"]),
      ),
    );
  const worker = (u: string) => staff.find((s) => s.username === u)!;
  const workerOf = new Map(
    staff.filter((s) => s.username !== "koordinator").map((s) => [s.organisationId, s]),
  );
  const coordinator = worker("koordinator");
  const all = await tx
    .select({
      id: citizens.id,
      provider: citizens.providerOrganisationId,
      districtId: citizens.districtId,
      since: citizens.homeCareSince,
    })
    .from(citizens)
    .where(inTenant(citizens, municipalityId))
    .orderBy(citizens.sortName);
  const now = new Date();
  const home = worker("hjemmehjaelper");

  // The home-care worker is the named contact person of 14 citizens of Hjemmeplejen in Distrikt Nord.
  const [homeUser] = await tx
    .select({ districtId: users.districtId })
    .from(users)
    .where(eq(users.id, home.id));
  const mine = all
    .filter((c) => c.provider === home.organisationId && c.districtId === homeUser?.districtId)
    .slice(0, 14);
  await tx.insert(citizenContacts).values(
    mine.map((c) => ({
      municipalityId,
      citizenId: c.id,
      kind: "contact_person" as const,
      userId: home.id,
      name: "Mette Lykke",
      relation: "kontaktperson",
      organisationId: home.organisationId,
    })),
  );

  for (const c of all) {
    const performer = workerOf.get(c.provider ?? "");
    if (!performer || !rng.chance(0.55)) continue;
    const times = rng.chance(0.3) ? 2 : 1;
    for (let t = 0; t < times; t++) {
      const stored = byKey.get(
        rng.chance(0.5) ? "t-ils" : rng.chance(0.7) ? "tegn-paa-ensomhed" : "amager-5",
      )!;
      const definition = stored.definition as QuestionnaireDefinition;
      const answers = randomAnswers(rng, definition, rng.chance(0.3));
      const scored = scoreAnswers(definition, answers);
      if (!scored.ok) continue;
      const at = daysBefore(now, t === 0 ? rng.int(200, 600) : rng.int(5, 190));
      const consent = scored.outcome.isPositive ? (rng.chance(0.75) ? "yes" : "no") : "not_asked";
      const exclusion = rng.chance(0.06)
        ? rng.pick(["dementia", "terminal", "declined", "moved"] as const)
        : null;
      const [s] = await tx
        .insert(screenings)
        .values({
          municipalityId,
          citizenId: c.id,
          definitionId: stored.id,
          answers,
          scores: scored.scores,
          outcomeKey: scored.outcome.key,
          colour: scored.outcome.colour,
          positive: scored.outcome.isPositive,
          consent,
          exclusionReason: exclusion,
          performedBy: performer.id,
          performedByOrganisationId: performer.organisationId,
          performedAt: at,
        })
        .returning({ id: screenings.id });
      await tx.insert(journalNotes).values({
        municipalityId,
        citizenId: c.id,
        kind: "observation",
        tags: ["ensomhed"],
        title: "Ensomhed",
        body: `${definition.title.da}: ${scored.outcome.label.da}. (Demo-notat.)`,
        screeningId: s!.id,
        authorUserId: performer.id,
        authorOrganisationId: performer.organisationId,
        createdAt: at,
      });
      if (exclusion) {
        await tx.update(citizens).set({ inTargetGroup: false }).where(eq(citizens.id, c.id));
        await tx.insert(targetGroupChanges).values({
          municipalityId,
          citizenId: c.id,
          inTargetGroup: false,
          reason: exclusion,
          screeningId: s!.id,
          changedBy: performer.id,
          changedAt: at,
        });
        break;
      }
      if (scored.outcome.isPositive && consent === "yes") {
        const roll = rng.next();
        const status =
          roll < 0.5 ? "accepted" : roll < 0.8 ? "new" : roll < 0.9 ? "info_requested" : "rejected";
        const createdAt = t === 0 ? at : daysBefore(now, rng.int(1, 20));
        const [r] = await tx
          .insert(referrals)
          .values({
            municipalityId,
            receiptNumber: newReceiptNumber(),
            citizenId: c.id,
            source: "screening",
            channel: "broen",
            toOrganisationId: coordinatorUnitId,
            fromOrganisationId: performer.organisationId,
            reason: `${definition.title.da}: ${scored.outcome.label.da}. (Demo.)`,
            screeningId: s!.id,
            status: t === 0 && status !== "rejected" ? "accepted" : status,
            createdBy: performer.id,
            createdAt,
          })
          .returning({ id: referrals.id, status: referrals.status });
        await tx.insert(referralEvents).values({
          municipalityId,
          referralId: r!.id,
          fromStatus: null,
          toStatus: "new",
          actorUserId: performer.id,
          at: createdAt,
        });
        if (r!.status !== "new") {
          await tx.insert(referralEvents).values({
            municipalityId,
            referralId: r!.id,
            fromStatus: "new",
            toStatus: r!.status,
            action:
              r!.status === "rejected"
                ? "reject"
                : r!.status === "info_requested"
                  ? "request_info"
                  : "accept",
            message:
              r!.status === "rejected"
                ? "Borgeren har allerede et fast fællesskab."
                : r!.status === "info_requested"
                  ? "Hvornår på dagen er borgeren frisk?"
                  : null,
            actorUserId: coordinator.id,
            at: new Date(createdAt.getTime() + 2 * 86_400_000),
          });
        }
      }
    }
  }

  // Today's opsporingsklip on the home-care worker's list.
  const today = copenhagenDate(now);
  const planner = (
    await tx
      .select({ id: users.id })
      .from(users)
      .where(and(inTenant(users, municipalityId), eq(users.username, "planlaegger")))
  )[0];
  await tx.insert(detectionClips).values(
    mine.slice(0, 3).map((c) => ({
      municipalityId,
      citizenId: c.id,
      workerUserId: home.id,
      plannedDate: today,
      minutes: 30,
      grantedBy: planner?.id ?? home.id,
    })),
  );
}
