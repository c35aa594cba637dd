import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCitizen } from "../../../../test/support/factories.js";
import { type TestApp, buildTestApp } from "../../../../test/support/test-app.js";
import { toXlsx } from "./exports.js";

// Issue 18.10: a name a user typed must reach Excel as text, never as a live formula.
const FORMULA = '=HYPERLINK("http://x","y")';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe("exports neutralise spreadsheet formulas", () => {
  it("writes a citizen named =HYPERLINK(…) into the triage CSV as text", async () => {
    await insertCitizen(t.db, t.tenant, {
      firstName: FORMULA,
      lastName: "Borger",
      districtId: t.tenant.districts.north.id,
    });
    const leader = await t.as("team_leader");
    const meeting = (await (
      await leader.post("/api/triage/meetings", {
        districtId: t.tenant.districts.north.id,
        heldOn: "2026-11-23",
      })
    ).json()) as { id: string };
    const csv = await leader.get(`/api/triage/meetings/${meeting.id}/export.csv`);
    expect(csv.statusCode).toBe(200);
    const cells = csv.body.split(/\r?\n/).flatMap((line) => line.split(";"));
    const cell = cells.find((c) => c.includes("HYPERLINK"));
    expect(cell).toBeDefined();
    // csv-stringify quotes the cell (it holds quotes); inside the quotes it starts with the apostrophe.
    expect(cell!.replace(/^"/, "")).toMatch(/^'=HYPERLINK/);
  });

  it("writes text starting with = + - @ into the workbook as text, and keeps numbers as numbers", async () => {
    // The workbook writer every xlsx export uses (reports workbook, evaluator dataset).
    const buffer = await toXlsx([
      {
        name: "Ark",
        rows: [
          ["navn", "tal"],
          [FORMULA, -5],
          ["+1", 3],
          ["@SUM(A1)", null],
        ],
      },
    ]);
    const files = unzipSync(new Uint8Array(buffer));
    const xml = Object.entries(files)
      .filter(([name]) => name.endsWith(".xml"))
      .map(([, data]) => strFromU8(data))
      .join("\n");
    expect(xml).toMatch(/<t>'=HYPERLINK\((&quot;|")http:\/\/x/);
    expect(xml).toContain("<t>'+1</t>");
    expect(xml).toContain("<t>'@SUM(A1)</t>");
    expect(xml).not.toMatch(/>[=+@]/);
    expect(xml).not.toContain("<f>");
    expect(xml).toMatch(/<v>-5<\/v>/);
  });
});
