/**
 * Two sweeps over EVERY GET route of the OpenAPI document (issue 18, points 5 and 9):
 *
 *  - isolation: with ids of another provider's citizen (the public provider's, asked by each
 *    private-provider role) and of another municipality's citizen (asked by every role), a route
 *    answers 403/404 when its path names that citizen's resource, and otherwise returns nothing
 *    of them (no id, CPR or name in the body);
 *  - audit: every route that returns citizen data writes an audit row for each citizen it returns.
 *
 * ROUTES classifies each route (what its path names; who reads it for the audit sweep, or why it
 * carries no citizen data). A route missing from ROUTES and NOT_SWEPT fails the first test, so a
 * new route cannot ship until someone decides.
 */
import { and, eq, gt, max } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTOR_KEYS, type ActorKey } from "../../test/support/factories.js";
import {
  type SweepFixture,
  buildSweepFixture,
  identifiersOf,
  openApiGetRoutes,
} from "../../test/support/route-sweep.js";
import { type TestApp, buildTestApp } from "../../test/support/test-app.js";
import { auditEvents, citizens, organisations } from "./db/schema/index.js";

type Scope = "citizen" | "tenant" | "none";
interface RouteSpec {
  /** What the path names: a citizen's resource (refused to other providers' staff and other municipalities), a municipality's (refused to other municipalities), or nothing. */
  scope: Scope;
  /** URLs to call; default the path with its :id filled by the path's kind. The first one is the audit sweep's. */
  urls?: (f: SweepFixture) => string[];
  /**
   * Citizen data: who reads it in the audit sweep (`mayBeEmpty`: why the sweep's fixture cannot make
   * it return a citizen, and where its audit is tested instead). Or why the route returns none.
   */
  audit: { as: ActorKey | "anonymous"; mayBeEmpty?: string } | { none: string };
}

const period = (f: SweepFixture) => `from=2026-01-01&to=${f.today}`;
const AGGREGATE = { none: "aggregated counts, no identified citizen" };
const CONFIG = { none: "configuration, no citizen" };
const CATALOG = { none: "the activity catalog holds no citizen data" };
const STAFF = { none: "users and organisations, no citizen" };

const ROUTES: Record<string, RouteSpec> = {
  "GET /health": { scope: "none", audit: { none: "liveness" } },
  "GET /ready": { scope: "none", audit: { none: "readiness" } },
  "GET /api/auth/me": { scope: "none", audit: { none: "the caller's own session" } },
  "GET /api/public/municipalities": { scope: "none", audit: { none: "municipality names" } },
  "GET /api/organisations": { scope: "none", audit: STAFF },
  "GET /api/districts": { scope: "none", audit: STAFF },
  "GET /api/users": { scope: "none", audit: STAFF },
  "GET /api/admin/security-events": {
    scope: "none",
    audit: { none: "the security log: logins and staff, no citizen" },
  },
  "GET /api/admin/jobs": { scope: "none", audit: { none: "job names, states and times, no job data" } },
  // The FHIR API's system clients (issue 14); the FHIR API itself (/fhir/R4, bearer tokens) is not in
  // the OpenAPI document: its isolation and audit are tested in care-record/fhir-api/fhir-api.int.test.ts.
  "GET /api/care-record/fhir-clients": { scope: "none", audit: CONFIG },
  // SCIM tokens (issue 15); /scim/v2 itself takes the identity provider's token, tested in provisioning.int.test.ts.
  "GET /api/provisioning/scim-tokens": { scope: "none", audit: CONFIG },
  // Login with the municipality's identity provider (issue 15 point 1): public login steps (302s)
  // and the administrator's configuration (oidc-login.int.test.ts).
  "GET /api/auth/oidc/providers": { scope: "none", audit: { none: "municipality names and button labels" } },
  "GET /api/auth/oidc/:municipalityCode/start": {
    scope: "none",
    urls: () => ["/api/auth/oidc/0000/start"],
    audit: { none: "a redirect to the login page or the provider" },
  },
  "GET /api/auth/oidc/callback": { scope: "none", audit: { none: "a redirect to the login page" } },
  "GET /api/identity-provider": { scope: "none", audit: CONFIG },
  // The exchange with the care record's FHIR servers (issue 14): settings, and the deliveries per citizen.
  "GET /api/care-record/source": { scope: "none", audit: CONFIG },
  "GET /api/care-record/push-target": { scope: "none", audit: CONFIG },
  // The platform administration (issue 15 point 3): a platform session's own routes, refused to
  // every staff session; counts per municipality, never a person (platform-admin.int.test.ts).
  "GET /api/platform/me": { scope: "none", audit: { none: "the caller's own platform session" } },
  "GET /api/platform/municipalities": { scope: "none", audit: AGGREGATE },
  // The import of the home-care population (issue 14): runs are counts; a run's rows name citizens.
  "GET /api/care-record/imports": { scope: "none", audit: { none: "runs: counts, statuses and file names" } },
  "GET /api/care-record/imports/:id": { scope: "tenant", audit: { none: "a run's counts and status" } },
  "GET /api/care-record/imports/:id/rows": { scope: "tenant", audit: { as: "administrator" } },
  "GET /api/care-record/deliveries": {
    scope: "none",
    audit: {
      as: "administrator",
      mayBeEmpty: "the sweep's municipality pushes nothing: care-record/push.int.test.ts checks its audit",
    },
  },

  // citizens
  "GET /api/citizens": {
    scope: "none",
    urls: (f) => [
      "/api/citizens?pageSize=100",
      `/api/citizens?pageSize=100&providerId=${f.providerId}`,
      `/api/citizens?pageSize=100&districtId=${f.districtId}`,
    ],
    audit: { as: "planner" },
  },
  "GET /api/citizens/:id": { scope: "citizen", audit: { as: "planner" } },
  "GET /api/citizens/:id/audit": { scope: "citizen", audit: { as: "administrator" } },
  "GET /api/citizens/:id/revisions": { scope: "citizen", audit: { as: "administrator" } },
  "GET /api/citizens/:id/restriction": { scope: "citizen", audit: { as: "administrator" } },
  "GET /api/privacy/restrictions": {
    scope: "none",
    audit: {
      as: "administrator",
      mayBeEmpty: "the fixture restricts no one; privacy/rights.int.test.ts lists one and its search row",
    },
  },
  "GET /api/citizens/:id/audit.csv": { scope: "citizen", audit: { as: "administrator" } },
  "GET /api/citizens/:id/access-export": { scope: "citizen", audit: { as: "administrator" } },
  "GET /api/citizens/:id/care-delivery-report": { scope: "citizen", audit: { as: "administrator" } },
  "GET /api/citizens/:id/erasure-preview": { scope: "citizen", audit: { as: "administrator" } },
  "GET /api/citizens/:id/journal": { scope: "citizen", audit: { as: "planner" } },
  "GET /api/citizens/:id/screenings": { scope: "citizen", audit: { as: "planner" } },
  "GET /api/citizens/:id/courses": { scope: "citizen", audit: { as: "planner" } },
  "GET /api/citizens/:id/timeline": { scope: "citizen", audit: { as: "planner" } },
  "GET /api/citizens/:id/detection-workers": { scope: "citizen", audit: { as: "planner" } },
  // The citizen's letter (issue 16): a PDF of their plan and card, audited as an export of the citizen.
  "GET /api/citizens/:id/letter": { scope: "citizen", audit: { as: "community_coordinator" } },
  // The citizen's consent to be reached and what was sent to them (issue 16); templates are configuration.
  "GET /api/citizens/:id/messaging-consent": { scope: "citizen", audit: { as: "planner" } },
  "GET /api/citizens/:id/messages": { scope: "citizen", audit: { as: "community_coordinator" } },
  "GET /api/messaging/templates": { scope: "none", audit: CONFIG },
  // The messaging core (issue 16): the channels are configuration; the outbox names citizens.
  "GET /api/messaging/settings": { scope: "none", audit: CONFIG },
  "GET /api/messaging/outbox": { scope: "none", audit: { as: "administrator" } },
  "GET /api/messaging/outbox/:id": { scope: "tenant", audit: { as: "administrator" } },
  "GET /api/messaging/templates/:key/:lang/history": {
    scope: "none",
    urls: () => ["/api/messaging/templates/reminder.accompaniment/da/history"],
    audit: CONFIG,
  },

  // detection and referrals
  "GET /api/detection-clips": {
    scope: "none",
    urls: (f) => [`/api/detection-clips?workerUserId=${f.hcwUserId}`, "/api/detection-clips"],
    audit: { as: "planner" },
  },
  "GET /api/detection/my-day": { scope: "none", audit: { as: "home_care_worker" } },
  "GET /api/detection/offline-day": { scope: "none", audit: { as: "home_care_worker" } },
  "GET /api/detection/due": {
    scope: "none",
    urls: (f) => [
      "/api/detection/due?referralWaitDays=0",
      `/api/detection/due?districtId=${f.districtId}&referralWaitDays=0`,
      "/api/detection/due?referralWaitDays=0&limit=1",
    ],
    audit: { as: "planner" },
  },
  "GET /api/detection/settings": { scope: "none", audit: CONFIG },
  "GET /api/triage": {
    scope: "none",
    urls: (f) => ["/api/triage", `/api/triage?districtId=${f.districtId}`],
    audit: { as: "planner" },
  },
  "GET /api/triage/meetings/:id": { scope: "tenant", audit: { as: "planner" } },
  "GET /api/triage/meetings/:id/export.csv": { scope: "tenant", audit: { as: "planner" } },
  "GET /api/questionnaires": { scope: "none", audit: CONFIG },
  "GET /api/questionnaires/:id": { scope: "tenant", audit: CONFIG },
  "GET /api/questionnaires/by-key/:key/versions": {
    scope: "none",
    urls: () => ["/api/questionnaires/by-key/t-ils/versions"],
    audit: CONFIG,
  },
  "GET /api/referrals": { scope: "none", audit: { as: "community_coordinator" } },
  "GET /api/referrals/sent": {
    scope: "none",
    urls: () => ["/api/referrals/sent", "/api/referrals/sent?status=all&page=1&pageSize=5"],
    audit: { as: "home_care_worker" },
  },
  "GET /api/referrals/:id": { scope: "citizen", audit: { as: "community_coordinator" } },

  // courses, punch card
  "GET /api/courses/caseload": {
    scope: "none",
    urls: (f) => ["/api/courses/caseload", `/api/courses/caseload?coordinator=${f.coordinatorUserId}`],
    audit: { as: "community_coordinator" },
  },
  "GET /api/courses/coordinators": { scope: "none", audit: STAFF },
  "GET /api/courses/:id": { scope: "citizen", audit: { as: "planner" } },
  "GET /api/courses/:id/card": { scope: "citizen", audit: { as: "planner" } },
  "GET /api/courses/:id/outcomes": { scope: "citizen", audit: { as: "planner" } },
  "GET /api/courses/:id/placements": { scope: "citizen", audit: { as: "planner" } },
  "GET /api/courses/:id/workers": { scope: "citizen", audit: { as: "planner" } },
  "GET /api/courses/:id/matches": { scope: "citizen", audit: { as: "community_coordinator" } },
  "GET /api/courses/:id/matching-profile": { scope: "citizen", audit: { as: "community_coordinator" } },
  "GET /api/course-definitions": {
    scope: "none",
    urls: () => ["/api/course-definitions?kind=conversation_guide"],
    audit: CONFIG,
  },
  "GET /api/course-definitions/:kind/:key/versions": {
    scope: "none",
    urls: () => ["/api/course-definitions/punch_card_policy/punch-card/versions"],
    audit: CONFIG,
  },
  "GET /api/outcomes/due": {
    scope: "none",
    urls: () => ["/api/outcomes/due?all=true", "/api/outcomes/due"],
    audit: { as: "community_coordinator" },
  },
  "GET /api/evaluation/settings": { scope: "none", audit: CONFIG },
  "GET /api/privacy/records-of-processing": { scope: "none", audit: CONFIG },
  "GET /api/privacy/retention/rules": { scope: "none", audit: { none: "retention settings and run counts" } },
  "GET /api/privacy/retention/rules/:id/preview": {
    scope: "tenant",
    audit: { none: "counts, never a citizen" },
  },
  "GET /api/privacy/retention/runs": { scope: "none", audit: { none: "runs: counts and error codes" } },
  "GET /api/privacy/deletion-records": {
    scope: "none",
    audit: { none: "categories and counts, never a citizen" },
  },
  "GET /api/clips/day": { scope: "none", audit: { as: "home_care_worker" } },
  "GET /api/hour-budgets": { scope: "none", audit: { none: "units' hour budgets" } },
  "GET /api/me/calendar-feed": { scope: "none", audit: { none: "whether the caller has a feed" } },
  "GET /api/me/notifications": { scope: "none", audit: { none: "the caller's own digest choices" } },

  // reports
  "GET /api/reports/status": {
    scope: "none",
    urls: (f) => [
      `/api/reports/status?${period(f)}`,
      `/api/reports/status?${period(f)}&providerId=${f.providerId}`,
    ],
    audit: AGGREGATE,
  },
  "GET /api/reports/status/:figure/citizens": {
    scope: "none",
    urls: (f) => [
      `/api/reports/status/formsFilled/citizens?${period(f)}`,
      `/api/reports/status/assessedLonely/citizens?${period(f)}&providerId=${f.providerId}`,
    ],
    audit: { as: "manager" },
  },
  "GET /api/reports/punch-card": {
    scope: "none",
    urls: (f) => [`/api/reports/punch-card?${period(f)}`],
    audit: AGGREGATE,
  },
  "GET /api/reports/funnel": {
    scope: "none",
    urls: (f) => [`/api/reports/funnel?${period(f)}`],
    audit: AGGREGATE,
  },
  "GET /api/reports/outcomes": {
    scope: "none",
    urls: (f) => [`/api/reports/outcomes?${period(f)}`],
    audit: AGGREGATE,
  },
  "GET /api/reports/trend": {
    scope: "none",
    urls: (f) => [`/api/reports/trend?${period(f)}`],
    audit: AGGREGATE,
  },
  "GET /api/reports/:report/export.csv": {
    scope: "none",
    urls: (f) => [`/api/reports/status/export.csv?${period(f)}`],
    audit: AGGREGATE,
  },
  "GET /api/reports/workbook.xlsx": {
    scope: "none",
    urls: (f) => [`/api/reports/workbook.xlsx?${period(f)}`],
    audit: AGGREGATE,
  },
  "GET /api/reports/evaluator-dataset.:format": {
    scope: "none",
    urls: (f) => [`/api/reports/evaluator-dataset.csv?${period(f)}`],
    audit: { none: "pseudonymised: no id, name or CPR (its own audit row is an export without a citizen)" },
  },

  // placements, volunteer centre, small communities
  "GET /api/volunteer-referrals": { scope: "none", audit: { as: "community_coordinator" } },
  "GET /api/volunteer-referrals/:id": { scope: "citizen", audit: { as: "volunteer_centre_staff" } },
  "GET /api/volunteer-referrals/stats": { scope: "none", audit: AGGREGATE },
  "GET /api/small-communities": { scope: "none", audit: { as: "community_coordinator" } },
  "GET /api/small-communities/proposals": {
    scope: "none",
    audit: {
      as: "community_coordinator",
      mayBeEmpty:
        "proposals need homes with coordinates and held conversations' shared interests; placements/communities.int.test.ts",
    },
  },
  "GET /api/small-communities/:id": { scope: "citizen", audit: { as: "community_coordinator" } },

  // catalog
  "GET /api/catalog/organisations": { scope: "none", audit: CATALOG },
  "GET /api/catalog/organisations/:id": { scope: "tenant", audit: CATALOG },
  "GET /api/catalog/activities": {
    scope: "none",
    urls: () => ["/api/catalog/activities?q=strik"],
    audit: CATALOG,
  },
  "GET /api/catalog/activities/:id": { scope: "tenant", audit: CATALOG },
  "GET /api/catalog/review": { scope: "none", audit: CATALOG },
  "GET /api/catalog/changes": {
    scope: "none",
    urls: (f) => [`/api/catalog/changes?entityId=${f.catalogActivityId}`],
    audit: CATALOG,
  },
  "GET /api/catalog/print": {
    scope: "none",
    urls: () => ["/api/catalog/print?postalCode=9901"],
    audit: CATALOG,
  },
  "GET /api/catalog/export.json": { scope: "none", audit: CATALOG },
};

/** GET routes the isolation sweep cannot fill with another's ids, and why (the audit sweep still covers them). */
const NOT_SWEPT: Record<
  string,
  { reason: string; audit: RouteSpec["audit"]; url: (f: SweepFixture) => string }
> = {
  // The secret in the path IS the credential (no session, no role): whoever holds it gets that
  // worker's feed by design, so "another provider's or municipality's id" has no meaning here.
  "GET /api/calendar/:token": {
    reason: "the feed's secret is the credential",
    audit: { as: "anonymous" },
    url: (f) => `/api/calendar/${f.calendarToken}`,
  },
};

/** The id a path's :id stands for, by the path's start. */
function fill(path: string, f: SweepFixture): string {
  const kinds: [string, string][] = [
    ["/api/citizens/:id", f.citizenId],
    ["/api/courses/:id", f.courseId],
    ["/api/referrals/:id", f.referralId],
    ["/api/triage/meetings/:id", f.meetingId],
    ["/api/volunteer-referrals/:id", f.volunteerReferralId],
    ["/api/small-communities/:id", f.communityId],
    ["/api/questionnaires/:id", f.questionnaireId],
    ["/api/catalog/organisations/:id", f.catalogOrganisationId],
    ["/api/catalog/activities/:id", f.catalogActivityId],
    ["/api/privacy/retention/rules/:id", f.retentionRuleId],
    ["/api/care-record/imports/:id", f.importRunId],
    ["/api/messaging/outbox/:id", f.outboxMessageId],
  ];
  const kind = kinds.find(([prefix]) => path.startsWith(prefix));
  if (path.includes(":") && !kind) throw new Error(`${path}: give ROUTES a urls() for its parameters`);
  return kind ? path.replace(":id", kind[1]) : path;
}
const urlsOf = (route: string, f: SweepFixture) => ROUTES[route]!.urls?.(f) ?? [fill(route.slice(4), f)];

let t: TestApp;
/** A public-provider citizen of this municipality (hidden from private-provider staff) and one of another municipality. */
let ownMunicipality: SweepFixture;
let otherMunicipality: SweepFixture;
let documented: string[];

beforeAll(async () => {
  t = await buildTestApp();
  ownMunicipality = await buildSweepFixture(t, t.tenant, { firstName: "Offentlia", lastName: "Skjultsen" });
  // The care-delivery report (issue 14) names the provider by its SOR code: without one it answers 409.
  await t.db
    .update(organisations)
    .set({ sorCode: "999000000000011" })
    .where(eq(organisations.id, t.tenant.orgs.publicProvider.id));
  otherMunicipality = await buildSweepFixture(t, t.other, { firstName: "Udenbya", lastName: "Fremmedsen" });
  documented = await openApiGetRoutes(t);
});
afterAll(async () => {
  await t?.close();
});

it("classifies every GET route of the OpenAPI document, and no route it does not have", () => {
  const known = [...Object.keys(ROUTES), ...Object.keys(NOT_SWEPT)];
  expect(
    documented.filter((r) => !known.includes(r)),
    "GET routes to classify in ROUTES (or NOT_SWEPT, with the reason)",
  ).toEqual([]);
  expect(
    known.filter((r) => !documented.includes(r)),
    "classified routes the document no longer has",
  ).toEqual([]);
});

/** What went wrong for one caller and URL, or null. */
async function leak(
  who: ActorKey,
  url: string,
  f: SweepFixture,
  scope: Scope,
  mustRefuse: boolean,
): Promise<string | null> {
  const res = await (await t.as(who)).get(url);
  if (res.statusCode >= 500) return `${who} ${url}: ${res.statusCode}`;
  if (mustRefuse)
    return res.statusCode === 403 || res.statusCode === 404
      ? null
      : `${who} ${url}: ${res.statusCode}, expected 403/404 (${scope})`;
  const found = identifiersOf(f).filter((id) => res.body.includes(id));
  return found.length === 0 ? null : `${who} ${url}: the body holds ${found.join(", ")}`;
}

describe("isolation", () => {
  it.each(Object.keys(ROUTES))(
    "%s gives private-provider staff nothing of another provider's citizen",
    async (route) => {
      const { scope } = ROUTES[route]!;
      const problems: string[] = [];
      for (const who of ["private_worker", "private_team_leader"] as const) {
        for (const url of urlsOf(route, ownMunicipality)) {
          const p = await leak(who, url, ownMunicipality, scope, scope === "citizen");
          if (p) problems.push(p);
        }
      }
      expect(problems).toEqual([]);
    },
  );

  it.each(Object.keys(ROUTES))("%s gives every role nothing of another municipality", async (route) => {
    const { scope } = ROUTES[route]!;
    const problems: string[] = [];
    for (const who of ACTOR_KEYS) {
      for (const url of urlsOf(route, otherMunicipality)) {
        const p = await leak(who, url, otherMunicipality, scope, scope !== "none");
        if (p) problems.push(p);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("audit of reads", () => {
  const citizenRoutes = [...Object.entries(ROUTES), ...Object.entries(NOT_SWEPT)]
    .filter(([, s]) => "as" in s.audit)
    .map(([r]) => r);

  it.each(citizenRoutes)("%s writes an audit row for every citizen it returns", async (route) => {
    const spec = ROUTES[route];
    const f = ownMunicipality;
    const url = spec ? urlsOf(route, f)[0]! : NOT_SWEPT[route]!.url(f);
    const who = (spec?.audit ?? NOT_SWEPT[route]!.audit) as {
      as: ActorKey | "anonymous";
      mayBeEmpty?: string;
    };
    const [{ last }] = (await t.db.select({ last: max(auditEvents.id) }).from(auditEvents)) as [
      { last: number | null },
    ];
    const res = who.as === "anonymous" ? await t.anonymous.get(url) : await (await t.as(who.as)).get(url);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);

    // The citizens in the answer: the one the path names, and any whose id or name the body holds.
    const all = await t.db
      .select({ id: citizens.id, firstName: citizens.firstName, lastName: citizens.lastName })
      .from(citizens)
      .where(eq(citizens.municipalityId, f.tenant.municipality.id));
    const shown = new Set(
      all
        .filter((c) => res.body.includes(c.id) || res.body.includes(`${c.firstName} ${c.lastName}`))
        .map((c) => c.id),
    );
    if (spec?.scope === "citizen") shown.add(f.citizenId);
    if (!who.mayBeEmpty)
      expect(shown.size, "the fixture should make this route return a citizen").toBeGreaterThan(0);

    const rows = await t.db
      .select({ citizenId: auditEvents.citizenId })
      .from(auditEvents)
      .where(and(gt(auditEvents.id, last ?? 0)));
    const audited = new Set(rows.map((r) => r.citizenId));
    expect(
      [...shown].filter((id) => !audited.has(id)).map((id) => all.find((c) => c.id === id)!.lastName),
      "returned without an audit row",
    ).toEqual([]);
  });
});
