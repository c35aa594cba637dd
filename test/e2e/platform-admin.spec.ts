/**
 * The platform administration (issue 15 point 3, decision 0103): on an installation started empty,
 * a platform administrator made by `npm run create-platform-admin` logs in at /platform/log-ind,
 * creates a municipality with its first administrator (a wrong code refused first), sees it in the
 * list as counts — on a desktop and a 360 px phone, without serious accessibility violations — and
 * logs out; the new administrator logs in on the staff login and must choose a new password; the
 * platform session opens no staff page.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "../support/ports.js";
import { PHONE, expectNoHorizontalOverflow, expectNoSeriousViolations, newPage } from "./support";

const PASSWORD = "Fjeld-Aabo-Lyng-3381";
let port = 0;
let server: ChildProcess | null = null;
const dataDir = mkdtempSync(join(tmpdir(), "broen-e2e-platform-"));
const env = {
  ...process.env,
  HOST: "127.0.0.1",
  DATA_DIR: dataDir,
  DATABASE_URL: "",
  SEED_DEMO: "false",
  LOG_LEVEL: "warn",
};
const at = (path: string) => `http://127.0.0.1:${port}${path}`;

test.beforeAll(async () => {
  port = await freePort();
  const create = spawn(process.execPath, ["--import", "tsx", "scripts/create-platform-admin.ts"], {
    env: {
      ...env,
      BROEN_PLATFORM_USERNAME: "drift",
      BROEN_PLATFORM_DISPLAY_NAME: "Dina Drift",
      BROEN_PLATFORM_PASSWORD: PASSWORD,
    },
    stdio: "ignore",
  });
  expect(await new Promise((resolve) => create.on("exit", resolve))).toBe(0);
  server = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    env: { ...env, PORT: String(port) },
    stdio: "ignore",
  });
  for (let i = 0; i < 300; i++) {
    const ready = await fetch(at("/ready"))
      .then((r) => r.ok)
      .catch(() => false);
    if (ready) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the platform test server did not start");
});
test.afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((resolve) => server!.on("exit", resolve));
  }
  rmSync(dataDir, { recursive: true, force: true });
});

test("a platform administrator creates a municipality and sees it as counts", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await newPage(browser, { width: 1280, height: 800 });
  await page.goto(at("/platform"));
  await expect(page).toHaveURL(/\/platform\/log-ind$/);
  await page.getByLabel("Brugernavn").fill("drift");
  await page.getByLabel("Adgangskode").fill("forkert-adgangskode");
  await page.getByRole("button", { name: "Log ind" }).click();
  await expect(page.getByText("Forkert brugernavn eller adgangskode.")).toBeVisible();
  await page.getByLabel("Adgangskode").fill(PASSWORD);
  await page.getByRole("button", { name: "Log ind" }).click();
  await expect(page).toHaveURL(/\/platform$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Platformadministration");
  await expect(page.getByText("Logget ind som Dina Drift")).toBeVisible();
  await expect(page.getByText("Der er ingen kommuner endnu.")).toBeVisible();
  await expectNoSeriousViolations(page, "platform, empty list");

  await page.getByRole("link", { name: "Opret kommune" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Opret kommune");
  await page.getByLabel("Kommunens navn").fill("Vestby Kommune");
  await page.getByLabel("Kommunekode").fill("12");
  await page.getByLabel("Brugernavn").fill("vestby-admin");
  await page.getByLabel("Fulde navn").fill("Vera Vestby");
  await page.getByLabel("Midlertidig adgangskode").fill("Vestby-Start-2026!");
  await page.getByRole("button", { name: "Opret kommune" }).click();
  // The error summary names the code; nothing is created.
  await expect(page.getByRole("link", { name: /Kommunekode/ })).toBeVisible();
  await expectNoSeriousViolations(page, "create municipality form with an error");
  await page.getByLabel("Kommunekode").fill("0977");
  await page.getByRole("button", { name: "Opret kommune" }).click();
  await expect(page.getByRole("heading", { name: "Vestby Kommune er oprettet" })).toBeVisible();
  await page.getByRole("link", { name: "Tilbage til kommunerne" }).click();

  const row = page.getByRole("table").getByRole("row").filter({ hasText: "Vestby Kommune" });
  await expect(row).toContainText("0977");
  await expect(row.getByRole("cell").nth(2)).toHaveText("1"); // one active user: the administrator
  await expectNoSeriousViolations(page, "platform, municipality list");

  // The platform session opens no staff page: the staff pages ask for a staff login.
  await page.goto(at("/borgere"));
  await expect(page).toHaveURL(/\/login/);

  await page.goto(at("/platform"));
  await page.getByRole("button", { name: "Log ud af platformadministrationen" }).click();
  await expect(page).toHaveURL(/\/platform\/log-ind$/);
  await page.goto(at("/platform"));
  await expect(page).toHaveURL(/\/platform\/log-ind$/);
  await page.context().close();

  // The new municipality's administrator logs in on the staff login and must choose a new password.
  const staff = await newPage(browser, { width: 1280, height: 800 });
  await staff.goto(at("/login"));
  await staff.getByLabel("Brugernavn").fill("vestby-admin");
  await staff.getByLabel("Adgangskode").fill("Vestby-Start-2026!");
  await staff.getByRole("button", { name: "Log ind" }).click();
  await expect(staff).toHaveURL(/\/skift-adgangskode/);
  await staff.context().close();
});

test("the platform pages work on a 360 px phone", async ({ browser }) => {
  const phone = await newPage(browser, PHONE, true);
  await phone.goto(at("/platform/log-ind"));
  await phone.getByLabel("Brugernavn").fill("drift");
  await phone.getByLabel("Adgangskode").fill(PASSWORD);
  await phone.getByRole("button", { name: "Log ind" }).click();
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("Platformadministration");
  await expect(phone.getByRole("link", { name: "Opret kommune" })).toBeVisible();
  await expectNoHorizontalOverflow(phone, PHONE.width);
  await expectNoSeriousViolations(phone, "platform list (phone)");
  await phone.goto(at("/platform/kommuner/ny"));
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("Opret kommune");
  await expectNoHorizontalOverflow(phone, PHONE.width);
  await expectNoSeriousViolations(phone, "create municipality (phone)");
  await phone.context().close();
});
