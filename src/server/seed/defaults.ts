/**
 * Shipped configuration (conversation guides, barrier catalogue, interest taxonomy, punch-card
 * frame) for every municipality that lacks it. Idempotent: a document a municipality already
 * has — shipped or its own newer version — is never touched.
 */
import type { Db } from "../db/client.js";
import { installShippedCourseDefinitionsEverywhere } from "../modules/courses/index.js";
import { installShippedRetentionRulesEverywhere } from "../modules/privacy/index.js";

export async function installShippedDefaultsEverywhere(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await installShippedCourseDefinitionsEverywhere(tx);
    await installShippedRetentionRulesEverywhere(tx);
  });
}
