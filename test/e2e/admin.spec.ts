/**
 * An administrator: the audit trail of a citizen just viewed (with its CSV), and a new user who
 * must choose their own password at first login.
 */
import { type Page, expect, test } from "@playwright/test";
import {
  DEMO_PASSWORD,
  expectNoSeriousViolations,
  firstCitizenName,
  login,
  newPage,
  searchCitizen,
} from "./support";

/** Shapes of codes that must never reach a person: "placement.created", "clip_grant", and UUIDs. */
const RAW_CODE = /\b[a-z]+[._][a-z_]+\b/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

async function expectNoRawCodes(page: Page, testId: string): Promise<void> {
  const text = await page.getByTestId(testId).innerText();
  expect(text.length).toBeGreaterThan(0);
  expect(text.match(RAW_CODE)?.[0] ?? null, `raw code on ${testId}`).toBeNull();
  expect(text.match(UUID)?.[0] ?? null, `id on ${testId}`).toBeNull();
}

test("an administrator sees the audit trail of a citizen just viewed and downloads it", async ({ page }) => {
  await login(page, "admin");
  await page
    .getByRole("navigation", { name: "Hovedmenu" })
    .getByRole("link", { name: "Borgere", exact: true })
    .click();
  const name = await firstCitizenName(page);
  await searchCitizen(page, name);
  await page.getByRole("table").getByRole("link", { name }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await page.getByRole("button", { name: "Vis CPR" }).click();
  await expect(page.getByTestId("cpr-value")).toHaveText(/^\d{6}-\d{4}$/);

  await page.getByRole("link", { name: "Logning" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Logning" })).toBeVisible();
  const trail = page.getByRole("table", { name: "Logning" });
  const mine = trail.getByRole("row").filter({ hasText: "Karin Admin" });
  await expect(mine.filter({ hasText: "Fuldt CPR-nummer vist" })).toHaveCount(1);
  await expect(mine.filter({ hasText: "Set" }).filter({ hasText: "Stamdata" }).first()).toBeVisible();
  // The search that found the citizen is there with its criterion.
  await expect(
    mine
      .filter({ hasText: "Fremsøgt" })
      .filter({ hasText: `Søgning: ${name}` })
      .first(),
  ).toBeVisible();

  const csvLink = page.getByRole("link", { name: "Hent CSV" });
  const href = await csvLink.getAttribute("href");
  expect(href).toMatch(/^\/api\/citizens\/[0-9a-f-]{36}\/audit\.csv$/);
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  expect(text).toContain("tidspunkt;bruger;rolle;handling");
  // The file speaks in words like the page (issue 11 point 16).
  expect(text).toContain("Fuldt CPR-nummer vist");
  expect(text).not.toContain("reveal_cpr");
});

test("an administrator creates a user, who must change the temporary password at first login", async ({
  page,
}) => {
  await login(page, "admin");
  await page
    .getByRole("navigation", { name: "Hovedmenu" })
    .getByRole("link", { name: "Administration", exact: true })
    .click();
  await page.getByRole("link", { name: "Brugere" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Brugere" })).toBeVisible();

  await page.getByRole("button", { name: "Opret bruger" }).click();
  // An empty form: the error summary takes focus and links to the fields.
  await page.getByRole("button", { name: "Opret bruger" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "Der er problemer med formularen" });
  await expect(summary).toBeFocused();
  await summary.getByRole("link", { name: /^Navn:/ }).click();
  await expect(page.getByLabel("Navn", { exact: true })).toBeFocused();

  const username = `test.bruger${Date.now() % 100000}`;
  const temporary = "midlertidig-kode-42";
  await page.getByLabel("Navn", { exact: true }).fill("Tove Testesen");
  await page.getByLabel("Brugernavn").fill(username);
  await page.getByLabel("Rolle").selectOption({ label: "Hjemmehjælper" });
  await page.getByLabel("Organisation").selectOption({ label: "Hjemmeplejen" });
  await page.getByLabel(/^Distrikt/).selectOption({ label: "Distrikt Nord" });
  await page.getByLabel("Midlertidig adgangskode").fill(temporary);
  await page.getByRole("button", { name: "Opret bruger" }).click();

  await expect(page.getByText(`Tove Testesen er oprettet med brugernavnet ${username}`)).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: username });
  await expect(row).toContainText("Hjemmehjælper");
  await expect(row).toContainText("Skal skifte adgangskode");

  await page.getByRole("button", { name: "Log af" }).click();
  await expect(page).toHaveURL(/\/login/);
  await login(page, username, temporary);
  await expect(page).toHaveURL(/\/skift-adgangskode$/);
  await expect(page.getByText("Vælg din egen adgangskode")).toBeVisible();
  await page.getByLabel("Nuværende adgangskode").fill(temporary);
  await page.getByLabel("Ny adgangskode", { exact: true }).fill(`${DEMO_PASSWORD}-tove`);
  await page.getByLabel("Gentag ny adgangskode").fill(`${DEMO_PASSWORD}-tove`);
  await page.getByRole("button", { name: "Skift adgangskode" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Velkommen, Tove Testesen");
  await expect(page.getByText("Adgangskoden er skiftet")).toBeVisible();
});

test("the citizen's timeline and audit trail show words and names, never codes or ids", async ({
  browser,
}) => {
  // The coordinator's citizen whose timeline has the most kinds of event (placements, volunteer referrals …).
  const coordinator = await newPage(browser, { width: 1280, height: 800 });
  await login(coordinator, "koordinator");
  const caseload = (await (await coordinator.request.get("/api/courses/caseload")).json()) as {
    citizen: { id: string };
  }[];
  let best = { citizenId: "", kinds: 0 };
  for (const c of caseload.slice(0, 25)) {
    const entries = (await (
      await coordinator.request.get(`/api/citizens/${c.citizen.id}/timeline?limit=200`)
    ).json()) as { code: string }[];
    const kinds = new Set(entries.map((e) => e.code)).size;
    if (kinds > best.kinds) best = { citizenId: c.citizen.id, kinds };
  }
  expect(best.kinds).toBeGreaterThan(3);
  await coordinator.goto(`/borgere/${best.citizenId}`);
  await expect(coordinator.getByTestId("timeline").locator("li").first()).toBeVisible();
  await expectNoRawCodes(coordinator, "timeline");
  await expectNoSeriousViolations(coordinator, "citizen page with the timeline");
  await coordinator.context().close();

  // The administrator reads who looked: the coordinator's caseload search and timeline read, in words.
  const admin = await newPage(browser, { width: 1280, height: 800 });
  await login(admin, "admin");
  await admin.goto(`/borgere/${best.citizenId}/logning`);
  const trail = admin.getByRole("table", { name: "Logning" });
  await expect(trail).toBeVisible();
  await expect(
    trail.getByRole("row").filter({ hasText: "Camilla Holt" }).filter({ hasText: "Tidslinje" }).first(),
  ).toBeVisible();
  await expect(trail.getByRole("row").filter({ hasText: "Sagsstamme: Camilla Holt" }).first()).toBeVisible();
  await expectNoRawCodes(admin, "audit-trail");
  await expectNoSeriousViolations(admin, "audit trail");
  await admin.context().close();
});
