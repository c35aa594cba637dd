import { z } from "zod";
import {
  AuditTrail,
  AuditTrailQuery,
  CitizenDetail,
  CitizenListQuery,
  CitizenPage,
  CitizenSearchBody,
  Contact,
  CreateCitizenBody,
  CreateContactBody,
  RevealedCpr,
  UpdateCitizenBody,
} from "../../../shared/api/citizens.js";
import { IdParams, uuid } from "../../../shared/api/common.js";
import type { App } from "../../platform/app-type.js";
import { AppError } from "../../platform/errors.js";
import { declareRoute } from "../../platform/route.js";
import { exportAuditTrailCsv, getAuditTrail } from "./audit-trail.js";
import {
  addContact,
  createCitizen,
  getCitizen,
  removeContact,
  revealCpr,
  searchCitizens,
  updateCitizen,
} from "./service.js";

const tags = ["citizens"];
/** A listing records one search row per citizen shown, or one row saying it found none. */
const searched = { records: [{ action: "search", entity: "citizen" }] } as const;

export async function citizenRoutes(app: App): Promise<void> {
  declareRoute(app, {
    method: "GET",
    url: "/citizens",
    tags,
    summary: "List citizens (filters only; search with POST /citizens/search)",
    description:
      "Plain listing by provider and district. A search term (q) is refused with 400 search_in_url: names and CPR numbers must not travel in a URL (browser history, proxies, logs). Every listing is audited.",
    access: { action: "citizen.list" },
    audit: searched,
    querystring: CitizenListQuery,
    response: CitizenPage,
    handler: ({ tx, ctx, query }) => {
      const { q, ...filters } = query;
      if (q !== undefined) throw AppError.field("q", "not_in_url", "search_in_url");
      return searchCitizens(tx, ctx, filters);
    },
  });

  declareRoute(app, {
    method: "POST",
    url: "/citizens/search",
    tags,
    summary: "Search citizens (the term in the body, never in the URL)",
    description:
      "q matches name and address words, a full CPR number or its last four digits; the filters are GET /citizens's. A read: needs no Idempotency-Key. Every search is audited with its criterion, CPR-looking values masked.",
    access: { action: "citizen.list" },
    audit: searched,
    // A read sent as POST only to keep the term out of the URL: like GET /citizens it runs (and is
    // audited) every time, and no Idempotency-Key stores its list of citizens.
    readOnly: "the search term stays out of the URL",
    body: CitizenSearchBody,
    response: CitizenPage,
    handler: ({ tx, ctx, body }) => searchCitizens(tx, ctx, body),
  });

  declareRoute(app, {
    method: "POST",
    url: "/citizens",
    tags,
    summary: "Register a citizen",
    access: { action: "citizen.create" },
    audit: { records: [{ action: "create", entity: "citizen" }] },
    body: CreateCitizenBody,
    response: CitizenDetail,
    status: 201,
    handler: ({ tx, ctx, body }) => createCitizen(tx, ctx, body),
  });

  declareRoute(app, {
    method: "GET",
    url: "/citizens/:id",
    tags,
    summary: "A citizen with contact persons and relatives (CPR masked)",
    access: { action: "citizen.read" },
    audit: { records: [{ action: "read", entity: "citizen" }] },
    params: IdParams,
    response: CitizenDetail,
    handler: ({ tx, ctx, params }) => getCitizen(tx, ctx, params.id),
  });

  declareRoute(app, {
    method: "PATCH",
    url: "/citizens/:id",
    tags,
    summary: "Edit a citizen (send the version you started from)",
    access: { action: "citizen.update" },
    audit: { records: [{ action: "update", entity: "citizen" }] },
    params: IdParams,
    body: UpdateCitizenBody,
    response: CitizenDetail,
    handler: ({ tx, ctx, params, body }) => updateCitizen(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "POST",
    url: "/citizens/:id/cpr/reveal",
    tags,
    summary: "Show the full CPR number (logged)",
    access: { action: "citizen.revealCpr" },
    audit: { records: [{ action: "reveal_cpr", entity: "citizen" }] },
    // Every reveal is a logged read: an Idempotency-Key must neither skip its audit row nor keep
    // the full CPR number in the key's stored answer.
    readOnly: "a logged read: no stored answer may keep the full CPR number",
    params: IdParams,
    response: RevealedCpr,
    handler: ({ tx, ctx, params }) => revealCpr(tx, ctx, params.id),
  });

  declareRoute(app, {
    method: "POST",
    url: "/citizens/:id/contacts",
    tags,
    summary: "Add a contact person or relative",
    access: { action: "citizen.update" },
    audit: { records: [{ action: "create", entity: "citizen_contact" }] },
    params: IdParams,
    body: CreateContactBody,
    response: Contact,
    status: 201,
    handler: ({ tx, ctx, params, body }) => addContact(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "DELETE",
    url: "/citizens/:id/contacts/:contactId",
    tags,
    summary: "Remove a contact person or relative",
    access: { action: "citizen.update" },
    audit: { records: [{ action: "delete", entity: "citizen_contact" }] },
    params: z.strictObject({ id: uuid, contactId: uuid }),
    status: 204,
    handler: async ({ tx, ctx, params }) => {
      await removeContact(tx, ctx, params.id, params.contactId);
      return null;
    },
  });

  declareRoute(app, {
    method: "GET",
    url: "/citizens/:id/audit",
    tags,
    summary: "Who has looked at this citizen's data (administrators)",
    description:
      "from and to (Copenhagen days) narrow the period. Without page and pageSize the whole trail, oldest first; with either one page, newest first, with the total.",
    access: { action: "citizen.auditTrail" },
    audit: { records: [{ action: "read", entity: "audit_trail" }] },
    params: IdParams,
    querystring: AuditTrailQuery,
    response: AuditTrail,
    handler: ({ tx, ctx, params, query }) => getAuditTrail(tx, ctx, params.id, query),
  });

  declareRoute(app, {
    method: "GET",
    url: "/citizens/:id/audit.csv",
    produces: ["text/csv"],
    tags,
    summary: "Export the audit trail as CSV (administrators; the export is itself logged)",
    access: { action: "citizen.auditTrail" },
    audit: { records: [{ action: "export", entity: "audit_trail" }] },
    params: IdParams,
    handler: async ({ tx, ctx, params, reply }) => {
      const csv = await exportAuditTrailCsv(tx, ctx, params.id);
      reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="logning-${params.id}.csv"`);
      return `\uFEFF${csv}`;
    },
  });
}
