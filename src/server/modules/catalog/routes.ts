import { z } from "zod";
import {
  Activity,
  ActivitySearchQuery,
  ActivitySearchResult,
  CatalogChange,
  ChangesQuery,
  CreateActivityBody,
  CreateOrganisationBody,
  Organisation,
  OrganisationDetail,
  OrganisationListQuery,
  OrganisationPage,
  PrintList,
  PrintQuery,
  ReviewPage,
  ReviewQuery,
  UpdateActivityBody,
  UpdateOrganisationBody,
  VersionBody,
} from "../../../shared/api/catalog.js";
import { ErrorBody, IdParams } from "../../../shared/api/common.js";
import type { App } from "../../app.js";
import type { Tx } from "../../db/client.js";
import { requireCtx } from "../../platform/auth.js";
import type { Ctx } from "../../platform/context.js";
import { writeOnce } from "../../platform/idempotency.js";
import { hsdsRoutes } from "./hsds-routes.js";
import { createOrganisation, deactivateOrganisation, listOrganisations, organisationDetail, updateOrganisation, verifyOrganisation } from "./organisations.js";
import { printList } from "./print.js";
import { searchActivities } from "./search.js";
import { createActivity, deactivateActivity, getActivity, updateActivity, verifyActivity } from "./service.js";
import { entityChanges, reviewList } from "./upkeep.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ["catalog"];

/** The activity catalog's routes (issue 5): organisations, activities, search, upkeep, the printable list, HSDS. */
export async function catalogRoutes(app: App): Promise<void> {
  const db = app.database.db;

  /** A write on one entry: validated body, one transaction, Idempotency-Key honoured. */
  const write = <B extends z.ZodType>(
    method: "post" | "patch",
    path: string,
    summary: string,
    body: B,
    response: z.ZodType,
    work: (tx: Tx, ctx: Ctx, id: string, body: z.output<B>) => Promise<unknown>,
  ) =>
    app[method](path, { schema: { tags, summary, params: IdParams, body, response: { 200: response, ...errors } } }, async (request, reply) => {
      const ctx = requireCtx(request);
      const { id } = request.params as { id: string };
      const r = await writeOnce(db, request, ctx, async (tx) => ({ status: 200, body: await work(tx, ctx, id, request.body as z.output<B>) }));
      // The generic helper cannot tell Fastify which response schema applies; the schema still validates it.
      return reply.code(r.status).send(r.body as never);
    });

  // ---- organisations ----

  app.get(
    "/catalog/organisations",
    { schema: { tags, summary: "Organisations of the catalog in Danish order (associations, churches, visiting services …)", querystring: OrganisationListQuery, response: { 200: OrganisationPage, ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => listOrganisations(tx, ctx, request.query));
    },
  );

  app.post(
    "/catalog/organisations",
    { schema: { tags, summary: "Add an organisation (volunteer-centre staff: one their centre manages)", body: CreateOrganisationBody, response: { 201: Organisation, ...errors } } },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const r = await writeOnce(db, request, ctx, async (tx) => ({ status: 201, body: await createOrganisation(tx, ctx, request.body) }));
      return reply.code(r.status).send(r.body);
    },
  );

  app.get(
    "/catalog/organisations/:id",
    {
      schema: {
        tags,
        summary: "The association listing: details, activities, inclusion criteria, collaboration agreement, reply time and share taken on",
        params: IdParams,
        response: { 200: OrganisationDetail, ...errors },
      },
    },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => organisationDetail(tx, ctx, request.params.id));
    },
  );

  write("patch", "/catalog/organisations/:id", "Change an organisation (send the version you started from)", UpdateOrganisationBody, Organisation, updateOrganisation);
  write("post", "/catalog/organisations/:id/verify", "Confirm the organisation's details: last verified becomes today", VersionBody, Organisation, verifyOrganisation);
  write("post", "/catalog/organisations/:id/deactivate", "Deactivate an organisation and its activities", VersionBody, Organisation, deactivateOrganisation);

  // ---- activities ----

  app.get(
    "/catalog/activities",
    {
      schema: {
        tags,
        summary: "Search activities: Danish words (prefix), theme, interest, area, distance, weekday, time of day, accessibility, cost, group size, kind of place",
        querystring: ActivitySearchQuery,
        response: { 200: ActivitySearchResult, ...errors },
      },
    },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => searchActivities(tx, ctx, request.query));
    },
  );

  app.post(
    "/catalog/activities",
    { schema: { tags, summary: "Add an activity to an organisation the caller may edit", body: CreateActivityBody, response: { 201: Activity, ...errors } } },
    async (request, reply) => {
      const ctx = requireCtx(request);
      const r = await writeOnce(db, request, ctx, async (tx) => ({ status: 201, body: await createActivity(tx, ctx, request.body) }));
      return reply.code(r.status).send(r.body);
    },
  );

  app.get("/catalog/activities/:id", { schema: { tags, summary: "One activity", params: IdParams, response: { 200: Activity, ...errors } } }, async (request) => {
    const ctx = requireCtx(request);
    return db.transaction((tx) => getActivity(tx, ctx, request.params.id));
  });

  write("patch", "/catalog/activities/:id", "Change an activity (send the version you started from)", UpdateActivityBody, Activity, updateActivity);
  write("post", "/catalog/activities/:id/verify", "Confirm the activity's details: last verified becomes today", VersionBody, Activity, verifyActivity);
  write("post", "/catalog/activities/:id/deactivate", "Take an activity out of search and lists", VersionBody, Activity, deactivateActivity);

  // ---- upkeep and the printable list ----

  app.get(
    "/catalog/review",
    { schema: { tags, summary: "Entries not verified for N months (or never), oldest first; volunteer-centre staff see their centre's", querystring: ReviewQuery, response: { 200: ReviewPage, ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => reviewList(tx, ctx, request.query));
    },
  );

  app.get(
    "/catalog/changes",
    { schema: { tags, summary: "Every recorded change of one organisation or activity, newest first", querystring: ChangesQuery, response: { 200: z.array(CatalogChange), ...errors } } },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => entityChanges(tx, ctx, request.query.entityId));
    },
  );

  app.get(
    "/catalog/print",
    {
      schema: {
        tags,
        summary: "A one-page, large-print list of active activities in an area or near an address, grouped by theme",
        querystring: PrintQuery,
        response: { 200: PrintList, ...errors },
      },
    },
    async (request) => {
      const ctx = requireCtx(request);
      return db.transaction((tx) => printList(tx, ctx, request.query));
    },
  );

  await hsdsRoutes(app);
}
