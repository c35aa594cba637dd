/**
 * The bare route server: plain Fastify, no logger, no hooks, no validation, no ORM — on the same
 * Database object (the same pool, or the same PGlite) as Broen. Per Broen route two routes:
 *
 *   /replay/<route>?k=<n>  every statement Broen sent for recording n (session lookup, BEGIN,
 *                          data, audit, idempotency row, COMMIT), as Broen ran them
 *   /data/<route>?k=<n>    only the data statements, one after the other on one connection
 *
 * Each answers Broen's status and a JSON of the same size: the recorded answer, serialised
 * again per request (Fastify's JSON.stringify) — the cost of a bare server turning its rows into
 * JSON, without Broen's schema-driven serialiser.
 */
import Fastify, { type FastifyInstance } from "fastify";
import { type FreshPlan, planFresh } from "./fresh.js";
import type { Driver, Statement } from "./recorder.js";

export interface Recording {
  statements: Statement[];
  status: number;
  /** Broen's answer, parsed. */
  body: unknown;
  bytes: number;
  plan: FreshPlan;
}

export function recordingOf(
  statements: Statement[],
  answer: { status: number; text: string },
  request: { input: string; idempotencyKey?: string | undefined },
): Recording {
  return {
    statements,
    status: answer.status,
    body: answer.text ? (JSON.parse(answer.text) as unknown) : null,
    bytes: Buffer.byteLength(answer.text),
    plan: planFresh(statements, request),
  };
}

export async function startReplayServer(
  driver: Driver,
  recordings: ReadonlyMap<string, Recording[]>,
): Promise<{ app: FastifyInstance; url: string; inFlight: () => number }> {
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  // Requests being served (also those whose client has gone): the runner waits for none.
  let inFlight = 0;
  const pick = (route: string, k: string | undefined): Recording => {
    const list = recordings.get(route);
    if (!list || list.length === 0) throw new Error(`no recording for ${route}`);
    return list[Number(k ?? 0) % list.length]!;
  };
  for (const mode of ["replay", "data"] as const) {
    app.route({
      method: ["GET", "POST"],
      url: `/${mode}/:route`,
      handler: async (request, reply) => {
        const { route } = request.params as { route: string };
        const rec = pick(route, (request.query as { k?: string }).k);
        const bind = rec.plan.binder();
        inFlight++;
        try {
          if (mode === "replay") await driver.replay(rec.statements, bind);
          else await driver.data(rec.statements, bind);
        } finally {
          inFlight--;
        }
        return reply.code(rec.status).send(rec.body);
      },
    });
  }
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  return { app, url, inFlight: () => inFlight };
}
