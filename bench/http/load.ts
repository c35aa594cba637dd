/**
 * The load generator, in a child process of its own (forked by runner.ts), so autocannon's
 * client work never shares an event loop with Broen or the replay server. It takes one job at a
 * time over IPC and answers a summary.
 *
 * A job's requests rotate: request n is requests[n mod requests.length] (a clip registration
 * names a different course each time, see routes.ts), and a write gets a fresh Idempotency-Key
 * per request, as a phone sends one per tap.
 */
import { randomUUID } from "node:crypto";
import autocannon from "autocannon";

export interface LoadJob {
  id: number;
  url: string;
  method: "GET" | "POST";
  /** Rotated: request n is requests[n mod length]. */
  requests: { path: string; body?: string | undefined }[];
  headers: Record<string, string>;
  freshKey: boolean;
  connections: number;
  duration: number;
}

export interface LoadResult {
  id: number;
  rps: number;
  p50: number;
  /** From every answer's own time (autocannon's histogram has no 95th percentile); issue 19 point 2's budgets are p95. */
  p95: number;
  p99: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** The first answer that was not 2xx: status and the start of its body. */
  firstFailure: string | null;
}

async function run(job: LoadJob): Promise<LoadResult> {
  let n = 0;
  let firstFailure: string | null = null;
  const times: number[] = [];
  const running = autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.duration,
    timeout: 30,
    method: job.method,
    headers: job.headers,
    ...(job.requests.length === 1 && job.requests[0]!.body !== undefined
      ? { body: job.requests[0]!.body }
      : {}),
    requests: [
      {
        setupRequest(request) {
          const next = job.requests[n++ % job.requests.length]!;
          const out = {
            ...request,
            path: next.path,
            ...(next.body !== undefined ? { body: next.body } : {}),
          };
          if (job.freshKey) out.headers = { ...request.headers, "idempotency-key": `bench-${randomUUID()}` };
          return out;
        },
        onResponse(status, body) {
          if ((status < 200 || status > 299) && firstFailure === null)
            firstFailure = `${status} ${body.slice(0, 300)}`;
        },
      },
    ],
  });
  running.on("response", (_client, _status, _bytes, ms) => times.push(ms));
  const result = await running;
  times.sort((a, b) => a - b);
  return {
    id: job.id,
    rps: result.requests.average,
    p50: result.latency.p50,
    p95: times.length > 0 ? times[Math.ceil(times.length * 0.95) - 1]! : 0,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    firstFailure,
  };
}

process.on("message", (job: LoadJob | "exit") => {
  if (job === "exit") process.exit(0);
  run(job).then(
    (result) => process.send?.(result),
    (err: unknown) => process.send?.({ id: job.id, error: String(err) }),
  );
});
