/**
 * Browser journeys in Debian's Chromium (never a downloaded browser).
 * The server runs from the built web app on a fresh embedded database in a
 * temporary folder, so every run starts from the same demo data.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { freePort } from "./test/support/ports.js";

// E2E_PORT when set; otherwise a free port chosen here, in the runner, and put in the environment
// the worker processes inherit — they load this file again and must reach the same server.
const PORT = Number(process.env.E2E_PORT || (await freePort()));
process.env.E2E_PORT = String(PORT);
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), "broen-e2e-"));
process.env.E2E_DATA_DIR = dataDir;

export default defineConfig({
  testDir: "./test/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: ".tmp/results/e2e.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: "da-DK",
    timezoneId: "Europe/Copenhagen",
    trace: "off",
    // The built app registers a service worker (decision 0107). Blocked here so each journey talks
    // to the server directly: page.route sees every request, and no test waits on a 2 MB precache.
    // Offline journeys allow it: browser.newContext({ serviceWorkers: "allow" }) or
    // test.use({ serviceWorkers: "allow" }) (test/e2e/offline-shell.spec.ts).
    serviceWorkers: "block",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    {
      name: "desktop",
      use: { ...devices["Desktop Chrome"], channel: undefined, viewport: { width: 1280, height: 800 } },
    },
  ],
  webServer: {
    command: "npx tsx src/server/main.ts",
    url: `http://127.0.0.1:${PORT}/ready`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      DATABASE_URL: "",
      LOGIN_RATE_LIMIT: "1000",
    },
  },
});
