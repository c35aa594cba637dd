/**
 * Issue 11 point 1 on a 360 × 740 phone: a home-care worker excludes a citizen with dementia
 * without asking the loneliness questions — a filled form, excluded, not answered — and the
 * citizen's page shows it. With an axe scan of the form in that state.
 */
import { expect, test } from "@playwright/test";
import {
  expectNoHorizontalOverflow,
  expectNoSeriousViolations,
  firstCitizenName,
  login,
  searchCitizen,
} from "./support";

const WIDTH = 360;
test.use({ viewport: { width: WIDTH, height: 740 }, isMobile: true, hasTouch: true });

test("a worker excludes a citizen with dementia without answering the questions", async ({ page }) => {
  await login(page, "hjemmehjaelper");
  await page.goto("/borgere");
  const name = await firstCitizenName(page);
  await searchCitizen(page, name);
  await page.getByRole("table").getByRole("link", { name }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await page.getByRole("link", { name: "Udfyld opsporingsskema" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Opsporingsskema" })).toBeVisible();

  await page.getByRole("radio", { name: "T-ILS – tre spørgsmål om ensomhed" }).check();
  await page.getByLabel("Borgeren er uden for målgruppen").check();
  // Without a reason the summary names the missing choice; the questions are not demanded.
  await page.getByRole("button", { name: "Gem opsporingsskema" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "Vælg en årsag" });
  await expect(summary).toBeFocused();
  await expect(summary).not.toContainText("isoleret fra andre");
  await page
    .getByRole("group", { name: "Hvorfor er borgeren uden for målgruppen?" })
    .getByRole("radio", { name: "Demens" })
    .check();
  await expectNoHorizontalOverflow(page, WIDTH);
  await expectNoSeriousViolations(page, "detection form, exclusion without answers");

  await page.getByRole("button", { name: "Gem opsporingsskema" }).click();
  const saved = page.getByTestId("screening-saved");
  await expect(saved).toBeFocused();
  await expect(saved).toContainText("Opsporingsskemaet er gemt");
  await expect(saved).toContainText("Udgår uden besvarelse");
  await expect(saved).toContainText("uden for målgruppen (Demens)");
  await expectNoHorizontalOverflow(page, WIDTH);

  await saved.getByRole("link", { name: "Til borgeren" }).click();
  await expect(page.getByTestId("screening-history")).toContainText("Udgår uden besvarelse");
});
