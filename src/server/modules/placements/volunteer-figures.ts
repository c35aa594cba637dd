/**
 * What the volunteer centre's figures mean — written once, used by the status report and the
 * volunteer centre's statistics alike (issue 11 point 4), so the two can never give different
 * numbers for the same figure:
 *  - referred: referrals sent in the period;
 *  - matched: matches recorded in the period (`matched_at`), whatever happened to them later —
 *    also one the volunteer centre later reported too complex;
 *  - matchesEnded: of those, the matches that had ended ("for kompleks", `match_ended_at`) by
 *    the period's end — shown as their own figure, never subtracted;
 *  - withdrawn: of the referrals sent, those whose consent the citizen later withdrew (issue 13).
 *    Their answer still counts as given (answered, noMatch, tooComplex, matched), so a withdrawal
 *    changes no figure of a past period but this one.
 * The share is matched of referred. For a short period a match may belong to a referral sent
 * before it, so the share can exceed 100 %; it is never clamped.
 * Each figure is SQL selecting `citizen_id`, one row per referral (count(*) = referrals).
 */
import { type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { volunteerReferrals } from "../../db/schema/index.js";
import { inTenant } from "../../platform/tenancy.js";

export const VOLUNTEER_FIGURES = [
  "referred",
  "matched",
  "matchesEnded",
  "answered",
  "noMatch",
  "tooComplex",
  "withdrawn",
] as const;
export type VolunteerFigure = (typeof VOLUNTEER_FIGURES)[number];

export interface VolunteerPeriod {
  municipalityId: string;
  /** Inclusive start instant; null = since the beginning. */
  from: Date | null;
  /** Exclusive end instant (the start of the day after the period); null = until now. */
  to: Date | null;
  /** A further condition on the citizens row `c` (the report's scope). */
  citizens?: SQL;
}

/** The referral's answer: its status, or for a withdrawn referral the status it had before. */
const ANSWER = sql`coalesce(v.withdrawn_from_status, v.status)`;

const within = (column: SQL, p: VolunteerPeriod) =>
  sql`${p.from === null ? sql`true` : sql`${column} >= ${p.from}`} and ${p.to === null ? sql`true` : sql`${column} < ${p.to}`}`;

/** The referrals behind one figure, as `select citizen_id …` (one row per referral). */
export function volunteerFigureSource(p: VolunteerPeriod, figure: VolunteerFigure): SQL {
  const base = sql`select v.citizen_id from volunteer_referrals v join citizens c on c.id = v.citizen_id
    where ${inTenant(alias(volunteerReferrals, "v"), p.municipalityId)}${p.citizens ? sql` and ${p.citizens}` : sql``}`;
  const sent = sql`${base} and ${within(sql`v.created_at`, p)}`;
  switch (figure) {
    case "referred":
      return sent;
    case "matched":
      return sql`${base} and v.matched_at is not null and ${within(sql`v.matched_at`, p)}`;
    case "matchesEnded":
      return sql`${base} and v.matched_at is not null and ${within(sql`v.matched_at`, p)} and v.match_ended_at is not null${p.to === null ? sql`` : sql` and v.match_ended_at < ${p.to}`}`;
    // The answers to the referrals sent in the period, as given: a later withdrawal of consent
    // (status "withdrawn") keeps the answer it ended in `withdrawn_from_status`.
    case "answered":
      return sql`${sent} and ${ANSWER} <> 'sent'`;
    case "noMatch":
      return sql`${sent} and ${ANSWER} = 'no_match'`;
    case "tooComplex":
      // Too complex at the first answer: no match was made (an ended match is matchesEnded).
      return sql`${sent} and ${ANSWER} = 'too_complex' and v.matched_at is null`;
    // Of the referrals sent in the period, those whose consent the citizen later withdrew. A match
    // made before stays a match (matched), and a withdrawal does not count as an ended match
    // (matchesEnded is the volunteer centre's "too complex").
    case "withdrawn":
      return sql`${sent} and v.consent_withdrawn_at is not null`;
  }
}

/** Every figure counted in one statement: { referred, matched, … } in referrals. */
export function volunteerFigureCounts(
  p: VolunteerPeriod,
  figures: readonly VolunteerFigure[] = VOLUNTEER_FIGURES,
): SQL {
  return sql`select ${sql.join(
    figures.map(
      (f) => sql`(select count(*)::int from (${volunteerFigureSource(p, f)}) x) as ${sql.identifier(f)}`,
    ),
    sql`, `,
  )}`;
}
