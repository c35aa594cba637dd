/**
 * Staff who work for several municipalities (issue 15 point 4, decision 0104), on the demo: the
 * joint project's coordinator (`projektkoordinator`, Fjordby Kommune, with a membership in Sundby
 * Kommune) sees where she works in the header, switches, and sees Sundby's citizens only — on a
 * desktop and a 360 px phone. Sundby's administrator sees her as "Logger ind via Fjordby Kommune",
 * gives a Fjordby coordinator access by username (an unknown one refused first), and takes it away.
 */
import { type Page, expect, test } from "@playwright/test";
import {
  PHONE,
  expectNoHorizontalOverflow,
  expectNoSeriousViolations,
  firstCitizenName,
  login,
  newPage,
} from "./support";

/** The names of the citizens listed on the register's first page. */
async function citizenNames(page: Page): Promise<string[]> {
  await page.goto("/borgere");
  await firstCitizenName(page);
  return (await page.getByRole("table").getByRole("link").allTextContents()).map((n) => n.trim());
}

/** The switch in the header's solution line (desktop); the phone's is in the menu drawer. */
const headerSwitch = (page: Page) => page.locator(".solution-info").getByLabel("Kommune");

async function switchTo(page: Page, municipality: string, select = headerSwitch(page)) {
  await select.selectOption({ label: municipality });
  await select.locator("xpath=ancestor::form[1]").getByRole("button", { name: "Skift kommune" }).click();
  await expect(page).toHaveURL(/\/$/);
}

test("the project coordinator switches from Fjordby to Sundby and sees Sundby's citizens only", async ({
  browser,
}) => {
  const page = await newPage(browser, { width: 1280, height: 800 });
  await login(page, "projektkoordinator");
  const header = page.getByRole("banner");
  await expect(header.locator(".solution-info .authority-name")).toHaveText("Fjordby Kommune");
  await expect(headerSwitch(page)).toBeVisible();
  await expectNoSeriousViolations(page, "start page with the municipality switch");
  const fjordby = await citizenNames(page);
  expect(fjordby.some((n) => n.includes("Strandgaard"))).toBe(false);

  await switchTo(page, "Sundby Kommune");
  await expect(header.locator(".solution-info .authority-name")).toHaveText("Sundby Kommune");
  await expect(header.locator(".broen-logo-text")).toHaveText("Sundby Kommune");
  const sundby = await citizenNames(page);
  expect(sundby).toContain("Ellen Strandgaard");
  expect(sundby).toHaveLength(8);
  for (const name of fjordby) expect(sundby).not.toContain(name);
  await expectNoSeriousViolations(page, "Sundby's citizens after the switch");

  // And back: Fjordby's register again.
  await switchTo(page, "Fjordby Kommune");
  await expect(header.locator(".solution-info .authority-name")).toHaveText("Fjordby Kommune");
  expect(await citizenNames(page)).toEqual(fjordby);
  await page.context().close();
});

test("on a 360 px phone the header names the municipality and the menu switches it", async ({ browser }) => {
  const phone = await newPage(browser, PHONE, true);
  await login(phone, "projektkoordinator");
  await expect(phone.locator(".broen-logo-text")).toHaveText("Fjordby Kommune");
  await phone.getByRole("button", { name: "Menu" }).click();
  const drawer = phone.getByRole("dialog", { name: "Menu" });
  await expect(drawer.getByLabel("Kommune")).toBeVisible();
  await expectNoHorizontalOverflow(phone, PHONE.width);
  await switchTo(phone, "Sundby Kommune", drawer.getByLabel("Kommune"));
  await expect(phone.locator(".broen-logo-text")).toHaveText("Sundby Kommune");
  await expectNoHorizontalOverflow(phone, PHONE.width);
  await expectNoSeriousViolations(phone, "start page in Sundby (phone)");
  await phone.context().close();
});

test("Sundby's administrator gives a Fjordby coordinator access by username and takes it away", async ({
  browser,
}) => {
  const page = await newPage(browser, { width: 1280, height: 800 });
  await login(page, "sundby-admin");
  await expect(page.getByRole("banner").locator(".solution-info .authority-name")).toHaveText(
    "Sundby Kommune",
  );
  await page.goto("/administration/brugere");
  await expect(page.getByRole("heading", { level: 1, name: "Brugere" })).toBeVisible();
  const joint = page.getByRole("row").filter({ hasText: "Birgitte Fælled" });
  await expect(joint).toContainText("Logger ind via Fjordby Kommune");
  await expect(joint.getByRole("button", { name: /Nulstil adgangskode/ })).toHaveCount(0);

  await page.getByRole("button", { name: "Tilføj medarbejder fra en anden kommune" }).click();
  await expect(page.getByRole("heading", { name: "Tilføj medarbejder fra en anden kommune" })).toBeVisible();
  await expect(page.getByLabel(/adgangskode/i)).toHaveCount(0);
  await page.getByLabel("Navn", { exact: true }).fill("Jonas Bro");
  await page.getByLabel("Brugernavn i den anden kommune").fill("ingen.saadan.bruger");
  await page.getByLabel("Rolle").selectOption({ label: "Fællesskabskoordinator" });
  await page.getByLabel("Organisation").selectOption({ label: "Fællesskab Sundby" });
  await page.getByRole("button", { name: "Giv adgang" }).click();
  await expect(page.getByText("Ingen aktiv medarbejder har det brugernavn.").first()).toBeVisible();
  await expectNoSeriousViolations(page, "membership form with an unknown username");

  await page.getByLabel("Brugernavn i den anden kommune").fill("koordinator2");
  await page.getByRole("button", { name: "Giv adgang" }).click();
  await expect(page.getByText("Jonas Bro kan nu skifte til kommunen")).toBeVisible();
  const added = page.getByRole("row").filter({ hasText: "koordinator2@998" });
  await expect(added).toContainText("Logger ind via Fjordby Kommune");

  // Jonas sees both municipalities…
  const jonas = await newPage(browser, { width: 1280, height: 800 });
  await login(jonas, "koordinator2");
  await expect(headerSwitch(jonas)).toBeVisible();
  await jonas.context().close();

  // …until Sundby takes the access away: deactivating works like for any user.
  await added.getByRole("button", { name: /Deaktiver/ }).click();
  await expect(added).toContainText("Deaktiveret");
  const again = await newPage(browser, { width: 1280, height: 800 });
  await login(again, "koordinator2");
  await expect(again.getByRole("banner").locator(".solution-info .authority-name")).toHaveText(
    "Fjordby Kommune",
  );
  await expect(again.getByLabel("Kommune")).toHaveCount(0);
  // The header says where the session works, whatever the page.
  await again.goto("/borgere");
  await expect(again.getByRole("banner").locator(".solution-info .authority-name")).toHaveText(
    "Fjordby Kommune",
  );
  await again.context().close();
  await page.context().close();
});
