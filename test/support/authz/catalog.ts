/** Authorisation-matrix rows of the activity catalog: organisations, activities, search, upkeep, HSDS import/export, printable list (issue 5). */
import { SIGNED_IN, type MatrixPart, type Who } from "./common.js";

/** catalog.create: those who keep the catalog. Edits below are of an entry the fixture's volunteer centre manages, so its staff pass too. */
const MAINTAINERS: readonly Who[] = ["community_coordinator", "administrator", "volunteer_centre_staff"];
/** catalog.export */
const EXPORTERS: readonly Who[] = [
  "community_coordinator",
  "administrator",
  "manager",
  "volunteer_centre_staff",
];
/** catalog.import */
const IMPORTERS: readonly Who[] = ["community_coordinator", "administrator"];

const organisation = { name: "Matrixforeningen", kind: "association", collaborationAgreement: "none" };
const activity = (organisationId: string) => ({
  organisationId,
  title: "Matrixstrik",
  themes: ["creative"],
  interests: ["knitting_needlework"],
  place: { kind: "in_home" },
  schedule: { kind: "by_arrangement" },
  cost: { kind: "free" },
  groupSize: "one_to_one",
});

export const catalogPart: MatrixPart = {
  async setup(t) {
    const volunteer = await t.as("volunteer_centre_staff");
    const org = await volunteer.post("/api/catalog/organisations", organisation);
    if (org.statusCode !== 201) throw new Error(`catalog fixture: ${org.statusCode} ${org.body}`);
    const catalogOrganisationId = (org.json() as { id: string }).id;
    const act = await volunteer.post("/api/catalog/activities", activity(catalogOrganisationId));
    if (act.statusCode !== 201) throw new Error(`catalog fixture: ${act.statusCode} ${act.body}`);
    return { catalogOrganisationId, catalogActivityId: (act.json() as { id: string }).id };
  },
  rows: {
    "GET /api/catalog/organisations": { allow: SIGNED_IN },
    "POST /api/catalog/organisations": { allow: MAINTAINERS, request: () => ({ body: organisation }) },
    "GET /api/catalog/organisations/:id": {
      allow: SIGNED_IN,
      request: (f) => ({ url: `/api/catalog/organisations/${f.extra.catalogOrganisationId}` }),
    },
    // A stale version: whoever gets past the policy meets a 409.
    "PATCH /api/catalog/organisations/:id": {
      allow: MAINTAINERS,
      request: (f) => ({
        url: `/api/catalog/organisations/${f.extra.catalogOrganisationId}`,
        body: { version: 999, phone: "40404040" },
      }),
    },
    "POST /api/catalog/organisations/:id/verify": {
      allow: MAINTAINERS,
      request: (f) => ({
        url: `/api/catalog/organisations/${f.extra.catalogOrganisationId}/verify`,
        body: { version: 999 },
      }),
    },
    "POST /api/catalog/organisations/:id/deactivate": {
      allow: MAINTAINERS,
      request: (f) => ({
        url: `/api/catalog/organisations/${f.extra.catalogOrganisationId}/deactivate`,
        body: { version: 999 },
      }),
    },
    "GET /api/catalog/activities": {
      allow: SIGNED_IN,
      request: () => ({ url: "/api/catalog/activities?q=strik" }),
    },
    "POST /api/catalog/activities": {
      allow: MAINTAINERS,
      request: (f) => ({ body: activity(f.extra.catalogOrganisationId!) }),
    },
    "GET /api/catalog/activities/:id": {
      allow: SIGNED_IN,
      request: (f) => ({ url: `/api/catalog/activities/${f.extra.catalogActivityId}` }),
    },
    "PATCH /api/catalog/activities/:id": {
      allow: MAINTAINERS,
      request: (f) => ({
        url: `/api/catalog/activities/${f.extra.catalogActivityId}`,
        body: { version: 999, title: "Matrix" },
      }),
    },
    "POST /api/catalog/activities/:id/verify": {
      allow: MAINTAINERS,
      request: (f) => ({
        url: `/api/catalog/activities/${f.extra.catalogActivityId}/verify`,
        body: { version: 999 },
      }),
    },
    "POST /api/catalog/activities/:id/deactivate": {
      allow: MAINTAINERS,
      request: (f) => ({
        url: `/api/catalog/activities/${f.extra.catalogActivityId}/deactivate`,
        body: { version: 999 },
      }),
    },
    "GET /api/catalog/review": { allow: MAINTAINERS },
    "GET /api/catalog/changes": {
      allow: MAINTAINERS,
      request: (f) => ({ url: `/api/catalog/changes?entityId=${f.extra.catalogActivityId}` }),
    },
    "GET /api/catalog/print": {
      allow: SIGNED_IN,
      request: () => ({ url: "/api/catalog/print?postalCode=9901" }),
    },
    "GET /api/catalog/export.json": { allow: EXPORTERS },
    "POST /api/catalog/import": {
      allow: IMPORTERS,
      request: () => ({ body: { mode: "valid_rows", data: { organizations: [], services: [] } } }),
    },
  },
};
