/**
 * Rectification history (art. 16) and restriction of processing (art. 18) of one citizen, and the
 * list of restricted citizens (issue 13 point 2). Withdrawal of consent to sharing is a volunteer
 * referral's action (placements' routes).
 */
import {
  RestrictedCitizens,
  RestrictionBody,
  RestrictionState,
  RevealedRevisionCpr,
  RevisionHistory,
  RevisionParams,
} from "../../../shared/api/privacy-rights.js";
import { IdParams } from "../../../shared/api/common.js";
import type { App } from "../../platform/app-type.js";
import { declareRoute } from "../../platform/route.js";
import { moveRestriction, restrictedCitizens, restrictionState } from "./restriction.js";
import { citizenRevisionHistory, revealRevisionCpr } from "./revisions.js";

const tags = ["privacy"];

export async function rightsRoutes(app: App): Promise<void> {
  declareRoute(app, {
    method: "GET",
    url: "/citizens/:id/revisions",
    tags,
    summary: "The corrections of a citizen's register data: who, when, why, old → new (GDPR art. 16)",
    description:
      "Newest first. For those who may read the citizen's audit trail: it names the staff who corrected and holds earlier identity data. CPR values are masked; POST …/revisions/:revisionId/cpr/reveal shows them in full (logged).",
    access: { action: "citizen.auditTrail" },
    audit: { records: [{ action: "read", entity: "citizen_revisions" }] },
    params: IdParams,
    response: RevisionHistory,
    handler: ({ tx, ctx, params }) => citizenRevisionHistory(tx, ctx, params.id),
  });

  declareRoute(app, {
    method: "POST",
    url: "/citizens/:id/revisions/:revisionId/cpr/reveal",
    tags,
    summary: "Show the full CPR numbers before and after one correction (logged)",
    access: { action: "citizen.revealCpr" },
    audit: { records: [{ action: "reveal_cpr", entity: "citizen" }] },
    readOnly: "a logged read: no stored answer may keep the full CPR numbers",
    params: RevisionParams,
    response: RevealedRevisionCpr,
    handler: ({ tx, ctx, params }) => revealRevisionCpr(tx, ctx, params.id, params.revisionId),
  });

  declareRoute(app, {
    method: "GET",
    url: "/citizens/:id/restriction",
    tags,
    summary: "Whether the citizen's processing is restricted, and every restriction (GDPR art. 18)",
    access: { action: "citizen.privacy" },
    audit: { records: [{ action: "read", entity: "citizen_restriction" }] },
    params: IdParams,
    response: RestrictionState,
    handler: ({ tx, ctx, params }) => restrictionState(tx, ctx, params.id),
  });

  declareRoute(app, {
    method: "POST",
    url: "/citizens/:id/restriction",
    tags,
    summary: "Restrict the processing of a citizen's data, with a reason (administrators)",
    description:
      "While restricted the data is kept but not processed: the citizen is hidden from the register and every work list, only administrators open their data (others get 409 citizen_restricted), and no screening, volunteer-centre referral or placement can be made. 409 citizen_already_restricted when already restricted.",
    access: { action: "citizen.restrict" },
    audit: { records: [{ action: "restrict", entity: "citizen" }] },
    params: IdParams,
    body: RestrictionBody,
    response: RestrictionState,
    status: 201,
    handler: ({ tx, ctx, params, body }) => moveRestriction(tx, ctx, params.id, "restrict", body),
  });

  declareRoute(app, {
    method: "POST",
    url: "/citizens/:id/restriction/lift",
    tags,
    summary: "Lift the restriction of a citizen's processing, with a reason (administrators)",
    description: "409 citizen_not_restricted when no restriction is open.",
    access: { action: "citizen.restrict" },
    audit: { records: [{ action: "lift_restriction", entity: "citizen" }] },
    params: IdParams,
    body: RestrictionBody,
    response: RestrictionState,
    handler: ({ tx, ctx, params, body }) => moveRestriction(tx, ctx, params.id, "lift", body),
  });

  declareRoute(app, {
    method: "GET",
    url: "/privacy/restrictions",
    tags,
    summary: "The citizens whose processing is restricted now (administrators)",
    description:
      "The register and the work lists hide restricted citizens; this list is where the administrator finds them. Each citizen shown is a search row on their audit trail.",
    access: { action: "citizen.restrictedList" },
    audit: { records: [{ action: "search", entity: "citizen" }] },
    response: RestrictedCitizens,
    handler: ({ tx, ctx }) => restrictedCitizens(tx, ctx),
  });
}
