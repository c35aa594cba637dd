/**
 * Demo courses for the demo municipality: every citizen whose referral was accepted has a course
 * in some stage — clarified from a guide, with interventions, grants, used and planned clips,
 * follow-ups (some overdue) — and some courses are closed with the citizen's own account.
 * Today's planned accompaniment for the home-care worker "hjemmehjaelper" lands on her day.
 * A citizen with a referral still waiting in the inbox has no open course, so accepting it in
 * the demo opens a fresh one.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import { copenhagenDate } from "../../domain/time.js";
import { ACCOMPANIMENT_FORMS, type COURSE_STAGES, LONELINESS_TYPES } from "../../domain/course/vocabulary.js";
import type {
  BarrierCatalogue,
  ConversationGuide,
  InterestTaxonomy,
} from "../../shared/api/course-definitions.js";
import type { Tx } from "../db/client.js";
import { inTenant } from "../platform/tenancy.js";
import {
  citizens,
  clipGrants,
  clips,
  conditionAssessments,
  conversations,
  courseDefinitions,
  courseEvents,
  courses,
  followUps,
  interventions,
  journalNotes,
  outcomeMeasurements,
  questionnaireDefinitions,
  referrals,
  screenings,
  users,
} from "../db/schema/index.js";
import { installShippedCourseDefinitions } from "../modules/courses/index.js";
import { scheduleOutcomes } from "../modules/questionnaires/index.js";
import { scoreAnswers } from "../../domain/questionnaires/index.js";
import type { QuestionnaireDefinition } from "../../shared/api/questionnaires.js";
import { randomAnswers } from "./detection-demo.js";
import type { SeededRandom } from "./random.js";

const DAY = 86_400_000;
type Stage = (typeof COURSE_STAGES)[number];

const WISHES = [
  "Vil gerne synge igen, som i kirkekoret før.",
  "Savner at tale med nogen om andet end sygdom.",
  "Vil gerne ud og se havnen og drikke kaffe med andre.",
  "Kunne godt tænke sig at strikke sammen med andre.",
  "Vil gerne spille kort igen, som med naboerne før.",
];
const ACCOUNTS = [
  "Det var godt, at der var en med første gang. Nu går jeg selv.",
  "Jeg glæder mig til tirsdag hver uge.",
  "Det var ikke lige mig, men det var rart at prøve.",
];

export async function seedCourseDemo(
  tx: Tx,
  rng: SeededRandom,
  municipalityId: string,
  coordinatorUnitId: string,
): Promise<void> {
  await installShippedCourseDefinitions(tx, municipalityId);
  const defs = await tx.select().from(courseDefinitions).where(inTenant(courseDefinitions, municipalityId));
  const def = (kind: string) => defs.find((d) => d.kind === kind)!;
  const guide = defs.find((d) => d.kind === "conversation_guide" && d.key === "narrativ-samtale")!;
  const barrierDef = def("barrier_catalogue");
  const interestDef = def("interest_taxonomy");
  const policy = def("punch_card_policy");
  const barrierIds = (barrierDef.definition as BarrierCatalogue).barriers.map((b) => b.id);
  const interestIds = (interestDef.definition as InterestTaxonomy).interests.map((i) => i.id);
  const themes = (guide.definition as ConversationGuide).themes;

  const staff = await tx
    .select({ id: users.id, username: users.username, organisationId: users.organisationId })
    .from(users)
    .where(inTenant(users, municipalityId));
  const user = (name: string) => staff.find((s) => s.username === name)!;
  const coordinators = [user("koordinator"), user("koordinator2")];
  const home = user("hjemmehjaelper");
  const planner = user("planlaegger");
  const workerOf = new Map([
    [home.organisationId, home],
    [user("privat").organisationId, user("privat")],
  ]);

  const accepted = await tx
    .select({
      id: referrals.id,
      citizenId: referrals.citizenId,
      createdAt: referrals.createdAt,
      provider: citizens.providerOrganisationId,
    })
    .from(referrals)
    .innerJoin(citizens, eq(citizens.id, referrals.citizenId))
    .where(and(inTenant(referrals, municipalityId), eq(referrals.status, "accepted")))
    .orderBy(desc(referrals.createdAt));
  const waiting = new Set(
    (
      await tx
        .select({ citizenId: referrals.citizenId })
        .from(referrals)
        .where(and(inTenant(referrals, municipalityId), inArray(referrals.status, ["new", "info_requested"])))
    ).map((r) => r.citizenId),
  );

  const now = Date.now();
  const today = copenhagenDate(new Date(now));
  const [tils] = await tx
    .select()
    .from(questionnaireDefinitions)
    .where(
      and(inTenant(questionnaireDefinitions, municipalityId), eq(questionnaireDefinitions.key, "t-ils")),
    );
  if (!tils) throw new Error("the demo's questionnaires must be installed before its courses");
  const seen = new Set<string>();
  let homeToday = 0;
  // The home-care worker's day today runs 11:00, 13:00, 15:00; the other slots are free for the rest.
  const taken = new Set<string>();
  const freeStart = (workerId: string, day: string, wanted: string) => {
    const slots = ["09:00", "11:00", "13:00", "15:00", "17:00", "19:00"];
    const free = [wanted, ...slots].find((s) => !taken.has(`${workerId}|${day}|${s}`)) ?? "21:00";
    taken.add(`${workerId}|${day}|${free}`);
    return free;
  };
  for (const r of accepted) {
    if (!r.citizenId || seen.has(r.citizenId)) continue;
    seen.add(r.citizenId);
    const citizenId = r.citizenId;
    const coordinator = rng.chance(0.7) ? coordinators[0]! : coordinators[1]!;
    // Two days after the advis, never in the future (an advis of today opens a course today) and never before the advis.
    const openedAt = new Date(
      Math.max(
        r.createdAt.getTime(),
        Math.min(now - 3_600_000, Math.max(r.createdAt.getTime() + 2 * DAY, now - 400 * DAY)),
      ),
    );
    const age = Math.max(1, Math.floor((now - openedAt.getTime()) / DAY));
    // Most courses run about three months (Frederikshavn's 3-month courses); a few run long (Struer).
    const closed = waiting.has(citizenId) || (age > 120 && rng.chance(0.85));
    const stage: Stage = closed
      ? "closed"
      : age < 10
        ? "clarification"
        : rng.pick(["clarification", "guidance", "trial", "trial", "follow_up"] as const);
    const at = (daysAfterOpen: number) =>
      new Date(Math.min(now - DAY / 2, openedAt.getTime() + daysAfterOpen * DAY));
    const stageSince = closed
      ? at(Math.min(age - 1, rng.int(60, 110)))
      : new Date(now - rng.int(1, Math.min(45, age)) * DAY);
    const nextFollowUpOn =
      !closed && (stage === "trial" || stage === "follow_up")
        ? copenhagenDate(new Date(now + rng.int(-20, 40) * DAY))
        : null;

    const [course] = await tx
      .insert(courses)
      .values({
        municipalityId,
        citizenId,
        referralId: r.id,
        coordinatorUserId: coordinator.id,
        stage,
        stageSince,
        openedAt,
        nextFollowUpOn,
        closedAt: closed ? stageSince : null,
        closingReason: closed
          ? rng.pick(["goal_reached", "goal_reached", "citizen_declined", "health_worsened"] as const)
          : null,
        citizenAccount: closed ? rng.pick(ACCOUNTS) : null,
      })
      .returning({ id: courses.id });
    const courseId = course!.id;
    await seedOutcomes(tx, rng, { municipalityId, courseId, citizenId, openedAt, coordinator, tils, now });
    await tx.insert(courseEvents).values({
      municipalityId,
      courseId,
      kind: "opened",
      toStage: "clarification",
      toUserId: coordinator.id,
      actorUserId: coordinator.id,
      at: openedAt,
    });
    if (stage !== "clarification") {
      await tx.insert(courseEvents).values({
        municipalityId,
        courseId,
        kind: closed ? "closed" : "stage_changed",
        fromStage: "clarification",
        toStage: stage,
        reason: closed ? "goal_reached" : null,
        actorUserId: coordinator.id,
        at: stageSince,
      });
    }

    // The clarification visit, held a few days after opening (except for the newest courses).
    if (age > 4 || closed) {
      const heldAt = at(rng.int(2, 4));
      const [conv] = await tx
        .insert(conversations)
        .values({
          municipalityId,
          courseId,
          citizenId,
          kind: "clarification",
          status: "held",
          heldAt,
          guideDefinitionId: guide.id,
          themeNotes: {
            [themes[0]!.id]: "Demo: fortæller om sit arbejdsliv og familien.",
            [themes[1]!.id]: "Demo: ser sjældent andre end hjemmeplejen.",
          },
          lonelinessType: rng.pick(LONELINESS_TYPES),
          interests: rng.sample(interestIds, rng.int(1, 3)),
          barriers: rng.sample(barrierIds, rng.int(1, 2)),
          barrierDefinitionId: barrierDef.id,
          interestDefinitionId: interestDef.id,
          wishes: rng.pick(WISHES),
          goals: [
            {
              goal: "Deltage i et fællesskab hver uge",
              agreements: [
                { who: "Koordinator", what: "Finde et tilbud tæt på", due: copenhagenDate(at(21)) },
              ],
            },
          ],
          recordedBy: coordinator.id,
          recordedAt: heldAt,
          createdAt: heldAt,
        })
        .returning({ id: conversations.id });
      await tx.insert(conditionAssessments).values({
        municipalityId,
        citizenId,
        courseId,
        conversationId: conv!.id,
        conditionCode: "J4.5",
        severity: rng.int(1, 3),
        citizenView: rng.chance(0.7) ? "D2" : "D1",
        assessedBy: coordinator.id,
        assessedAt: heldAt,
      });
    } else {
      await tx.insert(conversations).values({
        municipalityId,
        courseId,
        citizenId,
        kind: "clarification",
        status: "booked",
        scheduledAt: new Date(now + rng.int(1, 6) * DAY),
        recordedBy: coordinator.id,
      });
    }
    if (stage === "clarification" && !closed) continue;

    // Guidance conversations by the coordinator unit, accompaniment by the citizen's home care.
    const provider = r.provider ?? coordinatorUnitId;
    const [acc] = await tx
      .insert(interventions)
      .values({
        municipalityId,
        courseId,
        kind: "accompaniment",
        providerOrganisationId: provider,
        startedOn: copenhagenDate(at(5)),
        createdBy: coordinator.id,
        createdAt: at(5),
        endedAt: closed ? stageSince : null,
      })
      .returning({ id: interventions.id });
    const grantedOn = copenhagenDate(at(5));
    const accompanimentClips = rng.int(3, 8);
    await tx.insert(clipGrants).values([
      {
        municipalityId,
        courseId,
        kind: "conversation",
        clips: 2,
        minutesPerClip: 30,
        policyDefinitionId: policy.id,
        grantedBy: coordinator.id,
        grantedOn,
        createdAt: at(5),
      },
      {
        municipalityId,
        courseId,
        interventionId: acc!.id,
        kind: "accompaniment",
        clips: accompanimentClips,
        minutesPerClip: 120,
        policyDefinitionId: policy.id,
        grantedBy: coordinator.id,
        grantedOn,
        createdAt: at(5),
      },
    ]);
    const performer = workerOf.get(provider) ?? coordinator;
    const used = Math.min(
      accompanimentClips - 1,
      stage === "guidance" ? 0 : rng.int(1, accompanimentClips - 1),
    );
    // Weekly accompaniment up to the last week (closed: up to the closing day).
    const lastDay = closed ? stageSince.getTime() : now - rng.int(1, 6) * DAY;
    for (let i = 0; i < used; i++) {
      // Within the course: not before it opened, not in the future (issue 11 point 7).
      const day = new Date(
        Math.min(
          now - 3_600_000,
          Math.max(openedAt.getTime(), openedAt.getTime() + 6 * DAY, lastDay - (used - 1 - i) * 7 * DAY),
        ),
      );
      const cancelled = rng.chance(0.1);
      await tx.insert(clips).values({
        municipalityId,
        courseId,
        citizenId,
        interventionId: acc!.id,
        providerOrganisationId: provider,
        kind: "accompaniment",
        accompanimentForm: rng.pick(ACCOMPANIMENT_FORMS),
        status: cancelled ? "cancelled" : "done",
        performedOn: copenhagenDate(day),
        actualMinutes: cancelled ? null : rng.int(45, 120),
        note: cancelled ? null : "Demo: fulgt til aktiviteten.",
        cancelledByCitizen: cancelled,
        cancelReason: cancelled ? "Borgeren var sløj" : null,
        workerUserId: performer.id,
        registeredBy: performer.id,
        registeredAt: day,
        createdAt: day,
      });
    }
    if (!closed && stage !== "guidance" && used < accompanimentClips) {
      // The next accompaniment: on the home-care worker's day today (a few), else in the coming days.
      const onHomeToday = provider === home.organisationId && homeToday < 3;
      if (onHomeToday) homeToday++;
      const workerId = onHomeToday ? home.id : performer.id;
      const plannedOn = onHomeToday ? today : copenhagenDate(new Date(now + rng.int(1, 10) * DAY));
      // 90-minute visits two hours apart: one worker never has two planned clips at once (issue 11 point 7).
      const start = onHomeToday
        ? `${9 + 2 * homeToday}:00`
        : freeStart(workerId, plannedOn, rng.pick(["09:00", "11:00", "13:00", "15:00"]));
      await tx.insert(clips).values({
        municipalityId,
        courseId,
        citizenId,
        interventionId: acc!.id,
        providerOrganisationId: provider,
        kind: "accompaniment",
        accompanimentForm: "to_from_during",
        status: "planned",
        plannedOn,
        plannedStart: start,
        plannedMinutes: 90,
        workerUserId: workerId,
        plannedBy: planner.id,
      });
    }
    if (stage === "follow_up" || closed) {
      await tx.insert(followUps).values({
        municipalityId,
        courseId,
        result: closed ? "E3" : "E1",
        stillParticipating: rng.chance(0.7),
        note: "Demo-opfølgning.",
        nextFollowUpOn: closed ? null : nextFollowUpOn,
        performedBy: coordinator.id,
        performedAt: closed ? stageSince : at(age - 3),
      });
    }
    if (closed) {
      await tx.insert(journalNotes).values({
        municipalityId,
        citizenId,
        kind: "professional",
        tags: ["ensomhed", "fællesskabsforløb"],
        title: "Fællesskabsforløb afsluttet",
        body: "Demo: forløbet er afsluttet. Borgeren kommer nu selv i et fællesskab; spørg gerne til det.",
        active: true,
        authorUserId: coordinator.id,
        authorOrganisationId: coordinatorUnitId,
        createdAt: stageSince,
      });
    }
  }
}

/**
 * The course's outcome questionnaires: most baselines answered when the course opened, and the
 * six-month follow-up answered where it has come due — lonely less often than at baseline, so
 * the demo's outcome report has something to show.
 */
async function seedOutcomes(
  tx: Tx,
  rng: SeededRandom,
  c: {
    municipalityId: string;
    courseId: string;
    citizenId: string;
    openedAt: Date;
    coordinator: { id: string; organisationId: string };
    tils: typeof questionnaireDefinitions.$inferSelect;
    now: number;
  },
) {
  await scheduleOutcomes(tx, c.municipalityId, c.courseId, c.citizenId, copenhagenDate(c.openedAt));
  const definition = c.tils.definition as QuestionnaireDefinition;
  const rows = await tx
    .select()
    .from(outcomeMeasurements)
    .where(eq(outcomeMeasurements.courseId, c.courseId));
  // Baseline first: a follow-up is only answered where the baseline is (else it can never be paired).
  rows.sort((a, b) => (a.phase === b.phase ? 0 : a.phase === "baseline" ? -1 : 1));
  let baselineAnswered = false;
  for (const m of rows) {
    // A detection form shortly before the course may already be its baseline.
    if (m.screeningId) {
      baselineAnswered ||= m.phase === "baseline";
      continue;
    }
    if (m.phase === "follow_up" && !baselineAnswered) continue;
    const due = new Date(`${m.dueOn}T10:00:00Z`);
    if (due.getTime() > c.now || !rng.chance(m.phase === "baseline" ? 0.85 : 0.7)) continue;
    const answers = randomAnswers(
      rng,
      definition,
      m.phase === "baseline" ? rng.chance(0.8) : rng.chance(0.45),
    );
    const scored = scoreAnswers(definition, answers);
    if (!scored.ok) continue;
    const at = new Date(Math.min(c.now - 3_600_000, due.getTime() + rng.int(0, 5) * DAY));
    const [s] = await tx
      .insert(screenings)
      .values({
        municipalityId: c.municipalityId,
        citizenId: c.citizenId,
        definitionId: c.tils.id,
        answers,
        scores: scored.scores,
        outcomeKey: scored.outcome.key,
        colour: scored.outcome.colour,
        positive: scored.outcome.isPositive,
        consent: "not_asked",
        purpose: "outcome",
        performedBy: c.coordinator.id,
        performedByOrganisationId: c.coordinator.organisationId,
        performedAt: at,
      })
      .returning({ id: screenings.id });
    await tx
      .update(outcomeMeasurements)
      .set({ screeningId: s!.id, answeredAt: at })
      .where(eq(outcomeMeasurements.id, m.id));
    baselineAnswered ||= m.phase === "baseline";
  }
}
