/** The citizen's letter (issue 16, part "letter"): GET /api/citizens/:id/letter answers a PDF. */
import { IdParams } from "../../../shared/api/common.js";
import type { App } from "../../platform/app-type.js";
import { declareRoute } from "../../platform/route.js";
import { citizenLetterPdf } from "./letter.js";

export async function letterRoutes(app: App): Promise<void> {
  declareRoute(app, {
    method: "GET",
    url: "/citizens/:id/letter",
    produces: ["application/pdf"],
    tags: ["messaging"],
    summary: "The citizen's letter: their plan and punch card on A4 in large type (coordinators)",
    description:
      "Answers application/pdf: the coordinator's name and phone, the agreed activity, the next planned visits and the clips left per kind — in Danish, or English when the citizen's messaging consent says so. No CPR, score, condition or note. 409 letter_no_open_course without an open course. Audited as an export of the citizen.",
    access: { action: "citizen.letter" },
    audit: { records: [{ action: "export", entity: "citizen" }] },
    params: IdParams,
    handler: async ({ tx, ctx, params, reply }) => {
      const { pdf, filename } = await citizenLetterPdf(tx, ctx, params.id);
      // The file name is the day only: the URL and the name carry no CPR and no name.
      void reply.type("application/pdf").header("content-disposition", `attachment; filename="${filename}"`);
      return pdf;
    },
  });
}
