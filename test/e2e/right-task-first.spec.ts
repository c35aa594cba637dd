/**
 * The right task first (issue 17 points 3 and 5): the start page opens with each role's main task
 * (a worker's "Mine borgere i dag", a coordinator's new referrals and overdue follow-ups) in a
 * layout where the cards' titles fit at 360 px and on a desktop; on the citizen page the detection
 * and referral actions come before the history; a deep link survives the login (and only a local
 * one); the grant form starts with the frame's defaults.
 */
import { type Page, expect, test } from "@playwright/test";
import {
  DEMO_PASSWORD,
  PHONE,
  expectNoHorizontalOverflow,
  expectNoSeriousViolations,
  newPage,
} from "./support";

const DESKTOP = { width: 1280, height: 800 };

async function fillLogin(page: Page, username: string): Promise<void> {
  await page.getByLabel("Brugernavn").fill(username);
  await page.getByLabel("Adgangskode").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Log ind" }).click();
}

async function loginOn(page: Page, username: string): Promise<void> {
  await page.goto("/login");
  await fillLogin(page, username);
  await expect(page).not.toHaveURL(/\/login/);
}

/** Whether `first` comes before `second` in the document (the order a screen reader reads). */
async function comesBefore(page: Page, first: string, second: string): Promise<boolean> {
  return page.evaluate(
    ([a, b]) => {
      const x = document.querySelector(a!);
      const y = document.querySelector(b!);
      return !!x && !!y && (x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    },
    [first, second],
  );
}

/** No card's title runs out of its card (a long Danish word in a narrow column). */
async function expectCardTitlesFit(page: Page): Promise<void> {
  const overflowing = await page.$$eval(".home-card", (cards) =>
    cards
      .filter((c) => c.scrollWidth > c.clientWidth + 1)
      .map((c) => c.querySelector(".home-card-title")?.textContent ?? "?"),
  );
  expect(overflowing).toEqual([]);
}

test("a deep link survives the login, and only a local one", async ({ browser }) => {
  const page = await newPage(browser, PHONE, true);
  await page.goto("/min-dag");
  await expect(page).toHaveURL(/\/login\?next=%2Fmin-dag$/);
  await expectNoSeriousViolations(page, "login with a deep link");
  await fillLogin(page, "hjemmehjaelper");
  await expect(page).toHaveURL(/\/min-dag$/);
  await expect(page.getByRole("heading", { level: 1, name: "Mine borgere i dag" })).toBeVisible();
  await page.context().close();

  // Another site, a protocol-relative or backslash address: the login goes to the start page instead.
  for (const next of ["//evil.example/", "https://evil.example/", "/\\evil.example", "/login"]) {
    const other = await newPage(browser, DESKTOP);
    await other.goto(`/login?next=${encodeURIComponent(next)}`);
    await fillLogin(other, "hjemmehjaelper");
    await expect(other.getByRole("heading", { level: 1, name: /^Velkommen/ })).toBeVisible();
    expect(new URL(other.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
    expect(new URL(other.url()).pathname).toBe("/");
    await other.context().close();
  }
});

test("the worker's start page opens with Mine borgere i dag, on a phone and a desktop", async ({
  browser,
}) => {
  for (const [viewport, mobile] of [
    [PHONE, true],
    [DESKTOP, false],
  ] as const) {
    const page = await newPage(browser, viewport, mobile);
    await loginOn(page, "hjemmehjaelper");
    const main = page.getByTestId("main-task").first();
    await expect(main.getByRole("heading", { level: 2 })).toHaveText("Mine borgere i dag");
    await expect(main.getByText(/^\d+ borgere? i dag · \d+ opgaver?$|^Du har ingen borgere/)).toBeVisible();
    // The main task before the cards and before the account, in the document and on the screen.
    expect(await comesBefore(page, "[data-testid=main-task]", ".home-cards")).toBe(true);
    if (mobile) {
      const box = await main.boundingBox();
      expect(box!.y).toBeLessThan(viewport.height);
    }
    await expectCardTitlesFit(page);
    await expectNoHorizontalOverflow(page, viewport.width);
    await expectNoSeriousViolations(page, `worker's start page ${viewport.width}px`);
    await main.getByRole("link", { name: "Åbn Mine borgere i dag" }).click();
    await expect(page).toHaveURL(/\/min-dag$/);
    await page.context().close();
  }
});

test("the coordinator's start page opens with new referrals and overdue follow-ups", async ({ browser }) => {
  for (const [viewport, mobile] of [
    [PHONE, true],
    [DESKTOP, false],
  ] as const) {
    const page = await newPage(browser, viewport, mobile);
    await loginOn(page, "koordinator");
    const referrals = page.getByRole("region", { name: "Nye henvisninger" });
    await expect(referrals).toBeVisible();
    await expect(referrals.getByText(/nye? henvisning(er)? venter|Ingen nye henvisninger/)).toBeVisible();
    await expect(page.getByRole("region", { name: "Mine forløb" })).toBeVisible();
    expect(await comesBefore(page, "#referrals-glance-heading", "#glance-heading")).toBe(true);
    expect(await comesBefore(page, "#glance-heading", ".home-cards")).toBe(true);
    await expectCardTitlesFit(page);
    await expectNoHorizontalOverflow(page, viewport.width);
    await expectNoSeriousViolations(page, `coordinator's start page ${viewport.width}px`);
    await page.context().close();
  }
});

test("on a phone the citizen page starts with the detection and referral actions, the history last", async ({
  browser,
}) => {
  const page = await newPage(browser, PHONE, true);
  await loginOn(page, "hjemmehjaelper");
  await page.goto("/borgere");
  await page.getByRole("table").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/borgere\/[0-9a-f-]{36}$/);
  const action = page.getByRole("link", { name: "Udfyld opsporingsskema" });
  const history = page.getByRole("heading", { level: 2, name: "Screeninger og notater om ensomhed" });
  await expect(action).toBeVisible();
  await expect(history).toBeAttached();
  expect(await comesBefore(page, "#detection-heading", "#master-data-heading")).toBe(true);
  expect(await comesBefore(page, "#master-data-heading", "#detection-history-heading")).toBe(true);
  expect((await action.boundingBox())!.y).toBeLessThan((await history.boundingBox())!.y);
  await expectNoHorizontalOverflow(page, PHONE.width);
  await expectNoSeriousViolations(page, "citizen page on a phone");
  await page.context().close();
});

test("the grant form starts with the frame's clip length for the kind chosen", async ({ browser }) => {
  const page = await newPage(browser, PHONE, true);
  await loginOn(page, "koordinator");
  const res = await page.request.get("/api/courses/caseload");
  expect(res.ok()).toBe(true);
  const open = ((await res.json()) as { id: string; stage: string; paused: boolean }[]).find(
    (c) => c.stage !== "closed" && !c.paused,
  );
  expect(open, "an open course in the coordinator's demo caseload").toBeTruthy();
  await page.goto(`/forloeb/${open!.id}`);
  await page.getByRole("button", { name: "Bevil klip" }).click();
  const grant = page.locator("#grant-panel");
  // The shipped frame: conversation clips of 30 minutes (15–60), accompaniment usually 3 clips.
  await grant.getByLabel("Klip-type").selectOption({ label: "Samtale" });
  await expect(grant.getByLabel("Minutter pr. klip")).toHaveValue("30");
  await grant.getByLabel("Klip-type").selectOption({ label: "Ledsagelse" });
  // A range (30 min–3 hours) without a usual length suggests none; the clips are the usual 3 or what is left.
  await expect(grant.getByLabel("Minutter pr. klip")).toHaveValue("");
  await expect(grant.getByLabel("Antal klip")).toHaveValue(/^[0-3]?$/);
  // A value the user typed stays when the kind changes.
  await grant.getByLabel("Minutter pr. klip").fill("45");
  await grant.getByLabel("Klip-type").selectOption({ label: "Opfølgning" });
  await expect(grant.getByLabel("Minutter pr. klip")).toHaveValue("45");
  await expectNoHorizontalOverflow(page, PHONE.width);
  await expectNoSeriousViolations(page, "grant form with the frame's defaults");
  await page.context().close();
});
