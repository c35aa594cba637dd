/**
 * axe-core on every page of the foundation: no violation of impact "serious" or "critical"
 * (WCAG 2.1 A/AA rules). Each scan runs in a page from browser.newContext(), as axe needs.
 */
import AxeBuilder from "@axe-core/playwright";
import { type Browser, type Page, expect, test } from "@playwright/test";
import { firstCitizenName, login } from "./support";

async function expectNoSeriousViolations(page: Page, label: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`)
    .join("\n");
  expect(serious, `${label}:\n${report}`).toEqual([]);
}

async function newPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    viewport,
    locale: "da-DK",
    // As playwright.config.ts's `use` (which browser.newContext() does not read): no service worker.
    serviceWorkers: "block",
  });
  return context.newPage();
}

test("login page", async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto("/login");
  await expectNoSeriousViolations(page, "login");
  // The login page with its error message.
  await page.getByRole("button", { name: "Log ind" }).click();
  await expect(page.getByText("Skriv dit brugernavn.")).toBeVisible();
  await expectNoSeriousViolations(page, "login with field errors");
  await page.context().close();
});

test("start page, citizen list, citizen page and create form (coordinator)", async ({ browser }) => {
  const page = await newPage(browser);
  await login(page, "koordinator");
  await expectNoSeriousViolations(page, "start page");

  await page.goto("/borgere");
  await expectNoSeriousViolations(page, "citizen list");

  const name = await firstCitizenName(page);
  await page.getByRole("table").getByRole("link", { name }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await page.getByRole("button", { name: "Tilføj kontakt" }).click();
  await expectNoSeriousViolations(page, "citizen page with the contact form open");

  await page.getByRole("link", { name: "Ret stamdata" }).click();
  await expectNoSeriousViolations(page, "edit form");

  await page.goto("/borgere/ny");
  await expectNoSeriousViolations(page, "create form");
  await page.getByRole("button", { name: "Opret borger" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Der er problemer med formularen" })).toBeFocused();
  await expectNoSeriousViolations(page, "create form with errors");

  await page.goto("/skift-adgangskode");
  await expectNoSeriousViolations(page, "change password");
  await page.context().close();
});

test("administration pages and the audit page (administrator)", async ({ browser }) => {
  const page = await newPage(browser);
  await login(page, "admin");
  for (const [path, label] of [
    ["/administration/organisationer", "organisations"],
    ["/administration/distrikter", "districts"],
    ["/administration/brugere", "users"],
  ] as const) {
    await page.goto(path);
    await expectNoSeriousViolations(page, label);
  }
  await page.getByRole("button", { name: "Opret bruger" }).click();
  await expectNoSeriousViolations(page, "create user form");

  await page.goto("/borgere");
  const name = await firstCitizenName(page);
  await page.getByRole("table").getByRole("link", { name }).first().click();
  await page.getByRole("link", { name: "Logning" }).click();
  await expect(page.getByRole("table", { name: "Logning" })).toBeVisible();
  await expectNoSeriousViolations(page, "audit page");
  await page.context().close();
});

test("the register and the citizen page on a phone, with the menu open", async ({ browser }) => {
  const page = await newPage(browser, { width: 360, height: 740 });
  await login(page, "hjemmehjaelper");
  await page.goto("/borgere");
  await expectNoSeriousViolations(page, "citizen list at 360 px");
  await page.getByRole("button", { name: "Menu" }).click();
  await expectNoSeriousViolations(page, "mobile menu");
  await page.keyboard.press("Escape");
  const name = await firstCitizenName(page);
  await page.getByRole("table").getByRole("link", { name }).first().click();
  await expectNoSeriousViolations(page, "citizen page at 360 px");
  await page.context().close();
});
