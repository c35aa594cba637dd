/**
 * The platform administration through the HTTP API (issue 15 point 3): a platform administrator's
 * own login and session, municipalities' size and health as counts, creating a municipality with
 * its first administrator — and the wall between the platform and a municipality's data both ways.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCitizen } from "../../../../test/support/factories.js";
import { openApiGetRoutes } from "../../../../test/support/route-sweep.js";
import { type Client, type TestApp, buildTestApp, errorOf } from "../../../../test/support/test-app.js";
import type { CreatedMunicipality, MunicipalityList } from "../../../shared/api/platform-admin.js";
import { citizens, municipalities, platformAdmins, securityEvents, users } from "../../db/schema/index.js";
import { PLATFORM_COOKIE, createPlatformAdmin } from "./index.js";

const PASSWORD = "platform-kodeord-2026";
const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";

let t: TestApp;
let platform: Client;

async function platformLogin(username: string, password = PASSWORD) {
  const res = await t.anonymous.post("/api/platform/login", { username, password });
  const raw = [res.headers["set-cookie"]].flat().find((c) => c?.startsWith(`${PLATFORM_COOKIE}=`));
  return { res, cookie: raw ? raw.split(";")[0]! : null, raw };
}

beforeAll(async () => {
  t = await buildTestApp();
  await createPlatformAdmin(t.db, { username: "drift", displayName: "Drift Driftesen", password: PASSWORD });
  const { cookie } = await platformLogin("drift");
  platform = t.client(cookie);
});
afterAll(() => t.close());

describe("login and session", () => {
  it("starts a platform session in its own cookie, sent only to /api/platform", async () => {
    const { res, raw } = await platformLogin("drift");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ admin: { username: "drift", displayName: "Drift Driftesen" } });
    expect(raw).toMatch(/Path=\/api\/platform/);
    expect(raw).toMatch(/HttpOnly/);
    expect([res.headers["set-cookie"]].flat().some((c) => c?.startsWith("broen_session="))).toBe(false);
    expect((await platform.get("/api/platform/me")).json()).toMatchObject({ admin: { username: "drift" } });
  });

  it("answers no administrator without a platform session", async () => {
    expect((await t.anonymous.get("/api/platform/me")).json()).toEqual({ admin: null });
  });

  it("refuses a wrong password and logs the try without a municipality", async () => {
    const { res, cookie } = await platformLogin("drift", "forkert-kodeord-123");
    expect(res.statusCode).toBe(401);
    expect(cookie).toBeNull();
    const logged = await t.db
      .select()
      .from(securityEvents)
      .where(and(eq(securityEvents.kind, "platform_login_failed"), eq(securityEvents.username, "drift")));
    expect(logged).toHaveLength(1);
    expect(logged[0]!.municipalityId).toBeNull();
  });

  it("does not take a staff user's password: staff usernames are not platform administrators", async () => {
    const { res } = await platformLogin(t.tenant.users.administrator.username, "test-password-2026");
    expect(res.statusCode).toBe(401);
  });

  it("ends the session at logout", async () => {
    const { cookie } = await platformLogin("drift");
    const own = t.client(cookie);
    expect((await own.get("/api/platform/municipalities")).statusCode).toBe(200);
    expect((await own.post("/api/platform/logout")).statusCode).toBe(204);
    const after = await own.get("/api/platform/municipalities");
    expect(after.statusCode).toBe(401);
    expect(errorOf(after).code).toBe("platform_unauthenticated");
  });

  it("refuses a deactivated platform administrator's session at once", async () => {
    const { id } = await createPlatformAdmin(t.db, {
      username: "vikar",
      displayName: "Vikar",
      password: PASSWORD,
    });
    const { cookie } = await platformLogin("vikar");
    const own = t.client(cookie);
    expect((await own.get("/api/platform/municipalities")).statusCode).toBe(200);
    await t.db.update(platformAdmins).set({ active: false }).where(eq(platformAdmins.id, id));
    expect((await own.get("/api/platform/municipalities")).statusCode).toBe(401);
  });
});

describe("municipalities' size and health", () => {
  it("counts citizens, users and open courses per municipality, and names no one", async () => {
    const citizen = await insertCitizen(t.db, t.tenant, { firstName: "Gudrun", lastName: "Platformsen" });
    const res = await platform.get("/api/platform/municipalities");
    expect(res.statusCode).toBe(200);
    const { municipalities: list } = res.json() as MunicipalityList;
    const home = list.find((m) => m.id === t.tenant.municipality.id)!;
    const citizenCount = await t.db.$count(citizens, eq(citizens.municipalityId, t.tenant.municipality.id));
    expect(home.citizens).toBe(citizenCount);
    expect(home.users).toBe(
      await t.db.$count(
        users,
        and(eq(users.municipalityId, t.tenant.municipality.id), eq(users.active, true)),
      ),
    );
    expect(home.activeUsers30d).toBeGreaterThanOrEqual(0);
    expect(home.failedJobs30d).toBe(0);
    expect(list.some((m) => m.id === t.other.municipality.id)).toBe(true);
    // Counts only: nothing that names a citizen or a user.
    for (const secret of [
      citizen.firstName,
      citizen.lastName,
      citizen.cpr,
      t.tenant.users.administrator.username,
    ])
      expect(res.body).not.toContain(secret);
  });

  it("counts the users who logged in during the last 30 days", async () => {
    await t.as("planner");
    const { municipalities: list } = (
      await platform.get("/api/platform/municipalities")
    ).json() as MunicipalityList;
    expect(list.find((m) => m.id === t.tenant.municipality.id)!.activeUsers30d).toBeGreaterThanOrEqual(1);
    expect(list.find((m) => m.id === t.tenant.municipality.id)!.lastActivityAt).not.toBeNull();
  });
});

describe("creating a municipality", () => {
  const body = (code: string, username: string) => ({
    name: `Nyby Kommune ${code}`,
    code,
    admin: { username, displayName: "Nina Nyby", password: "nyby-start-kodeord-1" },
  });

  it("creates the municipality, its administration and an administrator who must change the password", async () => {
    const res = await platform.post("/api/platform/municipalities", body("0999", "nyby-admin"));
    expect(res.statusCode).toBe(201);
    const created = res.json() as CreatedMunicipality;
    expect(created).toMatchObject({
      code: "0999",
      admin: { username: "nyby-admin", mustChangePassword: true },
    });

    const login = await t.anonymous.post("/api/auth/login", {
      username: "nyby-admin",
      password: "nyby-start-kodeord-1",
    });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({
      mustChangePassword: true,
      role: "administrator",
      municipality: { id: created.id },
      organisation: { kind: "administration" },
    });

    const { municipalities: list } = (
      await platform.get("/api/platform/municipalities")
    ).json() as MunicipalityList;
    expect(list.find((m) => m.id === created.id)).toMatchObject({ citizens: 0, users: 1, openCourses: 0 });

    const log = await t.db.select().from(securityEvents).where(eq(securityEvents.municipalityId, created.id));
    expect(log.map((e) => e.kind)).toEqual(expect.arrayContaining(["municipality_created", "user_created"]));
    expect(log.find((e) => e.kind === "municipality_created")!.username).toBe("drift");
  });

  it("refuses a code in use with 409, and changes nothing", async () => {
    const res = await platform.post("/api/platform/municipalities", body("0999", "andet-admin"));
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe("duplicate_municipality_code");
  });

  it("refuses a username in use with 409, and creates no municipality", async () => {
    const res = await platform.post(
      "/api/platform/municipalities",
      body("0998", t.tenant.users.administrator.username),
    );
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe("duplicate_username");
    expect(await t.db.$count(municipalities, eq(municipalities.code, "0998"))).toBe(0);
  });

  it("refuses a code that is not four digits, and a weak initial password", async () => {
    expect((await platform.post("/api/platform/municipalities", body("101", "kort-kode"))).statusCode).toBe(
      400,
    );
    const weak = body("0997", "svag-kode");
    weak.admin.password = "svag-kode-123";
    const res = await platform.post("/api/platform/municipalities", weak);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.fields?.[0]?.field).toBe("admin.password");
  });

  it("refuses anonymous callers and every staff session, the municipality's administrator included", async () => {
    const callers = [t.anonymous, await t.as("administrator"), await t.as("manager")];
    for (const caller of callers) {
      expect((await caller.get("/api/platform/municipalities")).statusCode).toBe(401);
      expect(
        (await caller.post("/api/platform/municipalities", body("0996", "staff-forsog"))).statusCode,
      ).toBe(401);
      expect((await caller.get("/api/platform/me")).json()).toEqual({ admin: null });
    }
  });
});

describe("a platform session sees nothing of a municipality", () => {
  it("is refused (401) by every GET route of the API that refuses anonymous callers", async () => {
    const routes = (await openApiGetRoutes(t)).filter((r) => !r.startsWith("GET /api/platform/"));
    const refusedAnonymous: string[] = [];
    const differs: string[] = [];
    for (const route of routes) {
      const url = route.slice(4).replace(/:[A-Za-z]+/g, NO_SUCH_ID);
      const anonymous = await t.anonymous.get(url);
      const asPlatform = await platform.get(url);
      if (anonymous.statusCode === 401) refusedAnonymous.push(route);
      if (asPlatform.statusCode !== anonymous.statusCode) differs.push(`${route}: ${asPlatform.statusCode}`);
    }
    // The platform cookie counts for nothing there: the answer is an anonymous caller's.
    expect(differs).toEqual([]);
    // A sweep that found no guarded route would prove nothing.
    expect(refusedAnonymous.length).toBeGreaterThan(50);
  });

  it("holds even when the platform cookie is sent on the session cookie's name", async () => {
    const token = platform.cookie!.split("=")[1]!;
    const forged = t.client(`broen_session=${token}`);
    expect((await forged.get("/api/citizens")).statusCode).toBe(401);
    expect((await forged.get("/api/auth/me")).statusCode).toBe(401);
  });

  it("leaves the platform routes closed to a staff session even when the platform cookie name carries it", async () => {
    const admin = await t.as("administrator");
    const token = admin.cookie!.split("=")[1]!;
    const forged = t.client(`${PLATFORM_COOKIE}=${token}`);
    expect((await forged.get("/api/platform/municipalities")).statusCode).toBe(401);
  });
});
