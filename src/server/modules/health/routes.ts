import { z } from "zod";
import type { App } from "../../platform/app-type.js";
import { declareRoute } from "../../platform/route.js";

const tags = ["health"];
const Readiness = z.object({
  status: z.enum(["ready", "unavailable"]),
  database: z.enum(["pglite", "postgres"]),
});

/** /health: the process is alive. /ready: it can serve (the database answers). */
export async function healthRoutes(app: App): Promise<void> {
  declareRoute(app, {
    method: "GET",
    url: "/health",
    tags,
    summary: "The process is alive (asks nothing of the database)",
    access: { public: "liveness probe of the load balancer and the process manager" },
    audit: { none: "liveness only" },
    // Liveness must not depend on the database: no transaction may be opened for it.
    ownTransaction: "none: it must answer while the database is down",
    response: z.object({ status: z.literal("ok") }),
    handler: async () => ({ status: "ok" as const }),
  });

  declareRoute(app, {
    method: "GET",
    url: "/ready",
    tags,
    summary: "The process can serve: the database answers (503 when it does not)",
    access: { public: "readiness probe of the load balancer and the process manager" },
    audit: { none: "readiness only" },
    // The ping is the whole check: an outer transaction would fail before it, without the 503 body.
    ownTransaction: "none: it pings the database itself and answers 503 when that fails",
    response: Readiness,
    otherResponses: { 503: Readiness },
    handler: async ({ reply }) => {
      try {
        await app.database.ping();
        return { status: "ready" as const, database: app.database.kind };
      } catch {
        reply.code(503);
        return { status: "unavailable" as const, database: app.database.kind };
      }
    },
  });
}
