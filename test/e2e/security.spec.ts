/**
 * Issue 18 points 3, 9 and 15 in the browser: an administrator reads the security log (axe, and a
 * 360 px phone), and the idle-timeout warning appears on a server of its own with a 3-minute
 * timeout — an installation started empty (SEED_DEMO=false) whose first administrator comes from
 * `npm run create-admin`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "../support/ports.js";
import { PHONE, expectNoHorizontalOverflow, expectNoSeriousViolations, login, newPage } from "./support";

test("an administrator reads failed logins in the security log, also on a phone", async ({
  page,
  browser,
}) => {
  await page.goto("/login");
  await page.getByLabel("Brugernavn").fill("leder");
  await page.getByLabel("Adgangskode").fill("forkert-kode-123456");
  await page.getByRole("button", { name: "Log ind" }).click();
  await expect(page.getByRole("alert")).toBeVisible();

  await login(page, "admin");
  await page
    .getByRole("navigation", { name: "Hovedmenu" })
    .getByRole("link", { name: "Administration", exact: true })
    .click();
  await page.getByRole("link", { name: "Sikkerhedslog" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sikkerhedslog" })).toBeVisible();
  const log = page.getByRole("table", { name: "Sikkerhedshændelser" });
  await expect(
    log.getByRole("row").filter({ hasText: "Fejlet log-ind" }).filter({ hasText: "leder" }).first(),
  ).toBeVisible();
  await expect(
    log.getByRole("row").filter({ hasText: "Logget ind" }).filter({ hasText: "Karin Admin" }).first(),
  ).toBeVisible();

  await page.getByLabel("Hændelse", { exact: true }).selectOption({ label: "Fejlet log-ind" });
  await expect(page).toHaveURL(/kind=login_failed/);
  await expect(log.getByRole("row").filter({ hasText: "Logget ind" })).toHaveCount(0);
  await expectNoSeriousViolations(page, "security log");

  const phone = await newPage(browser, PHONE, true);
  await login(phone, "admin");
  await phone.goto("/administration/sikkerhedslog");
  await expect(phone.getByRole("table", { name: "Sikkerhedshændelser" })).toBeVisible();
  await expectNoHorizontalOverflow(phone, PHONE.width);
  await expectNoSeriousViolations(phone, "security log at 360 px");
  await phone.context().close();
});

test("the detection form's input survives a lost session and the way back through login; logout clears it", async ({
  page,
}) => {
  await login(page, "hjemmehjaelper");
  await page.goto("/borgere");
  await page.getByRole("table").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/borgere\/[0-9a-f-]{36}$/);
  const formUrl = `${new URL(page.url()).pathname}/opsporing`;
  await page.goto(formUrl);
  await page.getByRole("radio", { name: "T-ILS – tre spørgsmål om ensomhed" }).check();
  await page.getByLabel("Din observation").fill("Sad alene ved vinduet hele besøget");

  // The session ends (idle timeout, another tab's logout): login, and back to the form as it was.
  await page.context().clearCookies();
  await page.reload();
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel("Brugernavn").fill("hjemmehjaelper");
  await page.getByLabel("Adgangskode").fill("broen-demo-2026");
  await page.getByRole("button", { name: "Log ind" }).click();
  await expect(page).toHaveURL(new RegExp(`${formUrl}$`));
  await expect(page.getByRole("radio", { name: "T-ILS – tre spørgsmål om ensomhed" })).toBeChecked();
  await expect(page.getByLabel("Din observation")).toHaveValue("Sad alene ved vinduet hele besøget");

  await page.getByRole("button", { name: "Log af" }).first().click();
  await expect(page).toHaveURL(/\/login/);
  expect(
    await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("broen.draft:"))),
  ).toEqual([]);
});

test.describe("an installation started empty, with a 3-minute idle timeout", () => {
  let port = 0;
  const dataDir = mkdtempSync(join(tmpdir(), "broen-e2e-idle-"));
  const env = {
    ...process.env,
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    SEED_DEMO: "false",
    LOG_LEVEL: "warn",
  };
  let server: ChildProcess | null = null;

  test.beforeAll(async () => {
    port = await freePort();
    const admin = spawn(process.execPath, ["--import", "tsx", "scripts/create-admin.ts"], {
      env: {
        ...env,
        BROEN_ADMIN_MUNICIPALITY: "Tomby Kommune",
        BROEN_ADMIN_MUNICIPALITY_CODE: "0977",
        BROEN_ADMIN_USERNAME: "drift",
        BROEN_ADMIN_DISPLAY_NAME: "Dorte Drift",
        BROEN_ADMIN_PASSWORD: "Spurv-Maane-Kyst-6620",
      },
      stdio: "ignore",
    });
    expect(await new Promise((resolve) => admin.on("exit", resolve))).toBe(0);
    server = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
      env: { ...env, PORT: String(port), SESSION_IDLE_MINUTES: "3" },
      stdio: "ignore",
    });
    for (let i = 0; i < 300; i++) {
      const ready = await fetch(`http://127.0.0.1:${port}/ready`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ready) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error("the second server did not start");
  });
  test.afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((resolve) => server!.on("exit", resolve));
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("warns two minutes before the idle timeout, and Fortsæt keeps the session", async ({ page }) => {
    test.setTimeout(150_000);
    await page.goto(`http://127.0.0.1:${port}/login`);
    await page.getByLabel("Brugernavn").fill("drift");
    await page.getByLabel("Adgangskode").fill("Spurv-Maane-Kyst-6620");
    await page.getByRole("button", { name: "Log ind" }).click();
    await expect(page).not.toHaveURL(/\/login/);

    // 3 minutes idle, warned 2 minutes before: the dialog comes after about a minute.
    const dialog = page.getByRole("dialog", { name: "Er du der stadig?" });
    await expect(dialog).toBeVisible({ timeout: 90_000 });
    await expect(dialog).toContainText("Du bliver logget ud om 2 minutter på grund af inaktivitet");
    await dialog.getByRole("button", { name: "Fortsæt" }).click();
    await expect(dialog).toBeHidden();
    await expect(page).not.toHaveURL(/\/login/);
    await page.goto(`http://127.0.0.1:${port}/administration/brugere`);
    await expect(page.getByRole("heading", { level: 1, name: "Brugere" })).toBeVisible();
  });
});
