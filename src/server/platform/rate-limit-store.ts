/**
 * A store for @fastify/rate-limit that keeps its counters in the database (`rate_limit_counters`),
 * so several Broen processes behind one address count the same requests: a per-address limit
 * means the same with one process or four. One statement per limited request, atomic under
 * concurrency (INSERT … ON CONFLICT DO UPDATE). Expired rows are swept now and then.
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from "@fastify/rate-limit";
import { lt, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { rateLimitCounters } from "../db/schema/index.js";

/** One sweep of expired counters per this many increments, on average. */
const SWEEP_EVERY = 200;

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

export async function incrementCounter(
  db: Db,
  key: string,
  windowMs: number,
): Promise<{ current: number; ttl: number }> {
  const window = sql`make_interval(secs => ${windowMs / 1000})`;
  const expired = sql`${rateLimitCounters.resetsAt} <= now()`;
  const [row] = await db
    .insert(rateLimitCounters)
    .values({ key, hits: 1, resetsAt: sql`now() + ${window}` })
    .onConflictDoUpdate({
      target: rateLimitCounters.key,
      set: {
        hits: sql`case when ${expired} then 1 else ${rateLimitCounters.hits} + 1 end`,
        resetsAt: sql`case when ${expired} then now() + ${window} else ${rateLimitCounters.resetsAt} end`,
      },
    })
    .returning({
      current: rateLimitCounters.hits,
      ttl: sql<number>`greatest(0, ceil(extract(epoch from (${rateLimitCounters.resetsAt} - now())) * 1000))::int`,
    });
  if (Math.random() * SWEEP_EVERY < 1)
    await db.delete(rateLimitCounters).where(lt(rateLimitCounters.resetsAt, sql`now()`));
  return { current: row!.current, ttl: Number(row!.ttl) };
}

/** The store class @fastify/rate-limit instantiates; each route gets its own key space (child). */
export function databaseRateLimitStore(db: Db): FastifyRateLimitStoreCtor {
  class DatabaseStore implements FastifyRateLimitStore {
    constructor(
      _options: unknown,
      private readonly prefix = "global",
    ) {}

    incr(key: string, callback: Callback, timeWindow: number): void {
      incrementCounter(db, `${this.prefix}|${key}`, timeWindow).then(
        (result) => callback(null, result),
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    }

    child(routeOptions: {
      method?: string | string[];
      url?: string;
      path?: string;
      prefix?: string;
    }): FastifyRateLimitStore {
      const method = Array.isArray(routeOptions.method)
        ? routeOptions.method.join(",")
        : (routeOptions.method ?? "");
      return new DatabaseStore(null, `${method} ${routeOptions.url ?? routeOptions.path ?? ""}`);
    }
  }
  return DatabaseStore as unknown as FastifyRateLimitStoreCtor;
}
