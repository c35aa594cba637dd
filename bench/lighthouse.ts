/**
 * `npm run bench:lighthouse` — Lighthouse (mobile: a mid-range phone, simulated slow 4G) on the
 * login page, "Mine borgere i dag" and the coordinator's caseload (issue 17, "Tests"), each loaded
 * cold. Prints per page performance, accessibility, CLS and the bytes transferred, against the
 * issue's targets: performance ≥ 90 on a quiet machine, accessibility 100, CLS < 0.1, first load
 * < 300 KB. The targets are printed, never asserted: the score depends on the machine it runs on.
 *
 *   npm run bench:lighthouse [-- --runs 3 --json out-folder]
 *
 * Broen runs in this process from the built web app (dist/web, built here when stale) on a fresh
 * PGlite with the demo data; Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium) headless.
 * A page behind the login gets the demo user's session cookie as an extra request header.
 * With --runs N each page is measured N times and the median run (by performance) is printed.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { DEFAULT_WEB_DIR, buildApp } from "../src/server/app.js";
import { openDatabase } from "../src/server/db/client.js";
import { DEMO_PASSWORD, isEmpty, seedDemo } from "../src/server/seed/demo.js";

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = Number(option("runs") ?? 1);
const jsonDir = option("json");

const PAGES: Array<{ name: string; path: string; user: string | null }> = [
  { name: "Log ind", path: "/login", user: null },
  { name: "Mine borgere i dag", path: "/min-dag", user: "hjemmehjaelper" },
  { name: "Mine forløb (caseload)", path: "/forloeb", user: "koordinator" },
];

const TARGETS = {
  performance: 90,
  accessibility: 100,
  cls: 0.1,
  kb: 300,
};

execFileSync(process.execPath, ["scripts/build-web.mjs", "--if-stale"], { stdio: "inherit" });

const dataDir = mkdtempSync(join(tmpdir(), "broen-bench-lighthouse-"));
const database = await openDatabase({ dataDir });
await database.migrate();
if (await isEmpty(database.db)) await seedDemo(database.db);
const app = await buildApp({ database, webDir: DEFAULT_WEB_DIR, loginRateLimit: 1000 });
const base = await app.listen({ port: 0, host: "127.0.0.1" });

async function sessionCookie(username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("broen_session="));
  if (!res.ok || !cookie) throw new Error(`login as ${username} failed: ${res.status}`);
  return cookie.split(";")[0]!;
}

interface Result {
  performance: number;
  accessibility: number;
  cls: number;
  kb: number;
  requests: number;
  lcpMs: number;
}

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  chromeFlags: ["--headless", "--no-sandbox", "--disable-gpu"],
});

const mark = (ok: boolean) => (ok ? "OK  " : "OVER");
console.log(
  `Lighthouse (mobile, simulated throttling) on Broen ${base} · ${runs} run(s) per page · load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`,
);
console.log(
  `Targets: performance ≥ ${TARGETS.performance}, accessibility ${TARGETS.accessibility}, CLS < ${TARGETS.cls}, transferred < ${TARGETS.kb} KB\n`,
);
try {
  for (const page of PAGES) {
    const cookie = page.user ? await sessionCookie(page.user) : null;
    const results: Result[] = [];
    for (let run = 0; run < runs; run++) {
      const answer = await lighthouse(`${base}${page.path}`, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: ["performance", "accessibility"],
        ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
      });
      if (!answer) throw new Error(`no Lighthouse result for ${page.path}`);
      const { lhr } = answer;
      if (lhr.runtimeError) throw new Error(`${page.path}: ${lhr.runtimeError.message}`);
      // Behind the login the page must be the page itself, not the login it would redirect to.
      if (new URL(lhr.finalDisplayedUrl).pathname !== page.path)
        throw new Error(`${page.path} ended at ${lhr.finalDisplayedUrl}`);
      const audit = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
      results.push({
        performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
        accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
        cls: audit("cumulative-layout-shift"),
        kb: audit("total-byte-weight") / 1024,
        requests:
          (lhr.audits["network-requests"]?.details as { items?: unknown[] } | undefined)?.items?.length ?? 0,
        lcpMs: audit("largest-contentful-paint"),
      });
      if (jsonDir) {
        mkdirSync(jsonDir, { recursive: true });
        writeFileSync(
          join(jsonDir, `${page.path.slice(1).replace(/\W+/g, "-")}-${run + 1}.json`),
          answer.report as string,
        );
      }
    }
    const r = [...results].sort((a, b) => a.performance - b.performance)[Math.floor(results.length / 2)]!;
    console.log(`${page.name} (${page.path}${page.user ? `, ${page.user}` : ""})`);
    console.log(
      `  performance    ${String(r.performance).padStart(6)}        ${mark(r.performance >= TARGETS.performance)}  (LCP ${(r.lcpMs / 1000).toFixed(1)} s)`,
    );
    console.log(
      `  accessibility  ${String(r.accessibility).padStart(6)}        ${mark(r.accessibility >= TARGETS.accessibility)}`,
    );
    console.log(`  CLS            ${r.cls.toFixed(3).padStart(6)}        ${mark(r.cls < TARGETS.cls)}`);
    console.log(
      `  transferred    ${r.kb.toFixed(0).padStart(6)} KB     ${mark(r.kb < TARGETS.kb)}  (${r.requests} requests)`,
    );
  }
} finally {
  chrome.kill();
  await app.close();
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
}
