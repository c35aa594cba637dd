/** Issue 18.8: no CPR number, searched name or secret token in any log line. */
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
  it("carry neither a searched CPR, a searched name nor the calendar feed's secret", async () => {
    const cpr = nextCpr();
    await insertCitizen(t.db, t.tenant, { cpr, firstName: "Hemmelig", lastName: "Logsdatter" });
    const planner = await t.as("planner");
    const byCpr = await planner.get(`/api/citizens?q=${cpr.slice(0, 6)}-${cpr.slice(6)}`);
    expect(byCpr.statusCode).toBe(200);
    await planner.get(`/api/citizens?q=${cpr.slice(-4)}&page=1`);
    await planner.get("/api/citizens?q=Logsdatter");
    const secret = "Zq9sEcReTtOkEnForTheFeedAbc123";
    await t.app.inject({ method: "GET", url: `/api/calendar/${secret}.ics` });
    await t.app.inject({ method: "GET", url: `/api/calendar/${secret}` });

    const log = lines.join("\n");
    expect(log).toContain("/api/citizens?q=[redacted]"); // the requests were logged …
    for (const secretValue of [cpr, `${cpr.slice(0, 6)}-${cpr.slice(6)}`, `q=${cpr.slice(-4)}`, "Logsdatter", secret]) expect(log).not.toContain(secretValue);
  });
});

describe("redactUrl", () => {
  it("replaces sensitive query values and the feed secret, keeping the rest", () => {
    expect(redactUrl("/api/citizens?q=020230-0002&page=2")).toBe("/api/citizens?q=[redacted]&page=2");
    expect(redactUrl("/api/x?search=Karen&token=abc&districtId=d1")).toBe("/api/x?search=[redacted]&token=[redacted]&districtId=d1");
    expect(redactUrl("/api/calendar/abcDEF123.ics")).toBe("/api/calendar/[redacted].ics");
    expect(redactUrl("/api/citizens/1234")).toBe("/api/citizens/1234");
    expect(redactUrl("/api/x?Q=1&%71=2")).toBe("/api/x?Q=[redacted]&%71=[redacted]");
  });
});
