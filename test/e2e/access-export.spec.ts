/**
 * The right of access (issue 13 point 1): an administrator opens, from the citizen's data-protection
 * page, the document of everything Broen holds about a citizen with a course — every category under
 * its heading, "Ingen oplysninger" where empty, the CPR in full, no ids — prints it (the print view
 * keeps the categories and drops the app around them), downloads the JSON file, and reads it on a
 * 360 px phone. axe on the section and the document.
 */
import { type Page, expect, test } from "@playwright/test";
import { ACCESS_EXPORT_CATEGORIES } from "../../src/shared/api/privacy-access";
import privacyDa from "../../src/web/i18n/privacy.da.json" with { type: "json" };
import { PHONE, expectNoHorizontalOverflow, expectNoSeriousViolations, login, newPage } from "./support";

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const HEADINGS = ACCESS_EXPORT_CATEGORIES.map((c) => privacyDa.access.categories[c]);

/** A demo citizen of the coordinator's caseload: one with a course, so most categories have something. */
async function citizenWithCourse(page: Page): Promise<string> {
  await login(page, "koordinator");
  const caseload = (await (await page.request.get("/api/courses/caseload")).json()) as {
    citizen: { id: string };
  }[];
  expect(caseload.length).toBeGreaterThan(0);
  await page.request.post("/api/auth/logout");
  return caseload[0]!.citizen.id;
}

test("an administrator opens, prints and downloads a citizen's access document", async ({ browser }) => {
  const page = await newPage(browser, { width: 1280, height: 800 });
  const citizenId = await citizenWithCourse(page);
  await login(page, "admin");
  await page.goto(`/borgere/${citizenId}/databeskyttelse`);
  const section = page.getByRole("region", { name: "Indsigt (artikel 15)" });
  await expect(section).toBeVisible();
  await expectNoSeriousViolations(page, "data-protection page with the access section");

  await section.getByRole("link", { name: "Vis indsigt som dokument" }).click();
  await expect(page).toHaveURL(new RegExp(`/borgere/${citizenId}/indsigt$`));
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toContainText("Oplysninger om");
  const document = page.getByTestId("access-document");
  await expect(document.getByRole("heading", { level: 2, name: "Stamdata", exact: true })).toBeVisible();
  for (const name of HEADINGS)
    await expect(document.getByRole("heading", { level: 2, name, exact: true })).toHaveCount(1);
  // A citizen with a course: the course and its coordinator are there; the CPR in full.
  const courses = document.getByRole("region", { name: "Forløb", exact: true });
  await expect(courses.getByRole("heading", { level: 3 }).first()).toBeVisible();
  await expect(document.getByText(/^\d{6}-\d{4}$/)).toBeVisible();
  // Empty categories say so rather than vanish (this citizen was never restricted).
  await expect(
    document.getByRole("region", { name: "Begrænsning af behandlingen" }).getByText("Ingen oplysninger"),
  ).toBeVisible();
  const text = await document.innerText();
  expect(text.match(UUID)?.[0] ?? null, "an id in the document").toBeNull();
  await expectNoSeriousViolations(page, "access document");

  // The print view: the document with its categories, nothing of the app around it.
  await page.emulateMedia({ media: "print" });
  for (const name of HEADINGS.slice(0, 5))
    await expect(document.getByRole("heading", { level: 2, name, exact: true })).toBeVisible();
  await expect(
    document.getByRole("heading", { level: 2, name: HEADINGS.at(-1)!, exact: true }),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Udskriv" })).toBeHidden();
  await expect(page.getByRole("link", { name: "Hent som fil (JSON)" })).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Indhold" })).toBeHidden();
  await page.emulateMedia({ media: "screen" });

  // The file: the same document as JSON, named without CPR or name, and logged as an export.
  const href = await page.getByRole("link", { name: "Hent som fil (JSON)" }).getAttribute("href");
  expect(href).toBe(`/api/citizens/${citizenId}/access-export`);
  const file = await page.request.get(href!);
  expect(file.status()).toBe(200);
  const disposition = file.headers()["content-disposition"] ?? "";
  expect(disposition).toMatch(/^attachment; filename="broen-indsigt-[\d-]+-[0-9a-f]{8}\.json"$/);
  const json = (await file.json()) as { format: string; citizen: { cpr: string; name: string } };
  expect(json.format).toBe("broen-access-export");
  expect(disposition).not.toContain(json.citizen.cpr);
  expect(disposition).not.toContain(json.citizen.name.split(" ")[0]!);
  const trail = (await (await page.request.get(`/api/citizens/${citizenId}/audit`)).json()) as {
    events: { action: string; entityType: string }[];
  };
  expect(
    trail.events.filter((e) => e.action === "export" && e.entityType === "access_export").length,
  ).toBeGreaterThan(1);
  await page.context().close();
});

test("the access document reads on a 360 px phone", async ({ browser }) => {
  const page = await newPage(browser, PHONE, true);
  const citizenId = await citizenWithCourse(page);
  await login(page, "admin");
  await page.goto(`/borgere/${citizenId}/indsigt`);
  const document = page.getByTestId("access-document");
  await expect(
    document.getByRole("heading", { level: 2, name: "Hvem har set eller ændret oplysningerne" }),
  ).toBeVisible();
  await expectNoHorizontalOverflow(page, PHONE.width);
  await expectNoSeriousViolations(page, "access document on a phone");
  await page.context().close();
});
