/**
 * Shipped configuration (conversation guides, barrier catalogue, interest taxonomy, punch-card
 * frame) for every municipality that lacks it. Idempotent: a document a municipality already
 * has — shipped or its own newer version — is never touched.
 */
import type { Db } from "../db/client.js";
import { municipalities } from "../db/schema/index.js";
import { installShippedCourseDefinitions } from "../modules/courses/index.js";

export async function installShippedDefaultsEverywhere(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    for (const m of await tx.select({ id: municipalities.id }).from(municipalities))
      await installShippedCourseDefinitions(tx, m.id);
  });
}
