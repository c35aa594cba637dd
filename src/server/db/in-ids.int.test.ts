/**
 * inIds (client.ts): a list of ids as one uuid[] parameter, on PGlite and PostgreSQL alike — the
 * same rows as inArray, nothing for an empty list, and a caseload-sized list in one parameter.
 */
import { randomUUID } from "node:crypto";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, openTestDatabase } from "../../../test/support/test-db.js";
import { inIds } from "./client.js";
import { municipalities } from "./schema/index.js";

let t: TestDatabase;
const ids = Array.from({ length: 5 }, () => randomUUID());

beforeAll(async () => {
  t = await openTestDatabase();
  await t.database.db
    .insert(municipalities)
    .values(ids.map((id, i) => ({ id, name: `Testkommune i${i}`, code: `97${i}0` })));
});
afterAll(async () => t.close());

describe("inIds", () => {
  it("finds exactly the listed rows, like inArray", async () => {
    const wanted = [ids[0]!, ids[3]!, randomUUID()];
    const viaIds = await t.database.db
      .select({ id: municipalities.id })
      .from(municipalities)
      .where(inIds(municipalities.id, wanted));
    const viaArray = await t.database.db
      .select({ id: municipalities.id })
      .from(municipalities)
      .where(inArray(municipalities.id, wanted));
    expect(viaIds.map((r) => r.id).sort()).toEqual([ids[0]!, ids[3]!].sort());
    expect(viaIds.map((r) => r.id).sort()).toEqual(viaArray.map((r) => r.id).sort());
  });

  it("matches nothing for an empty list", async () => {
    const rows = await t.database.db
      .select({ id: municipalities.id })
      .from(municipalities)
      .where(inIds(municipalities.id, []));
    expect(rows).toEqual([]);
  });

  it("sends a long list as one parameter", async () => {
    const many = [...Array.from({ length: 2000 }, () => randomUUID()), ids[1]!];
    const query = t.database.db
      .select({ id: municipalities.id })
      .from(municipalities)
      .where(inIds(municipalities.id, many));
    expect(query.toSQL().params).toHaveLength(1);
    expect((await query).map((r) => r.id)).toEqual([ids[1]!]);
  });

  it("refuses a value that is not a uuid instead of matching it as text", async () => {
    await expect(
      t.database.db
        .select()
        .from(municipalities)
        .where(inIds(municipalities.id, ["x' or 'a'='a"])),
    ).rejects.toThrow();
  });
});
