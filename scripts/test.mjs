// `npm test`: typecheck, lint, format, architecture, unit tests, API tests on PGlite (and on PostgreSQL when
// TEST_DATABASE_URL is set), web build, browser tests. Every step runs even when an earlier
// one fails, so one run shows everything; the last line is "N passed, N failed" (CI reads it).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const RESULTS = ".tmp/results";
rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });

const bin = (name) => `node_modules/.bin/${name}`;
const steps = [];

function run(name, cmd, args, env = {}, countFrom = null) {
  const started = Date.now();
  process.stdout.write(`\n=== ${name} ===\n`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const ok = r.status === 0;
  let passed = 0;
  let failed = 0;
  if (countFrom && existsSync(countFrom.file)) {
    ({ passed, failed } = countFrom.parse(JSON.parse(readFileSync(countFrom.file, "utf8"))));
  }
  // A step that failed without failing tests (crash, type error, lint) counts as one failure.
  if (!ok && failed === 0) failed = 1;
  if (!countFrom && ok) passed = 1;
  steps.push({ name, ok, passed, failed, seconds: Math.round((Date.now() - started) / 1000) });
}

const vitestCounts = (file) => ({
  file,
  parse: (j) => ({
    passed: j.numPassedTests ?? 0,
    failed: (j.numFailedTests ?? 0) + (j.numRuntimeErrorTestSuites ?? 0),
  }),
});
const vitest = (project, out) => [
  "run",
  "--project",
  project,
  "--reporter=default",
  "--reporter=json",
  `--outputFile=${RESULTS}/${out}.json`,
];

run("typecheck", bin("tsc"), ["-p", "."]);
run("lint", bin("eslint"), [".", "--max-warnings=0"]);
run("format (prettier)", bin("prettier"), ["--check", ".", "--log-level", "warn"]);
run("architecture (dependency-cruiser)", bin("depcruise"), [
  "src",
  "bench",
  "scripts",
  "--config",
  ".dependency-cruiser.cjs",
]);
// --coverage: the policy module's coverage thresholds (vitest.config.ts) fail this step when unmet.
run(
  "unit tests",
  bin("vitest"),
  [...vitest("unit", "unit"), "--coverage"],
  {},
  vitestCounts(`${RESULTS}/unit.json`),
);
run(
  "API tests (PGlite)",
  bin("vitest"),
  vitest("api", "api-pglite"),
  { TEST_DB: "pglite" },
  vitestCounts(`${RESULTS}/api-pglite.json`),
);
if (process.env.TEST_DATABASE_URL) {
  run(
    "API tests (PostgreSQL)",
    bin("vitest"),
    vitest("api", "api-postgres"),
    { TEST_DB: "postgres" },
    vitestCounts(`${RESULTS}/api-postgres.json`),
  );
} else {
  process.stdout.write("\n(TEST_DATABASE_URL is not set: the API tests ran on PGlite only.)\n");
}
run("web build", "node", ["scripts/build-web.mjs"]);
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (existsSync(chromium)) {
  run(
    "browser tests (Chromium)",
    bin("playwright"),
    ["test"],
    {},
    {
      file: `${RESULTS}/e2e.json`,
      parse: (j) => ({
        passed: (j.stats?.expected ?? 0) + (j.stats?.flaky ?? 0),
        failed: j.stats?.unexpected ?? 0,
      }),
    },
  );
} else {
  process.stdout.write(
    `\n${chromium} is missing: install it with "apt-get install -y chromium" (the browser tests need it).\n`,
  );
  steps.push({ name: "browser tests (Chromium)", ok: false, passed: 0, failed: 1, seconds: 0 });
}

process.stdout.write("\n=== summary ===\n");
for (const s of steps)
  process.stdout.write(
    `${s.ok ? "ok  " : "FAIL"} ${s.name.padEnd(28)} ${s.passed} passed, ${s.failed} failed (${s.seconds} s)\n`,
  );
const passed = steps.reduce((a, s) => a + s.passed, 0);
const failed = steps.reduce((a, s) => a + s.failed, 0);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(steps.every((s) => s.ok) ? 0 : 1);
