/**
 * Runs the measurements: the load generator in a forked child process (its own event loop and, on
 * a machine with cores to spare, its own core), one autocannon run at a time, so Broen, the
 * replay server and the data routes are each measured alone and in turn — Broen, replay, data
 * for one route and connection count, then the next — which spreads a slow moment of a shared
 * machine over all three instead of one.
 */
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { LoadJob, LoadResult } from "./load.js";
import type { BenchRoute } from "./routes.js";

export type Target = "broen" | "replay" | "data";
export const TARGETS: readonly Target[] = ["broen", "replay", "data"];

export interface Measurement {
  route: string;
  connections: number;
  target: Target;
  round: number;
  result: LoadResult;
  /** Seconds the servers needed after the run to finish what was still in flight. */
  drained: number;
  /**
   * CPU milliseconds of this process (Broen and the bare server; the load generator is a child)
   * per answered request, over the run and its drain: Broen's own work next to the replay's. On
   * PGlite it includes the database, which runs in this process.
   */
  cpuMsPerRequest: number;
  /**
   * The longest this process's event loop was blocked during the run, ms (a GC pause, synchronous
   * work): a p99 far above the p95 with a short longest block was spent waiting outside the process.
   */
  loopMaxMs: number;
}

export interface Load {
  run(job: Omit<LoadJob, "id">): Promise<LoadResult>;
  close(): void;
}

export function startLoad(): Load {
  // fork() keeps the parent's execArgv, so tsx's loader runs load.ts in the child too.
  const child: ChildProcess = fork(fileURLToPath(new URL("./load.ts", import.meta.url)), [], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let next = 0;
  const waiting = new Map<number, { resolve: (r: LoadResult) => void; reject: (e: Error) => void }>();
  child.on("message", (message: LoadResult & { error?: string }) => {
    const w = waiting.get(message.id);
    if (!w) return;
    waiting.delete(message.id);
    if (message.error) w.reject(new Error(message.error));
    else w.resolve(message);
  });
  child.on("exit", (code) => {
    for (const w of waiting.values()) w.reject(new Error(`load generator exited (${code})`));
    waiting.clear();
  });
  return {
    run(job) {
      const id = next++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        child.send({ ...job, id });
      });
    },
    close() {
      if (child.connected) child.send("exit");
    },
  };
}

/** The autocannon job for one route on one target. */
export function jobFor(
  route: BenchRoute,
  target: Target,
  urls: { broen: string; replay: string },
  headers: Record<string, string>,
  connections: number,
  duration: number,
): Omit<LoadJob, "id"> {
  // The replay server gets the same bodies (Fastify parses them as Broen does) and picks recording k.
  const requests = route.requests.map((r, k) => ({
    path: target === "broen" ? r.path : `/${target}/${route.name}?k=${k}`,
    body: r.body,
  }));
  const json = route.requests[0]?.body !== undefined;
  return {
    url: target === "broen" ? urls.broen : urls.replay,
    method: route.method,
    requests,
    headers: target === "broen" ? headers : json ? { "content-type": "application/json" } : {},
    freshKey: route.write && target === "broen",
    connections,
    duration,
  };
}

export async function measure(
  load: Load,
  routes: readonly BenchRoute[],
  opts: {
    urls: { broen: string; replay: string };
    headersOf: (route: BenchRoute) => Record<string, string>;
    connections: readonly number[] | null;
    duration: number;
    warmup: number;
    rounds: number;
    /** Waits until the previous run's requests still in flight are done (they would slow the next run). */
    drain: () => Promise<void>;
    onResult: (m: Measurement) => void;
  },
): Promise<Measurement[]> {
  const all: Measurement[] = [];
  for (let round = 1; round <= opts.rounds; round++) {
    for (const route of routes) {
      for (const connections of opts.connections ?? route.connections) {
        for (const target of TARGETS) {
          const job = (duration: number) =>
            jobFor(route, target, opts.urls, opts.headersOf(route), connections, duration);
          // Every run, not only the first round's: the target measured first after another route
          // would otherwise meet that route's pages in PostgreSQL's cache instead of its own, and
          // its first requests read from disk — a p99 tail of the first target alone (Broen's).
          if (opts.warmup > 0) {
            await load.run(job(opts.warmup));
            await opts.drain();
          }
          const cpu = process.cpuUsage();
          const loop = monitorEventLoopDelay({ resolution: 10 });
          loop.enable();
          const result = await load.run(job(opts.duration));
          loop.disable();
          const loopMaxMs = loop.max / 1e6;
          const start = performance.now();
          await opts.drain();
          const drained = (performance.now() - start) / 1000;
          const used = process.cpuUsage(cpu);
          const cpuMsPerRequest = (used.user + used.system) / 1000 / Math.max(1, result.requests);
          const m = {
            route: route.name,
            connections,
            target,
            round,
            result,
            drained,
            cpuMsPerRequest,
            loopMaxMs,
          };
          all.push(m);
          opts.onResult(m);
        }
      }
    }
  }
  return all;
}
