/** Issue 18.8: no CPR number, searched name or secret token in any log line; searches go by POST body. */
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCitizen, nextCpr } from "../../../test/support/factories.js";
import { type TestApp, buildTestApp } from "../../../test/support/test-app.js";
import { redactUrl } from "./log-redaction.js";

const lines: string[] = [];
const stream = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(...chunk.toString().split("\n").filter(Boolean));
    done();
  },
});

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ app: { logger: { level: "trace", stream } } });
});
afterAll(() => t.close());

describe("log lines", () => {
  it("carry neither a searched CPR, its last four, a searched name nor the calendar feed's secret", async () => {
    const cpr = nextCpr();
    const digits = cpr.replace("-", "");
    const last4 = cpr.slice(-4);
    await insertCitizen(t.db, t.tenant, { cpr, firstName: "Hemmelig", lastName: "Logsdatter" });
    const planner = await t.as("planner");
    const before = lines.length;
    // The register's search: the term in POST /citizens/search's body.
    for (const q of [cpr, digits, last4, "Logsdatter", "hemmelig logsdatter"]) {
      const res = await planner.post("/api/citizens/search", { q, page: 1 });
      expect(res.statusCode).toBe(200);
      expect((res.json() as { total: number }).total).toBeGreaterThan(0);
    }
    // A refused one (too long) must not log the body it refused either.
    expect((await planner.post("/api/citizens/search", { q: `${cpr} ${"x".repeat(120)}` })).statusCode).toBe(
      400,
    );
    // The old way, a term in the URL, is refused — and even then its line is redacted.
    const inUrl = await planner.get(`/api/citizens?q=${cpr}&page=1`);
    expect(inUrl.statusCode).toBe(400);
    expect((inUrl.json() as { error: { code: string } }).error.code).toBe("search_in_url");
    await planner.get("/api/citizens?q=Logsdatter");
    const secret = "Zq9sEcReTtOkEnForTheFeedAbc123";
    await t.app.inject({ method: "GET", url: `/api/calendar/${secret}.ics` });
    await t.app.inject({ method: "GET", url: `/api/calendar/${secret}` });

    const log = lines.slice(before).join("\n");
    expect(log).toContain("/api/citizens/search"); // the searches were logged …
    expect(log).toContain("/api/citizens?q=[redacted]");
    // … but no CPR (with or without its dash), no last four as a term, no name searched for.
    for (const secretValue of [
      cpr,
      digits,
      `"${last4}"`,
      `=${last4}`,
      `${last4}"`,
      "Logsdatter",
      "Hemmelig",
      secret,
    ])
      expect(log).not.toContain(secretValue);
  });
});

describe("redactUrl", () => {
  it("replaces sensitive query values and the feed secret, keeping the rest", () => {
    expect(redactUrl("/api/citizens?q=020230-0002&page=2")).toBe("/api/citizens?q=[redacted]&page=2");
    expect(redactUrl("/api/x?search=Karen&token=abc&districtId=d1")).toBe(
      "/api/x?search=[redacted]&token=[redacted]&districtId=d1",
    );
    expect(redactUrl("/api/calendar/abcDEF123.ics")).toBe("/api/calendar/[redacted].ics");
    expect(redactUrl("/api/citizens/1234")).toBe("/api/citizens/1234");
    expect(redactUrl("/api/x?Q=1&%71=2")).toBe("/api/x?Q=[redacted]&%71=[redacted]");
  });
});
