/**
 * Issue 6 in the browser: the manager ("leder") opens "Status og evaluering" from the main
 * menu, sees the status table with numbers and the citizens behind one of them, opens the
 * funnel and punch-card use (each a chart with its table), and downloads the Excel workbook
 * (an .xlsx is a ZIP file: it starts with "PK"). axe-core scans the report pages (no serious or
 * critical violation), and the status report fits a 360 px phone.
 */
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { PHONE, expectNoHorizontalOverflow, expectNoSeriousViolations, login, newPage } from "./support";

test("a manager reads the status report, the funnel and punch-card use, and downloads the workbook", async ({
  browser,
}) => {
  const page = await newPage(browser, { width: 1280, height: 800 });
  await login(page, "leder");
  await page
    .getByRole("navigation", { name: "Hovedmenu" })
    .getByRole("link", { name: "Status og evaluering" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Status og evaluering" })).toBeVisible();
  // This year up to today unless another period is chosen.
  await expect(page.getByRole("link", { name: "I år" })).toHaveAttribute("aria-current", "true");

  // The status table, laid out like Holstebro's: every row with a number.
  const table = page.getByTestId("status-table");
  await expect(table).toBeVisible();
  for (const row of [
    "Udfyldte opsporingsskemaer",
    "Ekskluderet fra målgruppen",
    "Skemaer hvor ensomhedsspørgsmålene er besvaret",
    "Vurderet ensomme",
    "Baseline-spørgeskemaer",
    "6-måneders spørgeskemaer",
    "Henvist til frivilligcenter",
    "Matchet",
    "Borgere i målgruppen",
    "Kommet til",
    "Gået ud",
  ]) {
    await expect(table.getByRole("rowheader", { name: row, exact: false }).first()).toBeVisible();
  }
  const filled = table.locator('tr[data-figure="formsFilled"] td').first();
  await expect(filled).toHaveText(/^\d[\d.]*/);
  const formsFilled = Number((await filled.textContent())!.match(/^[\d.]+/)![0].replace(/\./g, ""));
  expect(formsFilled).toBeGreaterThan(0);
  await expect(table.locator('tr[data-figure="assessedLonely"]')).toContainText(
    /\d+(,\d)? % af \d+ besvarede/,
  );
  await expectNoSeriousViolations(page, "status report");

  // A figure leads to the citizens behind it (a manager may see them).
  await page.getByTestId("figure-formsFilled").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Udfyldte opsporingsskemaer");
  await expect(page.getByTestId("figure-citizen-count")).toContainText(/\d+ borger/);
  await expect(page.getByRole("table").getByRole("link").first()).toBeVisible();
  await page.getByRole("link", { name: "Tilbage til status" }).click();
  await expect(page.getByTestId("status-table")).toBeVisible();

  // The funnel: a chart with a spoken summary, and its table.
  await page.getByRole("navigation", { name: "Rapporter" }).getByRole("link", { name: "Tragten" }).click();
  await expect(
    page.getByRole("heading", { level: 2, name: "Tragten: fra opsporing til deltagelse" }),
  ).toBeVisible();
  await expect(page.getByRole("img", { name: /Søjlediagram over tragten/ })).toBeVisible();
  await expect(page.getByTestId("funnel-chart").locator("svg .recharts-bar-rectangle").first()).toBeVisible();
  const funnel = page.getByRole("table", { name: "Tragten i tal" });
  await expect(funnel.getByRole("row")).toHaveCount(9);
  await expect(funnel.getByRole("rowheader", { name: /Opdaget/ })).toBeVisible();
  await expectNoSeriousViolations(page, "funnel");

  // Punch-card use: clips per kind as a chart and a table, and the distributions.
  await page
    .getByRole("navigation", { name: "Rapporter" })
    .getByRole("link", { name: "Klippekortet" })
    .click();
  await expect(page.getByRole("heading", { level: 2, name: "Brugen af klippekortet" })).toBeVisible();
  await expect(page.getByRole("img", { name: /Søjlediagram over klip pr\. slags/ })).toBeVisible();
  const kinds = page.getByRole("table", { name: "Klip pr. slags" });
  await expect(kinds.getByRole("columnheader", { name: "Bevilget" })).toBeVisible();
  await expect(kinds.getByRole("rowheader").first()).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Median" })).toBeVisible();
  await expectNoSeriousViolations(page, "punch-card use");

  // The workbook: a download whose file is an .xlsx (a ZIP file).
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Hent Excel-projektmappe" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const file = await readFile((await download.path())!);
  expect(file.subarray(0, 2).toString("latin1")).toBe("PK");

  // The evaluator's dataset is not offered to a manager.
  await expect(page.getByRole("link", { name: /pseudonymiseret datasæt/ })).toHaveCount(0);
  await page.context().close();
});

test("the status report fits a 360 px phone", async ({ browser }) => {
  const page = await newPage(browser, PHONE, true);
  await login(page, "leder");
  await page.goto("/rapporter");
  await expect(page.getByTestId("status-table")).toBeVisible();
  await expect(page.locator('tr[data-figure="formsFilled"] td').first()).toHaveText(/\d/);
  await expectNoHorizontalOverflow(page, PHONE.width);
  await page.goto("/rapporter/klippekort");
  await expect(page.getByTestId("usage-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expectNoHorizontalOverflow(page, PHONE.width);
  await page.context().close();
});
