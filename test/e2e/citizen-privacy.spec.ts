/**
 * Rectification history and restriction of processing (issue 13 point 2), in the browser: a planner
 * corrects a citizen's surname with a reason; on the citizen's "Databeskyttelse" tab the
 * administrator reads the correction (old → new) and restricts processing with a reason and a
 * confirmation step. The citizen page then shows the banner "Behandlingen er begrænset", the
 * planner no longer finds the citizen in the register nor opens them; the administrator finds the
 * citizen in the list of restricted citizens and lifts the restriction, after which the planner
 * finds them again. axe on the tab, the confirmation, the banner and the list; the tab on a 360 px
 * phone. The citizen is made by the journey itself (a fictitious CPR number).
 */
import { type Page, expect, test } from "@playwright/test";
import {
  PHONE,
  expectNoHorizontalOverflow,
  expectNoSeriousViolations,
  login,
  newPage,
  searchCitizen,
} from "./support";

const CITIZEN = { firstName: "Bodil", lastName: "Spærremann", cpr: "170748-0713" };

async function plannersCitizen(page: Page): Promise<string> {
  await login(page, "planlaegger");
  const created = await page.request.post("/api/citizens", {
    data: { ...CITIZEN, addressLine: "Låsevej 2", postalCode: "7500", city: "Holstebro" },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id, version } = (await created.json()) as { id: string; version: number };
  // A correction with a reason: the history keeps the surname it replaced.
  const corrected = await page.request.patch(`/api/citizens/${id}`, {
    data: { version, lastName: "Spærre", reason: "Stavefejl i efternavnet" },
  });
  expect(corrected.status(), await corrected.text()).toBe(200);
  await page.request.post("/api/auth/logout");
  return id;
}

async function plannerFinds(page: Page): Promise<boolean> {
  await page.goto("/borgere");
  await searchCitizen(page, "Spærre");
  return (await page.getByRole("link", { name: "Bodil Spærre", exact: true }).count()) > 0;
}

test("an administrator restricts a citizen's processing — banner, hidden from the register — and lifts it", async ({
  browser,
}) => {
  // Three sign-ins and four axe scans on a shared machine: more than the default minute.
  test.setTimeout(180_000);
  const page = await newPage(browser, { width: 1280, height: 800 });
  const id = await plannersCitizen(page);

  // The administrator opens the citizen and the "Databeskyttelse" tab.
  await login(page, "admin");
  await page.goto(`/borgere/${id}`);
  await page.getByRole("link", { name: "Databeskyttelse" }).click();
  await expect(page).toHaveURL(new RegExp(`/borgere/${id}/databeskyttelse$`));
  const history = page.getByRole("region", { name: "Rettelser af stamdata" });
  await expect(history).toContainText("Stavefejl i efternavnet");
  const changes = history.getByRole("table");
  await expect(changes.getByRole("rowheader", { name: "Efternavn" })).toBeVisible();
  await expect(changes).toContainText("Spærremann");
  await expect(changes).toContainText("Spærre");
  await expectNoSeriousViolations(page, "the data-protection tab");

  // Restrict: a reason, then a confirmation step of its own.
  const restriction = page.getByRole("region", { name: "Begrænsning af behandling" });
  await restriction.getByRole("button", { name: "Begræns behandlingen" }).click();
  await expect(page.getByText("Skriv en begrundelse.").first()).toBeVisible();
  await restriction.getByLabel("Begrundelse for begrænsningen").fill("Borgeren bestrider oplysningerne");
  await restriction.getByRole("button", { name: "Begræns behandlingen" }).click();
  const confirm = restriction.getByRole("group", { name: /Begræns behandlingen af/ });
  await expect(confirm.getByRole("heading")).toBeFocused();
  await expectNoSeriousViolations(page, "the restriction's confirmation");
  await confirm.getByRole("button", { name: "Ja, begræns behandlingen" }).click();
  await expect(restriction.getByRole("heading", { name: "Behandlingen er begrænset" })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Behandlingen er begrænset" })).toBeVisible();
  await expect(restriction.getByTestId("restriction-history")).toContainText("Gælder stadig");

  // The citizen page itself still opens for the administrator, with the banner.
  await page.getByRole("link", { name: "Stamdata" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Behandlingen er begrænset" })).toBeVisible();
  await expectNoSeriousViolations(page, "the citizen page with the restriction banner");
  await page.request.post("/api/auth/logout");

  // The planner no longer finds the citizen, and opening them says why.
  await login(page, "planlaegger");
  expect(await plannerFinds(page)).toBe(false);
  await expect(page.getByText("Ingen borgere matcher søgningen.")).toBeVisible();
  await page.goto(`/borgere/${id}`);
  await expect(page.getByText(/Behandlingen af borgerens oplysninger er begrænset/)).toBeVisible();
  await page.request.post("/api/auth/logout");

  // The administrator finds the citizen among the restricted ones and lifts the restriction.
  await login(page, "admin");
  await page.goto("/administration/databeskyttelse");
  const list = page.getByRole("region", { name: "Borgere med begrænset behandling" });
  await expect(list.getByRole("rowheader", { name: "Bodil Spærre" })).toBeVisible();
  await expectNoSeriousViolations(page, "the list of restricted citizens");
  await list.getByRole("link", { name: "Bodil Spærre" }).click();
  await expect(page).toHaveURL(new RegExp(`/borgere/${id}/databeskyttelse$`));
  const again = page.getByRole("region", { name: "Begrænsning af behandling" });
  await again.getByLabel("Begrundelse for at ophæve begrænsningen").fill("Oplysningerne er rettet");
  await again.getByRole("button", { name: "Ophæv begrænsningen" }).click();
  await expect(again.getByRole("heading", { name: "Begrænsningen er ophævet" })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Behandlingen er begrænset" })).toHaveCount(0);
  await expect(again.getByTestId("restriction-history")).toContainText("Oplysningerne er rettet");
  await page.request.post("/api/auth/logout");

  // Back in the register.
  await login(page, "planlaegger");
  expect(await plannerFinds(page)).toBe(true);
  await page.context().close();
});

test("the data-protection tab works on a 360 px phone", async ({ browser }) => {
  const page = await newPage(browser, PHONE, true);
  await login(page, "admin");
  const created = await page.request.post("/api/citizens", {
    data: {
      firstName: "Birte",
      lastName: "Telefonsen",
      cpr: "050649-0815",
      addressLine: "Smalle Stræde 1",
      postalCode: "7500",
      city: "Holstebro",
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id, version } = (await created.json()) as { id: string; version: number };
  await page.request.patch(`/api/citizens/${id}`, {
    data: { version, addressLine: "Brede Boulevard 100, 2. tv.", reason: "Flyttet" },
  });
  await page.goto(`/borgere/${id}/databeskyttelse`);
  await expect(page.getByRole("region", { name: "Rettelser af stamdata" }).getByRole("table")).toBeVisible();
  await expect(page.getByRole("region", { name: "Begrænsning af behandling" })).toBeVisible();
  await expectNoHorizontalOverflow(page, PHONE.width);
  await expectNoSeriousViolations(page, "the data-protection tab on a phone");
  await page.context().close();
});

test("the coordinator records that the citizen withdrew consent; the volunteer centre sees only that it ended", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await newPage(browser, { width: 1280, height: 800 });
  await login(page, "koordinator");
  const created = await page.request.post("/api/citizens", {
    data: {
      firstName: "Gudrun",
      lastName: "Fortrydsen",
      cpr: "091146-0911",
      addressLine: "Samtykkevej 7",
      postalCode: "7500",
      city: "Holstebro",
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const citizenId = ((await created.json()) as { id: string }).id;
  const opened = await page.request.post(`/api/citizens/${citizenId}/courses`, { data: { reason: "Ensom" } });
  expect(opened.status(), await opened.text()).toBe(201);
  const courseId = ((await opened.json()) as { id: string }).id;
  const orgs = (await (await page.request.get("/api/organisations")).json()) as {
    id: string;
    kind: string;
  }[];
  const centre = orgs.find((o) => o.kind === "volunteer_centre")!;
  const referred = await page.request.post(`/api/courses/${courseId}/volunteer-referrals`, {
    data: {
      toOrganisationId: centre.id,
      consentFields: ["firstName", "lastName"],
      message: "Besøgsven ønskes",
    },
  });
  expect(referred.status(), await referred.text()).toBe(201);
  const referralId = ((await referred.json()) as { id: string }).id;

  await page.goto(`/forloeb/${courseId}`);
  const card = page.getByTestId("course-referrals").locator(`[data-id="${referralId}"]`);
  await expect(card).toHaveAttribute("data-status", "sent");
  await card.getByRole("button", { name: "Borgeren har trukket samtykket tilbage" }).click();
  const confirm = card.getByRole("group", { name: /Stop delingen med/ });
  await expect(confirm.getByRole("heading")).toBeFocused();
  await expect(confirm).toContainText("ikke hvorfor");
  await expectNoSeriousViolations(page, "the withdrawal's confirmation");
  await confirm.getByRole("button", { name: "Ja, stop delingen" }).click();
  await expect(card).toHaveAttribute("data-status", "withdrawn");
  await expect(card.getByTestId("referral-ended")).toContainText("trak sit samtykke til deling tilbage");
  await expect(card.getByTestId("shared-fields")).toHaveCount(0);
  await page.request.post("/api/auth/logout");

  // The volunteer centre: the referral ended — no name, no message, no reason.
  await login(page, "frivillig");
  const seen = await page.request.get(`/api/volunteer-referrals/${referralId}`);
  expect(seen.status()).toBe(200);
  const body = await seen.text();
  for (const secret of ["Gudrun", "Fortrydsen", "Besøgsven ønskes", "samtykke"])
    expect(body).not.toContain(secret);
  await page.goto("/frivillig?status=withdrawn");
  const ended = page.locator(`[data-id="${referralId}"]`);
  await expect(ended.getByTestId("referral-ended")).toContainText("Henvisningen er afsluttet");
  await expect(ended).not.toContainText("samtykke");
  await page.context().close();
});
