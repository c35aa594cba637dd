/** HSDS 3.0 export and import of the catalog (issue 5, point 9); the work is in hsds-io.ts. */
import { ErrorBody } from "../../../shared/api/common.js";
import { HsdsExport, ImportBody, ImportReport } from "../../../shared/api/catalog.js";
import type { App } from "../../app.js";
import { requireCtx } from "../../platform/auth.js";
import { writeOnce } from "../../platform/idempotency.js";
import { copenhagenDate } from "../../../domain/time.js";
import { exportHsds, importHsds } from "./hsds-io.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ["catalog"];

/**
 * HSDS is verbose: the demo catalog (140 organisations, 250 activities) is 2 MB. 10 MB holds a
 * large municipality's catalog (about 1,200 activities) in one request and keeps it bounded; the
 * app's 1 MB limit stays for every other route.
 */
export const IMPORT_BODY_LIMIT = 10 * 1024 * 1024;

export async function hsdsRoutes(app: App): Promise<void> {
  const db = app.database.db;

  app.get(
    "/catalog/export.json",
    { schema: { tags, summary: "The catalog as Open Referral HSDS 3.0 (organizations and services), as a download", response: { 200: HsdsExport, ...errors } } },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const doc = await db.transaction((tx) => exportHsds(tx, ctx));
      reply.header("content-disposition", `attachment; filename="katalog-hsds-${copenhagenDate(new Date())}.json"`);
      // The HSDS interfaces have no index signature; the response schema still checks the shape.
      return doc as never;
    },
  );

  app.post(
    "/catalog/import",
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        summary: "Import HSDS 3.0: all_or_nothing (any invalid row → 422, nothing stored) or valid_rows; re-imports update by id",
        body: ImportBody,
        response: { 200: ImportReport, 422: ErrorBody, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const r = await writeOnce(db, request, ctx, async (tx) => ({ status: 200, body: await importHsds(tx, ctx, request.body) }));
      return reply.code(r.status).send(r.body);
    },
  );
}
