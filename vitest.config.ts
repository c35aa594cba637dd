/**
 * Two projects:
 *  - unit: pure rules (src/domain, src/shared), no database.
 *  - api:  the server through app.inject on a fresh database per test file, PGlite by default or
 *          PostgreSQL with TEST_DB=postgres and TEST_DATABASE_URL (see test/support/test-db.ts).
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
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/domain/**/*.test.ts", "src/shared/**/*.test.ts"],
          environment: "node",
          pool: "threads",
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: "api",
          include: ["src/server/**/*.test.ts", "test/**/*.test.ts"],
          exclude: ["test/e2e/**", "node_modules/**"],
          environment: "node",
          // Forks: PGlite's WASM heap and the pg pools stay apart per file and are freed when it ends.
          pool: "forks",
          maxWorkers: 2,
          globalSetup: ["test/support/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
