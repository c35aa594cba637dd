/**
 * Anonymisation and erasure of one citizen (issue 13 point 5): a preview, then the step itself.
 * Administrators only; each is one transaction (the route's), idempotent by its Idempotency-Key,
 * and audited without identifying content.
 */
import { IdParams } from "../../../shared/api/common.js";
import { ErasureBody, ErasurePreview, ErasureResult } from "../../../shared/api/privacy-erasure.js";
import type { App } from "../../platform/app-type.js";
import { declareRoute } from "../../platform/route.js";
import { previewErasure, runErasure } from "./erasure-service.js";

const tags = ["privacy"];

const REFUSALS =
  "422 erasure_reason_required (field `reason`) while the citizen has an open course or an active referral and no reason is given; 404 citizen_not_found.";

export async function erasureRoutes(app: App): Promise<void> {
  declareRoute(app, {
    method: "GET",
    url: "/citizens/:id/erasure-preview",
    tags,
    summary:
      "What anonymising or erasing the citizen would remove, per category, and whether a reason is required",
    description:
      "Counts the citizen's rows in every category (register, contacts, notes, referrals, course, clips, placements, stored answers of writes, search terms on the audit trail …) with what each operation does to them: removed, cleared (the row stays for the reports, its identifying content is emptied) or kept. Changes nothing.",
    access: { action: ["citizen.anonymise", "citizen.erase"] },
    audit: { records: [{ action: "read", entity: "erasure_preview" }] },
    params: IdParams,
    response: ErasurePreview,
    handler: ({ tx, ctx, params }) => previewErasure(tx, ctx, params.id),
  });

  declareRoute(app, {
    method: "POST",
    url: "/citizens/:id/anonymisation",
    tags,
    summary:
      "Anonymise the citizen: identity and free text removed everywhere, the facts the reports count kept",
    description: `Name, CPR, address, phone, contacts, notes, free text, what was shared with the volunteer centre and the stored answers of earlier writes are removed or emptied; screenings, courses, clips, placements and outcome questionnaires stay as codes, dates and numbers, so the report figures of every period are unchanged. An open course is closed, undecided referrals end, future clips and bookings are cancelled. The citizen vanishes from search, lists and the evaluator's dataset (their rows stay there under a pseudonym that links to nothing). Writes deletion records. 409 citizen_already_anonymised. ${REFUSALS}`,
    access: { action: "citizen.anonymise" },
    audit: { records: [{ action: "anonymise", entity: "citizen" }] },
    params: IdParams,
    body: ErasureBody,
    response: ErasureResult,
    handler: ({ tx, ctx, params, body }) => runErasure(tx, ctx, params.id, "anonymise", body),
  });

  declareRoute(app, {
    method: "POST",
    url: "/citizens/:id/erasure",
    tags,
    summary: "Erase the citizen entirely: every row about them deleted",
    description: `Every row about the citizen is deleted (an anonymised citizen too), and the stored answers of earlier writes are replaced; the report figures of past periods drop by what the citizen contributed. The audit trail stays under its own retention rule, without the search terms that found the citizen. Writes deletion records. ${REFUSALS}`,
    access: { action: "citizen.erase" },
    audit: { records: [{ action: "erase", entity: "citizen" }] },
    params: IdParams,
    body: ErasureBody,
    response: ErasureResult,
    handler: ({ tx, ctx, params, body }) => runErasure(tx, ctx, params.id, "erase", body),
  });
}
