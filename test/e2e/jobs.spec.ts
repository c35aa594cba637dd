/**
 * "Planlagte job" (issue 13, decision 0094): the administrator reaches it from the administration's
 * tabs and sees each scheduled job with its schedule in words and its counts, on a desktop and on
 * a 360 px phone, without serious accessibility violations. Other roles have no such tab.
 */
import { expect, test } from "@playwright/test";
import { PHONE, expectNoHorizontalOverflow, expectNoSeriousViolations, login, newPage } from "./support";

test("the administrator sees the scheduled jobs, on a desktop and a phone", async ({ browser }) => {
  const page = await newPage(browser, { width: 1280, height: 800 });
  await login(page, "admin");
  await page.goto("/administration/organisationer");
  await page
    .getByRole("navigation", { name: "Administration" })
    .getByRole("link", { name: "Planlagte job" })
    .click();
  await expect(page).toHaveURL(/\/administration\/job$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Planlagte job");

  // The server runs the workers itself (npm start), so no warning that jobs only wait.
  await expect(page.getByRole("heading", { name: "Job", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Denne server kører ikke job" })).toHaveCount(0);
  const jobs = page.getByRole("region", { name: "Job", exact: true }).getByRole("table");
  const nightly = jobs.getByRole("row").filter({ hasText: "Opbevaringsregler: nattens kørsel" });
  await expect(nightly).toHaveCount(1);
  await expect(nightly).toContainText(/Hver dag kl\. \d\d:\d\d/);
  await expect(page.getByRole("heading", { name: "Seneste kørsler" })).toBeVisible();
  // Job content is never on the page; the error legend explains the classes shown.
  await expect(page.getByText("Jobbenes indhold vises ikke", { exact: false })).toBeVisible();
  await expectNoSeriousViolations(page, "jobs page (desktop)");

  await page.getByRole("button", { name: "Opdater" }).click();
  await expect(nightly).toHaveCount(1);
  await page.context().close();

  const phone = await newPage(browser, PHONE, true);
  await login(phone, "admin");
  await phone.goto("/administration/job");
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("Planlagte job");
  await expect(phone.getByText("Opbevaringsregler: nattens kørsel")).toBeVisible();
  await expectNoHorizontalOverflow(phone, PHONE.width);
  await expectNoSeriousViolations(phone, "jobs page (360 px)");
  await phone.context().close();
});

test("a coordinator has no jobs tab and is refused the page", async ({ page }) => {
  await login(page, "koordinator");
  await page.goto("/administration/job");
  await expect(page.getByRole("link", { name: "Planlagte job" })).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Planlagte job");
});
