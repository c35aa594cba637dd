/**
 * The FHIR read API and its system clients (issue 14 point 3, decision 0099), through the app: an
 * administrator issues and revokes clients; a client trades its credential for a bearer token and
 * searches and reads its municipality's citizens' punch-card work as FHIR resources, paged, every
 * citizen answered on the audit trail under the client's service user; a CPR never in a URL.
 */
import type { Bundle, CapabilityStatement, OperationOutcome, Resource } from "@medplum/fhirtypes";
import { and, desc, eq, gt, max } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestCitizen, insertCitizen } from "../../../../../test/support/factories.js";
import { buildFullCourse, installErasureCatalog } from "../../../../../test/support/full-course.js";
import { type Client, type TestApp, buildTestApp, errorOf } from "../../../../../test/support/test-app.js";
import type { FhirClient, IssuedFhirClient } from "../../../../shared/api/care-record-clients.js";
import { auditEvents, organisations, securityEvents, users } from "../../../db/schema/index.js";
import { validateFhirResource } from "../index.js";

let t: TestApp;
let admin: Client;
let full: TestCitizen;
let open: TestCitizen;
let plain: TestCitizen;
let elsewhere: TestCitizen;
let all: IssuedFhirClient;

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

async function tokenFor(client: { clientId: string; clientSecret: string }, scope?: string) {
  const res = await t.app.inject({
    method: "POST",
    url: "/fhir/R4/auth/token",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: form({
      grant_type: "client_credentials",
      client_id: client.clientId,
      client_secret: client.clientSecret,
      ...(scope ? { scope } : {}),
    }),
  });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { access_token: string }).access_token;
}

async function issue(name: string, scopes: string[]): Promise<IssuedFhirClient> {
  const res = await admin.post("/api/care-record/fhir-clients", { name, scopes });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as IssuedFhirClient;
}

function fhir(token: string | null, url: string, init: { method?: "GET" | "POST"; body?: string } = {}) {
  return t.app.inject({
    method: init.method ?? "GET",
    url,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body !== undefined ? { "content-type": "application/x-www-form-urlencoded" } : {}),
    },
    ...(init.body !== undefined ? { payload: init.body } : {}),
  });
}

const outcomeCode = (body: string) =>
  (JSON.parse(body) as OperationOutcome).issue?.[0]?.details?.coding?.[0]?.code;

async function lastAuditId(): Promise<number> {
  const [row] = await t.db.select({ last: max(auditEvents.id) }).from(auditEvents);
  return row?.last ?? 0;
}

beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.as("administrator");
  // KL's CareCitizen names the provider by its SOR code.
  await t.db
    .update(organisations)
    .set({ sorCode: "123456789012" })
    .where(eq(organisations.id, t.tenant.orgs.publicProvider.id));
  const activityId = await installErasureCatalog(t);
  full = (
    await buildFullCourse(t, activityId, { firstName: "Fhira", lastName: "Lukket", addressLine: "Fhirvej 1" })
  ).citizen;
  open = (
    await buildFullCourse(
      t,
      activityId,
      { firstName: "Fhiro", lastName: "Åben", addressLine: "Fhirvej 2" },
      { close: false },
    )
  ).citizen;
  plain = await insertCitizen(t.db, t.tenant, { firstName: "Fhiru", lastName: "Uden" });
  elsewhere = await insertCitizen(t.db, t.other, { firstName: "Fhiry", lastName: "Udenbys" });
  all = await issue("Datavarehus", ["system/*.read"]);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe("system clients", () => {
  it("shows the secret once: the list never holds it", async () => {
    expect(all.clientSecret.length).toBeGreaterThanOrEqual(40);
    expect(all.clientId).toMatch(/^broen-[0-9a-f]{32}$/);
    const list = (await admin.get("/api/care-record/fhir-clients")).json() as { items: FhirClient[] };
    const mine = list.items.find((c) => c.id === all.id)!;
    expect(mine).toMatchObject({ name: "Datavarehus", scopes: ["system/*.read"], revokedAt: null });
    expect(JSON.stringify(list)).not.toContain(all.clientSecret);
  });

  it("refuses a scope Broen does not know", async () => {
    const res = await admin.post("/api/care-record/fhir-clients", {
      name: "X",
      scopes: ["system/Account.read"],
    });
    expect(res.statusCode).toBe(400);
  });

  it("is for administrators only", async () => {
    const planner = await t.as("planner");
    expect((await planner.get("/api/care-record/fhir-clients")).statusCode).toBe(403);
    expect(
      (await planner.post("/api/care-record/fhir-clients", { name: "X", scopes: ["system/*.read"] }))
        .statusCode,
    ).toBe(403);
  });

  it("gives each client a service user that is neither listed nor editable as staff, and cannot sign in", async () => {
    const [user] = await t.db
      .select({ id: users.id, role: users.role, username: users.username })
      .from(users)
      .where(eq(users.username, `system.${all.clientId}`));
    expect(user?.role).toBe("system_client");
    const list = (await admin.get("/api/users")).json() as { id: string }[];
    expect(list.map((u) => u.id)).not.toContain(user!.id);
    expect((await admin.patch(`/api/users/${user!.id}`, { displayName: "Person" })).statusCode).toBe(404);
    const login = await t.anonymous.post("/api/auth/login", {
      username: user!.username,
      password: "x".repeat(12),
    });
    expect(login.statusCode).toBe(401);
  });

  it("writes the issue on the audit trail", async () => {
    const [row] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "fhir_client"), eq(auditEvents.entityId, all.id)));
    expect(row).toMatchObject({ action: "create", actorUserId: t.tenant.users.administrator.id });
  });
});

describe("token endpoint", () => {
  it("answers a bearer token for five minutes to a form or a JSON request, or HTTP Basic", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/fhir/R4/auth/token",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: form({
        grant_type: "client_credentials",
        client_id: all.clientId,
        client_secret: all.clientSecret,
      }),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.json()).toMatchObject({ token_type: "Bearer", expires_in: 300, scope: "system/*.read" });
    const json = await t.app.inject({
      method: "POST",
      url: "/fhir/R4/auth/token",
      payload: {
        grant_type: "client_credentials",
        client_id: all.clientId,
        client_secret: all.clientSecret,
        scope: "system/Patient.read",
      },
    });
    expect(json.json()).toMatchObject({ scope: "system/Patient.read" });
    const basic = await t.app.inject({
      method: "POST",
      url: "/fhir/R4/auth/token",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${all.clientId}:${all.clientSecret}`).toString("base64")}`,
      },
      payload: form({ grant_type: "client_credentials" }),
    });
    expect(basic.statusCode, basic.body).toBe(200);
  });

  it("refuses a wrong secret with OAuth's invalid_client, in the security log", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/fhir/R4/auth/token",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: form({ grant_type: "client_credentials", client_id: all.clientId, client_secret: "wrong" }),
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: "invalid_client" });
    const [event] = await t.db
      .select()
      .from(securityEvents)
      .where(eq(securityEvents.kind, "fhir_token_refused"))
      .orderBy(desc(securityEvents.id))
      .limit(1);
    expect(event).toMatchObject({ username: all.clientId, municipalityId: t.tenant.municipality.id });
  });

  it("refuses another grant type, a missing secret and a scope the client was not given", async () => {
    const post = (fields: Record<string, string>) =>
      t.app.inject({
        method: "POST",
        url: "/fhir/R4/auth/token",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: form(fields),
      });
    expect((await post({ grant_type: "password", client_id: all.clientId })).json()).toMatchObject({
      error: "unsupported_grant_type",
    });
    expect((await post({ grant_type: "client_credentials", client_id: all.clientId })).json()).toMatchObject({
      error: "invalid_request",
    });
    const narrow = await issue("Kun borgere", ["system/Patient.read"]);
    const res = await post({
      grant_type: "client_credentials",
      client_id: narrow.clientId,
      client_secret: narrow.clientSecret,
      scope: "system/Condition.read",
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: "invalid_scope" });
  });
});

describe("metadata and authentication", () => {
  it("answers the CapabilityStatement without a token", async () => {
    const res = await fhir(null, "/fhir/R4/metadata");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("application/fhir+json");
    const cs = res.json() as CapabilityStatement;
    expect(cs.fhirVersion).toBe("4.0.1");
    expect(cs.rest?.[0]?.resource?.map((r) => r.type)).toEqual([
      "Patient",
      "Condition",
      "CarePlan",
      "Procedure",
      "Encounter",
      "Observation",
      "QuestionnaireResponse",
    ]);
  });

  it("refuses a search without a token, or with a session cookie only, as a 401 OperationOutcome", async () => {
    const res = await fhir(null, "/fhir/R4/Condition");
    expect(res.statusCode).toBe(401);
    expect(res.headers["www-authenticate"]).toContain("Bearer");
    expect(outcomeCode(res.body)).toBe("fhir_token_required");
    const cookie = await admin.get("/fhir/R4/Condition");
    expect(cookie.statusCode).toBe(401);
    const wrong = await fhir("not-a-token", "/fhir/R4/Condition");
    expect(wrong.statusCode).toBe(401);
    expect(outcomeCode(wrong.body)).toBe("fhir_token_invalid");
  });

  it("documents the FHIR API in /api/openapi.json under the tag fhir", async () => {
    const doc = (await t.anonymous.get("/api/openapi.json")).json() as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    const fhirPaths = Object.entries(doc.paths).filter(([p]) => p.startsWith("/fhir/R4"));
    expect(fhirPaths.map(([p]) => p)).toEqual(
      expect.arrayContaining(["/fhir/R4/metadata", "/fhir/R4/auth/token", "/fhir/R4/{type}"]),
    );
    for (const [, ops] of fhirPaths) for (const op of Object.values(ops)) expect(op.tags).toEqual(["fhir"]);
  });
});

describe("search and read", () => {
  let token: string;
  beforeAll(async () => {
    token = await tokenFor(all);
  });

  it("refuses a Patient search by identifier in the URL, so a CPR stays out of URLs and logs", async () => {
    const res = await fhir(
      token,
      `/fhir/R4/Patient?identifier=urn:oid:1.2.208.176.1.2|${full.cpr.replace("-", "")}`,
    );
    expect(res.statusCode).toBe(400);
    expect(outcomeCode(res.body)).toBe("fhir_identifier_in_url");
    expect((JSON.parse(res.body) as OperationOutcome).issue?.[0]?.diagnostics).toContain("POST");
  });

  it("finds a Patient by CPR with POST _search, audited under the client's service user without the CPR", async () => {
    const before = await lastAuditId();
    const res = await fhir(token, "/fhir/R4/Patient/_search", {
      method: "POST",
      body: form({ identifier: `urn:oid:1.2.208.176.1.2|${full.cpr.replace("-", "")}` }),
    });
    expect(res.statusCode, res.body).toBe(200);
    const bundle = res.json() as Bundle;
    expect(bundle).toMatchObject({ resourceType: "Bundle", type: "searchset" });
    expect(bundle.entry?.map((e) => e.resource?.id)).toEqual([full.id]);
    expect(JSON.stringify(bundle.link)).not.toContain(full.cpr.replace("-", ""));
    const rows = await t.db.select().from(auditEvents).where(gt(auditEvents.id, before));
    const [service] = await t.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.username, `system.${all.clientId}`));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: "search",
      entityType: "fhir_resource",
      citizenId: full.id,
      actorUserId: service!.id,
      actorRole: "system_client",
    });
    expect(JSON.stringify(rows[0]!.criterion)).not.toContain(full.cpr.slice(0, 6));
  });

  it("answers each type by patient, every resource valid R4 in its KL profile", async () => {
    const seen: Record<string, number> = {};
    for (const type of [
      "Patient",
      "Condition",
      "CarePlan",
      "Procedure",
      "Encounter",
      "Observation",
      "QuestionnaireResponse",
    ]) {
      const query = type === "Patient" ? `_id=${full.id}` : `patient=Patient/${full.id}`;
      const res = await fhir(token, `/fhir/R4/${type}?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      const resources = ((res.json() as Bundle).entry ?? []).map((e) => e.resource as Resource);
      seen[type] = resources.length;
      for (const r of resources) {
        expect(r.resourceType).toBe(type);
        const errors = validateFhirResource(r).filter((i) => typeof i === "string" || i.severity === "error");
        expect(errors, `${type}/${r.id}`).toEqual([]);
      }
    }
    for (const type of [
      "Patient",
      "Condition",
      "CarePlan",
      "Procedure",
      "Observation",
      "QuestionnaireResponse",
    ])
      expect(seen[type], type).toBeGreaterThan(0);
  });

  it("reads one resource by id, and answers 404 for another municipality's citizen", async () => {
    const res = await fhir(token, `/fhir/R4/Patient/${full.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Resource).id).toBe(full.id);
    const cond = ((await fhir(token, `/fhir/R4/Condition?patient=${full.id}`)).json() as Bundle).entry![0]!
      .resource!;
    const read = await fhir(token, `/fhir/R4/Condition/${cond.id}`);
    expect(read.json()).toEqual(cond);
    const other = await fhir(token, `/fhir/R4/Patient/${elsewhere.id}`);
    expect(other.statusCode).toBe(404);
    expect(outcomeCode(other.body)).toBe("not_found");
    expect((await fhir(token, `/fhir/R4/Account/${full.id}`)).statusCode).toBe(404);
  });

  it("never answers another municipality's citizens in a search", async () => {
    const res = await fhir(token, "/fhir/R4/Patient?_count=200");
    const ids = ((res.json() as Bundle).entry ?? []).map((e) => e.resource?.id);
    expect(ids).toContain(plain.id);
    expect(ids).not.toContain(elsewhere.id);
    const byPatient = await fhir(token, `/fhir/R4/Condition?patient=${elsewhere.id}`);
    expect((byPatient.json() as Bundle).entry ?? []).toEqual([]);
  });

  it("pages by the next link: every resource once, none lost", async () => {
    const whole = ((await fhir(token, "/fhir/R4/Observation?_count=200")).json() as Bundle).entry!.map(
      (e) => `${e.resource!.id}`,
    );
    expect(whole.length).toBeGreaterThan(2);
    const paged: string[] = [];
    let url: string | undefined = "/fhir/R4/Observation?_count=1";
    let pages = 0;
    while (url && pages < 50) {
      const res = await fhir(token, url.replace(/^https?:\/\/[^/]+/, ""));
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as Bundle;
      expect((page.entry ?? []).length).toBeLessThanOrEqual(1);
      paged.push(...(page.entry ?? []).map((e) => `${e.resource!.id}`));
      url = page.link?.find((l) => l.relation === "next")?.url;
      pages++;
    }
    expect(paged.sort()).toEqual([...whole].sort());
  });

  it("filters by _lastUpdated with gt, ge, lt and le", async () => {
    const count = async (q: string) =>
      ((await fhir(token, `/fhir/R4/CarePlan?_count=200&${q}`)).json() as Bundle).entry?.length ?? 0;
    const everything = await count("");
    expect(everything).toBeGreaterThan(0);
    expect(await count("_lastUpdated=ge2020-01-01")).toBe(everything);
    expect(await count("_lastUpdated=gt2999-01-01")).toBe(0);
    expect(await count("_lastUpdated=lt2020-01-01")).toBe(0);
    expect(await count("_lastUpdated=ge2020-01-01&_lastUpdated=le2999-12-31")).toBe(everything);
    const bad = await fhir(token, "/fhir/R4/CarePlan?_lastUpdated=yesterday");
    expect(bad.statusCode).toBe(400);
    expect(outcomeCode(bad.body)).toBe("fhir_search_parameter");
  });

  it("refuses an unknown search parameter instead of ignoring it", async () => {
    const res = await fhir(token, "/fhir/R4/Condition?code=b1");
    expect(res.statusCode).toBe(400);
    expect((JSON.parse(res.body) as OperationOutcome).issue?.[0]?.expression).toEqual(["code"]);
  });

  it("answers 403 for a type outside the token's scopes", async () => {
    const narrow = await issue("Kun borgere 2", ["system/Patient.read"]);
    const narrowToken = await tokenFor(narrow);
    const res = await fhir(narrowToken, `/fhir/R4/Condition?patient=${full.id}`);
    expect(res.statusCode).toBe(403);
    expect(outcomeCode(res.body)).toBe("fhir_scope_missing");
    expect((await fhir(narrowToken, `/fhir/R4/Patient/${full.id}`)).statusCode).toBe(200);
  });

  it("audits each citizen of a search once, with the type and the number of resources", async () => {
    const before = await lastAuditId();
    await fhir(token, "/fhir/R4/Procedure?_count=200");
    const rows = await t.db.select().from(auditEvents).where(gt(auditEvents.id, before));
    expect(rows.map((r) => r.citizenId).sort()).toEqual([full.id, open.id].sort());
    for (const r of rows) expect(r.criterion).toMatchObject({ kind: "Procedure" });
  });
});

describe("revocation", () => {
  it("stops the client's tokens at once and refuses new ones", async () => {
    const client = await issue("Nexus", ["system/*.read"]);
    const token = await tokenFor(client);
    expect((await fhir(token, `/fhir/R4/Patient/${full.id}`)).statusCode).toBe(200);
    const res = await admin.post(`/api/care-record/fhir-clients/${client.id}/revoke`);
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as FhirClient).revokedAt).not.toBeNull();
    expect((await fhir(token, `/fhir/R4/Patient/${full.id}`)).statusCode).toBe(401);
    const again = await t.app.inject({
      method: "POST",
      url: "/fhir/R4/auth/token",
      payload: {
        grant_type: "client_credentials",
        client_id: client.clientId,
        client_secret: client.clientSecret,
      },
    });
    expect(again.statusCode).toBe(401);
    const twice = await admin.post(`/api/care-record/fhir-clients/${client.id}/revoke`);
    expect(twice.statusCode).toBe(409);
    expect(errorOf(twice).code).toBe("fhir_client_revoked");
  });

  it("lets no administrator of another municipality revoke the client", async () => {
    const client = await issue("Cura", ["system/*.read"]);
    const otherAdmin = await t.as("administrator", t.other);
    const res = await otherAdmin.post(`/api/care-record/fhir-clients/${client.id}/revoke`);
    expect(res.statusCode).toBe(404);
  });
});
