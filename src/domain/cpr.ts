/**
 * CPR number rules (Det Centrale Personregister).
 *
 * The seventh digit together with the two-digit year decides the century
 * (CPR-kontorets tabel). The modulus-11 check is deliberately NOT required:
 * since 2007 numbers without it are issued, so it cannot reject input.
 * We use it the other way round for demo data: every CPR issued before 2007
 * passes modulus 11, so a CPR with a pre-1950 birth date that fails it is
 * recognisably fictitious (see docs/decisions/0019-demo-cpr-numbers.md).
 */

export type CprParseResult =
  { ok: true; cpr: string; birthDate: string } | { ok: false; reason: "format" | "date" };

const CPR_PATTERN = /^(\d{2})(\d{2})(\d{2})-?(\d{4})$/;

/** Full year from two-digit year and the seventh digit. */
export function centuryYear(yy: number, seventhDigit: number): number {
  if (seventhDigit <= 3) return 1900 + yy;
  if (seventhDigit === 4 || seventhDigit === 9) return yy <= 36 ? 2000 + yy : 1900 + yy;
  return yy <= 57 ? 2000 + yy : 1800 + yy;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Normalises to DDMMYY-SSSS and derives the birth date (YYYY-MM-DD). */
export function parseCpr(input: string): CprParseResult {
  const m = CPR_PATTERN.exec(input.trim());
  if (!m) return { ok: false, reason: "format" };
  const [, dd, mm, yy, serial] = m as unknown as [string, string, string, string, string];
  const year = centuryYear(Number(yy), Number(serial[0]));
  if (!isRealDate(year, Number(mm), Number(dd))) return { ok: false, reason: "date" };
  return { ok: true, cpr: `${dd}${mm}${yy}-${serial}`, birthDate: `${year}-${mm}-${dd}` };
}

export function isValidCpr(input: string): boolean {
  return parseCpr(input).ok;
}

/** DDMMYY-XXXX: the form everyone may see. */
export function maskCpr(cpr: string): string {
  const digits = cpr.replace("-", "");
  return `${digits.slice(0, 6)}-XXXX`;
}

const MOD11_WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];

export function passesModulus11(cpr: string): boolean {
  const digits = cpr.replace("-", "").split("").map(Number);
  if (digits.length !== 10) return false;
  const sum = digits.reduce((acc, d, i) => acc + d * (MOD11_WEIGHTS[i] ?? 0), 0);
  return sum % 11 === 0;
}

/** A demo CPR: valid in form, pre-2007 birth date, and failing modulus 11. */
export function isFictitiousDemoCpr(cpr: string): boolean {
  const parsed = parseCpr(cpr);
  return parsed.ok && parsed.birthDate < "1990-01-01" && !passesModulus11(parsed.cpr);
}

/**
 * A search term that looks like a CPR or its last four digits.
 * Returns which kind, so search can match the right column.
 */
export function classifyCprSearch(term: string): "full" | "last4" | null {
  const t = term.trim();
  if (/^\d{4}$/.test(t)) return "last4";
  if (/^\d{6}-?\d{4}$/.test(t)) return "full";
  return null;
}

export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [oy, om, od] = onDate.split("-").map(Number) as [number, number, number];
  return oy - by - (om < bm || (om === bm && od < bd) ? 1 : 0);
}
