/**
 * installShippedDefaultsEverywhere, run by main.ts at every start: a municipality that lacks shipped
 * documents gets them, one that has them (or its own newer versions) is left as it is, and a start
 * on complete data adds nothing.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../../test/support/test-db.js";
import { courseDefinitions, municipalities } from "../db/schema/index.js";
import {
  installShippedCourseDefinitions,
  installShippedCourseDefinitionsEverywhere,
} from "../modules/courses/index.js";
import { SHIPPED_COURSE_DEFINITIONS } from "../modules/courses/definitions/index.js";
import { installShippedDefaultsEverywhere } from "./defaults.js";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await openTestDatabase();
});
afterAll(() => testDb.close());

describe("shipped defaults at start", () => {
  it("gives each municipality the documents it lacks and nothing else", async () => {
    const db = testDb.database.db;
    const [complete] = await db
      .insert(municipalities)
      .values({ name: "Hel Kommune", code: "0901" })
      .returning({ id: municipalities.id });
    const [bare] = await db
      .insert(municipalities)
      .values({ name: "Bar Kommune", code: "0902" })
      .returning({ id: municipalities.id });
    await installShippedCourseDefinitions(db, complete!.id);
    // The complete municipality has replaced one shipped document's text with its own version 1.
    const own = SHIPPED_COURSE_DEFINITIONS[0]!;
    await db
      .update(courseDefinitions)
      .set({ definition: { ...(own.definition as object), title: "Vores egen" } })
      .where(and(eq(courseDefinitions.municipalityId, complete!.id), eq(courseDefinitions.key, own.key)));
    const rowsOf = (id: string) =>
      db.select().from(courseDefinitions).where(eq(courseDefinitions.municipalityId, id));
    const before = await rowsOf(complete!.id);

    await installShippedDefaultsEverywhere(db);

    expect(await rowsOf(complete!.id)).toEqual(before);
    const added = await rowsOf(bare!.id);
    expect(added.map((r) => `${r.kind}/${r.key}/${r.version}`).sort()).toEqual(
      SHIPPED_COURSE_DEFINITIONS.map((d) => `${d.kind}/${d.key}/1`).sort(),
    );
    expect(await installShippedCourseDefinitionsEverywhere(db)).toBe(0);
  });
});
