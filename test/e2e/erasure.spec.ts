/**
 * Anonymisation and erasure (issue 13 point 5): on a citizen's data-protection page an
 * administrator sees what Broen holds per category, is asked for a reason because the citizen has
 * an open course, confirms in a step of its own and sees what was done — after which the citizen is
 * gone from the register's search. On a 360 px phone another citizen is erased. axe on the section,
 * the confirmation and the result. The citizens are made by the journey itself (fictitious CPR
 * numbers outside the demo data's birth years), so no other journey's demo citizen is touched.
 */
import { type Page, expect, test } from "@playwright/test";
import { PHONE, expectNoHorizontalOverflow, expectNoSeriousViolations, login, newPage } from "./support";

/** A citizen made by the coordinator (with an open course when asked); answers the id. */
async function coordinatorsCitizen(
  page: Page,
  person: { firstName: string; lastName: string; cpr: string },
  withCourse: boolean,
): Promise<string> {
  await login(page, "koordinator");
  const created = await page.request.post("/api/citizens", {
    data: { ...person, addressLine: "Glemmevej 3", postalCode: "7500", city: "Holstebro" },
  });
  expect(created.status(), await created.text()).toBe(201);
  const id = ((await created.json()) as { id: string }).id;
  if (withCourse) {
    const course = await page.request.post(`/api/citizens/${id}/courses`, { data: { reason: "Ensom" } });
    expect(course.status(), await course.text()).toBe(201);
  }
  await page.request.post("/api/auth/logout");
  return id;
}

test("an administrator anonymises a citizen with an open course, giving a reason and confirming", async ({
  browser,
}) => {
  const page = await newPage(browser, { width: 1280, height: 800 });
  const id = await coordinatorsCitizen(
    page,
    { firstName: "Egon", lastName: "Glemsom", cpr: "120355-0417" },
    true,
  );
  await login(page, "admin");
  await page.goto(`/borgere/${id}/databeskyttelse`);
  const section = page.getByRole("region", { name: "Anonymisering og sletning" });
  await expect(section).toBeVisible();
  await expectNoSeriousViolations(page, "data-protection page with the erasure section");

  await section.getByRole("button", { name: "Se hvad der bliver fjernet" }).click();
  await expect(section.getByRole("heading", { name: "Det har Broen om borgeren" })).toBeFocused();
  const table = section.getByRole("table", {
    name: "Borgerens oplysninger pr. kategori, og hvad der sker med dem",
  });
  await expect(table.getByRole("rowheader", { name: "Forløb", exact: true })).toBeVisible();
  await expect(section.getByRole("alert").filter({ hasText: "Borgeren har åbent arbejde" })).toBeVisible();

  // No reason while a course is open: the form says so and sends nothing.
  await section.getByRole("radio", { name: "Anonymisér borgeren" }).check();
  await section.getByRole("button", { name: "Fortsæt" }).click();
  await expect(
    page.getByText("Skriv en begrundelse, fordi borgeren har åbent arbejde.").first(),
  ).toBeVisible();
  await expect(section.getByRole("group", { name: "Bekræft anonymisering" })).toHaveCount(0);

  await section.getByLabel("Begrundelse").fill("Borgerens anmodning, aftalt med DPO");
  await section.getByRole("button", { name: "Fortsæt" }).click();
  const confirm = section.getByRole("group", { name: "Bekræft anonymisering" });
  await expect(confirm.getByRole("heading", { name: "Bekræft anonymisering" })).toBeFocused();
  await expect(confirm).toContainText("Det kan ikke fortrydes.");
  await expectNoSeriousViolations(page, "the confirmation step");
  // Cancelling writes nothing; the step can be taken again.
  await confirm.getByRole("button", { name: "Fortryd" }).click();
  await expect(confirm).toHaveCount(0);
  await section.getByRole("button", { name: "Fortsæt" }).click();
  await section.getByRole("button", { name: "Ja, anonymisér borgeren" }).click();

  await expect(section.getByRole("heading", { name: "Borgeren er anonymiseret" })).toBeVisible();
  await expect(section).toContainText("Lukket eller aflyst først: 1 forløb");
  await expect(
    section
      .getByRole("table", { name: "Det blev fjernet eller tømt for personoplysninger" })
      .getByRole("rowheader", {
        name: "Stamdata (navn, CPR-nummer, adresse, telefon)",
      }),
  ).toBeVisible();
  await expectNoSeriousViolations(page, "the result");
  // The page's heading no longer names the citizen, and the register finds them by neither name nor CPR.
  await expect(page.getByRole("heading", { level: 1 })).not.toContainText("Glemsom");
  for (const q of ["Glemsom", "120355-0417"]) {
    const found = await page.request.post("/api/citizens/search", { data: { q } });
    expect(((await found.json()) as { total: number }).total, q).toBe(0);
  }
  await page.context().close();
});

test("an administrator erases a citizen on a 360 px phone", async ({ browser }) => {
  const page = await newPage(browser, PHONE, true);
  const id = await coordinatorsCitizen(
    page,
    { firstName: "Ebba", lastName: "Udslet", cpr: "230456-0519" },
    false,
  );
  await login(page, "admin");
  await page.goto(`/borgere/${id}/databeskyttelse`);
  const section = page.getByRole("region", { name: "Anonymisering og sletning" });
  await section.getByRole("button", { name: "Se hvad der bliver fjernet" }).click();
  await expect(section.getByRole("table")).toBeVisible();
  await expect(section.getByRole("alert")).toHaveCount(0);
  await expectNoHorizontalOverflow(page, PHONE.width);
  await section.getByRole("radio", { name: "Slet borgeren helt" }).check();
  await section.getByRole("button", { name: "Fortsæt" }).click();
  await expect(section.getByRole("heading", { name: "Bekræft sletning" })).toBeFocused();
  await expectNoHorizontalOverflow(page, PHONE.width);
  await expectNoSeriousViolations(page, "the erasure confirmation on a phone");
  await section.getByRole("button", { name: "Ja, slet borgeren helt" }).click();
  await expect(section.getByRole("heading", { name: "Borgeren er slettet" })).toBeVisible();
  await expectNoHorizontalOverflow(page, PHONE.width);
  expect((await page.request.get(`/api/citizens/${id}`)).status()).toBe(404);
  await section.getByRole("link", { name: "Til borgerlisten" }).click();
  await expect(page).toHaveURL(/\/borgere$/);
  await page.context().close();
});
