import { z } from "zod";
import type { App } from "../../app.js";

/** /health: the process is alive. /ready: it can serve (the database answers). */
export async function healthRoutes(app: App): Promise<void> {
  app.get(
    "/health",
    { config: { public: true }, schema: { tags: ["health"], response: { 200: z.object({ status: z.literal("ok") }) } } },
    async () => ({ status: "ok" as const }),
  );
  app.get("/ready", { config: { public: true }, schema: { tags: ["health"] } }, async (_request, reply) => {
    try {
      await app.database.ping();
      return reply.send({ status: "ready", database: app.database.kind });
    } catch {
      return reply.code(503).send({ status: "unavailable", database: app.database.kind });
    }
  });
}
