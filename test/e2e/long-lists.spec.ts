/**
 * Issue 17.4 on a 360 × 740 phone: long lists are navigable. An administrator opens a citizen's
 * "Logning" after 55 looks at the citizen: the last 30 days, newest first, 50 a page, with "Viser
 * 1–50 af N"; pages to page 2 (the page is in the URL, so back and reload work) and widens the
 * period. The sent referrals open with the open ones and a status filter. axe on each.
 */
import { expect, test } from "@playwright/test";
import {
  PHONE,
  expectNoHorizontalOverflow,
  expectNoSeriousViolations,
  firstCitizenName,
  login,
} from "./support";

test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

test("an administrator pages through a citizen's long audit log on a phone", async ({ page }) => {
  await login(page, "admin");
  await page.goto("/borgere");
  const name = await firstCitizenName(page);
  await page.getByRole("table").getByRole("link", { name }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  const citizenId = /\/borgere\/([0-9a-f-]{36})/.exec(page.url())![1]!;

  // 55 more looks at the citizen: more than one page of the trail.
  for (let i = 0; i < 55; i++) {
    expect((await page.request.get(`/api/citizens/${citizenId}`)).status()).toBe(200);
  }

  await page.goto(`/borgere/${citizenId}/logning`);
  await expect(page.getByRole("heading", { level: 2, name: "Logning" })).toBeVisible();
  await expect(page.getByLabel("Periode")).toHaveValue("30");
  const count = page.getByTestId("showing-count");
  await expect(count).toHaveText(/^Viser 1–50 af \d+$/);
  const total = Number(/af (\d+)/.exec((await count.textContent())!)![1]);
  expect(total).toBeGreaterThan(55);
  await expect(page.getByRole("table", { name: "Logning" }).locator("tbody tr")).toHaveCount(50);
  await expectNoHorizontalOverflow(page, PHONE.width);
  await expectNoSeriousViolations(page, "audit log, page 1");

  await page
    .getByRole("navigation", { name: "Sider", exact: true })
    .getByRole("link", { name: "Næste side" })
    .click();
  await expect(page).toHaveURL(/[?&]side=2/);
  await expect(count).toHaveText(/^Viser 51–\d+ af \d+$/);
  await expect(page.getByRole("navigation", { name: "Sider", exact: true })).toContainText("Side 2 af");
  await expectNoHorizontalOverflow(page, PHONE.width);
  await expectNoSeriousViolations(page, "audit log, page 2");

  // Every look at the trail is itself a row of it, so the total grows by a few as we go.
  // Reload keeps the page; a longer period starts again at page 1 and is in the URL.
  await page.reload();
  await expect(count).toHaveText(/^Viser 51–\d+ af \d+$/);
  await page.getByLabel("Periode").selectOption("all");
  await expect(page).toHaveURL(/[?&]periode=all/);
  await expect(page).not.toHaveURL(/side=/);
  await expect(count).toHaveText(/^Viser 1–50 af \d+$/);
  // Nothing but codes in the URL: no name, no CPR. The citizen's id is a UUID, which may hold ten
  // digits in a row (…-f5132115268d): only a CPR number standing on its own counts.
  const url = decodeURIComponent(page.url());
  expect(url.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "")).not.toMatch(
    /(?<!\d)\d{6}-?\d{4}(?!\d)/,
  );
  expect(url).not.toContain(name);
});

test("a worker's sent referrals open with the open ones and filter by status", async ({ page }) => {
  await login(page, "hjemmehjaelper");
  await page.goto("/sendte-henvisninger");
  await expect(page.getByRole("heading", { level: 1, name: "Sendte henvisninger" })).toBeVisible();
  const status = page.getByLabel("Status");
  await expect(status).toHaveValue("open");
  await status.selectOption("all");
  await expect(page).toHaveURL(/[?&]status=all/);
  await expect(
    page.getByText(/^Viser 1–\d+ af \d+$|^Din organisation har ikke sendt nogen henvisninger\.$/),
  ).toBeVisible();
  await expectNoHorizontalOverflow(page, PHONE.width);
  await expectNoSeriousViolations(page, "sent referrals, all");
});
