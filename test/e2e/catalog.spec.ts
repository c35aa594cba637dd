/**
 * Issue 5 end to end: a coordinator opens a course of a demo citizen, records a conversation
 * with the barrier "Rollator eller kørestol" and the interest "Fællessang", finds communities —
 * the first suggestion is step-free, and no place without step-free access is suggested at all —
 * places the citizen and refers the citizen to the volunteer centre, sharing only first name,
 * interests and mobility. Then the volunteer centre's staff, on a 360 × 740 phone, see that
 * referral with only those fields and record a match with a visiting friend. Plus axe-core
 * scans (no serious or critical violation) of the catalog search, the "Find fællesskaber"
 * section and the volunteer centre's page.
 */
import { type Page, expect, test } from "@playwright/test";
import { PHONE, expectNoHorizontalOverflow, expectNoSeriousViolations, login, newPage } from "./support";

const DESKTOP = { width: 1280, height: 800 };

interface CourseSummary {
  id: string;
  stage: string;
  paused: boolean;
  citizen: { id: string; name: string };
}
interface Citizen {
  firstName: string;
  lastName: string;
  addressLine: string;
  phone: string | null;
}

/** An open course of the coordinator's with no placement and no volunteer referral yet, so no other test's data matters. */
async function freshCourse(page: Page): Promise<CourseSummary & { citizenDetail: Citizen }> {
  const res = await page.request.get("/api/courses/caseload");
  expect(res.ok()).toBe(true);
  for (const c of (await res.json()) as CourseSummary[]) {
    if (c.paused || c.stage === "closed") continue;
    const placements = await page.request.get(`/api/courses/${c.id}/placements`);
    const referrals = await page.request.get(`/api/volunteer-referrals?courseId=${c.id}`);
    if (!placements.ok() || !referrals.ok()) continue;
    if (
      ((await placements.json()) as unknown[]).length > 0 ||
      ((await referrals.json()) as unknown[]).length > 0
    )
      continue;
    const citizen = await page.request.get(`/api/citizens/${c.citizen.id}`);
    expect(citizen.ok()).toBe(true);
    return { ...c, citizenDetail: (await citizen.json()) as Citizen };
  }
  throw new Error("no open course without placements and volunteer referrals in the demo data");
}

test("a rollator user gets step-free suggestions, is placed and referred; the volunteer centre sees only the consented fields and records a match", async ({
  browser,
}) => {
  const coordinator = await newPage(browser, DESKTOP);
  await login(coordinator, "koordinator");

  // The catalog search: Danish words, results as a table on a desk.
  await coordinator.goto("/katalog");
  await expect(coordinator.getByRole("heading", { level: 1, name: "Aktivitetskatalog" })).toBeVisible();
  await coordinator.getByRole("searchbox", { name: "Søg i aktivitetskataloget" }).fill("sang");
  await coordinator.getByRole("button", { name: "Søg", exact: true }).click();
  await expect(coordinator).toHaveURL(/[?&]q=sang/);
  await expect(coordinator.getByTestId("result-count")).toHaveText(/^\d+ aktivitet/);
  await expect(coordinator.getByTestId("activity-table").getByRole("row").nth(1)).toBeVisible();
  await expectNoSeriousViolations(coordinator, "catalog search");

  const course = await freshCourse(coordinator);
  const citizen = course.citizenDetail;
  await coordinator.goto(`/forloeb/${course.id}`);
  await expect(
    coordinator.getByRole("heading", { level: 1, name: `Forløb: ${course.citizen.name}` }),
  ).toBeVisible();

  // The conversation: the citizen uses a rollator and likes community singing.
  await coordinator.getByRole("button", { name: "Registrér samtale" }).click();
  const record = coordinator.locator("#record-panel");
  await record.getByRole("checkbox", { name: "Fællessang" }).check();
  await record.getByRole("checkbox", { name: /^Rollator eller kørestol/ }).check();
  await record.getByRole("button", { name: "Gem samtale" }).click();
  await expect(coordinator.getByRole("status").filter({ hasText: "Samtalen er gemt" })).toBeVisible();

  // Find communities: the first suggestion is step-free, and so is every place suggested.
  const section = coordinator.getByTestId("find-communities");
  await section.getByRole("radio", { name: "Har et godt netværk" }).check();
  await section.getByRole("button", { name: "Find fællesskaber" }).click();
  await expect(section.getByTestId("used-barriers")).toContainText("Rollator eller kørestol");
  const first = section.getByTestId("suggestion").first();
  await expect(first).toHaveAttribute("data-place", "venue");
  await expect(first.getByTestId("suggestion-features")).toContainText("Trinfri adgang");
  await expect(first.getByTestId("reasons")).toContainText("Har det, borgeren har brug for: Trinfri adgang");
  await expect(first.getByTestId("reasons")).toContainText("Fællessang");
  const venues = section
    .getByTestId("suggestions")
    .locator('> ol > [data-testid="suggestion"][data-place="venue"]');
  const count = await venues.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++)
    await expect(venues.nth(i).getByTestId("suggestion-features")).toContainText("Trinfri adgang");
  await expectNoSeriousViolations(coordinator, "find communities with suggestions");

  // Place the citizen in the first suggestion, and move it on to "kontaktet".
  const title = (await first.getByRole("heading").getByRole("link").textContent())!.trim();
  await first.getByRole("button", { name: "Foreslå" }).click();
  await expect(first).toContainText("Placeret: Foreslået");
  const placement = section.getByTestId("placement").filter({ hasText: title });
  await expect(placement).toHaveAttribute("data-status", "suggested");
  await placement.getByRole("button", { name: "Markér som kontaktet" }).click();
  await expect(placement).toHaveAttribute("data-status", "contacted");
  await expect(placement.getByRole("link", { name: "Planlæg ledsagelse på klippekortet" })).toHaveAttribute(
    "href",
    "#course-card",
  );

  // Refer to the volunteer centre: first name, interests and mobility only.
  const message = `Besøgsven søges – gerne en, der kan synge med (${Date.now()})`;
  await section.getByRole("button", { name: "Henvis til frivilligcenter" }).click();
  const refer = section.getByTestId("refer-form");
  await refer.getByRole("checkbox", { name: "Fornavn" }).check();
  await refer.getByRole("checkbox", { name: "Interesser" }).check();
  await refer.getByRole("checkbox", { name: "Behov for at komme rundt" }).check();
  await expect(refer.getByTestId("shared-preview")).toContainText(citizen.firstName);
  await expect(refer.getByTestId("shared-preview")).toContainText("Bruger rollator eller kørestol");
  await expect(refer.getByTestId("shared-preview")).not.toContainText(citizen.lastName);
  await refer.getByLabel("Besked til frivilligcentret").fill(message);
  await refer.getByRole("button", { name: "Send henvisning" }).click();
  await expect(section.getByRole("status").filter({ hasText: "Henvisningen er sendt" })).toBeVisible();
  await expect(
    section.getByTestId("course-referrals").getByTestId("volunteer-referral").filter({ hasText: message }),
  ).toHaveAttribute("data-status", "sent");
  await coordinator.context().close();

  // The volunteer centre, on a phone: the referral with only what the citizen agreed to share.
  const volunteer = await newPage(browser, PHONE, true);
  await login(volunteer, "frivillig");
  await volunteer.getByRole("main").getByRole("link", { name: "Henvisninger til frivilligcenteret" }).click();
  await expect(
    volunteer.getByRole("heading", { level: 1, name: "Henvisninger til frivilligcenteret" }),
  ).toBeVisible();
  const card = volunteer.getByTestId("volunteer-referral").filter({ hasText: message });
  await expect(card).toHaveCount(1);
  const shared = card.getByTestId("shared-fields");
  await expect(shared).toContainText("Fornavn");
  await expect(shared).toContainText(citizen.firstName);
  await expect(shared).toContainText("Fællessang");
  await expect(shared).toContainText("Bruger rollator eller kørestol");
  await expect(card).not.toContainText(citizen.lastName);
  await expect(card).not.toContainText(citizen.addressLine);
  if (citizen.phone) await expect(card).not.toContainText(citizen.phone);
  await expect(card.getByRole("link", { name: "Gå til forløbet" })).toHaveCount(0);
  await expectNoHorizontalOverflow(volunteer, PHONE.width);
  await expectNoSeriousViolations(volunteer, "the volunteer centre's referrals on a phone");

  // Record the match: a visiting friend.
  await card.getByRole("button", { name: "Svar", exact: true }).click();
  await card.getByRole("button", { name: "Gem svar" }).click();
  await expect(volunteer.getByRole("alert").filter({ hasText: "Resultat" })).toBeFocused();
  await card.getByRole("radio", { name: "Matchet" }).check();
  await card.getByRole("radio", { name: "En besøgsven" }).check();
  await card
    .getByLabel(/Hvad er aftalt/)
    .fill("Grethe fra koret besøger borgeren torsdag, og de synger sammen.");
  await expectNoSeriousViolations(volunteer, "the answer form on a phone");
  await card.getByRole("button", { name: "Gem svar" }).click();
  await expect(card).toHaveAttribute("data-status", "matched");
  await expect(card.getByTestId("referral-answer")).toContainText("Matchet med En besøgsven");
  await expectNoHorizontalOverflow(volunteer, PHONE.width);
  await volunteer.context().close();

  // The coordinator sees the answer on the course and the municipality's share matched.
  const back = await newPage(browser, DESKTOP);
  await login(back, "koordinator");
  await back.goto("/frivillig");
  await expect(back.getByTestId("volunteer-stats")).toContainText("% matchet");
  await expect(back.getByTestId("volunteer-referral").filter({ hasText: message })).toHaveAttribute(
    "data-status",
    "matched",
  );
  await back.context().close();
});

test("accessibility of the association and activity pages, the forms, review, HSDS import errors, the printable list and small communities", async ({
  browser,
}) => {
  const phone = await newPage(browser, PHONE, true);
  await login(phone, "koordinator");
  await phone.goto("/katalog?q=strik");
  await expect(phone.getByTestId("activity-cards").getByTestId("activity-card").first()).toBeVisible();
  await expectNoHorizontalOverflow(phone, PHONE.width);
  await expectNoSeriousViolations(phone, "catalog search on a phone");
  await phone.context().close();

  const page = await newPage(browser, DESKTOP);
  await login(page, "koordinator");
  await page.goto("/katalog/foreninger");
  await expect(page.getByRole("heading", { level: 1, name: "Foreninger og organisationer" })).toBeVisible();
  await page.getByRole("table").getByRole("link").first().click();
  await expect(page.getByTestId("organisation-stats")).toBeVisible();
  await expectNoSeriousViolations(page, "association listing");
  await page.getByRole("link", { name: "Tilføj aktivitet" }).click();
  await page.getByRole("button", { name: "Opret aktivitet" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Titel: Skal udfyldes" })).toBeFocused();
  await expectNoSeriousViolations(page, "new activity with errors");

  await page.goto("/katalog/gennemgang");
  await expect(page.getByRole("heading", { level: 1, name: "Skal gennemgås" })).toBeVisible();
  await expectNoSeriousViolations(page, "review list");

  // All or nothing: an invalid row is reported with its field, and nothing is imported.
  await page.goto("/katalog/hsds");
  await page
    .getByLabel(/Eller indsæt JSON/)
    .fill(JSON.stringify({ organizations: [{ id: "not-a-uuid", name: "Prøveforening" }], services: [] }));
  await page.getByRole("button", { name: "Importér" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "intet er importeret" })).toBeVisible();
  const refused = page.getByRole("table", { name: /Rækker med fejl/ });
  await expect(refused.getByRole("row").filter({ hasText: "/id" })).toContainText("Organisation nr. 1");
  await expectNoSeriousViolations(page, "HSDS import with refused rows");

  await page.goto("/katalog/udskriv");
  await page.getByLabel("Postnumre").fill("9901");
  await page.getByRole("button", { name: "Vis listen" }).click();
  await expect(page).toHaveURL(/postnr=9901/);
  await expect(page.getByTestId("print-sheet").getByRole("heading", { level: 3 }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Udskriv" })).toBeVisible();
  await expectNoSeriousViolations(page, "printable list");

  await page.goto("/smaa-faellesskaber");
  await page.getByRole("button", { name: "Dan et lille fællesskab" }).click();
  await page.getByRole("button", { name: "Dan fællesskabet" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Vælg 2–5 deltagere" })).toBeFocused();
  await expectNoSeriousViolations(page, "small communities with the form");
  await page.context().close();
});

test("an activity's change history is shown only to roles the policy lets see it: no 'no access' box for the others", async ({
  browser,
}) => {
  // A home-care worker may look things up in the catalog but not read who edited an entry.
  const worker = await newPage(browser, DESKTOP);
  const historyRequests: string[] = [];
  worker.on("request", (r) => {
    if (r.url().includes("/api/catalog/changes")) historyRequests.push(r.url());
  });
  await login(worker, "hjemmehjaelper");
  await worker.goto("/katalog?q=strik");
  await worker.getByTestId("activity-table").getByRole("link").first().click();
  await expect(worker).toHaveURL(/\/katalog\/aktiviteter\/[0-9a-f-]{36}$/);
  const activityUrl = new URL(worker.url()).pathname;
  await expect(worker.getByRole("heading", { level: 1 })).toBeVisible();
  await worker.waitForLoadState("networkidle");
  await expect(worker.getByText(/Du har ikke adgang/)).toHaveCount(0);
  await expect(worker.getByRole("heading", { name: "Ændringer" })).toHaveCount(0);
  await expect(worker.getByTestId("catalog-history")).toHaveCount(0);
  expect(historyRequests, "the page must not ask for a history it may not show").toEqual([]);
  await expectNoSeriousViolations(worker, "activity page without the history");
  await worker.context().close();

  // The coordinator keeps the catalog and sees the history of the same activity.
  const coordinator = await newPage(browser, DESKTOP);
  await login(coordinator, "koordinator");
  await coordinator.goto(activityUrl);
  await expect(coordinator.getByRole("heading", { level: 2, name: "Ændringer" })).toBeVisible();
  await expect(coordinator.getByText(/Du har ikke adgang/)).toHaveCount(0);
  await expectNoSeriousViolations(coordinator, "activity page with the history");
  await coordinator.context().close();
});
