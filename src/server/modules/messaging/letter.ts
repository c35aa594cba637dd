/**
 * The citizen's letter (issue 16, part "letter"): their plan and their punch card on paper, for the
 * citizen who does not use a smartphone (seed 001: large-print lists handed to the citizen).
 *
 * Everything on it is read through the courses and punch-card front doors — the course as the course
 * page loads it, the card as the punch card counts it (planned clips count against what is left, a
 * cancelled clip goes back on the card) — so the paper never disagrees with the screen. The booked
 * conversations' times are read from their table, as the reminders read them. What the
 * letter says is domain/messaging/letter-content.ts; its layout letter-pdf.ts.
 *
 * Printing it is an export of the citizen's data (their name, address and plan leave Broen on paper),
 * audited as such in the same transaction as the read.
 */
import { and, asc, desc, eq, isNotNull, ne } from "drizzle-orm";
import type { LetterInput } from "../../../domain/messaging/letter-content.js";
import type { LetterLang } from "../../../domain/messaging/letter-words.js";
import { copenhagenDayAndClock } from "../../../domain/messaging/reminders.js";
import { copenhagenDate } from "../../../domain/time.js";
import { type DbOrTx, inSequence } from "../../db/client.js";
import {
  citizenMessagingConsents,
  conversations,
  courses,
  interventions,
  municipalities,
  users,
} from "../../db/schema/index.js";
import { audit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { AppError } from "../../platform/errors.js";
import { inTenant } from "../../platform/tenancy.js";
import { asResource, loadCitizenFor } from "../citizens/index.js";
import { loadCourseFor, selectInterventions } from "../courses/index.js";
import { punchCard } from "../punchcard/index.js";
import { renderLetterPdf } from "./letter-pdf.js";

/** The citizen's language for messages: their consent's, Danish without one. */
async function letterLang(tx: DbOrTx, ctx: Ctx, citizenId: string): Promise<LetterLang> {
  const [row] = await tx
    .select({ lang: citizenMessagingConsents.lang })
    .from(citizenMessagingConsents)
    .where(and(inTenant(citizenMessagingConsents, ctx), eq(citizenMessagingConsents.citizenId, citizenId)))
    .orderBy(desc(citizenMessagingConsents.recordedAt), desc(citizenMessagingConsents.id))
    .limit(1);
  return row?.lang ?? "da";
}

/** What the letter is made from: plain data, nothing of CPR, scores, conditions or notes. */
export async function letterInput(
  tx: DbOrTx,
  ctx: Ctx,
  citizenId: string,
  now = new Date(),
): Promise<LetterInput> {
  const citizen = await loadCitizenFor(tx, ctx, citizenId, "citizen.read");
  authorize(ctx, { kind: "citizen.letter", citizen: asResource(citizen) });
  // One open course per citizen (decision 0036): the plan the letter prints.
  const [open] = await tx
    .select({ id: courses.id })
    .from(courses)
    .where(and(inTenant(courses, ctx), eq(courses.citizenId, citizenId), ne(courses.stage, "closed")));
  if (!open) throw new AppError("letter_no_open_course", 409);
  const course = await loadCourseFor(tx, ctx, open.id, "course.read");
  const [card, agreed, [coordinator], lang, booked] = await inSequence([
    () => punchCard(tx, ctx, course),
    () => selectInterventions(tx, eq(interventions.courseId, course.id)),
    () =>
      tx
        .select({ phone: users.phone, municipality: municipalities.name })
        .from(users)
        .innerJoin(municipalities, eq(municipalities.id, users.municipalityId))
        .where(and(inTenant(users, ctx), eq(users.id, course.coordinatorUserId))),
    () => letterLang(tx, ctx, citizenId),
    // Booked conversations are visits too (the coordinator comes), as the reminders treat them; the
    // rule keeps those from today on. Only the time is read: a conversation's notes stay off paper.
    () =>
      tx
        .select({ scheduledAt: conversations.scheduledAt })
        .from(conversations)
        .where(
          and(
            inTenant(conversations, ctx),
            eq(conversations.courseId, course.id),
            eq(conversations.status, "booked"),
            isNotNull(conversations.scheduledAt),
          ),
        )
        .orderBy(asc(conversations.scheduledAt)),
  ]);
  const town = [citizen.postalCode, citizen.city].filter(Boolean).join(" ");
  return {
    lang,
    today: copenhagenDate(now),
    municipality: coordinator?.municipality ?? "",
    citizen: {
      name: `${citizen.firstName} ${citizen.lastName}`,
      addressLines: [citizen.addressLine ?? "", town],
    },
    coordinator: { name: course.coordinatorName, phone: coordinator?.phone ?? null },
    activities: agreed.map((a) => ({
      kind: a.kind,
      description: a.description,
      provider: a.providerName,
      ended: a.endedAt !== null,
    })),
    clips: card.clips.map((c) => ({
      kind: c.kind,
      status: c.status,
      plannedOn: c.plannedOn,
      plannedStart: c.plannedStart,
      plannedMinutes: c.plannedMinutes,
      accompanimentForm: c.accompanimentForm,
      worker: c.worker?.name ?? null,
      provider: c.provider.name,
    })),
    conversations: booked.flatMap((b) => {
      if (!b.scheduledAt) return [];
      const { day, clock } = copenhagenDayAndClock(b.scheduledAt);
      return [{ day, start: clock, who: course.coordinatorName }];
    }),
    card: card.lines,
  };
}

/** The letter as PDF, with a file name that names nobody (no CPR, no name: it may sit in a download folder). */
export async function citizenLetterPdf(
  tx: DbOrTx,
  ctx: Ctx,
  citizenId: string,
): Promise<{ pdf: Buffer; filename: string }> {
  const input = await letterInput(tx, ctx, citizenId);
  await audit(tx, ctx, {
    action: "export",
    entityType: "citizen",
    entityId: citizenId,
    citizenId,
    criterion: { purpose: "letter", format: "pdf" },
  });
  const pdf = await renderLetterPdf(input);
  return { pdf, filename: `${input.lang === "da" ? "brev" : "letter"}-${input.today}.pdf` };
}
