/**
 * Reminders the day before (issue 16): whether the citizen may be reached, where, when the reminder
 * is due, and the key that makes it one message per visit, time and recipient.
 *
 * A reminder says when and where — the date written out, never "i morgen" — so one sent late (the
 * visit was planned this afternoon for tomorrow; quiet hours held it) is still right.
 */
import { copenhagenDate, copenhagenInstant } from "../time.js";

export type MessageChannel = "email" | "sms" | "letter";
export type OutboxChannel = "email" | "sms";

/** The citizen's consent row in force (the newest), as far as reaching them goes. */
export interface ConsentInForce {
  consent: boolean;
  channel: MessageChannel | null;
  phone: string | null;
  email: string | null;
  remindersEnabled: boolean;
  relativeChannel: OutboxChannel | null;
  relativePhone: string | null;
  relativeEmail: string | null;
  lang: "da" | "en";
}

export interface Recipient {
  recipientKind: "citizen" | "relative";
  channel: OutboxChannel;
  toAddress: string;
}

export type ReachRefusal = "no_consent" | "no_channel";

/**
 * Where a message to the citizen goes, or why none may be sent: no consent row, consent false, or
 * no channel Broen sends on (none, or "letter" = paper only) with its address.
 */
export function citizenRecipient(consent: ConsentInForce | null): Recipient | ReachRefusal {
  if (!consent || !consent.consent) return "no_consent";
  const to = consent.channel === "sms" ? consent.phone : consent.channel === "email" ? consent.email : null;
  if (!to || (consent.channel !== "sms" && consent.channel !== "email")) return "no_channel";
  return { recipientKind: "citizen", channel: consent.channel, toAddress: to };
}

/** The relative's copy, when the citizen wishes one and it has a channel with its address. */
export function relativeRecipient(consent: ConsentInForce | null): Recipient | null {
  if (!consent || !consent.consent || !consent.relativeChannel) return null;
  const to = consent.relativeChannel === "sms" ? consent.relativePhone : consent.relativeEmail;
  return to ? { recipientKind: "relative", channel: consent.relativeChannel, toAddress: to } : null;
}

/** Who gets a reminder: nobody without consent or with reminders switched off; else the citizen and the relative's copy. */
export function reminderRecipients(consent: ConsentInForce | null): Recipient[] {
  if (!consent || !consent.remindersEnabled) return [];
  const citizen = citizenRecipient(consent);
  if (typeof citizen === "string") return [];
  const relative = relativeRecipient(consent);
  return relative ? [citizen, relative] : [citizen];
}

/** The local hour (Europe/Copenhagen) on the day before at which a reminder becomes due. */
export const REMINDER_HOUR = "10:00";

function previousDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/**
 * When the reminder of a visit on `day` is due: 10:00 Copenhagen time the day before, or now when
 * that has passed. null = no reminder: the visit is today or earlier (a reminder "the day before"
 * can no longer be one). Quiet hours are applied on delivery.
 */
export function reminderNotBefore(day: string, now: Date): Date | null {
  if (day <= copenhagenDate(now)) return null;
  const due = copenhagenInstant(previousDay(day), REMINDER_HOUR);
  return due.getTime() > now.getTime() ? due : now;
}

/**
 * One reminder per visit, planned time and recipient: a visit moved to another day or time gets a
 * new key (a new message; the old one is cancelled), a repeated plan the same (no second copy).
 */
export function reminderDedupeKey(
  about: { clipId: string } | { conversationId: string },
  day: string,
  clock: string,
  recipientKind: Recipient["recipientKind"],
): string {
  const what = "clipId" in about ? `clip:${about.clipId}` : `conversation:${about.conversationId}`;
  return `reminder:${what}:${day}T${clock}:${recipientKind}`;
}

const CLOCK = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Copenhagen",
  hourCycle: "h23",
  hour: "2-digit",
  minute: "2-digit",
});

/** A booked conversation's instant as the Copenhagen day and clock a reminder speaks of. */
export function copenhagenDayAndClock(instant: Date): { day: string; clock: string } {
  return { day: copenhagenDate(instant), clock: CLOCK.format(instant) };
}

/** The day written out for a message: "torsdag den 10. december" / "Thursday 10 December". */
export function spokenDate(day: string, lang: "da" | "en"): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d, 12));
  const weekday = new Intl.DateTimeFormat(lang === "da" ? "da-DK" : "en-GB", {
    weekday: "long",
    timeZone: "UTC",
  }).format(date);
  const month = new Intl.DateTimeFormat(lang === "da" ? "da-DK" : "en-GB", {
    month: "long",
    timeZone: "UTC",
  }).format(date);
  return lang === "da" ? `${weekday} den ${d}. ${month}` : `${weekday} ${d} ${month}`;
}
