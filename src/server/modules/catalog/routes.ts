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
import { IdParams } from "../../../shared/api/common.js";
import type { App } from "../../platform/app-type.js";
import { declareRoute } from "../../platform/route.js";
import { hsdsRoutes } from "./hsds-routes.js";
import {
  createOrganisation,
  deactivateOrganisation,
  listOrganisations,
  organisationDetail,
  updateOrganisation,
  verifyOrganisation,
} from "./organisations.js";
import { printList } from "./print.js";
import { searchActivities } from "./search.js";
import {
  createActivity,
  deactivateActivity,
  getActivity,
  updateActivity,
  verifyActivity,
} from "./service.js";
import { entityChanges, reviewList } from "./upkeep.js";

const tags = ["catalog"];
/** The catalog's associations and activities: no citizen. */
const catalogOnly = { none: "the activity catalog holds no citizen data" } as const;
/** "Near the citizen" reads the citizen's home (audited); any other origin names no one. */
const nearCitizen = {
  records: [{ action: "read", entity: "citizen" }],
  mayBeEmpty: "no nearCitizenId is given",
} as const;

/** The activity catalog's routes (issue 5): organisations, activities, search, upkeep, the printable list, HSDS. */
export async function catalogRoutes(app: App): Promise<void> {
  // ---- organisations ----

  declareRoute(app, {
    method: "GET",
    url: "/catalog/organisations",
    tags,
    summary: "Organisations of the catalog in Danish order (associations, churches, visiting services …)",
    // includeInactive also needs catalog.create (checked by the service).
    access: { action: "catalog.read" },
    audit: catalogOnly,
    querystring: OrganisationListQuery,
    response: OrganisationPage,
    handler: ({ tx, ctx, query }) => listOrganisations(tx, ctx, query),
  });

  declareRoute(app, {
    method: "POST",
    url: "/catalog/organisations",
    tags,
    summary: "Add an organisation (volunteer-centre staff: one their centre manages)",
    access: { action: "catalog.create" },
    audit: catalogOnly,
    body: CreateOrganisationBody,
    response: Organisation,
    status: 201,
    handler: ({ tx, ctx, body }) => createOrganisation(tx, ctx, body),
  });

  declareRoute(app, {
    method: "GET",
    url: "/catalog/organisations/:id",
    tags,
    summary:
      "The association listing: details, activities, inclusion criteria, collaboration agreement, reply time and share taken on",
    access: { action: "catalog.read" },
    audit: { none: "the activity catalog holds no citizen data; placements only as counts" },
    params: IdParams,
    response: OrganisationDetail,
    handler: ({ tx, ctx, params }) => organisationDetail(tx, ctx, params.id),
  });

  declareRoute(app, {
    method: "PATCH",
    url: "/catalog/organisations/:id",
    tags,
    summary: "Change an organisation (send the version you started from)",
    access: { action: "catalog.edit" },
    audit: catalogOnly,
    params: IdParams,
    body: UpdateOrganisationBody,
    response: Organisation,
    handler: ({ tx, ctx, params, body }) => updateOrganisation(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "POST",
    url: "/catalog/organisations/:id/verify",
    tags,
    summary: "Confirm the organisation's details: last verified becomes today",
    access: { action: "catalog.edit" },
    audit: catalogOnly,
    params: IdParams,
    body: VersionBody,
    response: Organisation,
    handler: ({ tx, ctx, params, body }) => verifyOrganisation(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "POST",
    url: "/catalog/organisations/:id/deactivate",
    tags,
    summary: "Deactivate an organisation and its activities",
    access: { action: "catalog.edit" },
    audit: catalogOnly,
    params: IdParams,
    body: VersionBody,
    response: Organisation,
    handler: ({ tx, ctx, params, body }) => deactivateOrganisation(tx, ctx, params.id, body),
  });

  // ---- activities ----

  declareRoute(app, {
    method: "GET",
    url: "/catalog/activities",
    tags,
    summary:
      "Search activities: Danish words (prefix), theme, interest, area, distance, weekday, time of day, accessibility, cost, group size, kind of place",
    // includeInactive also needs catalog.create, nearCitizenId citizen.read (checked by the service).
    access: { action: "catalog.read" },
    audit: nearCitizen,
    querystring: ActivitySearchQuery,
    response: ActivitySearchResult,
    handler: ({ tx, ctx, query }) => searchActivities(tx, ctx, query),
  });

  declareRoute(app, {
    method: "POST",
    url: "/catalog/activities",
    tags,
    summary: "Add an activity to an organisation the caller may edit",
    access: { action: "catalog.create" },
    audit: catalogOnly,
    body: CreateActivityBody,
    response: Activity,
    status: 201,
    handler: ({ tx, ctx, body }) => createActivity(tx, ctx, body),
  });

  declareRoute(app, {
    method: "GET",
    url: "/catalog/activities/:id",
    tags,
    summary: "One activity",
    access: { action: "catalog.read" },
    audit: catalogOnly,
    params: IdParams,
    response: Activity,
    handler: ({ tx, ctx, params }) => getActivity(tx, ctx, params.id),
  });

  declareRoute(app, {
    method: "PATCH",
    url: "/catalog/activities/:id",
    tags,
    summary: "Change an activity (send the version you started from)",
    access: { action: "catalog.edit" },
    audit: catalogOnly,
    params: IdParams,
    body: UpdateActivityBody,
    response: Activity,
    handler: ({ tx, ctx, params, body }) => updateActivity(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "POST",
    url: "/catalog/activities/:id/verify",
    tags,
    summary: "Confirm the activity's details: last verified becomes today",
    access: { action: "catalog.edit" },
    audit: catalogOnly,
    params: IdParams,
    body: VersionBody,
    response: Activity,
    handler: ({ tx, ctx, params, body }) => verifyActivity(tx, ctx, params.id, body),
  });

  declareRoute(app, {
    method: "POST",
    url: "/catalog/activities/:id/deactivate",
    tags,
    summary: "Take an activity out of search and lists",
    access: { action: "catalog.edit" },
    audit: catalogOnly,
    params: IdParams,
    body: VersionBody,
    response: Activity,
    handler: ({ tx, ctx, params, body }) => deactivateActivity(tx, ctx, params.id, body),
  });

  // ---- upkeep and the printable list ----

  declareRoute(app, {
    method: "GET",
    url: "/catalog/review",
    tags,
    summary:
      "Entries not verified for N months (or never), oldest first; volunteer-centre staff see their centre's",
    access: { action: "catalog.create" },
    audit: catalogOnly,
    querystring: ReviewQuery,
    response: ReviewPage,
    handler: ({ tx, ctx, query }) => reviewList(tx, ctx, query),
  });

  declareRoute(app, {
    method: "GET",
    url: "/catalog/changes",
    tags,
    summary: "Every recorded change of one organisation or activity, newest first",
    access: { action: "catalog.history" },
    audit: { none: "the catalog's change history: entries and the staff who edited them, no citizen" },
    querystring: ChangesQuery,
    response: z.array(CatalogChange),
    handler: ({ tx, ctx, query }) => entityChanges(tx, ctx, query.entityId),
  });

  declareRoute(app, {
    method: "GET",
    url: "/catalog/print",
    tags,
    summary:
      "A one-page, large-print list of active activities in an area or near an address, grouped by theme",
    access: { action: "catalog.read" },
    audit: nearCitizen,
    querystring: PrintQuery,
    response: PrintList,
    handler: ({ tx, ctx, query }) => printList(tx, ctx, query),
  });

  await hsdsRoutes(app);
}
