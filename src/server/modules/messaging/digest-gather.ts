/**
 * The digest's figures for one user (issue 16 point 2): a count per topic, read as the user would
 * read the page the topic links to — with an actor built from their user row, through the same
 * services and filters (the worker's day, the caseload lines, the referral inbox's query), so a
 * digest never counts a citizen the user could not see in Broen (a private provider's worker,
 * anonymised and restricted citizens).
 *
 * Nothing here audits: the digest names no one and shows nothing to anyone, so it reads no
 * citizen in the sense of the audit trail (decision 0010). Only counts leave this file.
 */
import { and, count, eq, gte, inArray, isNull, lt, lte, ne, or } from "drizzle-orm";
import type { Actor } from "../../../domain/access-policy.js";
import type { DigestItem, DigestTopic } from "../../../domain/messaging/digest.js";
import type { DbOrTx } from "../../db/client.js";
import { citizens, referralEvents, referrals, volunteerReferrals } from "../../db/schema/index.js";
import type { Ctx } from "../../platform/context.js";
import { inTenant } from "../../platform/tenancy.js";
import { listedCitizen } from "../citizens/index.js";
import { caseloadSummaries } from "../courses/index.js";
import { myDayCards } from "../detection/index.js";
import { selectReferrals, statusFilter } from "../referrals/index.js";

export interface GatherInput {
  actor: Actor;
  topics: readonly DigestTopic[];
  /** The job's moment; "today" is its Copenhagen day. */
  now: Date;
  today: string;
  /** From when "new" counts (domain digestWindowStart). */
  since: Date;
  /** The municipality's referralWaitDays. */
  referralWaitDays: number;
}

/** A context for the services: the user's actor, no request behind it. */
function ctxOf(actor: Actor): Ctx {
  return { actor, ip: "job", userAgent: null, lang: "da" };
}

const DAY_MS = 86_400_000;

/** One count per asked topic (0 when nothing), in the order asked. */
export async function gatherDigest(tx: DbOrTx, input: GatherInput): Promise<DigestItem[]> {
  const ctx = ctxOf(input.actor);
  const wants = new Set(input.topics);
  const counts = new Map<DigestTopic, number>();
  const { now, since } = input;

  if (wants.has("day.detectionClips") || wants.has("day.clips") || wants.has("day.screeningsDue")) {
    const tasks = (await myDayCards(tx, ctx, input.today)).flatMap((c) => c.tasks);
    counts.set("day.detectionClips", tasks.filter((t) => t.kind === "detection_clip").length);
    counts.set("day.clips", tasks.filter((t) => t.kind === "clip").length);
    counts.set("day.screeningsDue", tasks.filter((t) => t.kind === "screening_due").length);
  }

  // The inbox's own query: unlinked referrals (from outside) stay, hidden citizens' ones leave.
  const inInbox = or(isNull(referrals.citizenId), listedCitizen());
  if (wants.has("referrals.new")) {
    const rows = await selectReferrals(
      tx,
      ctx,
      and(
        statusFilter("new", undefined),
        inInbox,
        gte(referrals.createdAt, since),
        lt(referrals.createdAt, now),
      ),
    );
    counts.set("referrals.new", rows.length);
  }
  if (wants.has("referrals.waiting")) {
    // As the due lists' "waiting more than N days", measured from the job's moment.
    const rows = await selectReferrals(
      tx,
      ctx,
      and(
        statusFilter("open", undefined),
        inInbox,
        lte(referrals.createdAt, new Date(now.getTime() - input.referralWaitDays * DAY_MS)),
      ),
    );
    counts.set("referrals.waiting", rows.length);
  }

  if (wants.has("followUps.overdue") || wants.has("clips.runningLow")) {
    // The caseload page's lines: a coordinator's own courses; a manager's page shows everyone's.
    const coordinator = input.actor.role === "manager" ? null : input.actor.userId;
    const lines = await caseloadSummaries(tx, ctx, coordinator, now);
    counts.set("followUps.overdue", lines.filter((l) => l.followUpOverdue).length);
    counts.set("clips.runningLow", lines.filter((l) => l.cardWarning).length);
  }

  if (wants.has("volunteerReferrals.new")) {
    // The volunteer centre's inbox: referrals to its own organisation, hidden citizens left out.
    const [row] = await tx
      .select({ n: count() })
      .from(volunteerReferrals)
      .innerJoin(citizens, eq(citizens.id, volunteerReferrals.citizenId))
      .where(
        and(
          inTenant(volunteerReferrals, ctx),
          eq(volunteerReferrals.toOrganisationId, input.actor.organisationId),
          listedCitizen(),
          gte(volunteerReferrals.createdAt, since),
          lt(volunteerReferrals.createdAt, now),
        ),
      );
    counts.set("volunteerReferrals.new", row?.n ?? 0);
  }

  if (wants.has("referrals.answered")) {
    // The coordinators' decisions on referrals this user sent from their organisation (the sent
    // list's scope, narrowed to their own), hidden citizens left out as the sent list does.
    const [row] = await tx
      .select({ n: count() })
      .from(referralEvents)
      .innerJoin(referrals, eq(referrals.id, referralEvents.referralId))
      .leftJoin(citizens, eq(citizens.id, referrals.citizenId))
      .where(
        and(
          inTenant(referralEvents, ctx),
          inTenant(referrals, ctx),
          eq(referrals.createdBy, input.actor.userId),
          eq(referrals.fromOrganisationId, input.actor.organisationId),
          inArray(referralEvents.action, ["accept", "reject", "request_info"]),
          ne(referralEvents.actorUserId, input.actor.userId),
          or(isNull(referrals.citizenId), listedCitizen()),
          gte(referralEvents.at, since),
          lt(referralEvents.at, now),
        ),
      );
    counts.set("referrals.answered", row?.n ?? 0);
  }

  return input.topics.map((topic) => ({
    topic,
    count: counts.get(topic) ?? 0,
    ...(topic === "referrals.waiting" ? { waitDays: input.referralWaitDays } : {}),
  }));
}
