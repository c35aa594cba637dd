/** Shared steps of the browser journeys: demo logins and small assertions. */
import { type Page, expect } from "@playwright/test";

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
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(q).replace(/%20/g, "(\\+|%20)")}`));
  // The previous result stays (dimmed, aria-busy) until the new one has arrived.
  await expect(page.locator("[aria-busy=true]")).toHaveCount(0);
}
