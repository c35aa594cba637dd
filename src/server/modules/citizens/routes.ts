import { z } from "zod";
import {
  AuditTrail,
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
import { ErrorBody, IdParams, uuid } from "../../../shared/api/common.js";
import type { App } from "../../app.js";
import { requireCtx } from "../../platform/auth.js";
import { AppError } from "../../platform/errors.js";
import { writeOnce } from "../../platform/idempotency.js";
import { exportAuditTrailCsv, getAuditTrail } from "./audit-trail.js";
import { addContact, createCitizen, getCitizen, removeContact, revealCpr, searchCitizens, updateCitizen } from "./service.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ["citizens"];

export async function citizenRoutes(app: App): Promise<void> {
  const db = app.database.db;

  app.get(
    "/citizens",
    {
      schema: {
        tags,
        summary: "List citizens (filters only; search with POST /citizens/search)",
        description:
          "Plain listing by provider and district. A search term (q) is refused with 400 search_in_url: names and CPR numbers must not travel in a URL (browser history, proxies, logs). Every listing is audited.",
        querystring: CitizenListQuery,
        response: { 200: CitizenPage, ...errors },
      },
    },
    async (request) => {
      const ctx = requireCtx(request);
      const { q, ...filters } = request.query;
      if (q !== undefined) throw AppError.field("q", "not_in_url", "search_in_url");
      return db.transaction((tx) => searchCitizens(tx, ctx, filters));
    },
  );

  // A search is a read sent as POST only to keep the term out of the URL: no Idempotency-Key,
  // no writeOnce — it writes nothing but its audit rows, like GET /citizens.
  app.post(
    "/citizens/search",
    {
      schema: {
        tags,
        summary: "Search citizens (the term in the body, never in the URL)",
        description:
          "q matches name and address words, a full CPR number or its last four digits; the filters are GET /citizens's. A read: needs no Idempotency-Key. Every search is audited with its criterion, CPR-looking values masked.",
        body: CitizenSearchBody,
        response: { 200: CitizenPage, ...errors },
      },
    },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => searchCitizens(tx, ctx, request.body));
    },
  );

  app.post(
    "/citizens",
    { schema: { tags, summary: "Register a citizen", body: CreateCitizenBody, response: { 201: CitizenDetail, ...errors } } },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const result = await writeOnce(db, request, ctx, async (tx) => ({ status: 201, body: await createCitizen(tx, ctx, request.body) }));
      return reply.code(result.status).send(result.body);
    },
  );

  app.get(
    "/citizens/:id",
    { schema: { tags, summary: "A citizen with contact persons and relatives (CPR masked)", params: IdParams, response: { 200: CitizenDetail, ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => getCitizen(tx, ctx, request.params.id));
    },
  );

  app.patch(
    "/citizens/:id",
    { schema: { tags, summary: "Edit a citizen (send the version you started from)", params: IdParams, body: UpdateCitizenBody, response: { 200: CitizenDetail, ...errors } } },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const result = await writeOnce(db, request, ctx, async (tx) => ({ status: 200, body: await updateCitizen(tx, ctx, request.params.id, request.body) }));
      return reply.code(result.status).send(result.body);
    },
  );

  app.post(
    "/citizens/:id/cpr/reveal",
    { schema: { tags, summary: "Show the full CPR number (logged)", params: IdParams, response: { 200: RevealedCpr, ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => revealCpr(tx, ctx, request.params.id));
    },
  );

  app.post(
    "/citizens/:id/contacts",
    { schema: { tags, summary: "Add a contact person or relative", params: IdParams, body: CreateContactBody, response: { 201: Contact, ...errors } } },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const result = await writeOnce(db, request, ctx, async (tx) => ({ status: 201, body: await addContact(tx, ctx, request.params.id, request.body) }));
      return reply.code(result.status).send(result.body);
    },
  );

  app.delete(
    "/citizens/:id/contacts/:contactId",
    {
      schema: {
        tags,
        summary: "Remove a contact person or relative",
        params: z.strictObject({ id: uuid, contactId: uuid }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const ctx = requireCtx(request);
      await db.transaction((tx) => removeContact(tx, ctx, request.params.id, request.params.contactId));
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/citizens/:id/audit",
    { schema: { tags, summary: "Who has looked at this citizen's data (administrators)", params: IdParams, response: { 200: AuditTrail, ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => getAuditTrail(tx, ctx, request.params.id));
    },
  );

  app.get(
    "/citizens/:id/audit.csv",
    { schema: { tags, summary: "Export the audit trail as CSV (administrators; the export is itself logged)", params: IdParams, produces: ["text/csv"] } },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const csv = await db.transaction((tx) => exportAuditTrailCsv(tx, ctx, request.params.id));
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="logning-${request.params.id}.csv"`)
        .send(`\uFEFF${csv}`);
    },
  );
}
