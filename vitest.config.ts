/**
 * Test files are named by tier:
 *  - `*.test.ts`      pure: no database, no process, no network (project "unit");
 *  - `*.int.test.ts`  integration: the server through app.inject on a fresh database per test file,
 *                     PGlite by default or PostgreSQL with TEST_DB=postgres and TEST_DATABASE_URL
 *                     (test/support/test-db.ts), or Broen's entry points as processes (project "api");
 *  - `test/e2e/*.spec.ts` the browser (Playwright, not Vitest).
 * The machine has two cores, so at most two test files run at once.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // An unhandled rejection or uncaught error anywhere fails the run (this is Vitest's default; kept explicit).
    dangerouslyIgnoreUnhandledErrors: false,
    teardownTimeout: 30_000,
    // Also when both projects run in one command.
    maxWorkers: 2,
    // Only with --coverage (`npm test` passes it to the unit project): the policy module must stay covered by
    // its unit test, one row per action and role (src/domain/access-policy.test.ts). Vitest takes coverage
    // options at the root only, not per project.
    coverage: {
      provider: "v8",
      include: ["src/domain/access-policy.ts"],
      reporter: ["text-summary"],
      reportsDirectory: ".tmp/coverage",
      thresholds: { lines: 90, statements: 90, functions: 90, branches: 90 },
    },
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "test/e2e/**", "node_modules/**"],
          environment: "node",
          pool: "threads",
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: "api",
          include: ["src/**/*.int.test.ts", "test/**/*.int.test.ts"],
          exclude: ["test/e2e/**", "node_modules/**"],
          environment: "node",
          // Two forked processes, each running file after file (isolate: false): Fastify, Drizzle, PGlite,
          // pg and zod load once per process instead of once per file (loading them per file cost ~40 % of
          // the run's CPU). Broen's own modules are loaded afresh for every file (test/support/per-file.ts),
          // so a file still sees fresh module state; each file opens and closes its own database.
          pool: "forks",
          isolate: false,
          setupFiles: ["test/support/per-file.ts"],
          maxWorkers: 2,
          globalSetup: ["test/support/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
