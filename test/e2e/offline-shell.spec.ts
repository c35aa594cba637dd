/**
 * The installable app shell (issue 17 point 1, decision 0107): the web app manifest and its icons,
 * a service worker that starts Broen without a network — the front page and a deep link open the
 * app instead of the browser's offline page — and the reload after a deploy removed a page's chunk.
 *
 * Service workers are blocked in the other journeys (playwright.config.ts); this context allows them.
 */
import { type Browser, type BrowserContext, type Page, expect, test } from "@playwright/test";
import { PHONE, expectNoSeriousViolationsNow, login } from "./support";

async function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: test.info().project.use.baseURL,
    viewport: PHONE,
    locale: "da-DK",
    timezoneId: "Europe/Copenhagen",
    isMobile: true,
    hasTouch: true,
    serviceWorkers: "allow",
  });
}

/** Waits until the worker is active (its precache complete), then reloads so it controls the page. */
async function controlledBy(page: Page): Promise<string> {
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  await page.reload();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null))
    .toMatch(/\/sw\.js$/);
  return scope;
}

async function expectShell(page: Page): Promise<void> {
  // Broen's own page, not Chromium's "No internet" one: index.html (lang da), the styles (DKFDS's
  // font on the body) and the app's code, which has rendered into #root. What the app shows without
  // a network (the session, the day's data) is the pages' business (decision 0108).
  expect(page.url()).not.toMatch(/^chrome-error:/);
  await expect(page.locator("html")).toHaveAttribute("lang", "da");
  await expect(page).toHaveTitle(/Broen/);
  expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain("IBM Plex Sans");
  await expect(page.locator("#root")).not.toBeEmpty();
  // Something of the app's in Danish: its header, or the waiting message while the session loads.
  await expect(page.getByRole("banner").or(page.getByRole("status")).first()).toContainText(/Broen|Henter/);
}

test("the manifest is linked, in Danish, and its icons load", async ({ browser }) => {
  const context = await phoneContext(browser);
  const page = await context.newPage();
  await page.goto("/login");
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(href).toBe("/manifest.webmanifest");

  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/^application\/manifest\+json/);
  expect(res.headers()["cache-control"]).toBe("no-cache");
  const manifest = (await res.json()) as {
    name: string;
    short_name: string;
    lang: string;
    start_url: string;
    scope: string;
    display: string;
    icons: { src: string; sizes: string; type: string; purpose?: string }[];
  };
  expect(manifest).toMatchObject({
    name: "Broen – fællesskabsklippekort",
    short_name: "Broen",
    lang: "da",
    start_url: "/",
    scope: "/",
    display: "standalone",
  });
  expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose ?? "any"}`)).toEqual(
    expect.arrayContaining(["192x192 any", "512x512 any", "512x512 maskable"]),
  );
  for (const icon of manifest.icons) {
    const image = await page.request.get(icon.src);
    expect(image.status(), icon.src).toBe(200);
    expect(image.headers()["content-type"], icon.src).toBe(icon.type);
  }
  // The PNG sizes are what the manifest says (Chromium decodes them; an install prompt checks this).
  for (const icon of manifest.icons.filter((i) => i.type === "image/png")) {
    const size = await page.evaluate(async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      return `${img.naturalWidth}x${img.naturalHeight}`;
    }, icon.src);
    expect(size, icon.src).toBe(icon.sizes);
  }
  // Chromium itself loads and parses the manifest under the page's CSP (manifest-src falls back to
  // default-src 'self'): no error, and the name it would install under.
  const cdp = await context.newCDPSession(page);
  const loaded = (await cdp.send("Page.getAppManifest")) as {
    errors: { message: string }[];
    data?: string;
  };
  expect(loaded.errors).toEqual([]);
  expect(JSON.parse(loaded.data ?? "{}")).toMatchObject({ short_name: "Broen", lang: "da" });
  const appleIcon = await page.locator('link[rel="apple-touch-icon"]').getAttribute("href");
  expect((await page.request.get(appleIcon!)).status()).toBe(200);
  await context.close();
});

test("the worker precaches the shell: no compressed copies, nothing of the APIs", async ({ request }) => {
  const sw = await request.get("/sw.js");
  expect(sw.status()).toBe(200);
  expect(sw.headers()["content-type"]).toMatch(/javascript/);
  expect(sw.headers()["cache-control"]).toBe("no-cache");
  const script = await sw.text();
  const precached = [...script.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]!);
  expect(precached).toEqual(expect.arrayContaining(["index.html", "icons/icon-192.png"]));
  expect(precached.some((url) => /^assets\/index-[^/]+\.js$/.test(url))).toBe(true);
  expect(precached.filter((url) => /\.(br|gz)$/.test(url) || /^\/?(api|fhir|scim)\b/.test(url))).toEqual([]);
});

test("without a network the front page and a deep link still open the app", async ({ browser }) => {
  const context = await phoneContext(browser);
  const page = await context.newPage();
  const blocked: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" && /Content Security Policy/i.test(msg.text())) blocked.push(msg.text());
  });
  await login(page, "hjemmehjaelper");
  await page.goto("/min-dag");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await controlledBy(page)).toMatch(/\/$/);
  // The worker's registration and the manifest are allowed by the CSP (default-src 'self').
  expect(blocked).toEqual([]);

  await context.setOffline(true);
  await page.goto("/");
  await expectShell(page);
  await page.goto("/min-dag");
  await expectShell(page);
  await page.reload();
  await expectShell(page);
  await expectNoSeriousViolationsNow(page, "min dag uden net");
  await context.close();
});

test("a page whose chunk a deploy removed reloads the app once, not in a loop", async ({ page }) => {
  // Service workers blocked (playwright.config.ts), so page.route sees the chunk's request.
  await login(page, "hjemmehjaelper");
  let loads = 0;
  page.on("load", () => loads++);
  await page.route(/\/assets\/MyDayPage-[^/]+\.js$/, (route) => route.fulfill({ status: 404, body: "" }));
  await page
    .getByRole("link", { name: /Mine borgere i dag/ })
    .first()
    .click();
  // The one reload finds the chunk missing as well: the error stays on screen, no second reload.
  await expect(page.getByRole("heading", { name: /dynamically imported module/ })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(loads).toBe(1);
  expect(await page.evaluate(() => sessionStorage.getItem("broen.staleChunkReload"))).toMatch(
    /\/assets\/index-[^/]+\.js$/,
  );
});
