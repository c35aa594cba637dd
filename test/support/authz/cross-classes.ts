/**
 * The cross-municipality sweep's classification of routes whose request names nothing of the other
 * municipality (src/server/authz-cross-municipality.int.test.ts): each with its reason.
 */

const LIST = "a list or search of the caller's own municipality";
const OWN = "the caller's own municipality's settings or configuration";
const CREATE = "creates in the caller's own municipality, naming nothing of B";
const REPORT = "a report of the caller's own municipality (a period, no id)";
const PUBLIC = "public: the same answer for everybody, no municipality's data";
const SELF = "the caller's own session, password or calendar feed";
const BEARER = "takes a bearer token or platform session, never a staff session: 401 for every caller here";

/**
 * Routes whose request names nothing of B, and why; they must answer nothing of B. A MatrixPart
 * may say it on its row instead (Row.noReference), beside the row.
 */
export const NO_REFERENCE: Record<string, string> = {
  "GET /health": PUBLIC,
  "GET /ready": PUBLIC,
  "GET /api/openapi.json": PUBLIC,
  "GET /api/docs": PUBLIC,
  "GET /api/docs/json": PUBLIC,
  "GET /api/docs/yaml": PUBLIC,
  "GET /api/docs/static/index.html": PUBLIC,
  "GET /api/docs/static/swagger-initializer.js": PUBLIC,
  "GET /api/docs/static/*": PUBLIC,
  "POST /api/auth/login":
    "public; a username is a credential, not a municipality's resource (the caller's own, wrong password)",
  "GET /api/auth/me": SELF,
  "POST /api/auth/password": SELF,
  "POST /api/auth/logout": SELF,
  "GET /api/citizens": LIST,
  "POST /api/citizens/search": LIST,
  "POST /api/citizens": CREATE,
  "GET /api/privacy/restrictions": LIST,
  "GET /api/organisations": LIST,
  "POST /api/organisations": CREATE,
  "GET /api/districts": LIST,
  "POST /api/districts": CREATE,
  "GET /api/users": LIST,
  "GET /api/admin/security-events": LIST,
  "GET /api/admin/jobs": LIST,
  "GET /api/privacy/retention/rules": LIST,
  "GET /api/privacy/retention/runs": LIST,
  "GET /api/privacy/deletion-records": LIST,
  "GET /api/privacy/records-of-processing": OWN,
  "PATCH /api/privacy/records-of-processing/contacts": OWN,
  "GET /api/referrals": LIST,
  "GET /api/referrals/sent": LIST,
  "POST /api/referrals": CREATE,
  "GET /api/public/municipalities":
    "public directory of the installation's municipalities: B's name and code are in it by design (nothing else of B)",
  "POST /api/public/referrals":
    "public form addressed by municipality code: a referral sent to B is B's by design, so it is sent to the caller's own",
  "GET /api/detection-clips": LIST,
  "GET /api/detection/my-day": LIST,
  "GET /api/detection/offline-day": LIST,
  "GET /api/detection/due": LIST,
  "GET /api/detection/settings": OWN,
  "PATCH /api/detection/settings": OWN,
  "GET /api/triage": LIST,
  "GET /api/questionnaires": LIST,
  "GET /api/questionnaires/by-key/:key/versions": "a shipped key, the caller's own municipality's versions",
  "POST /api/questionnaires": CREATE,
  "GET /api/courses/caseload": LIST,
  "GET /api/courses/coordinators": LIST,
  "GET /api/course-definitions": LIST,
  "GET /api/course-definitions/:kind/:key/versions":
    "a shipped key, the caller's own municipality's versions",
  "PUT /api/course-definitions/:kind/:key": OWN,
  "GET /api/outcomes/due": LIST,
  "GET /api/evaluation/settings": OWN,
  "PATCH /api/evaluation/settings": OWN,
  "GET /api/reports/status": REPORT,
  "GET /api/reports/punch-card": REPORT,
  "GET /api/reports/:report/export.csv": REPORT,
  "GET /api/reports/workbook.xlsx": `${REPORT} (compressed: the leak check sees nothing in it; reports/*.int.test.ts cover its content)`,
  "GET /api/reports/evaluator-dataset.:format": REPORT,
  "GET /api/reports/outcomes": REPORT,
  "GET /api/reports/trend": REPORT,
  "GET /api/reports/funnel": REPORT,
  "GET /api/reports/status/:figure/citizens": REPORT,
  "GET /api/clips/day": LIST,
  "GET /api/hour-budgets": LIST,
  "GET /api/me/calendar-feed": SELF,
  "POST /api/me/calendar-feed": SELF,
  "DELETE /api/me/calendar-feed": SELF,
  "GET /api/calendar/:token":
    "public; the feed's secret is the credential (whoever holds B's token is B's worker's calendar app), an unknown one here",
  // placements
  "GET /api/volunteer-referrals": LIST,
  "GET /api/volunteer-referrals/stats": REPORT,
  "GET /api/small-communities/proposals": LIST,
  "GET /api/small-communities": LIST,
  // catalog
  "GET /api/catalog/organisations": LIST,
  "POST /api/catalog/organisations": CREATE,
  "GET /api/catalog/activities": LIST,
  "GET /api/catalog/review": LIST,
  "GET /api/catalog/print": LIST,
  "GET /api/catalog/export.json": LIST,
  "POST /api/catalog/import": "imports an empty file into the caller's own catalog",
  // care record
  "GET /api/care-record/fhir-clients": LIST,
  "POST /api/care-record/fhir-clients": CREATE,
  "GET /fhir/R4/metadata": PUBLIC,
  "POST /fhir/R4/auth/token":
    "public; the client's secret is the credential (B's own gets B's token by design), the caller's own here",
  "GET /fhir/R4/:type": BEARER,
  "POST /fhir/R4/:type/_search": BEARER,
  "POST /api/care-record/imports": CREATE,
  "GET /api/care-record/imports": LIST,
  "GET /api/care-record/source": OWN,
  "PUT /api/care-record/source": OWN,
  "POST /api/care-record/source/pull": OWN,
  "GET /api/care-record/push-target": OWN,
  "PUT /api/care-record/push-target": OWN,
  "GET /api/care-record/deliveries": LIST,
  // platform administration, provisioning, identity provider
  "POST /api/platform/login": "public; an empty body",
  "POST /api/platform/logout": SELF,
  "GET /api/platform/me": SELF,
  "GET /api/platform/municipalities": BEARER,
  "POST /api/platform/municipalities": BEARER,
  "GET /api/provisioning/scim-tokens": LIST,
  "POST /api/provisioning/scim-tokens": CREATE,
  "GET /scim/v2/ServiceProviderConfig": PUBLIC,
  "GET /scim/v2/ResourceTypes": PUBLIC,
  "GET /scim/v2/Schemas": PUBLIC,
  "GET /scim/v2/Users": BEARER,
  "POST /scim/v2/Users": BEARER,
  "GET /api/auth/oidc/providers":
    "public list of the municipalities' login buttons: B's name and code are in it by design",
  "GET /api/auth/oidc/:municipalityCode/start":
    "public; a login start at an unknown code (B's would be B's login page by design)",
  "GET /api/auth/oidc/callback": "public; a callback without state",
  // messaging (issue 16)
  "GET /api/messaging/templates": OWN,
  "POST /api/messaging/templates/:key/:lang": OWN,
  "GET /api/messaging/templates/:key/:lang/history": OWN,
  "GET /api/me/notifications": SELF,
  "PUT /api/me/notifications": SELF,
  "GET /api/identity-provider": OWN,
  "PUT /api/identity-provider": OWN,
  "POST /api/identity-provider/check": OWN,
};

/** The API's documentation reads no session: one caller stands for all (it is the slowest answer). */
export const SAME_FOR_EVERYONE: ReadonlySet<string> = new Set([
  "GET /api/openapi.json",
  "GET /api/docs",
  "GET /api/docs/json",
  "GET /api/docs/yaml",
  "GET /api/docs/static/index.html",
  "GET /api/docs/static/swagger-initializer.js",
  "GET /api/docs/static/*",
]);

/** Public directories: they name every municipality of the installation, B included, by design. */
export const NAMES_MUNICIPALITIES: ReadonlySet<string> = new Set([
  "GET /api/public/municipalities",
  "GET /api/auth/oidc/providers",
]);
