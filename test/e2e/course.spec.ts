/**
 * Issue 4 end to end: the coordinator accepts a referral from the inbox, goes to the course
 * it opened, records a clarification conversation from a guide (a theme, an interest, a
 * barrier, the FSIII severity) and grants 3 accompaniment clips of 60 minutes; then a
 * home-care worker on a 360 × 740 phone registers one performed accompaniment clip on that
 * citizen's course, and the card shows 2 left. Plus axe-core scans of the course page and the
 * registration form (no serious or critical violation).
 */
import { type Page, expect, test } from "@playwright/test";
import { PHONE, expectNoHorizontalOverflow, expectNoSeriousViolations, login, newPage } from "./support";

interface Referral {
  id: string;
  receiptNumber: string;
  citizen: { id: string; name: string } | null;
}

/** A new referral of a citizen without an open course, so the test depends on no other test's data. */
async function freshReferral(page: Page): Promise<Referral & { citizen: { id: string; name: string } }> {
  const res = await page.request.get("/api/referrals?status=new");
  expect(res.ok()).toBe(true);
  const referrals = ((await res.json()) as Referral[])
    .filter((r): r is Referral & { citizen: { id: string; name: string } } => r.citizen !== null)
    .reverse();
  for (const r of referrals) {
    const courses = await page.request.get(`/api/citizens/${r.citizen.id}/courses`);
    if (courses.ok() && ((await courses.json()) as { open: unknown }).open === null) return r;
  }
  throw new Error("no new referral of a citizen without an open course in the demo data");
}

test("a coordinator clarifies and grants accompaniment, a worker registers one clip on a phone, and the card shows 2 left", async ({
  browser,
}) => {
  const coordinator = await newPage(browser, { width: 1280, height: 800 });
  await login(coordinator, "koordinator");
  const referral = await freshReferral(coordinator);
  const name = referral.citizen.name;

  // The inbox → the referral → accept: the answer offers the course it opened.
  await coordinator.goto("/henvisninger");
  const card = coordinator.locator(`[data-testid="referral-card"][data-receipt="${referral.receiptNumber}"]`);
  await expect(card).toHaveCount(1);
  await card.getByRole("link", { name, exact: true }).click();
  await expect(coordinator.getByRole("heading", { level: 1 })).toContainText(name);
  await coordinator.getByRole("radio", { name: "Modtag henvisningen" }).check();
  await coordinator.getByRole("button", { name: "Gem beslutning" }).click();
  await expect(coordinator.getByRole("status").filter({ hasText: "Henvisningen er modtaget" })).toBeVisible();
  await coordinator.getByRole("link", { name: "Gå til forløbet" }).click();

  await expect(coordinator.getByRole("heading", { level: 1, name: `Forløb: ${name}` })).toBeVisible();
  await expect(coordinator.getByTestId("course-steps").locator('[aria-current="step"]')).toContainText(
    "Afklaring",
  );
  await expectNoSeriousViolations(coordinator, "course page");

  // The clarification conversation from the narrative guide.
  await coordinator.getByRole("button", { name: "Registrér samtale" }).click();
  const record = coordinator.locator("#record-panel");
  await record.getByLabel("Slags samtale").selectOption({ label: "Afklarende samtale" });
  await record.getByRole("radio", { name: "Narrativ screeningssamtale" }).check();
  await record
    .getByLabel(/Hvem er du\? Livshistorie/)
    .fill("Har boet i Fjordby hele livet, var smed. Mistede sin kone for to år siden.");
  await record.getByRole("radio", { name: "Social ensomhed" }).check();
  await record.getByRole("checkbox", { name: "Fællessang" }).check();
  await record.getByRole("checkbox", { name: "Transport til og fra" }).check();
  await expect(record.getByTestId("suggested-actions")).toContainText("Ledsagelse til og fra aktiviteten");
  await record.getByRole("radio", { name: "2 Moderate begrænsninger" }).check();
  await record.getByRole("radio", { name: /D2 Oplever begrænsninger/ }).check();
  await expectNoSeriousViolations(coordinator, "course page with the conversation form");
  await record.getByRole("button", { name: "Gem samtale" }).click();
  await expect(coordinator.getByRole("status").filter({ hasText: "Samtalen er gemt" })).toBeVisible();
  const conversation = coordinator.getByTestId("conversation").first();
  await expect(conversation).toContainText("Afklarende samtale");
  await expect(conversation).toContainText("Fællessang");
  await expect(conversation).toContainText("Transport til og fra");
  await expect(coordinator.getByTestId("condition-history")).toContainText("2 Moderate begrænsninger");

  // Three accompaniment clips of 60 minutes.
  await coordinator.getByRole("button", { name: "Bevil klip" }).click();
  const grant = coordinator.locator("#grant-panel");
  await grant.getByLabel("Klip-type").selectOption({ label: "Ledsagelse" });
  await grant.getByLabel("Antal klip").fill("3");
  await grant.getByLabel("Minutter pr. klip").fill("60");
  await grant.getByRole("button", { name: "Bevil klip" }).click();
  await expect(coordinator.getByRole("status").filter({ hasText: "Der er bevilget 3 klip" })).toBeVisible();
  const accompaniment = () =>
    coordinator.getByTestId("card-lines").getByRole("row").filter({ hasText: "Ledsagelse" });
  await expect(accompaniment().locator('td[data-title="Tilbage"]')).toHaveText(/^3 klip/);
  await expectNoSeriousViolations(coordinator, "course page with a granted card");
  await coordinator.context().close();

  // The worker, on a phone in the citizen's home: the citizen page → "Registrér klip".
  const worker = await newPage(browser, PHONE, true);
  await login(worker, "hjemmehjaelper");
  await worker.goto(`/borgere/${referral.citizen.id}`);
  await expect(worker.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(worker.getByTestId("open-course")).toContainText("Afklaring");
  await worker.getByTestId("open-course").getByRole("link", { name: "Registrér klip" }).click();
  await expect(worker.getByRole("heading", { level: 1, name: "Registrér klip" })).toBeVisible();
  await expectNoHorizontalOverflow(worker, PHONE.width);

  await expect(worker.getByRole("radio", { name: "Klippet er udført" })).toBeChecked();
  await expect(worker.getByLabel("Klip-type")).toHaveValue("accompaniment");
  await expect(worker.getByLabel("Minutter brugt")).toHaveValue("60");
  // Saving without the form of accompaniment names it in the error summary.
  await worker.getByRole("button", { name: "Registrér klip" }).click();
  await expect(worker.getByRole("alert").filter({ hasText: "Form for ledsagelse" })).toBeFocused();
  await worker.getByRole("radio", { name: "Til/fra", exact: true }).check();
  await worker.getByLabel(/Kort note/).fill("Fulgt til fællessang i kirkens sognegård.");
  await expectNoSeriousViolations(worker, "clip registration form");
  await worker.getByRole("button", { name: "Registrér klip" }).dblclick();
  await expect(worker.getByTestId("clip-saved")).toContainText("Klippet er registreret");
  await expect(worker.getByTestId("clip-saved")).toContainText("Ledsagelse: 60 minutter");
  await expectNoHorizontalOverflow(worker, PHONE.width);

  // The card: 3 granted, 1 used (stored once despite the double tap), 2 left.
  await worker.getByTestId("clip-saved").getByRole("link", { name: "Til forløbet" }).click();
  await expect(worker.getByRole("heading", { level: 1, name: `Forløb: ${name}` })).toBeVisible();
  const line = worker.getByTestId("card-lines").getByRole("row").filter({ hasText: "Ledsagelse" });
  await expect(line.locator('td[data-title="Brugt"]')).toHaveText(/^1 klip · 60 min/);
  await expect(line.locator('td[data-title="Tilbage"]')).toHaveText(/^2 klip/);
  await expect(worker.getByTestId("course-clips").getByTestId("clip")).toHaveCount(1);
  await expectNoHorizontalOverflow(worker, PHONE.width);
  await worker.context().close();
});

test("accessibility of the caseload, the managers' overview, the worker's day and calendar, and the course administration", async ({
  browser,
}) => {
  const coordinator = await newPage(browser, PHONE, true);
  await login(coordinator, "koordinator");
  await coordinator.goto("/forloeb");
  await expect(coordinator.getByRole("heading", { level: 1, name: "Mine forløb" })).toBeVisible();
  await coordinator.getByLabel("Sortér efter").selectOption({ label: "Dage i fasen (faldende)" });
  await expect(coordinator).toHaveURL(/sort=-days/);
  await expectNoHorizontalOverflow(coordinator, PHONE.width);
  await expectNoSeriousViolations(coordinator, "caseload on a phone");
  await coordinator.context().close();

  const manager = await newPage(browser, { width: 1280, height: 800 });
  await login(manager, "leder");
  await manager.goto("/forloeb/koordinatorer");
  await expectNoSeriousViolations(manager, "coordinators' caseloads");
  // A coordinator without open courses (the joint project's, from Sundby) is still named.
  await manager.getByRole("table").getByRole("link", { name: "Birgitte Fælled" }).click();
  await expect(manager.getByRole("heading", { level: 1, name: "Forløb hos Birgitte Fælled" })).toBeVisible();
  await manager.goBack();
  await manager.getByRole("table").getByRole("link", { name: "Camilla Holt" }).click();
  await expect(manager.getByRole("heading", { level: 1, name: "Forløb hos Camilla Holt" })).toBeVisible();
  await manager.getByRole("columnheader", { name: "Dage i fasen" }).getByRole("button").click();
  await expect(manager.getByRole("columnheader", { name: "Dage i fasen" })).toHaveAttribute(
    "aria-sort",
    "ascending",
  );
  await expectNoSeriousViolations(manager, "one coordinator's caseload, sorted");
  await manager.context().close();

  const worker = await newPage(browser, PHONE, true);
  await login(worker, "hjemmehjaelper");
  await worker.goto("/min-dag");
  await expect(worker.getByRole("heading", { level: 2, name: "Borgere og opgaver" })).toBeVisible();
  await expect(worker.getByRole("link", { name: /^Registrér klip hos / }).first()).toBeVisible();
  await expectNoSeriousViolations(worker, "my day with the clips of the day");
  await worker.goto("/min-kalender");
  await worker.getByRole("button", { name: /Opret kalenderadresse|Lav en ny kalenderadresse/ }).click();
  await expect(worker.getByTestId("calendar-url")).toHaveValue(/\/calendar\/[A-Za-z0-9_-]+\.ics$/);
  await expectNoHorizontalOverflow(worker, PHONE.width);
  await expectNoSeriousViolations(worker, "calendar feed shown once");
  await worker.context().close();

  const admin = await newPage(browser, { width: 1280, height: 800 });
  await login(admin, "admin");
  await admin.goto("/administration/forloeb");
  await expect(admin.getByLabel("Beskrivelse (dansk)")).not.toHaveValue("");
  await admin.locator("#policy-accompaniment-minClipMinutes").fill("200");
  await admin.getByRole("button", { name: "Gem rammen" }).click();
  await expect(
    admin.getByRole("alert").filter({ hasText: "Ledsagelse: Højst minutter pr. klip" }),
  ).toBeFocused();
  await expectNoSeriousViolations(admin, "punch-card frame with an error");
  await admin.goto("/administration/forloeb/definitioner");
  await expectNoSeriousViolations(admin, "guides and catalogues");
  await admin.goto("/administration/forloeb/timebudgetter");
  await expectNoSeriousViolations(admin, "hour budgets");
  await admin.context().close();
});
