/**
 * SCIM 2.0 provisioning (issue 15 point 2, decision 0102), through the app: the administrator
 * issues and revokes SCIM tokens; the identity provider creates, finds, replaces, patches and
 * deactivates users at /scim/v2; a deactivated user's session and calendar feed stop at once;
 * another municipality's users are invisible; bad input is a SCIM 400 with its scimType.
 */
import { and, eq } from "drizzle-orm";
import type { LightMyRequestResponse as Response } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Client, type TestApp, buildTestApp } from "../../../../test/support/test-app.js";
import type { IssuedScimToken, ScimToken } from "../../../shared/api/provisioning.js";
import { auditEvents, users } from "../../db/schema/index.js";

const BROEN = "urn:broen:scim:1.0:User";
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

let t: TestApp;
let admin: Client;
let token: IssuedScimToken;
let otherToken: IssuedScimToken;

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
function scim(method: Method, url: string, body?: unknown, bearer = token.token): Promise<Response> {
  return t.app.inject({
    method,
    url: `/scim/v2${url}`,
    headers: {
      authorization: `Bearer ${bearer}`,
      ...(body !== undefined ? { "content-type": "application/scim+json" } : {}),
    },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
}

const newUser = (userName: string, extra: Record<string, unknown> = {}) => ({
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", BROEN],
  userName,
  externalId: `ext-${userName}`,
  name: { givenName: "Anna", familyName: "Holm" },
  active: true,
  emails: [{ value: userName, type: "work", primary: true }],
  phoneNumbers: [{ value: "+45 20 30 40 50", type: "work" }],
  [BROEN]: { role: "home_care_worker", organisationName: "Hjemmeplejen", districtName: "Distrikt Nord" },
  ...extra,
});

beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.as("administrator");
  const res = await admin.post("/api/provisioning/scim-tokens", { name: "Entra ID" });
  expect(res.statusCode, res.body).toBe(201);
  token = res.json() as IssuedScimToken;
  const other = await t.as("administrator", t.other);
  otherToken = (
    await other.post("/api/provisioning/scim-tokens", { name: "Anden" })
  ).json() as IssuedScimToken;
});
afterAll(async () => {
  await t?.close();
});

describe("SCIM tokens", () => {
  it("shows the token once and lists it without it", async () => {
    expect(token.token).toMatch(/^broen-scim-/);
    const list = (await admin.get("/api/provisioning/scim-tokens")).json() as { items: ScimToken[] };
    expect(list.items.map((i) => i.name)).toContain("Entra ID");
    expect(JSON.stringify(list)).not.toContain(token.token);
  });

  it("refuses every role but the administrator", async () => {
    const planner = await t.as("planner");
    expect((await planner.get("/api/provisioning/scim-tokens")).statusCode).toBe(403);
  });

  it("refuses /scim/v2 without a token, with a session cookie, and after revocation", async () => {
    const none = await t.app.inject({ method: "GET", url: "/scim/v2/Users" });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ schemas: [ERROR], status: "401" });
    const withCookie = await t.app.inject({
      method: "GET",
      url: "/scim/v2/Users",
      headers: { cookie: admin.cookie! },
    });
    expect(withCookie.statusCode).toBe(401);
    const spare = (
      await admin.post("/api/provisioning/scim-tokens", { name: "Spare" })
    ).json() as IssuedScimToken;
    expect((await scim("GET", "/Users?count=1", undefined, spare.token)).statusCode).toBe(200);
    const revoked = await admin.post(`/api/provisioning/scim-tokens/${spare.id}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expect((await scim("GET", "/Users?count=1", undefined, spare.token)).statusCode).toBe(401);
    expect((await admin.post(`/api/provisioning/scim-tokens/${spare.id}/revoke`)).statusCode).toBe(409);
  });

  it("answers discovery without a token", async () => {
    for (const path of ["/ServiceProviderConfig", "/ResourceTypes", "/Schemas"]) {
      const res = await t.app.inject({ method: "GET", url: `/scim/v2${path}` });
      expect(res.statusCode, path).toBe(200);
      expect(res.headers["content-type"]).toContain("application/scim+json");
    }
  });
});

describe("SCIM Users", () => {
  it("creates a user with role and unit, audited as the token's act", async () => {
    const res = await scim("POST", "/Users", newUser("anna.holm@fjordby.dk"));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers["content-type"]).toContain("application/scim+json");
    const user = res.json() as { id: string; userName: string; displayName: string; active: boolean };
    expect(user).toMatchObject({ userName: "anna.holm@fjordby.dk", displayName: "Anna Holm", active: true });
    expect(res.headers.location).toContain(`/scim/v2/Users/${user.id}`);
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({
      role: "home_care_worker",
      organisationId: t.tenant.orgs.publicProvider.id,
      districtId: t.tenant.districts.north.id,
      phone: "+4520304050",
      municipalityId: t.tenant.municipality.id,
    });
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, user.id), eq(auditEvents.action, "create")));
    expect(event).toMatchObject({ actorUserId: null, actorRole: "scim", entityType: "user" });
    expect(event!.criterion).toMatchObject({ scimToken: token.id });
  });

  it("finds a user by userName and by externalId, and reads one", async () => {
    const created = (await scim("POST", "/Users", newUser("bo.berg@fjordby.dk"))).json() as { id: string };
    const byName = await scim(
      "GET",
      `/Users?filter=${encodeURIComponent('userName eq "Bo.Berg@fjordby.dk"')}`,
    );
    expect(byName.json()).toMatchObject({ totalResults: 1, Resources: [{ id: created.id }] });
    const byExt = await scim(
      "GET",
      `/Users?filter=${encodeURIComponent('externalId eq "ext-bo.berg@fjordby.dk"')}`,
    );
    expect(byExt.json()).toMatchObject({ totalResults: 1, Resources: [{ id: created.id }] });
    const none = await scim("GET", `/Users?filter=${encodeURIComponent('userName eq "nobody@x.dk"')}`);
    expect(none.json()).toMatchObject({ totalResults: 0, Resources: [] });
    expect((await scim("GET", `/Users/${created.id}`)).json()).toMatchObject({
      userName: "bo.berg@fjordby.dk",
    });
  });

  it("replaces a user with PUT and patches one (role through the enterprise extension's unit)", async () => {
    const created = (await scim("POST", "/Users", newUser("carl.dam@fjordby.dk"))).json() as { id: string };
    const put = await scim(
      "PUT",
      `/Users/${created.id}`,
      newUser("carl.dam@fjordby.dk", {
        displayName: "Carl Dam",
        [BROEN]: { role: "planner", organisationName: "Hjemmeplejen", districtName: "Distrikt Syd" },
      }),
    );
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({
      displayName: "Carl Dam",
      [BROEN]: { role: "planner", districtName: "Distrikt Syd" },
    });
    const patch = await scim("PATCH", `/Users/${created.id}`, {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [
        { op: "Replace", path: "displayName", value: "Carl Damgaard" },
        { op: "replace", value: { [`${ENTERPRISE}:department`]: "Distrikt Nord" } },
      ],
    });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json()).toMatchObject({
      displayName: "Carl Damgaard",
      [BROEN]: { districtName: "Distrikt Nord" },
    });
  });

  it("deactivates a leaver with PATCH: their session is refused and their calendar feed is gone", async () => {
    const planner = await t.login(t.tenant.users.planner.username);
    const feed = (await planner.post("/api/me/calendar-feed")).json() as { url: string };
    const path = new URL(feed.url).pathname;
    expect((await t.anonymous.get(path)).statusCode).toBe(200);
    const found = (
      await scim(
        "GET",
        `/Users?filter=${encodeURIComponent(`userName eq "${t.tenant.users.planner.username}"`)}`,
      )
    ).json() as { Resources: { id: string }[] };
    const id = found.Resources[0]!.id;
    const res = await scim("PATCH", `/Users/${id}`, {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [{ op: "Replace", path: "active", value: "False" }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ active: false });
    expect((await planner.get("/api/auth/me")).statusCode).toBe(401);
    expect([404, 410]).toContain((await t.anonymous.get(path)).statusCode);
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "deactivate")));
    expect(event).toMatchObject({ actorRole: "scim", actorUserId: null });
  });

  it("deactivates with DELETE and keeps the row", async () => {
    const created = (await scim("POST", "/Users", newUser("dorte.eg@fjordby.dk"))).json() as { id: string };
    const res = await scim("DELETE", `/Users/${created.id}`);
    expect(res.statusCode).toBe(204);
    const [row] = await t.db.select({ active: users.active }).from(users).where(eq(users.id, created.id));
    expect(row).toEqual({ active: false });
    expect((await scim("GET", `/Users/${created.id}`)).json()).toMatchObject({ active: false });
  });

  it("keeps another municipality's users invisible", async () => {
    const mine = (await scim("POST", "/Users", newUser("erik.fog@fjordby.dk"))).json() as { id: string };
    expect((await scim("GET", `/Users/${mine.id}`, undefined, otherToken.token)).statusCode).toBe(404);
    expect((await scim("DELETE", `/Users/${mine.id}`, undefined, otherToken.token)).statusCode).toBe(404);
    const filtered = await scim(
      "GET",
      `/Users?filter=${encodeURIComponent('userName eq "erik.fog@fjordby.dk"')}`,
      undefined,
      otherToken.token,
    );
    expect(filtered.json()).toMatchObject({ totalResults: 0 });
    const all = (await scim("GET", "/Users?count=200", undefined, otherToken.token)).json() as {
      Resources: { id: string }[];
    };
    expect(all.Resources.map((r) => r.id)).not.toContain(mine.id);
    const [row] = await t.db.select({ active: users.active }).from(users).where(eq(users.id, mine.id));
    expect(row).toEqual({ active: true });
  });

  it("answers bad input with SCIM's 400 and its scimType", async () => {
    const cases: [Response, string][] = [
      [await scim("GET", `/Users?filter=${encodeURIComponent('displayName co "a"')}`), "invalidFilter"],
      [await scim("POST", "/Users", newUser("x y")), "invalidValue"],
      [
        await scim(
          "POST",
          "/Users",
          newUser("fie.gro@fjordby.dk", { [BROEN]: { role: "king", organisationName: "Hjemmeplejen" } }),
        ),
        "invalidValue",
      ],
      [
        await scim(
          "POST",
          "/Users",
          newUser("fie.gro@fjordby.dk", { [BROEN]: { role: "planner", organisationName: "Ukendt" } }),
        ),
        "invalidValue",
      ],
      [await scim("POST", "/Users", { schemas: [], name: { givenName: "X" } }), "invalidValue"],
      [
        await scim("PATCH", `/Users/${t.tenant.users.team_leader.id}`, {
          Operations: [{ op: "replace", path: "nonsense.deep.path", value: 1 }],
        }),
        "invalidPath",
      ],
      [
        await scim("PATCH", `/Users/${t.tenant.users.team_leader.id}`, {
          Operations: [{ op: "remove", path: "userName" }],
        }),
        "mutability",
      ],
    ];
    for (const [res, scimType] of cases) {
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ schemas: [ERROR], status: "400", scimType });
    }
    const bad = await t.app.inject({
      method: "POST",
      url: "/scim/v2/Users",
      headers: { authorization: `Bearer ${token.token}`, "content-type": "application/scim+json" },
      payload: "{not json",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ scimType: "invalidSyntax" });
  });

  it("refuses a userName already in use with 409 uniqueness", async () => {
    await scim("POST", "/Users", newUser("gitte.hav@fjordby.dk"));
    const res = await scim("POST", "/Users", newUser("gitte.hav@fjordby.dk", { externalId: "other" }));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ scimType: "uniqueness" });
  });
});
