/** HSDS 3.0 export and import of the catalog (issue 5, point 9); the work is in hsds-io.ts. */
import { HsdsExport, ImportBody, ImportReport } from "../../../shared/api/catalog.js";
import type { App } from "../../platform/app-type.js";
import { declareRoute } from "../../platform/route.js";
import { copenhagenDate } from "../../../domain/time.js";
import { exportHsds, importHsds } from "./hsds-io.js";

const tags = ["catalog"];

/**
 * HSDS is verbose: the demo catalog (140 organisations, 250 activities) is 2 MB. 10 MB holds a
 * large municipality's catalog (about 1,200 activities) in one request and keeps it bounded; the
 * app's 1 MB limit stays for every other route.
 */
export const IMPORT_BODY_LIMIT = 10 * 1024 * 1024;

export async function hsdsRoutes(app: App): Promise<void> {
  declareRoute(app, {
    method: "GET",
    url: "/catalog/export.json",
    tags,
    summary: "The catalog as Open Referral HSDS 3.0 (organizations and services), as a download",
    access: { action: "catalog.export" },
    audit: { records: [{ action: "export", entity: "catalog" }] },
    response: HsdsExport,
    handler: async ({ tx, ctx, reply }) => {
      const doc = await exportHsds(tx, ctx);
      reply.header(
        "content-disposition",
        `attachment; filename="katalog-hsds-${copenhagenDate(new Date())}.json"`,
      );
      // The HSDS interfaces have no index signature; the response schema still checks the shape.
      return doc as never;
    },
  });

  declareRoute(app, {
    method: "POST",
    url: "/catalog/import",
    tags,
    summary:
      "Import HSDS 3.0: all_or_nothing (any invalid row → 422, nothing stored) or valid_rows; re-imports update by id",
    access: { action: "catalog.import" },
    audit: {
      none: "the activity catalog holds no citizen data; every change goes to the catalog's change history",
    },
    bodyLimit: IMPORT_BODY_LIMIT,
    body: ImportBody,
    response: ImportReport,
    handler: ({ tx, ctx, body }) => importHsds(tx, ctx, body),
  });
}
