/**
 * No layout shift from late content (issue 17 point 2): each main page of a home-care worker, a
 * coordinator and an administrator, loaded cold at 360 px and on a desktop, keeps what is on the
 * screen where it was drawn while its chunks and data arrive. Measured as the browser does (the
 * Layout Instability API, shifts without recent input) over the whole load, until the network is
 * idle and a moment after; the target is the "good" CLS of Web Vitals, < 0.1. The elements that
 * moved are named in the message when a page fails.
 */
import { type Browser, type Page, expect, test } from "@playwright/test";
import { DEMO_PASSWORD, PHONE } from "./support";

declare global {
  interface Window {
    __shifts?: Array<{ value: number; moved: string[] }>;
  }
}

const VIEWPORTS = [
  { name: "telefon", viewport: PHONE, mobile: true },
  { name: "desktop", viewport: { width: 1280, height: 800 }, mobile: false },
];

/** A context logged in as the user (the API login, so no page is loaded before the measured ones). */
async function contextAs(
  browser: Browser,
  username: string | null,
  view: (typeof VIEWPORTS)[number],
): Promise<Page> {
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    viewport: view.viewport,
    isMobile: view.mobile,
    hasTouch: view.mobile,
    locale: "da-DK",
    timezoneId: "Europe/Copenhagen",
  });
  // Before any script of the page: buffered shifts from the very first paint on.
  await context.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<
        PerformanceEntry & { value: number; hadRecentInput: boolean; sources: Array<{ node?: Node | null }> }
      >) {
        if (entry.hadRecentInput) continue;
        const moved = entry.sources.map((s) => {
          const el = s.node instanceof Element ? s.node : s.node?.parentElement;
          return el ? `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}` : "?";
        });
        window.__shifts!.push({ value: entry.value, moved });
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
  const page = await context.newPage();
  if (username) {
    const res = await page.request.post("/api/auth/login", {
      data: { username, password: DEMO_PASSWORD },
    });
    expect(res.ok(), `login as ${username}`).toBe(true);
  }
  return page;
}

async function expectStableLoad(page: Page, path: string, label: string): Promise<void> {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Henter" })).toHaveCount(0);
  // A settle after the last answer: fonts and images drawn, effects run.
  await page.waitForTimeout(300);
  const shifts = await page.evaluate(() => window.__shifts ?? []);
  const cls = shifts.reduce((sum, s) => sum + s.value, 0);
  const moved = shifts.map((s) => `${s.value.toFixed(3)}: ${s.moved.join(", ")}`).join("\n  ");
  expect(cls, `${label} ${path}: CLS ${cls.toFixed(3)}\n  ${moved}`).toBeLessThan(0.1);
}

/** The id of the first item an API list answers (to visit a citizen and a course page). */
async function firstId(page: Page, url: string): Promise<string> {
  const res = await page.request.get(url);
  expect(res.ok(), url).toBe(true);
  const body = (await res.json()) as Array<{ id: string }> | { items: Array<{ id: string }> };
  const items = Array.isArray(body) ? body : body.items;
  expect(items.length, `${url} has an item`).toBeGreaterThan(0);
  return items[0]!.id;
}

for (const view of VIEWPORTS) {
  test(`pages keep their layout while they load (${view.name})`, async ({ browser }) => {
    const anonymous = await contextAs(browser, null, view);
    await expectStableLoad(anonymous, "/login", "login");
    await anonymous.context().close();

    const worker = await contextAs(browser, "hjemmehjaelper", view);
    const citizen = await firstId(worker, "/api/citizens");
    for (const path of ["/", "/min-dag", "/borgere", `/borgere/${citizen}`])
      await expectStableLoad(worker, path, "hjemmehjælper");
    await worker.context().close();

    const coordinator = await contextAs(browser, "koordinator", view);
    const course = await firstId(coordinator, "/api/courses/caseload");
    for (const path of ["/", "/forloeb", `/forloeb/${course}`, "/rapporter"])
      await expectStableLoad(coordinator, path, "koordinator");
    await coordinator.context().close();

    const admin = await contextAs(browser, "admin", view);
    await expectStableLoad(admin, "/administration/brugere", "administrator");
    await admin.context().close();
  });
}
