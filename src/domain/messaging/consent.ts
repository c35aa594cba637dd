/**
 * The citizen's consent to be reached, as staff record it (issue 16): checked field by field so a
 * refusal names the field, and normalised (phone numbers to E.164, e-mail trimmed) before it is
 * stored. Consent false keeps every other answer — the citizen may say yes again — but stops every
 * message (reminders.ts).
 */
import { isEmailAddress, normalisePhone } from "./contact-address.js";
import type { MessageChannel, OutboxChannel } from "./reminders.js";

export interface ConsentInput {
  consent: boolean;
  channel: MessageChannel | null;
  phone: string | null;
  email: string | null;
  remindersEnabled: boolean;
  relativeContactId: string | null;
  relativeChannel: OutboxChannel | null;
  relativePhone: string | null;
  relativeEmail: string | null;
  lang: "da" | "en";
}

export type ConsentFieldReason = "invalid_phone" | "invalid_email" | "required" | "invalid_value";
export interface ConsentIssue {
  field: keyof ConsentInput;
  reason: ConsentFieldReason;
}

const blank = (s: string | null) => (s === null || s.trim() === "" ? null : s.trim());

/**
 * The consent to store, or what is wrong with it. `contactIds`: the citizen's own contacts — a
 * relative who gets a copy must be one of them, so the register says who they are.
 */
export function checkConsent(
  input: ConsentInput,
  contactIds: ReadonlySet<string>,
): { ok: true; value: ConsentInput } | { ok: false; issues: ConsentIssue[] } {
  const issues: ConsentIssue[] = [];
  const phoneOf = (field: "phone" | "relativePhone"): string | null => {
    const raw = blank(input[field]);
    if (raw === null) return null;
    const r = normalisePhone(raw);
    if (!r.ok) issues.push({ field, reason: "invalid_phone" });
    return r.ok ? r.e164 : null;
  };
  const emailOf = (field: "email" | "relativeEmail"): string | null => {
    const raw = blank(input[field]);
    if (raw === null) return null;
    if (!isEmailAddress(raw)) issues.push({ field, reason: "invalid_email" });
    return raw;
  };
  const value: ConsentInput = {
    ...input,
    phone: phoneOf("phone"),
    email: emailOf("email"),
    relativePhone: phoneOf("relativePhone"),
    relativeEmail: emailOf("relativeEmail"),
  };
  const given = (field: "phone" | "email" | "relativePhone" | "relativeEmail") =>
    blank(input[field]) !== null;
  // A channel needs its address (an invalid one is already named above).
  if (input.channel === "sms" && !given("phone")) issues.push({ field: "phone", reason: "required" });
  if (input.channel === "email" && !given("email")) issues.push({ field: "email", reason: "required" });
  if (input.relativeContactId !== null && !contactIds.has(input.relativeContactId))
    issues.push({ field: "relativeContactId", reason: "invalid_value" });
  if (input.relativeChannel !== null) {
    if (input.relativeContactId === null) issues.push({ field: "relativeContactId", reason: "required" });
    if (input.relativeChannel === "sms" && !given("relativePhone"))
      issues.push({ field: "relativePhone", reason: "required" });
    if (input.relativeChannel === "email" && !given("relativeEmail"))
      issues.push({ field: "relativeEmail", reason: "required" });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value };
}
