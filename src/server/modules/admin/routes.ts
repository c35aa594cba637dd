import { z } from "zod";
import {
  CreateDistrictBody,
  CreateOrganisationBody,
  CreateUserBody,
  District,
  Organisation,
  ResetPasswordBody,
  UpdateDistrictBody,
  UpdateOrganisationBody,
  UpdateUserBody,
  User,
} from "../../../shared/api/admin.js";
import { ErrorBody, IdParams } from "../../../shared/api/common.js";
import type { App } from "../../app.js";
import { requireCtx } from "../../platform/auth.js";
import { writeOnce } from "../../platform/idempotency.js";
import * as admin from "./service.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ["administration"];

export async function adminRoutes(app: App): Promise<void> {
  const db = app.database.db;

  app.get(
    "/organisations",
    { schema: { tags, summary: "Organisations of the municipality (providers, units, volunteer centre)", response: { 200: z.array(Organisation), ...errors } } },
    async (request) => admin.listOrganisations(db, requireCtx(request)),
  );
  app.post(
    "/organisations",
    { schema: { tags, summary: "Create an organisation (administrators)", body: CreateOrganisationBody, response: { 201: Organisation, ...errors } } },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const r = await writeOnce(db, request, ctx, async (tx) => ({ status: 201, body: await admin.createOrganisation(tx, ctx, request.body) }));
      return reply.code(r.status).send(r.body);
    },
  );
  app.patch(
    "/organisations/:id",
    { schema: { tags, summary: "Rename or deactivate an organisation (administrators)", params: IdParams, body: UpdateOrganisationBody, response: { 200: Organisation, ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => admin.updateOrganisation(tx, ctx, request.params.id, request.body));
    },
  );

  app.get(
    "/districts",
    { schema: { tags, summary: "Districts of the municipality", response: { 200: z.array(District), ...errors } } },
    async (request) => admin.listDistricts(db, requireCtx(request)),
  );
  app.post(
    "/districts",
    { schema: { tags, summary: "Create a district (administrators)", body: CreateDistrictBody, response: { 201: District, ...errors } } },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const r = await writeOnce(db, request, ctx, async (tx) => ({ status: 201, body: await admin.createDistrict(tx, ctx, request.body) }));
      return reply.code(r.status).send(r.body);
    },
  );
  app.patch(
    "/districts/:id",
    { schema: { tags, summary: "Rename or deactivate a district (administrators)", params: IdParams, body: UpdateDistrictBody, response: { 200: District, ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => admin.updateDistrict(tx, ctx, request.params.id, request.body));
    },
  );

  app.get(
    "/users",
    { schema: { tags, summary: "Users of the municipality (administrators)", response: { 200: z.array(User), ...errors } } },
    async (request) => admin.listUsers(db, requireCtx(request)),
  );
  app.post(
    "/users",
    { schema: { tags, summary: "Create a user; they must change the password at first login", body: CreateUserBody, response: { 201: User, ...errors } } },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const r = await writeOnce(db, request, ctx, async (tx) => ({ status: 201, body: await admin.createUser(tx, ctx, request.body) }));
      return reply.code(r.status).send(r.body);
    },
  );
  app.patch(
    "/users/:id",
    { schema: { tags, summary: "Change or deactivate a user (administrators)", params: IdParams, body: UpdateUserBody, response: { 200: User, ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => admin.updateUser(tx, ctx, request.params.id, request.body));
    },
  );
  app.post(
    "/users/:id/reset-password",
    { schema: { tags, summary: "Set a temporary password and end the user's sessions", params: IdParams, body: ResetPasswordBody, response: { 200: User, ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => admin.resetPassword(tx, ctx, request.params.id, request.body.temporaryPassword));
    },
  );
  app.post(
    "/users/:id/unlock",
    {
      schema: {
        tags,
        summary: "Lift the waits that wrong passwords put on the user's username, from every address (administrators)",
        params: IdParams,
        response: { 200: User, ...errors },
      },
    },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => admin.unlockUser(tx, ctx, request.params.id));
    },
  );
}
