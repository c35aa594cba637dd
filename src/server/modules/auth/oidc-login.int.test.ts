/**
 * Login with the municipality's identity provider (issue 15 point 1) against a real OpenID
 * provider (`oidc-provider`, started by this file): first-login provisioning, role and unit
 * mapping, update at the next login, RP-initiated logout, local passwords switched off, and every
 * refusal — a token with a wrong issuer, audience, nonce or signature, an expired one, a replayed
 * code or state, claims that map to no role, a deactivated user, an unreachable provider.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_PASSWORD } from "../../../../test/support/factories.js";
import { type TestProvider, startTestProvider } from "../../../../test/support/oidc-provider.js";
import { type Client, type TestApp, buildTestApp, errorOf } from "../../../../test/support/test-app.js";
import { freePort } from "../../../../test/support/ports.js";
import { externalIdentities, securityEvents, sessions, users } from "../../db/schema/index.js";
import { SESSION_COOKIE } from "../../platform/auth.js";

const BASE = "http://localhost";
let t: TestApp;
let idp: TestProvider;
let admin: Client;
let version = 0;

function providerBody(over: Record<string, unknown> = {}) {
  return {
    displayName: "Testby Kommune (Entra ID)",
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    scopes: "openid profile email",
    roleClaim: "roles",
    roleMap: { "broen.planner": "planner", "broen.teamleader": "team_leader" },
    unitClaim: "unit",
    unitMap: {
      hjemmeplejen: {
        organisationId: t.tenant.orgs.publicProvider.id,
        districtId: t.tenant.districts.north.id,
      },
      "hjemmeplejen-syd": {
        organisationId: t.tenant.orgs.publicProvider.id,
        districtId: t.tenant.districts.south.id,
      },
    },
    nameClaim: "name",
    enabled: true,
    localLoginEnabled: true,
    version,
    ...over,
  };
}

async function saveProvider(over: Record<string, unknown> = {}) {
  const res = await admin.put("/api/identity-provider", providerBody(over));
  expect(res.statusCode, res.body).toBe(200);
  version = res.json().version;
  return res.json();
}

/** The whole browser round: Broen's start → the provider's login form → Broen's callback. */
async function loginThroughProvider(sub: string, returnTo = "/borgere") {
  const start = await t.anonymous.get(
    `/api/auth/oidc/${t.tenant.municipality.code}/start?returnTo=${encodeURIComponent(returnTo)}`,
  );
  expect(start.statusCode, start.body).toBe(302);
  const back = await idp.authenticate(start.headers.location as string, sub);
  expect(back.origin).toBe(BASE);
  const callback = await t.anonymous.get(back.pathname + back.search);
  return { start, back, callback };
}

const cookieOf = (res: { cookies: { name: string; value: string }[] }) => {
  const c = res.cookies.find((x) => x.name === SESSION_COOKIE);
  return c ? `${SESSION_COOKIE}=${c.value}` : null;
};

/** The security log's kinds: this municipality's, or (`anyMunicipality`) also rows no municipality owns. */
async function securityKinds(anyMunicipality = false): Promise<string[]> {
  const rows = await t.db
    .select({ kind: securityEvents.kind })
    .from(securityEvents)
    .where(anyMunicipality ? undefined : eq(securityEvents.municipalityId, t.tenant.municipality.id));
  return rows.map((r) => r.kind);
}

beforeAll(async () => {
  t = await buildTestApp();
  idp = await startTestProvider({
    redirectUris: [`${BASE}/api/auth/oidc/callback`],
    postLogoutRedirectUris: [`${BASE}/login`],
    accounts: [
      {
        sub: "sub-anne",
        claims: {
          name: "Anne Ager",
          preferred_username: "anne.ager@testby.dk",
          email: "anne.ager@testby.dk",
          roles: ["unrelated.group", "broen.planner"],
          unit: "hjemmeplejen",
        },
      },
      { sub: "sub-norole", claims: { name: "Nils Norolle", roles: ["other.app"], unit: "hjemmeplejen" } },
      { sub: "sub-bo", claims: { name: "Bo Bund", roles: ["broen.planner"], unit: "hjemmeplejen" } },
    ],
  });
  admin = await t.as("administrator");
});
afterAll(async () => {
  await idp?.close();
  await t?.close();
});

describe("the administrator's configuration", () => {
  it("saves the provider and never answers the client secret", async () => {
    const saved = await saveProvider();
    expect(saved).toMatchObject({ configured: true, enabled: true, hasClientSecret: true, version: 1 });
    expect(saved).not.toHaveProperty("clientSecret");
    expect(saved.redirectUri).toBe(`${BASE}/api/auth/oidc/callback`);
    expect(JSON.stringify((await admin.get("/api/identity-provider")).json())).not.toContain(
      idp.clientSecret,
    );
  });

  it("refuses a save over a newer version", async () => {
    const res = await admin.put("/api/identity-provider", providerBody({ version: version - 1 }));
    expect(res.statusCode).toBe(409);
  });

  it("refuses a unit of another municipality", async () => {
    const res = await admin.put(
      "/api/identity-provider",
      providerBody({ unitMap: { x: { organisationId: t.other.orgs.publicProvider.id } } }),
    );
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe("identity_provider_unit_invalid");
  });

  it("is the administrator's alone", async () => {
    expect((await (await t.as("manager")).get("/api/identity-provider")).statusCode).toBe(403);
  });

  it("reaches the provider's discovery document in the connection test", async () => {
    const res = await admin.post("/api/identity-provider/check");
    expect(res.json()).toMatchObject({ reachable: true, issuer: idp.issuer, endSession: true, pkce: true });
  });

  it("lists the enabled provider as a button on the login page", async () => {
    const res = await t.anonymous.get("/api/auth/oidc/providers");
    expect(res.json().items).toContainEqual({
      municipalityCode: t.tenant.municipality.code,
      municipalityName: t.tenant.municipality.name,
      displayName: "Testby Kommune (Entra ID)",
      localLoginEnabled: true,
    });
  });
});

describe("login through the provider", () => {
  it("sends the browser to the provider with PKCE S256, state and nonce", async () => {
    const res = await t.anonymous.get(`/api/auth/oidc/${t.tenant.municipality.code}/start`);
    const url = new URL(res.headers.location as string);
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toBeTruthy();
    expect(url.searchParams.get("state")).toBeTruthy();
    expect(url.searchParams.get("nonce")).toBeTruthy();
    expect(url.searchParams.get("redirect_uri")).toBe(`${BASE}/api/auth/oidc/callback`);
  });

  it("creates the user at the first login with the mapped role and unit, and starts a session", async () => {
    const { callback } = await loginThroughProvider("sub-anne", "/borgere?side=2");
    expect(callback.statusCode, callback.body).toBe(302);
    expect(callback.headers.location).toBe("/borgere?side=2");
    const me = await t.client(cookieOf(callback)).get("/api/auth/me");
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      username: "anne.ager@testby.dk",
      displayName: "Anne Ager",
      role: "planner",
      organisation: { id: t.tenant.orgs.publicProvider.id },
      district: { id: t.tenant.districts.north.id },
      mustChangePassword: false,
    });
    const [identity] = await t.db
      .select()
      .from(externalIdentities)
      .where(eq(externalIdentities.subject, "sub-anne"));
    expect(identity).toMatchObject({ issuer: idp.issuer, municipalityId: t.tenant.municipality.id });
    expect(await securityKinds()).toEqual(expect.arrayContaining(["user_created", "oidc_login_succeeded"]));
  });

  it("updates name, role and unit at the next login", async () => {
    idp.accounts.set("sub-anne", {
      name: "Anne Ager Holm",
      preferred_username: "anne.ager@testby.dk",
      roles: ["broen.teamleader"],
      unit: "hjemmeplejen-syd",
    });
    const { callback } = await loginThroughProvider("sub-anne");
    const me = (await t.client(cookieOf(callback)).get("/api/auth/me")).json();
    expect(me).toMatchObject({
      username: "anne.ager@testby.dk",
      displayName: "Anne Ager Holm",
      role: "team_leader",
      district: { id: t.tenant.districts.south.id },
    });
    const rows = await t.db.select().from(users).where(eq(users.username, "anne.ager@testby.dk"));
    expect(rows).toHaveLength(1);
  });

  it("gives the new user no password that opens a local login", async () => {
    const res = await t.anonymous.post("/api/auth/login", {
      username: "anne.ager@testby.dk",
      password: "!oidc-no-local-password",
    });
    expect(res.statusCode).toBe(401);
  });

  it("ends both sessions at logout: Broen's, and the provider's through its end-session endpoint", async () => {
    const { callback } = await loginThroughProvider("sub-anne");
    const session = t.client(cookieOf(callback));
    const out = await session.post("/api/auth/logout");
    expect(out.statusCode).toBe(200);
    const end = new URL(out.json().endSessionUrl);
    expect(end.origin).toBe(idp.issuer);
    expect(end.searchParams.get("id_token_hint")).toBeTruthy();
    expect(end.searchParams.get("post_logout_redirect_uri")).toBe(`${BASE}/login`);
    expect((await session.get("/api/auth/me")).statusCode).toBe(401);
    // The provider accepts the request (its confirmation page), so its session ends too.
    expect((await fetch(end, { redirect: "manual" })).status).toBeLessThan(400);
  });

  it("answers 204 at logout of a password session, as before", async () => {
    const planner = await t.login(t.tenant.users.planner.username);
    expect((await planner.post("/api/auth/logout")).statusCode).toBe(204);
  });
});

describe("a user the identity provider provisioned through SCIM (issue 15 point 2)", () => {
  const BROEN = "urn:broen:scim:1.0:User";
  let bearer = "";
  const scim = (method: "POST" | "PATCH", url: string, body: unknown) =>
    t.app.inject({
      method,
      url: `/scim/v2${url}`,
      headers: { authorization: `Bearer ${bearer}`, "content-type": "application/scim+json" },
      payload: JSON.stringify(body),
    });

  it("is the same user at the first login (linked by externalId = oid), and a leaver is refused", async () => {
    bearer = (await admin.post("/api/provisioning/scim-tokens", { name: "Entra ID" })).json().token;
    const created = await scim("POST", "/Users", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", BROEN],
      userName: "carl.scim@testby.dk",
      externalId: "entra-object-id-carl",
      name: { givenName: "Carl", familyName: "Scim" },
      active: true,
      [BROEN]: { role: "planner", organisationName: "Hjemmeplejen", districtName: "Distrikt Nord" },
    });
    expect(created.statusCode, created.body).toBe(201);
    idp.accounts.set("sub-carl", {
      name: "Carl Scim",
      oid: "entra-object-id-carl",
      preferred_username: "carl.scim@testby.dk",
      roles: ["broen.planner"],
      unit: "hjemmeplejen",
    });
    const { callback } = await loginThroughProvider("sub-carl");
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe("/borgere");
    const me = (await t.client(cookieOf(callback)).get("/api/auth/me")).json();
    expect(me).toMatchObject({ userId: created.json().id, username: "carl.scim@testby.dk" });

    const gone = await scim("PATCH", `/Users/${created.json().id}`, {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [{ op: "replace", path: "active", value: false }],
    });
    expect(gone.statusCode, gone.body).toBe(200);
    const again = await loginThroughProvider("sub-carl");
    expect(again.callback.headers.location).toBe("/login?fejl=oidc_user_inactive");
  });
});

describe("refused logins", () => {
  const refusedWith = (res: { statusCode: number; headers: Record<string, unknown> }, code: string) => {
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`/login?fejl=${code}`);
    expect(res.headers["set-cookie"] ?? "").not.toContain(SESSION_COOKIE);
  };

  it("refuses claims that map to no role, and logs it", async () => {
    const { callback } = await loginThroughProvider("sub-norole");
    refusedWith(callback, "oidc_no_role");
    expect(await securityKinds()).toContain("oidc_no_role");
    expect(
      await t.db.select().from(externalIdentities).where(eq(externalIdentities.subject, "sub-norole")),
    ).toEqual([]);
  });

  it("refuses a replayed callback (the same code and state again)", async () => {
    const { back, callback } = await loginThroughProvider("sub-bo");
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe("/borgere");
    const replay = await t.anonymous.get(back.pathname + back.search);
    refusedWith(replay, "oidc_state_invalid");
    // The state is gone, and with it which municipality the login was for.
    expect(await securityKinds(true)).toContain("oidc_state_refused");
  });

  it("refuses a callback whose state was never issued", async () => {
    const res = await t.anonymous.get("/api/auth/oidc/callback?code=abc&state=forged");
    refusedWith(res, "oidc_state_invalid");
  });

  const tampered: [string, (c: Record<string, unknown>) => void, boolean][] = [
    ["a wrong issuer", (c) => (c.iss = "https://evil.example"), false],
    ["a wrong audience", (c) => (c.aud = "another-client"), false],
    ["a wrong nonce", (c) => (c.nonce = "not-the-nonce"), false],
    ["an expired token", (c) => (c.exp = Math.floor(Date.now() / 1000) - 3600), false],
    ["a signature by a key not the provider's", () => undefined, true],
  ];
  for (const [what, change, foreignKey] of tampered) {
    it(`refuses an ID token with ${what}`, async () => {
      const before = (await securityKinds()).filter((k) => k === "oidc_token_refused").length;
      idp.tamper(change, { foreignKey });
      const { callback } = await loginThroughProvider("sub-bo");
      refusedWith(callback, "oidc_token_refused");
      expect((await securityKinds()).filter((k) => k === "oidc_token_refused")).toHaveLength(before + 1);
    });
  }

  it("refuses a code redeemed twice (the provider's invalid_grant)", async () => {
    // A new state for the same code: the state row is Broen's, the code the provider's.
    const first = await loginThroughProvider("sub-bo");
    expect(first.callback.headers.location).toBe("/borgere");
    const start = await t.anonymous.get(`/api/auth/oidc/${t.tenant.municipality.code}/start`);
    const state = new URL(start.headers.location as string).searchParams.get("state")!;
    const replay = await t.anonymous.get(
      `/api/auth/oidc/callback?code=${first.back.searchParams.get("code")}&state=${state}&iss=${encodeURIComponent(idp.issuer)}`,
    );
    refusedWith(replay, "oidc_token_refused");
  });

  it("refuses a deactivated user", async () => {
    const [bo] = await t.db
      .select({ userId: externalIdentities.userId })
      .from(externalIdentities)
      .where(eq(externalIdentities.subject, "sub-bo"));
    await t.db.update(users).set({ active: false }).where(eq(users.id, bo!.userId));
    const sessionsOf = () => t.db.select().from(sessions).where(eq(sessions.userId, bo!.userId));
    const before = (await sessionsOf()).length;
    const { callback } = await loginThroughProvider("sub-bo");
    refusedWith(callback, "oidc_user_inactive");
    expect(await sessionsOf()).toHaveLength(before);
  });
});

describe("local passwords switched off", () => {
  it("refuses a password login of the municipality's staff with a clear message, and logs it", async () => {
    await saveProvider({ localLoginEnabled: false, clientSecret: undefined });
    const res = await t.anonymous.post("/api/auth/login", {
      username: t.tenant.users.planner.username,
      password: TEST_PASSWORD,
    });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe("local_login_disabled");
    expect(errorOf(res).message).toContain("adgangskode");
    expect(await securityKinds()).toContain("local_login_refused");
  });

  it("keeps the administrator's password as the way back in", async () => {
    const res = await t.anonymous.post("/api/auth/login", {
      username: t.tenant.users.administrator.username,
      password: TEST_PASSWORD,
    });
    expect(res.statusCode).toBe(200);
  });

  it("leaves another municipality's password login alone", async () => {
    const res = await t.anonymous.post("/api/auth/login", {
      username: t.other.users.planner.username,
      password: TEST_PASSWORD,
    });
    expect(res.statusCode).toBe(200);
  });

  it("may not be switched off while the provider is off", async () => {
    const res = await admin.put(
      "/api/identity-provider",
      providerBody({ enabled: false, localLoginEnabled: false }),
    );
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe("local_login_needs_provider");
  });
});

describe("an unreachable provider", () => {
  it("lands on the login page with its own message, and logs it", async () => {
    const port = await freePort();
    await saveProvider({ issuer: `http://127.0.0.1:${port}`, localLoginEnabled: true });
    const res = await t.anonymous.get(`/api/auth/oidc/${t.tenant.municipality.code}/start`);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe("/login?fejl=oidc_provider_unreachable");
    const check = (await admin.post("/api/identity-provider/check")).json();
    expect(check).toMatchObject({ reachable: false });
  });

  it("sends an unknown municipality code to the login page", async () => {
    const res = await t.anonymous.get("/api/auth/oidc/0000/start");
    expect(res.headers.location).toBe("/login?fejl=oidc_provider_unknown");
  });
});
