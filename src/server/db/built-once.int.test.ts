/**
 * builtOnce (built-once.ts): a statement built once and run in each caller's own transaction with
 * that call's values, mapped as the builder's own `await` maps it — on PGlite and PostgreSQL alike.
 * A value written into the builder (it would serve every later call) and a value the statement has
 * no place for are refused.
 */
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, isNotNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, openTestDatabase } from "../../../test/support/test-db.js";
import {
  BuiltOnceError,
  builtOnce,
  builtOncePerShape,
  builtOnceSql,
  builtOnceSqlPerShape,
} from "./built-once.js";
import type { DbOrTx } from "./client.js";
import { municipalities, organisations } from "./schema/index.js";

let t: TestDatabase;
const towns = [randomUUID(), randomUUID()];

beforeAll(async () => {
  t = await openTestDatabase();
  await t.database.db
    .insert(municipalities)
    .values(towns.map((id, i) => ({ id, name: `Byen ${i}`, code: `96${i}0` })));
  await t.database.db.insert(organisations).values([
    { municipalityId: towns[0]!, name: "Aktivitet Nord", kind: "public_provider" },
    { municipalityId: towns[0]!, name: "Aktivitet Syd", kind: "public_provider", sorCode: "123" },
    { municipalityId: towns[1]!, name: "Frivilligcenter", kind: "volunteer_centre" },
  ]);
});
afterAll(async () => t.close());

class Rollback extends Error {}
/** Runs `work` in a transaction that is rolled back afterwards; answers what it answered. */
async function inRolledBack<T>(work: (tx: DbOrTx) => Promise<T>): Promise<T> {
  let out: T | undefined;
  await t.database.db
    .transaction(async (tx) => {
      out = await work(tx);
      throw new Rollback();
    })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return out as T;
}

const organisationsOf = (tx: DbOrTx, municipalityId: unknown) =>
  tx
    .select({
      org: { name: organisations.name, sorCode: organisations.sorCode, createdAt: organisations.createdAt },
      town: { name: municipalities.name, code: municipalities.code },
    })
    .from(organisations)
    .leftJoin(municipalities, eq(municipalities.id, organisations.municipalityId))
    .where(eq(organisations.municipalityId, municipalityId as string))
    .orderBy(asc(organisations.name));

describe("builtOnce", () => {
  it("answers what the builder answers, for each call's values", async () => {
    const read = builtOnce((tx) => organisationsOf(tx, sql.placeholder("municipalityId")));
    for (const town of [...towns, towns[0]!, randomUUID()]) {
      const once = await read(t.database.db, { municipalityId: town });
      expect(once).toEqual(await organisationsOf(t.database.db, town));
    }
    const [first] = await read(t.database.db, { municipalityId: towns[0]! });
    expect(first!.org.createdAt).toBeInstanceOf(Date);
    expect(first!.org.sorCode).toBeNull();
    expect(first!.town).toEqual({ name: "Byen 0", code: "9600" });
  });

  it("maps rows as the builder does: a left join that finds nothing is null, sql fields decoded", async () => {
    // Only the first town matches the join, so the second town's organisation has no `town` object;
    // the SQL fields go through their decoders (mapWith a timestamp column gives a Date).
    const mixed = (tx: DbOrTx, code: unknown, a: unknown, b: unknown) =>
      tx
        .select({
          name: organisations.name,
          town: { name: municipalities.name, code: municipalities.code },
          made: sql<Date>`${organisations.createdAt}`.mapWith(organisations.createdAt),
          count: sql<number>`1 + 1`.mapWith(Number),
          nested: { upper: sql<string>`upper(${organisations.name})`, sor: organisations.sorCode },
        })
        .from(organisations)
        .leftJoin(
          municipalities,
          and(eq(municipalities.id, organisations.municipalityId), eq(municipalities.code, code as string)),
        )
        .where(sql`${organisations.municipalityId} in (${a}, ${b})`)
        .orderBy(asc(organisations.name));
    const read = builtOnce((tx) =>
      mixed(tx, sql.placeholder("code"), sql.placeholder("a"), sql.placeholder("b")),
    );
    const values = { a: towns[0]!, b: towns[1]!, code: "9600" };
    const built = await read(t.database.db, values);
    const own = await mixed(t.database.db, "9600", towns[0]!, towns[1]!);
    expect(built).toEqual(own);
    expect(built.map((r) => r.town)).toEqual([
      { name: "Byen 0", code: "9600" },
      { name: "Byen 0", code: "9600" },
      null,
    ]);
    expect(built[0]!.made).toBeInstanceOf(Date);
    expect(built[0]!.count).toBe(2);
    expect(built[2]!.nested).toEqual({ upper: "FRIVILLIGCENTER", sor: null });
  });

  it("runs in the transaction it is given, not the one it was built in", async () => {
    const insert = builtOnce((tx) =>
      tx
        .insert(organisations)
        .values({
          municipalityId: sql.placeholder("municipalityId"),
          name: sql.placeholder("name"),
          kind: sql.placeholder("kind"),
        })
        .returning({ id: organisations.id, name: organisations.name }),
    );
    const read = builtOnce((tx) => organisationsOf(tx, sql.placeholder("municipalityId")));
    const seen = await inRolledBack(async (tx) => {
      const [made] = await insert(tx, {
        municipalityId: towns[1]!,
        name: "Kun i denne transaktion",
        kind: "volunteer_centre",
      });
      expect(made!.name).toBe("Kun i denne transaktion");
      return (await read(tx, { municipalityId: towns[1]! })).map((r) => r.org.name);
    });
    expect(seen).toEqual(["Frivilligcenter", "Kun i denne transaktion"]);
    // The built statements now serve another transaction (and the pool): the rolled-back row is gone.
    const again = await inRolledBack(async (tx) =>
      (await read(tx, { municipalityId: towns[1]! })).map((r) => r.org.name),
    );
    expect(again).toEqual(["Frivilligcenter"]);
    expect((await read(t.database.db, { municipalityId: towns[1]! })).map((r) => r.org.name)).toEqual([
      "Frivilligcenter",
    ]);
  });

  it("refuses a statement with a value written in, before it runs", async () => {
    const baked = builtOnce((tx) => organisationsOf(tx, towns[0]!));
    await expect(baked(t.database.db, {})).rejects.toThrow(BuiltOnceError);
    const partly = builtOnce((tx) =>
      organisationsOf(tx, sql.placeholder("municipalityId")).limit(2).offset(1),
    );
    await expect(partly(t.database.db, { municipalityId: towns[0]! })).rejects.toThrow(/not placeholders/);
  });

  it("refuses a value the statement has no place for, and names a missing one", async () => {
    const read = builtOnce((tx) => organisationsOf(tx, sql.placeholder("municipalityId")));
    await expect(
      read(t.database.db, { municipalityId: towns[0]!, kind: "volunteer_centre" }),
    ).rejects.toThrow(/no placeholder "kind"/);
    await expect(read(t.database.db, {})).rejects.toThrow(/municipalityId/);
  });
});

describe("builtOncePerShape", () => {
  // A shape chooses the filter and the order; the values stay placeholders.
  const byShape = (tx: DbOrTx, shape: { withSor: boolean; newestFirst: boolean }) =>
    tx
      .select({ name: organisations.name })
      .from(organisations)
      .where(
        and(
          eq(organisations.municipalityId, sql.placeholder("municipalityId")),
          shape.withSor ? isNotNull(organisations.sorCode) : undefined,
        ),
      )
      .orderBy(shape.newestFirst ? desc(organisations.name) : asc(organisations.name));
  const names = (rows: { name: string }[]) => rows.map((r) => r.name);

  it("builds each shape's own statement and serves every shape its own answer", async () => {
    const read = builtOncePerShape(byShape);
    const db = t.database.db;
    for (let round = 0; round < 2; round++) {
      expect(
        names(await read(db, { withSor: false, newestFirst: false }, { municipalityId: towns[0]! })),
      ).toEqual(["Aktivitet Nord", "Aktivitet Syd"]);
      expect(
        names(await read(db, { withSor: false, newestFirst: true }, { municipalityId: towns[0]! })),
      ).toEqual(["Aktivitet Syd", "Aktivitet Nord"]);
      expect(
        names(await read(db, { withSor: true, newestFirst: false }, { municipalityId: towns[0]! })),
      ).toEqual(["Aktivitet Syd"]);
      expect(
        names(await read(db, { withSor: false, newestFirst: false }, { municipalityId: towns[1]! })),
      ).toEqual(["Frivilligcenter"]);
    }
  });

  it("still answers each shape correctly once the cache is full and evicts", async () => {
    const read = builtOncePerShape(byShape, 1);
    const db = t.database.db;
    for (let round = 0; round < 3; round++) {
      for (const newestFirst of [false, true]) {
        const got = names(await read(db, { withSor: false, newestFirst }, { municipalityId: towns[0]! }));
        expect(got).toEqual(
          newestFirst ? ["Aktivitet Syd", "Aktivitet Nord"] : ["Aktivitet Nord", "Aktivitet Syd"],
        );
      }
    }
  });

  it("keeps builtOnce's refusals: a value written in, a value with no place", async () => {
    const baked = builtOncePerShape((tx, shape: { town: number }) => organisationsOf(tx, towns[shape.town]!));
    await expect(baked(t.database.db, { town: 0 }, {})).rejects.toThrow(BuiltOnceError);
    const read = builtOncePerShape(byShape);
    await expect(
      read(
        t.database.db,
        { withSor: true, newestFirst: false },
        { municipalityId: towns[0]!, sorCode: "123" },
      ),
    ).rejects.toThrow(/no placeholder "sorCode"/);
  });
});

describe("builtOnceSql", () => {
  const namesOf = builtOnceSql<{ name: string }, { municipalityId: string }>(
    sql`select name from organisations where municipality_id = ${sql.placeholder("municipalityId")} order by name`,
  );

  it("answers the statement's rows for each call's values", async () => {
    for (let round = 0; round < 2; round++) {
      expect((await namesOf(t.database.db, { municipalityId: towns[0]! })).map((r) => r.name)).toEqual([
        "Aktivitet Nord",
        "Aktivitet Syd",
      ]);
      expect((await namesOf(t.database.db, { municipalityId: towns[1]! })).map((r) => r.name)).toEqual([
        "Frivilligcenter",
      ]);
    }
  });

  it("runs in the transaction it is given: a setting made there is seen there, and gone after", async () => {
    const setting = builtOnceSql<{ v: string | null }, { value: string }>(
      sql`select set_config('broen.built_once_test', ${sql.placeholder("value")}, true) as v`,
    );
    const read = builtOnceSql<{ v: string | null }, Record<string, never>>(
      sql`select current_setting('broen.built_once_test', true) as v`,
    );
    const seen = await inRolledBack(async (tx) => {
      await setting(tx, { value: "inde" });
      return (await read(tx, {}))[0]!.v;
    });
    expect(seen).toBe("inde");
    const after = await inRolledBack(async (tx) => (await read(tx, {}))[0]!.v);
    expect(after ?? "").toBe("");
  });

  it("refuses a value written in, and a value with no place", async () => {
    const baked = builtOnceSql(sql`select name from organisations where municipality_id = ${towns[0]!}`);
    await expect(baked(t.database.db, {})).rejects.toThrow(/not placeholders/);
    await expect(namesOf(t.database.db, { municipalityId: towns[0]!, kind: "x" } as never)).rejects.toThrow(
      /no placeholder "kind"/,
    );
  });
});

describe("builtOnceSqlPerShape", () => {
  const byShape = builtOnceSqlPerShape<{ withSor: boolean; names: "all" | "one" }, { name: string }>(
    (shape) =>
      sql`select name from organisations where municipality_id = ${sql.placeholder("municipalityId")}
          ${shape.withSor ? sql`and sor_code = any(${sql.placeholder("sorCodes")}::text[])` : sql``}
          order by name ${shape.names === "one" ? sql`limit 1` : sql``}`,
    2,
  );
  const names = (rows: { name: string }[]) => rows.map((r) => r.name);

  it("serves every shape its own statement and values, also past its cache's limit", async () => {
    const db = t.database.db;
    for (let round = 0; round < 3; round++) {
      expect(
        names(await byShape(db, { withSor: false, names: "all" }, { municipalityId: towns[0]! })),
      ).toEqual(["Aktivitet Nord", "Aktivitet Syd"]);
      // An array travels as one placeholder, on both stores.
      expect(
        names(
          await byShape(
            db,
            { withSor: true, names: "all" },
            { municipalityId: towns[0]!, sorCodes: ["9", "123"] },
          ),
        ),
      ).toEqual(["Aktivitet Syd"]);
      expect(
        names(await byShape(db, { withSor: false, names: "one" }, { municipalityId: towns[0]! })),
      ).toEqual(["Aktivitet Nord"]);
      expect(
        names(await byShape(db, { withSor: false, names: "all" }, { municipalityId: towns[1]! })),
      ).toEqual(["Frivilligcenter"]);
    }
  });

  it("keeps builtOnceSql's refusals: a value written in, a value with no place", async () => {
    const baked = builtOnceSqlPerShape(
      (shape: { town: number }) =>
        sql`select name from organisations where municipality_id = ${towns[shape.town]!}`,
    );
    await expect(baked(t.database.db, { town: 0 }, {})).rejects.toThrow(/not placeholders/);
    await expect(
      byShape(
        t.database.db,
        { withSor: false, names: "all" },
        { municipalityId: towns[0]!, sorCodes: ["123"] },
      ),
    ).rejects.toThrow(/no placeholder "sorCodes"/);
  });
});
