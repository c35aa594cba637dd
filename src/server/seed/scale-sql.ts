/**
 * The vocabulary of the national-scale generator (scale.ts): deterministic numbers, ids, times and
 * T-ILS answers written as SQL expressions, the two ways a step runs a statement, and what a step
 * module is handed (scale-people.ts, scale-history.ts).
 *
 * The helpers build SQL text, not parameters: every generated value is computed inside
 * PostgreSQL from a row number, so a statement reads the same on every run.
 */
import { sql } from "drizzle-orm";
import type { Tx } from "../db/client.js";

/** Runs one step inside the generator's transaction and logs its name, row count and duration; the count is added to the summary's rows under the step's name. */
export type ScaleStep = (name: string, work: () => Promise<number | undefined>) => Promise<void>;

/** What a step module needs besides the transaction. */
export interface ScaleContext {
  /** How many municipalities (always SCALE_MUNICIPALITIES). */
  municipalities: number;
  /** Citizens and clips to generate in all, the national targets times the factor. */
  citizenTarget: number;
  clipTarget: number;
  /** The hash every generated user gets (argon2 of SCALE_PASSWORD). */
  passwordHash: string;
  /** The summary's row counts: a step that also fills a second table records that table's count here. */
  rows: Record<string, number>;
}

/** A deterministic number in [0, 1) from an integer key and a salt. */
export const r = (key: string, salt: number) =>
  `((hashint8extended((${key})::bigint, ${salt}) & 2147483647)::float8 / 2147483648.0)`;
/** The same from a text (or uuid) key. */
export const rt = (key: string, salt: number) =>
  `((hashtextextended((${key})::text, ${salt}) & 2147483647)::float8 / 2147483648.0)`;
/**
 * A deterministic uuid from a namespace and key parts (SQL expressions). An md5 is 32 hex digits
 * but not an RFC 4122 UUID: its version (digit 13) and variant (digit 17) are set to 4 and 8, or
 * the API's response schemas (z.uuid()) reject every generated id.
 */
export const uid = (ns: string, ...parts: string[]) =>
  `overlay(overlay(md5('${ns}/' || ${parts.join(` || '/' || `)}) placing '4' from 13) placing '8' from 17)::uuid`;
/** One element of an SQL array, picked by a number in [0, 1). */
export const pick = (array: string, rand: string) =>
  `(${array})[1 + floor(${rand} * array_length(${array}, 1))::int]`;
/** A Copenhagen wall-clock time on a day, as timestamptz. */
export const at = (day: string, seconds: string) =>
  `((${day})::date + time '00:00' + interval '1 second' * (${seconds})) at time zone 'Europe/Copenhagen'`;
/** The user of municipality `m` in a slot (see the users step, scale-people.ts). */
export const user = (m: string, slot: string) => uid("u", m, slot);
export const org = (m: string, slot: string) => uid("o", m, slot);
/** Home-care worker of a provider slot (1 public, 2–3 private) and district k. */
export const workerSlot = (p: string, k: string) =>
  `(case ${p} when 1 then 10 + ${k} when 2 then 16 else 17 end)`;

const TILS_OPTIONS = `(array['sjaeldent', 'en_gang_imellem', 'ofte'])`;
/** T-ILS answers a1..a3 (1–3 each) as stored by the scoring engine: answers by option id, total, outcome. */
export const tilsColumns = (a1: string, a2: string, a3: string) => `
  jsonb_build_object('isoleret', ${TILS_OPTIONS}[${a1}], 'savner_nogen', ${TILS_OPTIONS}[${a2}], 'udenfor', ${TILS_OPTIONS}[${a3}]),
  jsonb_build_object('total', ${a1} + ${a2} + ${a3}),
  case when ${a1} + ${a2} + ${a3} >= 6 then 'ensom' else 'ikke_ensom' end,
  case when ${a1} + ${a2} + ${a3} >= 6 then 'red' else 'green' end,
  ${a1} + ${a2} + ${a3} >= 6`;
/** Answers for a lonely (total 6–9) or not lonely (3–5) citizen, from a bigint key. */
export const tilsAnswers = (key: string, lonely: string, salt: number) => `
  case when ${lonely} then 2 + (${r(key, salt)} < 0.4)::int else 1 + (${r(key, salt)} < 0.3)::int end as a1,
  case when ${lonely} then 2 + (${r(key, salt + 1)} < 0.4)::int else 1 + (${r(key, salt + 1)} < 0.3)::int end as a2,
  case when ${lonely} then 2 + (${r(key, salt + 2)} < 0.4)::int
       when ${r(key, salt)} < 0.3 and ${r(key, salt + 1)} < 0.3 then 1
       else 1 + (${r(key, salt + 2)} < 0.3)::int end as a3`;

/** A text[] from a JS list, in order (one JSON parameter). */
export const textArray = (values: readonly string[]) =>
  sql`array(select v from jsonb_array_elements_text(${JSON.stringify(values)}::jsonb) with ordinality t(v, i) order by i)`;

/** Runs a statement; the rows it inserted, updated or deleted. */
export async function run(tx: Tx, text: string): Promise<number> {
  const result = (await tx.execute(sql.raw(text))) as unknown as { rowCount: number | null };
  return result.rowCount ?? 0;
}

/** The number a one-row query answers as `n`. */
export async function scalar(tx: Tx, text: string): Promise<number> {
  const result = (await tx.execute(sql.raw(text))) as unknown as { rows: { n: unknown }[] };
  return Number(result.rows[0]?.n ?? 0);
}
