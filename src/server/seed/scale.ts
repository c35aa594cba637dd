/**
 * National-scale test data (issue 6, "Performance"): 98 fictitious municipalities ("Testkommune
 * 01" … "98", codes 0901–0998) with ~130,000 citizens, ~1,000,000 questionnaires (detection forms
 * and outcome questionnaires), ~35,000 courses and ~5,000,000 clips over the last three years.
 *
 * Everything is generated inside PostgreSQL by set-based SQL (`insert … select … from
 * generate_series(…)`), never row by row from Node. Every value — ids included — is a hash of a
 * row number (`hashint8extended`, `md5`), so two runs give the same data apart from the dates,
 * which are relative to today like the demo's. Rows are inserted in time order where the reports
 * read them (citizens, screenings, referrals, courses), so municipalities interleave on disk as
 * in a database that filled up over years, not one municipality per block.
 *
 * Speed: the secondary indexes and foreign keys of the loaded tables are dropped first and
 * re-created from their own definitions (pg_get_indexdef / pg_get_constraintdef) at the end of
 * the same transaction — re-adding a foreign key validates every row, so the result provably
 * respects every constraint of the schema. Everything runs in one transaction: a failure leaves
 * the database as it was.
 *
 * The steps live in two modules, along the seam between who exists and what happened:
 * scale-people.ts (municipalities, organisations, districts, users, definitions, citizens — and
 * how the CPR numbers are made) and scale-history.ts (detection forms, referrals, courses, clips,
 * outcome questionnaires, catalog, volunteer referrals, placements, follow-ups); scale-sql.ts has
 * the SQL helpers both use. The later steps read the temporary tables the earlier ones leave.
 */
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client.js";
import { municipalities } from "../db/schema/index.js";
import { seedHistory } from "./scale-history.js";
import { seedPeople } from "./scale-people.js";
import { run, type ScaleContext } from "./scale-sql.js";

/** Every generated user has this password (documented in docs/OPERATIONS.md). */
export const SCALE_PASSWORD = "broen-scale-2026";
export const SCALE_MUNICIPALITIES = 98;
/** The manager of a municipality, e.g. "leder.0901" (0901 is the largest municipality). */
export const scaleManager = (code: string) => `leder.${code}`;

export const SCALE_TARGETS = { citizens: 130_000, clips: 5_000_000 } as const;

/** The tables the generator fills in bulk: their secondary indexes and foreign keys are rebuilt after loading. */
const BULK_TABLES = [
  "citizens",
  "screenings",
  "target_group_changes",
  "referrals",
  "referral_events",
  "courses",
  "course_events",
  "interventions",
  "clip_grants",
  "clips",
  "outcome_measurements",
  "volunteer_referrals",
  "placements",
  "placement_events",
  "follow_ups",
] as const;

export interface ScaleOptions {
  /** 1 = national scale; 0.05 gives a twentieth of the citizens, questionnaires and clips (98 municipalities always). */
  factor?: number;
  /** One line per step. */
  log?: (line: string) => void;
}

export interface ScaleSummary {
  rows: Record<string, number>;
  seconds: number;
}

/** Broen's tables (the public schema), for the emptiness check and TRUNCATE. */
export async function broenTables(db: Db | Tx): Promise<string[]> {
  const result = (await db.execute(
    sql`select tablename from pg_tables where schemaname = 'public' order by tablename`,
  )) as unknown as { rows: { tablename: string }[] };
  return result.rows.map((row) => row.tablename);
}

export async function hasData(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: municipalities.id }).from(municipalities).limit(1);
  return row !== undefined;
}

export async function truncateBroen(db: Db): Promise<void> {
  const tables = await broenTables(db);
  await db.execute(
    sql.raw(`truncate table ${tables.map((t) => `"${t}"`).join(", ")} restart identity cascade`),
  );
}

/**
 * Fills an empty, migrated PostgreSQL database. `passwordHash` is the hash every user gets
 * (argon2 of SCALE_PASSWORD; hashed once by the caller).
 */
export async function seedScale(
  db: Db,
  passwordHash: string,
  opts: ScaleOptions = {},
): Promise<ScaleSummary> {
  const factor = opts.factor ?? 1;
  const log = opts.log ?? (() => undefined);
  const started = performance.now();
  const rows: Record<string, number> = {};
  const citizenTarget = Math.round(SCALE_TARGETS.citizens * factor);
  const clipTarget = Math.round(SCALE_TARGETS.clips * factor);

  await db.transaction(async (tx) => {
    let stepStart = performance.now();
    const step = async (name: string, work: () => Promise<number | undefined>) => {
      stepStart = performance.now();
      const n = await work();
      if (n !== undefined) rows[name] = (rows[name] ?? 0) + n;
      const seconds = ((performance.now() - stepStart) / 1000).toFixed(1);
      log(
        `  ${name.padEnd(34)} ${n === undefined ? "".padStart(10) : n.toLocaleString("en").padStart(10)} ${seconds.padStart(6)} s`,
      );
    };
    await run(tx, `set local work_mem = '256MB'`);
    await run(tx, `set local maintenance_work_mem = '512MB'`);
    await run(tx, `set local synchronous_commit = off`);

    // Indexes and foreign keys of the bulk tables go, and come back (validated) at the end.
    const tableList = BULK_TABLES.map((t) => `'${t}'::regclass`).join(", ");
    const saved = (await tx.execute(
      sql.raw(`select 'index' as kind, i.indexrelid::regclass::text as name, c.relname as tbl, pg_get_indexdef(i.indexrelid) as def
        from pg_index i join pg_class c on c.oid = i.indrelid
        where i.indrelid in (${tableList}) and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
        union all
        select 'fk', k.conname, c.relname, pg_get_constraintdef(k.oid)
        from pg_constraint k join pg_class c on c.oid = k.conrelid
        where k.contype = 'f' and k.conrelid in (${tableList})`),
    )) as unknown as { rows: { kind: "index" | "fk"; name: string; tbl: string; def: string }[] };
    await step("drop secondary indexes and FKs", async () => {
      for (const s of saved.rows) {
        await run(
          tx,
          s.kind === "index" ? `drop index ${s.name}` : `alter table "${s.tbl}" drop constraint "${s.name}"`,
        );
      }
      return saved.rows.length;
    });

    const context: ScaleContext = {
      municipalities: SCALE_MUNICIPALITIES,
      citizenTarget,
      clipTarget,
      passwordHash,
      rows,
    };
    await seedPeople(tx, step, context);
    await seedHistory(tx, step, context);

    await step("recreate indexes and FKs (validated)", async () => {
      for (const s of saved.rows.filter((x) => x.kind === "index")) await run(tx, s.def);
      for (const s of saved.rows.filter((x) => x.kind === "fk"))
        await run(tx, `alter table "${s.tbl}" add constraint "${s.name}" ${s.def}`);
      return saved.rows.length;
    });
  });

  const vacuumStart = performance.now();
  // Also the tables the triggers filled (clip_use_months: 2.4M sums): without statistics the
  // planner took a year of 0901's 53,000 sums for 40 rows and joined them row by row, and without a
  // visibility map no scan of them was index-only — punch-card use ran 1.5× slower until autovacuum came.
  await db.execute(
    sql.raw(
      `vacuum (analyze) ${["municipalities", "organisations", "districts", "users", ...BULK_TABLES, "clip_use_months", "catalog_organisations", "catalog_activities"].join(", ")}`,
    ),
  );
  log(
    `  ${"vacuum (analyze)".padEnd(34)} ${"".padStart(10)} ${((performance.now() - vacuumStart) / 1000).toFixed(1).padStart(6)} s`,
  );
  return { rows, seconds: (performance.now() - started) / 1000 };
}
