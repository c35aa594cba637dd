/**
 * A store for @fastify/rate-limit that keeps its counters in the database (`rate_limit_counters`),
 * so several Broen processes behind one address count the same requests: a per-address limit
 * means the same with one process or four. One statement per limited request, atomic under
 * concurrency (INSERT … ON CONFLICT DO UPDATE). Expired rows are swept now and then.
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from "@fastify/rate-limit";
import type { RouteOptions } from "fastify";
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

    /**
     * One counter per route: @fastify/rate-limit hands a route's merged settings with the route
     * itself under `routeInfo`. (Reading method and url off the settings object found neither, so
     * every limited route shared one counter per address: ten staff logins spent the public
     * referral form's hourly allowance.)
     */
    child(options: Parameters<FastifyRateLimitStore["child"]>[0]): FastifyRateLimitStore {
      // The declared type names the route options; what arrives is the merged settings (see above).
      const route = (options as unknown as { routeInfo?: Partial<RouteOptions> }).routeInfo ?? {};
      const method = Array.isArray(route.method) ? route.method.join(",") : (route.method ?? "");
      const url = route.url ?? "";
      if (!method || !url) throw new Error("rate limit store: a route-level limit without its route");
      return new DatabaseStore(null, `${method} ${url}`);
    }
  }
  return DatabaseStore as unknown as FastifyRateLimitStoreCtor;
}
