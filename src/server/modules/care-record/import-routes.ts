/**
 * The administrator's import of the home-care population (issue 14, decision 0098) under
 * /api/care-record/imports: upload a file → preview run; list and open runs; page through a run's
 * rows (CPR masked, each matched citizen shown audited); apply (idempotent, one transaction) or
 * discard. The file travels as text in a JSON body, so its CPR numbers never appear in a URL.
 */
import { z } from "zod";
import { parseCsv } from "../../../domain/care-record/import/csv.js";
import { parseFhirBundle, parseFhirNdjson } from "../../../domain/care-record/import/fhir.js";
import type { ImportFormat, ParsedSource } from "../../../domain/care-record/import/records.js";
import {
  ApplyImportBody,
  CreateImportBody,
  IMPORT_MAX_BYTES,
  ImportRowPage,
  ImportRowsQuery,
  ImportRunListQuery,
  ImportRunPage,
  ImportRunView,
} from "../../../shared/api/care-record-import.js";
import { IdParams } from "../../../shared/api/common.js";
import type { App } from "../../platform/app-type.js";
import { declareRoute } from "../../platform/route.js";
import {
  applyImportRun,
  createImportRun,
  discardImportRun,
  getImportRun,
  listImportRows,
  listImportRuns,
} from "./import-service.js";

const TAGS = ["care-record"] as const;
/** A run names no citizen, but it is the import of citizen data: its reads are on the trail, counts only. */
const RUN_READ = { records: [{ action: "read", entity: "care_record_import" }] } as const;

export function parseImportFile(format: ImportFormat, content: string): ParsedSource {
  switch (format) {
    case "csv":
      return parseCsv(content);
    case "fhir_bundle":
      return parseFhirBundle(content);
    case "fhir_ndjson":
      return parseFhirNdjson(content);
  }
}

export async function importRoutes(app: App): Promise<void> {
  declareRoute(app, {
    method: "POST",
    url: "/care-record/imports",
    tags: TAGS,
    summary: "Upload the home-care population (CSV, FHIR Bundle or NDJSON) → a preview run",
    description:
      "Nothing in the register changes: the run holds each row's outcome (new, changed, ended, unchanged, " +
      "unmatched with the reason and field) until it is applied or discarded. `scope: complete` says the file is " +
      "the whole home-care population (a citizen in home care it does not name has left home care); `changes` " +
      "only changes what it names. A file that cannot be read at all is a run with one unmatched row (malformed).",
    access: { action: "careRecord.import" },
    audit: { records: [{ action: "create", entity: "care_record_import" }] },
    body: CreateImportBody,
    bodyLimit: IMPORT_MAX_BYTES + 64 * 1024,
    response: ImportRunView,
    status: 201,
    handler: ({ tx, ctx, body }) =>
      createImportRun(tx, ctx, {
        municipalityId: ctx.actor.municipalityId,
        source: body.format,
        scope: body.scope,
        fileName: body.fileName ?? null,
        parsed: parseImportFile(body.format, body.content),
      }),
  });

  declareRoute(app, {
    method: "GET",
    url: "/care-record/imports",
    tags: TAGS,
    summary: "The import runs, newest first",
    access: { action: "careRecord.import" },
    audit: RUN_READ,
    querystring: ImportRunListQuery,
    response: ImportRunPage,
    handler: ({ tx, ctx, query }) => listImportRuns(tx, ctx, query.page, query.pageSize),
  });

  declareRoute(app, {
    method: "GET",
    url: "/care-record/imports/:id",
    tags: TAGS,
    summary: "One import run: status, counts, the applied result",
    access: { action: "careRecord.import" },
    audit: RUN_READ,
    params: IdParams,
    response: ImportRunView,
    handler: ({ tx, ctx, params }) => getImportRun(tx, ctx, params.id),
  });

  declareRoute(app, {
    method: "GET",
    url: "/care-record/imports/:id/rows",
    tags: TAGS,
    summary: "A page of a run's rows, optionally of one outcome (CPR masked)",
    description:
      "Every register citizen a page shows is on their audit trail (search citizen, with the run's filter).",
    access: { action: "careRecord.import" },
    audit: {
      records: [
        { action: "search", entity: "citizen" },
        { action: "read", entity: "care_record_import" },
      ],
    },
    params: IdParams,
    querystring: ImportRowsQuery,
    response: ImportRowPage,
    handler: ({ tx, ctx, params, query }) => listImportRows(tx, ctx, params.id, query),
  });

  declareRoute(app, {
    method: "POST",
    url: "/care-record/imports/:id/apply",
    tags: TAGS,
    summary: "Apply a preview run to the register (one transaction; a second apply answers the first)",
    description:
      "`version` is the run's version the administrator saw (409 version_conflict otherwise). The diff is " +
      "computed again against the register as it is now, so the result may differ from the preview when the " +
      "register changed in between. 409 import_run_closed for a discarded or failed run.",
    access: { action: "careRecord.import" },
    audit: {
      records: [
        { action: "create", entity: "citizen" },
        { action: "update", entity: "citizen" },
        { action: "create", entity: "citizen_contact" },
        { action: "delete", entity: "citizen_contact" },
        { action: "update", entity: "care_record_import" },
      ],
      mayBeEmpty: "the run was applied already",
    },
    params: IdParams,
    body: ApplyImportBody,
    response: ImportRunView,
    handler: ({ tx, ctx, params, body }) => applyImportRun(tx, ctx, params.id, body.version),
  });

  declareRoute(app, {
    method: "POST",
    url: "/care-record/imports/:id/discard",
    tags: TAGS,
    summary: "Discard a preview run: its rows (with CPR numbers) are deleted",
    access: { action: "careRecord.import" },
    audit: {
      records: [{ action: "update", entity: "care_record_import" }],
      mayBeEmpty: "the run was discarded already",
    },
    params: IdParams,
    body: z.strictObject({}).optional(),
    response: ImportRunView,
    handler: ({ tx, ctx, params }) => discardImportRun(tx, ctx, params.id),
  });
}
