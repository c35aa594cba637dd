import { z } from "zod";
import {
  AuditTrail,
  CitizenDetail,
  CitizenListQuery,
  CitizenPage,
  Contact,
  CreateCitizenBody,
  CreateContactBody,
  RevealedCpr,
  UpdateCitizenBody,
} from "../../../shared/api/citizens.js";
import { ErrorBody, IdParams, uuid } from "../../../shared/api/common.js";
import type { App } from "../../app.js";
import { requireCtx } from "../../platform/auth.js";
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
        summary: "List and search citizens",
        description: "q matches name and address words, a full CPR number or its last four digits. Every search is audited with its criterion.",
        querystring: CitizenListQuery,
        response: { 200: CitizenPage, ...errors },
      },
    },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => searchCitizens(tx, ctx, request.query));
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
