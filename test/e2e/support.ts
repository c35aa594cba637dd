/** Shared steps of the browser journeys: demo logins and small assertions. */
import AxeBuilder from "@axe-core/playwright";
import { type Browser, type Page, expect, test } from "@playwright/test";

/** Every demo user has this password (src/server/seed/demo.ts); the data are fictitious. */
export const DEMO_PASSWORD = "broen-demo-2026";

export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Brugernavn").fill(username);
  await page.getByLabel("Adgangskode").fill(password);
  await page.getByRole("button", { name: "Log ind" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** The page must not scroll sideways (a phone user never pans horizontally). */
export async function expectNoHorizontalOverflow(page: Page, width: number): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(scrollWidth, `page is ${scrollWidth}px wide at a ${width}px viewport`).toBeLessThanOrEqual(width);
}

/** Name of the first citizen in the register's current list. */
export async function firstCitizenName(page: Page): Promise<string> {
  const link = page.getByRole("table").getByRole("link").first();
  await expect(link).toBeVisible();
  return (await link.textContent())!.trim();
}

export async function searchCitizen(page: Page, q: string): Promise<void> {
  await page.getByRole("searchbox", { name: "Søg efter borger" }).fill(q);
  await page.getByRole("button", { name: "Søg", exact: true }).click();
  // The term is sent in a POST body and kept in history state, never in the URL (issue 18.8).
  await expect(page).toHaveTitle(new RegExp(`: ${q.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  expect(page.url()).not.toContain("q=");
  // The previous result stays (dimmed, aria-busy) until the new one has arrived.
  await expect(page.locator("[aria-busy=true]")).toHaveCount(0);
}

export const PHONE = { width: 360, height: 740 };

/** axe-core on the page once it has settled: no serious or critical violation, each one named. */
export async function expectNoSeriousViolations(page: Page, label: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoSeriousViolationsNow(page, label);
}

/**
 * The same scan without waiting for the network to go idle or for a level-1 heading: offline the
 * idle never comes, and a page may show only its "no connection" message.
 */
export async function expectNoSeriousViolationsNow(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`)
    .join("\n");
  expect(serious, `${label}:\n${report}`).toEqual([]);
}

/** A page in a context of its own (axe needs one from browser.newContext()), Danish and in Copenhagen time. */
export async function newPage(
  browser: Browser,
  viewport: { width: number; height: number },
  mobile = false,
): Promise<Page> {
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    viewport,
    locale: "da-DK",
    timezoneId: "Europe/Copenhagen",
    isMobile: mobile,
    hasTouch: mobile,
    // As playwright.config.ts's `use`, which browser.newContext() does not read.
    serviceWorkers: "block",
  });
  return context.newPage();
}
