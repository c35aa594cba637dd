/**
 * Runs before every API test file (setupFiles of the "api" project in vitest.config.ts).
 *
 * The project's two worker processes run file after file (isolate: false), so the packages under
 * node_modules — Node's own module cache — are loaded once per process. Forgetting Broen's modules
 * here makes every file import them afresh, as if it had a process of its own: counters in the
 * factories, caches, and hooks a module registers when imported (test/process/processes.ts) start
 * anew, and a vi.mock() of one file (authz-matrix mocks "fastify") does not reach the next (checked
 * with Vitest 4.1: without this reset it does). What no reset undoes is left to each file: close what
 * it opens (app, database, child processes) in afterAll, and leave process.env as it found it.
 */
import { vi } from "vitest";

vi.resetModules();
