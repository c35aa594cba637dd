/**
 * The job queue's status as administrators see it (GET /api/admin/jobs): read from pg-boss's own
 * tables (schema version 24 of pg-boss 10; decision 0094 says what to check on an upgrade), inside
 * the route's transaction — on PGlite a read beside it would wait for it forever.
 *
 * Never a job's data: it could name a citizen. Data is read for one thing only, the convention that
 * a job concerning one municipality carries its `municipalityId`: another municipality's jobs are
 * left out (counts included); jobs for the whole installation (no municipalityId) are shown to all.
 */
import { type SQL, sql } from "drizzle-orm";
import { JOB_STATES, type JobRunRow, type JobState, type JobsStatus } from "../../shared/api/jobs.js";
import { type DbOrTx, rawRows } from "../db/client.js";
import { JOB_SCHEMA, JOB_TIME_ZONE } from "./jobs.js";

const RECENT = 50;
const S = sql.raw(JOB_SCHEMA);
/** pg-boss's own queues (the cron's "send-it") are machinery, not jobs. */
const INTERNAL = "__pgboss__%";

const ofTenant = (municipalityId: string): SQL =>
  sql`(data->>'municipalityId' is null or data->>'municipalityId' = ${municipalityId})`;

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/**
 * What is shown of a failed try's output. Broen's handlers store { error, code } (jobs.ts,
 * failureOf); pg-boss itself writes a sentence when a try ran out of time or the process stopped.
 * Anything else (an unknown shape) is shown as "Error", never as text.
 */
export function errorSummary(state: JobState, output: unknown): JobRunRow["error"] {
  if (state !== "failed" && state !== "retry") return null;
  const o = output as { error?: unknown; code?: unknown } | null;
  if (o && typeof o.error === "string")
    return { class: o.error, code: typeof o.code === "string" ? o.code : null };
  const text = JSON.stringify(output ?? "");
  if (text.includes("failed by timeout in active state")) return { class: "Expired", code: null };
  if (text.includes("handler execution exceeded")) return { class: "Timeout", code: null };
  if (text.includes("shut down while active")) return { class: "Stopped", code: null };
  return { class: "Error", code: null };
}

interface QueueRow extends Record<string, unknown> {
  name: string;
  retry_limit: number | null;
  cron: string | null;
}
interface CountRow extends Record<string, unknown> {
  name: string;
  state: JobState;
  n: number;
  last_completed: Date | string | null;
}
interface RunRow extends Record<string, unknown> {
  id: string;
  name: string;
  state: JobState;
  created_on: Date | string;
  started_on: Date | string | null;
  completed_on: Date | string | null;
  retry_count: number;
  retry_limit: number;
  output: unknown;
}

export async function readJobsStatus(
  tx: DbOrTx,
  municipalityId: string,
  workersRunning: boolean,
): Promise<JobsStatus> {
  const queues = await rawRows<QueueRow>(
    tx,
    sql`select q.name, q.retry_limit, s.cron from ${S}.queue q left join ${S}.schedule s on s.name = q.name
        where q.name not like ${INTERNAL} order by q.name`,
  );
  const counts = await rawRows<CountRow>(
    tx,
    sql`select name, state::text as state, count(*)::int as n, max(completed_on) as last_completed
        from ${S}.job where name not like ${INTERNAL} and ${ofTenant(municipalityId)} group by name, state`,
  );
  // The archive keeps finished jobs after pg-boss moves them out of the live table (12 hours).
  const recent = await rawRows<RunRow>(
    tx,
    sql`select id, name, state::text as state, created_on, started_on, completed_on, retry_count, retry_limit, output
        from (
          select id, name, state, created_on, started_on, completed_on, retry_count, retry_limit, output, data
            from ${S}.job where name not like ${INTERNAL}
          union all
          select id, name, state, created_on, started_on, completed_on, retry_count, retry_limit, output, data
            from ${S}.archive where name not like ${INTERNAL}
        ) j
        where ${ofTenant(municipalityId)}
        order by created_on desc, id limit ${RECENT}`,
  );
  return {
    queues: queues.map((q) => {
      const mine = counts.filter((c) => c.name === q.name);
      const last = mine.find((c) => c.state === "completed")?.last_completed ?? null;
      return {
        name: q.name,
        schedule: q.cron,
        retryLimit: q.retry_limit ?? 0,
        counts: Object.fromEntries(
          JOB_STATES.map((s) => [s, mine.find((c) => c.state === s)?.n ?? 0]),
        ) as Record<JobState, number>,
        lastCompletedOn: iso(last),
      };
    }),
    recent: recent.map((r) => ({
      id: r.id,
      name: r.name,
      state: r.state,
      createdOn: iso(r.created_on)!,
      startedOn: iso(r.started_on),
      completedOn: iso(r.completed_on),
      retryCount: r.retry_count,
      retryLimit: r.retry_limit,
      error: errorSummary(r.state, r.output),
    })),
    workersRunning,
    timeZone: JOB_TIME_ZONE,
  };
}
