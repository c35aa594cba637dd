/**
 * The citizen's letter (issue 16): the coordinator opens a course of their caseload, clicks "Udskriv
 * brev til borgeren" and receives the PDF — named by the day, no CPR in its name or URL — whose first
 * page, rendered to an image, shows the coordinator's name and phone and the punch card's clips left.
 * The same button on the citizen page's open course. A planner, who may read the course but not print
 * the letter, sees no button on either page. axe on the course and citizen pages.
 */
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { renderPdfPage } from "../support/pdf-render";
import { expectNoSeriousViolations, login, newPage } from "./support";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

test("a coordinator prints a citizen's letter from the course page", async ({ browser }) => {
  const page = await newPage(browser, { width: 1280, height: 800 });
  await login(page, "koordinator");
  const caseload = (await (await page.request.get("/api/courses/caseload")).json()) as {
    id: string;
    citizen: { id: string };
  }[];
  expect(caseload.length).toBeGreaterThan(0);
  const course = caseload[0]!;
  await page.goto(`/forloeb/${course.id}`);
  const button = page.getByRole("link", { name: "Udskriv brev til borgeren" });
  await expect(button).toBeVisible();
  await expectNoSeriousViolations(page, "course page with the letter button");
  expect(await button.getAttribute("href")).toMatch(new RegExp(`^/api/citizens/${UUID}/letter$`));

  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  expect(download.suggestedFilename()).toMatch(/^brev-\d{4}-\d{2}-\d{2}\.pdf$/);
  const pdf = await readFile((await download.path())!);
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const first = await renderPdfPage(pdf);
  expect(first.ink).toBeGreaterThan(0.01);
  expect(first.height / first.width).toBeCloseTo(297 / 210, 2);
  let text = first.text;
  for (let n = 2; n <= first.pages; n++) text += ` ${(await renderPdfPage(pdf, n)).text}`;
  expect(first.text).toContain("Din koordinator er Camilla Holt.");
  expect(first.text).toContain("Telefon: 71 82 93 04");
  expect(text).toMatch(/\d+ klip tilbage|Du har ikke fået klip endnu/);
  expect(text).not.toMatch(/\d{6}-?\d{4}/);
});

test("the coordinator finds the letter button on the citizen page too, while the course is open", async ({
  browser,
}) => {
  const page = await newPage(browser, { width: 1280, height: 800 });
  await login(page, "koordinator");
  const [course] = (await (await page.request.get("/api/courses/caseload")).json()) as {
    citizen: { id: string };
  }[];
  await page.goto(`/borgere/${course!.citizen.id}`);
  const box = page.getByTestId("open-course");
  await expect(box).toBeVisible();
  const button = box.getByRole("link", { name: "Udskriv brev til borgeren" });
  await expect(button).toBeVisible();
  expect(await button.getAttribute("href")).toBe(`/api/citizens/${course!.citizen.id}/letter`);
  await expectNoSeriousViolations(page, "citizen page with the letter button");
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  expect(download.suggestedFilename()).toMatch(/^brev-\d{4}-\d{2}-\d{2}\.pdf$/);
});

test("a planner reads the course but has no letter button", async ({ browser }) => {
  const page = await newPage(browser, { width: 1280, height: 800 });
  await login(page, "koordinator");
  const [course] = (await (await page.request.get("/api/courses/caseload")).json()) as {
    id: string;
    citizen: { id: string };
  }[];
  await page.request.post("/api/auth/logout");
  await login(page, "planlaegger");
  await page.goto(`/forloeb/${course!.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("link", { name: "Udskriv brev til borgeren" })).toHaveCount(0);
  // Nor on the citizen page, where the open course is shown.
  await page.goto(`/borgere/${course!.citizen.id}`);
  await expect(page.getByTestId("open-course")).toBeVisible();
  await expect(page.getByRole("link", { name: "Udskriv brev til borgeren" })).toHaveCount(0);
});
