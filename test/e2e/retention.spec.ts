/**
 * "Opbevaring og sletning" (issue 13 points 4 and 6): the administrator reaches the retention rules
 * from the administration's tabs, reads each rule's period and legal basis, previews what a rule
 * would do (counts, no names), changes a period, runs a rule through the job queue and sees what
 * the run did and the deletion record it left — on a desktop and on a 360 px phone, without serious
 * accessibility violations. Other roles have no such tab.
 */
import { expect, test } from "@playwright/test";
import { PHONE, expectNoHorizontalOverflow, expectNoSeriousViolations, login, newPage } from "./support";

test("the administrator reads, previews, changes and runs the retention rules", async ({ browser }) => {
  const page = await newPage(browser, { width: 1280, height: 800 });
  await login(page, "admin");
  await page.goto("/administration/organisationer");
  await page
    .getByRole("navigation", { name: "Administration" })
    .getByRole("link", { name: "Opbevaring" })
    .click();
  await expect(page).toHaveURL(/\/administration\/opbevaring$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Opbevaring og sletning");

  // Each rule: its period in years or days, what starts it, and the legal basis beside it.
  const courses = page.getByRole("region", { name: "Afsluttede forløb anonymiseres" });
  await expect(courses).toContainText("5 år efter");
  await expect(courses).toContainText("databeskyttelsesrådgiver");
  await courses.getByText("Retsgrundlag").click();
  await expect(courses.getByText(/art\. 5, stk\. 1, litra e/)).toBeVisible();
  const referrals = page.getByRole("region", { name: /Henvisninger fra den offentlige formular/ });
  await expect(referrals).toContainText("90 dage efter");

  // A preview says how many, never who.
  await courses.getByRole("button", { name: "Vis hvad der ville ske" }).click();
  const preview = courses.getByRole("region", { name: "Hvis reglen kørte nu" });
  await expect(preview).toContainText(/\d+ borger(e)? ville blive anonymiseret/);
  await expect(preview).toContainText("aldrig navne");
  await expectNoSeriousViolations(page, "retention page (desktop)");
  await preview.getByRole("button", { name: "Skjul forhåndsvisningen" }).click();

  // A new period: refused below the kind's minimum, saved within it.
  const stored = page.getByRole("region", { name: "Gemte svar til gentagne indsendelser fjernes" });
  await stored.getByRole("button", { name: "Ret regel" }).click();
  await expect(stored.getByLabel("Periode")).toBeFocused();
  await stored.getByLabel("Periode").fill("0");
  await stored.getByRole("button", { name: "Gem" }).click();
  await expect(stored.getByText("Perioden ligger uden for det tilladte").first()).toBeVisible();
  await stored.getByLabel("Periode").fill("3");
  await stored.getByRole("button", { name: "Gem" }).click();
  await expect(stored.getByText("Reglen er gemt.")).toBeVisible();
  await expect(stored).toContainText("3 dage efter");

  // Run now (asked twice), through the job queue; the page shows what the run did.
  const sessions = page.getByRole("region", { name: "Udløbne sessioner fjernes" });
  await expect(sessions).toContainText("Har ikke kørt endnu.");
  await sessions.getByRole("button", { name: "Kør nu" }).click();
  await sessions.getByRole("button", { name: "Ja, kør nu" }).click();
  await expect(sessions.getByText("Kørslen er sat i gang.", { exact: false })).toBeVisible();
  await expect(sessions).toContainText(/Gennemført .*startet af .*\d+ af \d+ forfaldne rækker slettet/, {
    timeout: 30_000,
  });
  await expect(page.getByRole("heading", { name: "Sletninger og anonymiseringer" })).toBeVisible();
  await page.context().close();

  const phone = await newPage(browser, PHONE, true);
  await login(phone, "admin");
  await phone.goto("/administration/opbevaring");
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("Opbevaring og sletning");
  await expect(
    phone.getByRole("heading", { name: "Revisionsspor (hvem har læst og ændret) slettes" }),
  ).toBeVisible();
  await phone
    .getByRole("region", { name: "Afsluttede forløb anonymiseres" })
    .getByRole("button", { name: "Ret regel" })
    .click();
  await expect(phone.getByLabel("Bekræftelse ved mere end (procent af borgerne)")).toBeVisible();
  await expectNoHorizontalOverflow(phone, PHONE.width);
  await expectNoSeriousViolations(phone, "retention page (360 px)");
  await phone.context().close();
});

test("a coordinator has no retention tab and is refused the page", async ({ page }) => {
  await login(page, "koordinator");
  await page.goto("/administration/opbevaring");
  await expect(page.getByRole("link", { name: "Opbevaring" })).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Opbevaring og sletning");
});
