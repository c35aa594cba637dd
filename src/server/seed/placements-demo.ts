/**
 * Demo of Afprøv: placements of citizens in trial and follow-up in the catalog's activities (found
 * by the real matching), referrals to the volunteer centre with their answers, and one small
 * community with its meetings. Made through the services themselves (as the demo coordinator and
 * the volunteer centre's staff), so the demo holds exactly what the app would have recorded —
 * audit trail included.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "../db/client.js";
import { courses, organisations, users } from "../db/schema/index.js";
import type { Ctx } from "../platform/context.js";
import { inTenant } from "../platform/tenancy.js";
import {
  answerVolunteerReferral,
  createCommunity,
  createPlacement,
  createVolunteerReferral,
  findMatches,
  movePlacementStatus,
  recordMeeting,
} from "../modules/placements/index.js";
import { copenhagenDate } from "../../domain/time.js";
import type { SeededRandom } from "./random.js";

async function ctxOf(tx: Tx, username: string): Promise<Ctx> {
  const [u] = await tx
    .select({
      id: users.id,
      municipalityId: users.municipalityId,
      organisationId: users.organisationId,
      districtId: users.districtId,
      role: users.role,
      kind: organisations.kind,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.username, username));
  if (!u) throw new Error(`demo user ${username} is missing`);
  return {
    actor: {
      userId: u.id,
      municipalityId: u.municipalityId,
      organisationId: u.organisationId,
      organisationKind: u.kind,
      districtId: u.districtId,
      role: u.role,
    },
    ip: "demo-seed",
    userAgent: null,
    lang: "da",
  };
}

const ANSWERS = {
  visiting_friend: "Vi har fundet en besøgsven, som kommer hver anden tirsdag.",
  phone_friend: "En telefonven ringer om torsdagen.",
  no_match: "Vi har ikke en frivillig i området lige nu; vi vender tilbage.",
};

export async function seedPlacementsDemo(
  tx: Tx,
  rng: SeededRandom,
  municipalityId: string,
  volunteerCentreId: string,
): Promise<void> {
  const coordinator = await ctxOf(tx, "koordinator");
  const volunteer = await ctxOf(tx, "frivillig");
  const open = await tx
    .select({ id: courses.id, stage: courses.stage, coordinatorUserId: courses.coordinatorUserId })
    .from(courses)
    .where(
      and(
        inTenant(courses, municipalityId),
        inArray(courses.stage, ["trial", "follow_up", "guidance"]),
        eq(courses.coordinatorUserId, coordinator.actor.userId),
      ),
    );

  let referred = 0;
  for (const course of open) {
    if (course.stage !== "guidance") {
      const { suggestions } = await findMatches(tx, coordinator, course.id, { limit: 3 });
      const first = suggestions[0];
      if (first) {
        let placement = await createPlacement(tx, coordinator, course.id, { activityId: first.activity.id });
        const path = rng.pick([
          ["contacted"],
          ["contacted", "trial_visit"],
          ["contacted", "trial_visit", "participating"],
          ["contacted", "trial_visit", "participating"],
        ] as const);
        for (const to of path)
          placement = await movePlacementStatus(tx, coordinator, placement.id, {
            to,
            version: placement.version,
          });
      }
    }
    // Holstebro referred about one in three lonely citizens to the volunteer house; three in four were matched.
    if (referred < 8 && rng.chance(0.7)) {
      referred++;
      const referral = await createVolunteerReferral(tx, coordinator, course.id, {
        toOrganisationId: volunteerCentreId,
        consentFields: ["firstName", "phone", "ageGroup", "interests", "wishes"],
        message: "Borgeren vil gerne have en fast person at snakke med.",
      });
      const roll = rng.next();
      if (roll < 0.6)
        await answerVolunteerReferral(tx, volunteer, referral.id, {
          status: "matched",
          matchKind: "visiting_friend",
          answer: ANSWERS.visiting_friend,
        });
      else if (roll < 0.75)
        await answerVolunteerReferral(tx, volunteer, referral.id, {
          status: "matched",
          matchKind: "phone_friend",
          answer: ANSWERS.phone_friend,
        });
      else if (roll < 0.85)
        await answerVolunteerReferral(tx, volunteer, referral.id, {
          status: "no_match",
          answer: ANSWERS.no_match,
        });
    }
  }

  // One small community of three neighbours who meet at one of their homes (guidepost 4).
  const members = open.filter((c) => c.stage === "trial" || c.stage === "follow_up").slice(0, 3);
  if (members.length >= 2) {
    const [home] = await tx.select({ id: users.id }).from(users).where(eq(users.username, "hjemmehjaelper"));
    const community = await createCommunity(tx, coordinator, {
      name: "Kaffeklubben på Engvej",
      courseIds: members.map((m) => m.id),
      meetingPlace: "Hos en af deltagerne",
      hostUserId: home?.id ?? null,
    });
    const day = (n: number) => copenhagenDate(new Date(Date.now() - n * 86_400_000));
    await recordMeeting(tx, coordinator, community.id, {
      heldOn: day(14),
      note: "Første møde; hjemmehjælperen var med.",
    });
    await recordMeeting(tx, coordinator, community.id, {
      heldOn: day(7),
      note: "De aftalte selv næste gang.",
    });
  }
}
