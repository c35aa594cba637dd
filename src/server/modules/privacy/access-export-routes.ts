/**
 * The right of access (GDPR art. 15): `GET /api/citizens/:id/access-export`, everything Broen holds
 * about one citizen as a JSON file for an administrator to hand over — the web page shows the same
 * answer as a printable document. Producing it is on the citizen's audit trail (an export).
 */
import { AccessExport } from "../../../shared/api/privacy-access.js";
import { IdParams } from "../../../shared/api/common.js";
import type { App } from "../../platform/app-type.js";
import { declareRoute } from "../../platform/route.js";
import { accessExportFileName, produceAccessExport } from "./access-export.js";

export async function accessExportRoutes(app: App): Promise<void> {
  declareRoute(app, {
    method: "GET",
    url: "/citizens/:id/access-export",
    tags: ["privacy"],
    summary: "Everything Broen holds about a citizen, as a file (GDPR art. 15; administrators)",
    description:
      "One consistent snapshot of the register and its history, contacts, screenings with the questions answered, journal notes, triage, detection clips, referrals, courses and all recorded on them, volunteer-centre referrals (what was shared), small communities (no other member named), outcome questionnaires and the audit trail — in words, Copenhagen time, staff by name and role, the CPR number in full. Sent as a download (Content-Disposition; the file name holds neither CPR nor name). Every call is an export on the citizen's audit trail.",
    access: { action: "citizen.accessExport" },
    snapshot: "the document is one consistent view of the citizen across every table it reads",
    audit: { records: [{ action: "export", entity: "access_export" }] },
    params: IdParams,
    response: AccessExport,
    handler: async ({ tx, ctx, params, reply }) => {
      const document = await produceAccessExport(tx, ctx, params.id);
      reply.header("content-disposition", `attachment; filename="${accessExportFileName(params.id)}"`);
      return document;
    },
  });
}
