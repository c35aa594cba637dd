/**
 * Where a citizen (or their relative) can be reached (issue 16): the phone number an SMS goes to
 * and the e-mail address a reminder goes to. Staff type what the citizen says ("22 33 44 55",
 * "+45 22334455", "0045 2233 4455"); Broen stores one form, E.164 (+4522334455), which is what an
 * SMS gateway takes and what makes two spellings of one number the same number.
 */
import { parsePhoneNumberFromString } from "libphonenumber-js/min";

export type PhoneResult = { ok: true; e164: string } | { ok: false };

/**
 * A Danish number of 8 digits (spaces, dashes and a leading 0045 allowed) becomes +45…; a number
 * written with another country's prefix (+46…, 0046…) is kept when it is a valid number there — a
 * relative may live in Sweden. Anything else (too short, letters, a Danish number of 7 digits) is refused.
 */
export function normalisePhone(input: string): PhoneResult {
  const trimmed = input.trim();
  if (!/^[+\d][\d\s\-().]*$/.test(trimmed)) return { ok: false };
  const compact = trimmed.replace(/[\s\-().]/g, "").replace(/^00/, "+");
  // Without a country prefix only a Danish subscriber number (8 digits) is meant.
  if (!compact.startsWith("+") && !/^\d{8}$/.test(compact)) return { ok: false };
  const parsed = parsePhoneNumberFromString(compact, "DK");
  if (!parsed || !parsed.isValid()) return { ok: false };
  return { ok: true, e164: parsed.number };
}

/**
 * A plain e-mail address (local@domain.tld): deliberately simple — one @, no spaces, a dot in the
 * domain, at most 254 characters. The SMTP server has the last word; this catches typing errors.
 */
export function isEmailAddress(input: string): boolean {
  const s = input.trim();
  if (s.length > 254 || /\s/.test(s)) return false;
  return /^[^@]+@[^@.]+(\.[^@.]+)+$/.test(s);
}
