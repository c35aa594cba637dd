/**
 * Reminders the day before (issue 16, part "reminders"): a planned accompaniment (a clip) or a
 * booked conversation gets a message to the citizen — and a copy to the relative when the citizen
 * wishes — due at 10:00 Copenhagen time the day before, if the citizen consented, wants reminders
 * and has an SMS or e-mail channel.
 *
 * One function per visit brings its queued reminders in line with the visit as it is now
 * ("sync"): the courses and punch-card services signal it (platform/visit-events.ts), inside their
 * transaction, after planning,
 * moving, cancelling or registering a clip, booking or recording a conversation, and closing a
 * course; the consent routes call it for the citizen's visits after each change of consent. So
 * there is one rule for "which reminders should be queued", not one per event:
 *
 *  - a visit that is planned, in the future, on an open course, with a reachable citizen, has one
 *    reminder per recipient under the key reminder:<clip|conversation>:<id>:<day>T<time>:<recipient>;
 *  - every other queued reminder of the visit is cancelled (moved: the old time's key; cancelled,
 *    done, held, closed course, consent withdrawn: all of them). Sent ones stay as history.
 *
 * A reminder cancelled and later wanted again under the same key (moved away and back, consent
 * withdrawn and given again) is queued again on its old row, with the text and address of now.
 */
import { type SQL, and, eq, gt, inArray, isNull, notInArray, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  type ConsentInForce,
  type Recipient,
  copenhagenDayAndClock,
  reminderDedupeKey,
  reminderNotBefore,
  reminderRecipients,
  spokenDate,
} from "../../../domain/messaging/reminders.js";
import { renderTemplate } from "../../../domain/messaging/templates.js";
import { copenhagenDate } from "../../../domain/time.js";
import type { DbOrTx } from "../../db/client.js";
import { citizens, clips, conversations, courses, outboxMessages, users } from "../../db/schema/index.js";
import { inTenant } from "../../platform/tenancy.js";
import type { VisitChange } from "../../platform/visit-events.js";
import { consentInForce } from "./consent-store.js";
import { queueMessage } from "./outbox.js";
import { templateInForce } from "./templates.js";

type About = { clipId: string } | { conversationId: string };

/** A visit a reminder may be about, with what its text says. */
interface Visit {
  about: About;
  citizenId: string;
  day: string;
  clock: string;
  firstName: string;
  place: string;
  worker: string | null;
  coordinator: string | null;
  coordinatorPhone: string | null;
}

const worker = alias(users, "reminder_worker");
const coordinator = alias(users, "reminder_coordinator");
const place = sql<string>`${citizens.addressLine} || ', ' || ${citizens.postalCode} || ' ' || ${citizens.city}`;

/** Planned accompaniment clips on open courses, from today on (the rule in reminderNotBefore drops today). */
async function plannedClips(tx: DbOrTx, municipalityId: string, where: SQL): Promise<Visit[]> {
  const rows = await tx
    .select({
      id: clips.id,
      citizenId: clips.citizenId,
      day: clips.plannedOn,
      clock: clips.plannedStart,
      firstName: citizens.firstName,
      place,
      worker: worker.displayName,
      coordinator: coordinator.displayName,
      coordinatorPhone: coordinator.phone,
    })
    .from(clips)
    .innerJoin(citizens, eq(citizens.id, clips.citizenId))
    .innerJoin(courses, eq(courses.id, clips.courseId))
    .leftJoin(worker, eq(worker.id, clips.workerUserId))
    .leftJoin(coordinator, eq(coordinator.id, courses.coordinatorUserId))
    .where(
      and(
        inTenant(clips, municipalityId),
        where,
        eq(clips.status, "planned"),
        eq(clips.kind, "accompaniment"),
        isNull(courses.closedAt),
        isNull(citizens.anonymisedAt),
      ),
    );
  return rows.flatMap((r) =>
    r.day && r.clock ? [{ ...r, about: { clipId: r.id }, day: r.day, clock: r.clock }] : [],
  );
}

/** Booked conversations on open courses; the coordinator comes (the conversation is theirs). */
async function bookedConversations(tx: DbOrTx, municipalityId: string, where: SQL): Promise<Visit[]> {
  const rows = await tx
    .select({
      id: conversations.id,
      citizenId: conversations.citizenId,
      at: conversations.scheduledAt,
      firstName: citizens.firstName,
      place,
      coordinator: coordinator.displayName,
      coordinatorPhone: coordinator.phone,
    })
    .from(conversations)
    .innerJoin(citizens, eq(citizens.id, conversations.citizenId))
    .innerJoin(courses, eq(courses.id, conversations.courseId))
    .leftJoin(coordinator, eq(coordinator.id, courses.coordinatorUserId))
    .where(
      and(
        inTenant(conversations, municipalityId),
        where,
        eq(conversations.status, "booked"),
        isNull(courses.closedAt),
        isNull(citizens.anonymisedAt),
      ),
    );
  return rows.flatMap((r) =>
    r.at
      ? [
          {
            ...r,
            ...copenhagenDayAndClock(r.at),
            about: { conversationId: r.id },
            worker: r.coordinator,
          },
        ]
      : [],
  );
}

interface Wanted {
  about: About;
  citizenId: string;
  recipient: Recipient;
  dedupeKey: string;
  notBefore: Date;
  subject: string | null;
  body: string;
  templateKey: "reminder.accompaniment" | "reminder.conversation";
  templateVersion: number | null;
}

/** The reminders a visit should have now (none when the citizen cannot be reached or it is too late). */
async function wantedFor(
  tx: DbOrTx,
  municipalityId: string,
  visit: Visit,
  consent: ConsentInForce | null,
  now: Date,
): Promise<Wanted[]> {
  const notBefore = reminderNotBefore(visit.day, now);
  const recipients = reminderRecipients(consent);
  if (!notBefore || recipients.length === 0 || !consent) return [];
  const templateKey = "clipId" in visit.about ? "reminder.accompaniment" : "reminder.conversation";
  const template = await templateInForce(tx, municipalityId, templateKey, consent.lang);
  const values = {
    fornavn: visit.firstName,
    dato: spokenDate(visit.day, consent.lang),
    tid: visit.clock,
    sted: visit.place,
    medarbejder: visit.worker,
    koordinator: visit.coordinator,
    telefon: visit.coordinatorPhone,
  };
  return recipients.map((recipient) => ({
    about: visit.about,
    citizenId: visit.citizenId,
    recipient,
    dedupeKey: reminderDedupeKey(visit.about, visit.day, visit.clock, recipient.recipientKind),
    notBefore,
    subject:
      recipient.channel === "email" && template.subject ? renderTemplate(template.subject, values) : null,
    body: renderTemplate(template.body, values),
    templateKey,
    templateVersion: template.version,
  }));
}

/** Queues a wanted reminder, or brings a queued or cancelled one under the same key up to date. */
async function put(tx: DbOrTx, municipalityId: string, w: Wanted): Promise<void> {
  const message = {
    channel: w.recipient.channel,
    toAddress: w.recipient.toAddress,
    subject: w.subject,
    body: w.body,
    templateKey: w.templateKey,
    templateVersion: w.templateVersion,
    notBefore: w.notBefore,
  };
  const { id, created } = await queueMessage(tx, {
    municipalityId,
    kind: "reminder",
    recipientKind: w.recipient.recipientKind,
    citizenId: w.citizenId,
    ...("clipId" in w.about ? { clipId: w.about.clipId } : { conversationId: w.about.conversationId }),
    dedupeKey: w.dedupeKey,
    ...message,
  });
  if (created) return;
  // Sent, sending or failed ones are history and stay as they are.
  await tx
    .update(outboxMessages)
    .set({ ...message, status: "queued", cancelledAt: null })
    .where(and(eq(outboxMessages.id, id), inArray(outboxMessages.status, ["queued", "cancelled"])));
}

/** Cancels the queued reminders in scope whose key is not wanted any more. */
async function cancelUnwanted(tx: DbOrTx, municipalityId: string, scope: SQL, keep: string[]) {
  await tx
    .update(outboxMessages)
    .set({ status: "cancelled", cancelledAt: sql`now()` })
    .where(
      and(
        inTenant(outboxMessages, municipalityId),
        scope,
        eq(outboxMessages.kind, "reminder"),
        eq(outboxMessages.status, "queued"),
        keep.length > 0 ? notInArray(outboxMessages.dedupeKey, keep) : undefined,
      ),
    );
}

async function sync(tx: DbOrTx, municipalityId: string, visits: Visit[], scope: SQL) {
  const now = new Date();
  const consents = new Map<string, ConsentInForce | null>();
  const wanted: Wanted[] = [];
  for (const visit of visits) {
    if (!consents.has(visit.citizenId)) {
      // The citizen's row shared-locked first: a consent being recorded at this moment holds it for
      // update (consent.ts), so this waits and reads the new consent — or the recording waits and
      // then sees this visit. Either way no reminder is queued under a consent already withdrawn.
      await tx
        .select({ id: citizens.id })
        .from(citizens)
        .where(and(inTenant(citizens, municipalityId), eq(citizens.id, visit.citizenId)))
        .for("share");
      consents.set(visit.citizenId, await consentInForce(tx, municipalityId, visit.citizenId));
    }
    wanted.push(...(await wantedFor(tx, municipalityId, visit, consents.get(visit.citizenId)!, now)));
  }
  await cancelUnwanted(
    tx,
    municipalityId,
    scope,
    wanted.map((w) => w.dedupeKey),
  );
  for (const w of wanted) await put(tx, municipalityId, w);
}

/** After a clip was planned, moved, cancelled or registered. */
export async function syncClipReminders(tx: DbOrTx, municipalityId: string, clipId: string): Promise<void> {
  const visits = await plannedClips(tx, municipalityId, eq(clips.id, clipId));
  await sync(tx, municipalityId, visits, eq(outboxMessages.clipId, clipId));
}

/** After a conversation was booked, moved or recorded as held. */
export async function syncConversationReminders(
  tx: DbOrTx,
  municipalityId: string,
  conversationId: string,
): Promise<void> {
  const visits = await bookedConversations(tx, municipalityId, eq(conversations.id, conversationId));
  await sync(tx, municipalityId, visits, eq(outboxMessages.conversationId, conversationId));
}

/** After a course was closed (its planned clips cancelled) or otherwise changed as a whole. */
export async function syncCourseReminders(
  tx: DbOrTx,
  municipalityId: string,
  courseId: string,
): Promise<void> {
  const clipIds = tx.select({ id: clips.id }).from(clips).where(eq(clips.courseId, courseId));
  const conversationIds = tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(eq(conversations.courseId, courseId));
  const visits = [
    ...(await plannedClips(tx, municipalityId, eq(clips.courseId, courseId))),
    ...(await bookedConversations(tx, municipalityId, eq(conversations.courseId, courseId))),
  ];
  await sync(
    tx,
    municipalityId,
    visits,
    or(inArray(outboxMessages.clipId, clipIds), inArray(outboxMessages.conversationId, conversationIds))!,
  );
}

/**
 * After the citizen's consent changed: every coming visit of the citizen gets the reminders the new
 * consent wants (none when consent is false or reminders are off; a new address on the queued ones).
 */
export async function syncCitizenReminders(
  tx: DbOrTx,
  municipalityId: string,
  citizenId: string,
): Promise<void> {
  const visits = await comingVisits(tx, municipalityId, citizenId);
  await sync(tx, municipalityId, visits, eq(outboxMessages.citizenId, citizenId));
}

/** The citizen's planned clips from tomorrow on and booked conversations still ahead. */
async function comingVisits(tx: DbOrTx, municipalityId: string, citizenId: string): Promise<Visit[]> {
  const today = copenhagenDate(new Date());
  return [
    ...(await plannedClips(
      tx,
      municipalityId,
      and(eq(clips.citizenId, citizenId), gt(clips.plannedOn, today))!,
    )),
    ...(await bookedConversations(
      tx,
      municipalityId,
      and(eq(conversations.citizenId, citizenId), gt(conversations.scheduledAt, new Date()))!,
    )),
  ];
}

/** The listener of platform/visit-events.ts. */
export async function syncVisitReminders(
  tx: DbOrTx,
  municipalityId: string,
  change: VisitChange,
): Promise<void> {
  if ("clipId" in change) await syncClipReminders(tx, municipalityId, change.clipId);
  else if ("conversationId" in change)
    await syncConversationReminders(tx, municipalityId, change.conversationId);
  else await syncCourseReminders(tx, municipalityId, change.courseId);
}

/** The citizen's next coming visit (for the coordinator's "our appointment" message), or null. */
export async function nextVisit(
  tx: DbOrTx,
  municipalityId: string,
  citizenId: string,
): Promise<Visit | null> {
  const visits = await comingVisits(tx, municipalityId, citizenId);
  return visits.sort((a, b) => `${a.day}T${a.clock}`.localeCompare(`${b.day}T${b.clock}`))[0] ?? null;
}
