/**
 * The same core on a 360 × 740 phone as a home-care worker: the mobile menu, the register and
 * the citizen page without sideways scrolling, and no "Vis CPR" for this role.
 */
import { expect, test } from "@playwright/test";
import { expectNoHorizontalOverflow, firstCitizenName, login, searchCitizen } from "./support";

const WIDTH = 360;
test.use({ viewport: { width: WIDTH, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

test("a home-care worker finds a citizen on a phone and sees only the masked CPR", async ({ page }) => {
  await page.goto("/login");
  await expectNoHorizontalOverflow(page, WIDTH);
  await login(page, "hjemmehjaelper");
  await expectNoHorizontalOverflow(page, WIDTH);

  // The desktop menu is hidden; the menu button opens the drawer.
  await expect(page.getByRole("navigation", { name: "Hovedmenu" })).toBeHidden();
  await page.getByRole("button", { name: "Menu" }).click();
  const drawer = page.getByRole("dialog", { name: "Menu" });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByText("Mette Lykke")).toBeVisible();
  await expect(drawer.getByRole("link", { name: "Administration", exact: true })).toHaveCount(0);
  await drawer.getByRole("link", { name: "Borgere", exact: true }).click();
  await expect(drawer).toBeHidden();

  await expect(page.getByRole("heading", { level: 1, name: "Borgere" })).toBeVisible();
  // A home-care worker does not register citizens.
  await expect(page.getByRole("link", { name: "Opret borger" })).toHaveCount(0);
  await expectNoHorizontalOverflow(page, WIDTH);

  const name = await firstCitizenName(page);
  await searchCitizen(page, name);
  await expect(page.getByRole("table").getByRole("link", { name }).first()).toBeVisible();
  await expectNoHorizontalOverflow(page, WIDTH);

  await page.getByRole("table").getByRole("link", { name }).first().tap();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByTestId("cpr-value")).toHaveText(/^\d{6}-XXXX$/);
  await expect(page.getByRole("button", { name: "Vis CPR" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Ret stamdata" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Logning" })).toHaveCount(0);
  await expectNoHorizontalOverflow(page, WIDTH);
});

test("the mobile menu is a keyboard trap only while open and closes with Escape", async ({ page }) => {
  await login(page, "hjemmehjaelper");
  const opener = page.getByRole("button", { name: "Menu" });
  await opener.click();
  const drawer = page.getByRole("dialog", { name: "Menu" });
  await expect(drawer.getByRole("button", { name: "Luk" })).toBeFocused();
  for (let i = 0; i < 8; i++) await page.keyboard.press("Tab");
  expect(await drawer.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await expect(opener).toBeFocused();
});
