/**
 * Runs once per `vitest --project api` run: builds the migrated template every test file
 * clones (test-db.ts), and removes it when the run ends.
 */
import type { TestProject } from "vitest/node";
import { createTemplate } from "./test-db.js";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { template, dispose } = await createTemplate();
  project.provide("testDbTemplate", template);
  return dispose;
}
