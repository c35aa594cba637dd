/**
 * Issue 17 point 1 on a 360 px phone: a home-care worker's day in a basement. Online the phone
 * keeps the day (decision 0108) and the app shell (decision 0107); without a signal the worker
 * opens "Mine borgere i dag", fills a detection form and registers two clips, and the screen says
 * what waits. Back online the queue sends itself: the answer to one registration is lost on the way
 * back and it is sent again with its key — stored once — and one registration, which the
 * coordinator made meanwhile, is refused with the server's reason and what to do. Logging out
 * removes the day and the queue from the phone.
 */
import { type Page, expect, request as apiRequest, test } from "@playwright/test";
import {
  DEMO_PASSWORD,
  PHONE,
  expectNoHorizontalOverflow,
  expectNoSeriousViolationsNow,
  login,
} from "./support";

test.use({ viewport: PHONE, isMobile: true, hasTouch: true, serviceWorkers: "allow" });

/** What the phone keeps, read straight from IndexedDB (src/web/offline/store.ts). */
function kept(page: Page, key: "day" | "outbox") {
  return page.evaluate(
    (k) =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open("broen-offline");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains("kept")) return resolve(undefined);
          const get = db.transaction("kept").objectStore("kept").get(k);
          get.onsuccess = () => resolve(get.result);
          get.onerror = () => reject(get.error);
        };
      }),
    key,
  );
}

const status = (page: Page) => page.getByTestId("offline-status");

test("a worker's detection form and two clips without a signal arrive once, and a refused one is explained", async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await login(page, "hjemmehjaelper");
  await page.goto("/min-dag");
  await expect(page.getByRole("heading", { level: 2, name: "Borgere og opgaver" })).toBeVisible();
  // The service worker takes the app shell; the layout keeps the day pack.
  await page.evaluate(async () => navigator.serviceWorker.ready);
  await page.reload();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null))
    .toMatch(/\/sw\.js$/);
  await expect
    .poll(async () => ((await kept(page, "day")) as { today?: string } | undefined)?.today)
    .toBeTruthy();
  // Of a citizen the phone keeps the name and the address, nothing more (no CPR number, no note).
  const day = (await kept(page, "day")) as { pack: { day: { citizens: { citizen: object }[] } } };
  for (const { citizen } of day.pack.day.citizens)
    expect(Object.keys(citizen).sort()).toEqual(["address", "id", "name"]);

  const clipLinks = page.getByRole("link", { name: /^Registrér klip hos / });
  const [first, second] = [
    (await clipLinks.nth(0).getAttribute("href"))!,
    (await clipLinks.nth(1).getAttribute("href"))!,
  ];
  const detectionCard = page
    .getByTestId("my-day-citizen")
    .filter({ has: page.locator('[data-task="detection_clip"]') })
    .first();
  const screened = (await detectionCard.getByRole("heading", { level: 3 }).textContent())!.trim();
  const screeningHref = (await detectionCard
    .getByRole("link", { name: `Udfyld opsporingsskema for ${screened}` })
    .getAttribute("href"))!;
  const citizenId = screeningHref.split("/")[2]!;
  const screeningsBefore = (
    (await (await page.request.get(`/api/citizens/${citizenId}/screenings`)).json()) as []
  ).length;

  // In the basement.
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId("kept-day")).toContainText("Vist uden forbindelse");
  await expect(status(page)).toContainText("Ingen forbindelse");
  await expect(page.getByTestId("my-day-citizen").first()).toBeVisible();
  await expectNoHorizontalOverflow(page, PHONE.width);
  await expectNoSeriousViolationsNow(page, "my day without a signal");
  // The start page opens without a signal too, with the day's first task box from the kept day.
  await page.goto("/");
  await expect(page.getByTestId("main-task")).toContainText(screened);

  await page.goto(screeningHref);
  await expect(page.getByRole("heading", { level: 1, name: "Opsporingsskema" })).toBeVisible();
  await expect(page.getByText(screened).first()).toBeVisible();
  await page.getByRole("radio", { name: "T-ILS – tre spørgsmål om ensomhed" }).check();
  const question = (text: RegExp) => page.getByRole("group", { name: text });
  await question(/isoleret fra andre/)
    .getByRole("radio", { name: "Sjældent eller næsten aldrig" })
    .check();
  await question(/savner nogen at være sammen med/)
    .getByRole("radio", { name: "Sjældent eller næsten aldrig" })
    .check();
  await question(/føler du dig udenfor/)
    .getByRole("radio", { name: "Sjældent eller næsten aldrig" })
    .check();
  await question(/Må fællesskabskoordinatoren kontakte borgeren/)
    .getByRole("radio", { name: "Nej" })
    .check();
  await page.getByRole("button", { name: "Gem opsporingsskema" }).click();
  await expect(page.getByTestId("queued-notice")).toContainText("Gemt på telefonen");
  await expect(status(page)).toContainText("1 registrering venter på forbindelse");

  for (const href of [first, second]) {
    await page.goto(href);
    await expect(page.getByRole("heading", { level: 1, name: "Registrér klip" })).toBeVisible();
    await expect(page.getByRole("radio", { name: "Klippet er udført" })).toBeChecked();
    await expect(page.getByLabel("Minutter brugt")).not.toHaveValue("");
    await expectNoHorizontalOverflow(page, PHONE.width);
    await page.getByRole("button", { name: "Registrér klip" }).dblclick();
    await expect(page.getByTestId("queued-notice")).toContainText("Gemt på telefonen");
  }
  await expect(status(page)).toContainText("3 registreringer venter på forbindelse");
  await page.getByTestId("offline-status").getByRole("link", { name: "Se registreringerne" }).click();
  await expect(page.getByTestId("outbox-entry")).toHaveCount(3);
  await expect(page.locator('[data-testid="outbox-entry"][data-state="waiting"]')).toHaveCount(3);
  await expectNoSeriousViolationsNow(page, "the queue without a signal");

  // Meanwhile the coordinator registers the second clip at the office.
  const [, , secondCourse] = second.split(/[/?]/);
  const secondClip = new URL(second, baseURL).searchParams.get("klip")!;
  const office = await apiRequest.newContext({ baseURL });
  await office.post("/api/auth/login", { data: { username: "koordinator", password: DEMO_PASSWORD } });
  const byOffice = await office.post(`/api/courses/${secondCourse}/clip-registrations`, {
    headers: { "Idempotency-Key": crypto.randomUUID() },
    data: {
      clipId: secondClip,
      kind: "accompaniment",
      accompanimentForm: "to_from_during",
      performedOn: new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Copenhagen" }),
      outcome: "done",
      actualMinutes: 60,
      note: "",
    },
  });
  expect(byOffice.status()).toBe(201);

  // The first clip's answer is lost on the way back: the server stores it, the phone hears nothing.
  const firstClip = new URL(first, baseURL).searchParams.get("klip")!;
  let lost = 0;
  await context.route("**/api/courses/*/clip-registrations", async (route) => {
    const body = route.request().postDataJSON() as { clipId?: string };
    if (body.clipId === firstClip && lost === 0) {
      lost++;
      await route.fetch();
      return route.abort("failed");
    }
    return route.continue();
  });

  await context.setOffline(false);
  // The queue sends on reconnect — the form first; the first clip's lost answer stops the round
  // with both clips waiting, and the next round (5 s later, then longer while something waits)
  // sends them again by itself.
  await expect.poll(() => lost).toBe(1);
  await expect(status(page)).toContainText("2 registreringer venter på forbindelse");
  await expect(page.locator('[data-testid="outbox-entry"][data-state="sent"]')).toHaveCount(2, {
    timeout: 20_000,
  });
  const refused = page.locator('[data-testid="outbox-entry"][data-state="refused"]');
  await expect(refused).toHaveCount(1);
  await expect(refused.getByTestId("refusal-message")).toContainText("Klippet er ikke længere planlagt");
  await expect(refused.getByRole("link", { name: "Registrér klippet igen" })).toBeVisible();
  await expect(status(page)).toContainText("1 registrering blev afvist");
  await expectNoSeriousViolationsNow(page, "the queue after sending, one refused");

  // Stored once: the first clip is done once, the form is one more screening.
  const card = (await (await page.request.get(`/api/courses/${first.split("/")[2]}/card`)).json()) as {
    clips: { id: string; status: string }[];
  };
  expect(card.clips.filter((c) => c.id === firstClip).map((c) => c.status)).toEqual(["done"]);
  const screeningsAfter = (
    (await (await page.request.get(`/api/citizens/${citizenId}/screenings`)).json()) as []
  ).length;
  expect(screeningsAfter).toBe(screeningsBefore + 1);
  // What was filled in has left the phone with the answer.
  const queue = (await kept(page, "outbox")) as { body: unknown }[];
  expect(queue.every((e) => e.body === null)).toBe(true);

  // Logging out removes the day and the queue from the phone.
  await page.getByRole("button", { name: "Menu" }).click();
  await page.getByRole("dialog", { name: "Menu" }).getByRole("button", { name: "Log af" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect(await kept(page, "day")).toBeUndefined();
  expect((await kept(page, "outbox")) ?? []).toEqual([]);
  await office.dispose();
});
