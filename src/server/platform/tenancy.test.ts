/**
 * Tenancy once (issue 12, point 4): every query gets its municipality filter from inTenant()
 * in tenancy.ts — query builder and raw SQL alike. This scans the server's code and fails with
 * file:line for a filter typed by hand, so a new one cannot slip in:
 *  - raw SQL comparing municipality_id with a value (`s.municipality_id = ${…}`, `= $1`, `= '…'`),
 *    either way round;
 *  - a typed column compared by hand in a template (`${t.municipalityId} = ${…}`);
 *  - the query builder's `eq(t.municipalityId, …)`.
 * Not flagged: column-to-column joins in raw SQL (`sm.mid = s.municipality_id`, the seed's
 * set-based inserts across municipalities), inserts, and `ne()` (the HSDS import looks for ids
 * taken by OTHER municipalities). Tables, migrations, tenancy.ts itself and tests are not scanned.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SERVER = fileURLToPath(new URL("..", import.meta.url));

const HAND_TYPED: readonly RegExp[] = [
  /\b(?:\w+\.)?"?municipality_id"?\s*(?:=|<>|!=|\bin\b|=\s*any\b)\s*\(?\s*(?:\$\{|\$\d|')/gi,
  /(?:\$\{[^}]*\}|\$\d+|'[^']*')\s*(?:=|<>|!=)\s*(?:\w+\.)?"?municipality_id\b/gi,
  /\$\{\s*[\w.]+\.municipalityId\s*\}\s*(?:=|<>|!=|\bin\b|=\s*any\b)/gi,
  /\beq\(\s*[\w.]+\.municipalityId\s*,/g,
];

/** The 1-based lines of `source` holding a municipality filter typed by hand. */
export function handTypedTenantFilters(source: string): number[] {
  const lines = new Set<number>();
  for (const pattern of HAND_TYPED) {
    for (const m of source.matchAll(pattern)) lines.add(source.slice(0, m.index).split("\n").length);
  }
  return [...lines].sort((a, b) => a - b);
}

function scannedFiles(): string[] {
  return readdirSync(SERVER, { recursive: true, encoding: "utf8" })
    .map((f) => f.split(sep).join("/"))
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .filter(
      (f) => !f.startsWith("db/schema/") && !f.startsWith("db/migrations/") && f !== "platform/tenancy.ts",
    )
    .sort();
}

describe("tenancy once", () => {
  it("catches a filter typed by hand, and lets inTenant() and joins pass", () => {
    const flagged = [
      "sql`select s.citizen_id from screenings s where s.municipality_id = ${w.municipalityId} and s.purpose = 'detection'`",
      "sql`select id from districts where municipality_id=${ctx.actor.municipalityId}`",
      "await db.execute('select * from citizens c where c.municipality_id = $1', [id])",
      "sql`where ${ctx.actor.municipalityId} = c.municipality_id`",
      "sql`where c.municipality_id in (${ids})`",
      "tx.select().from(citizens).where(sql`${citizens.municipalityId} = ${municipalityId}`)",
      "tx.select().from(citizens).where(and(eq(citizens.municipalityId, ctx.actor.municipalityId), eq(citizens.id, id)))",
    ];
    for (const sample of flagged) expect(handTypedTenantFilters(sample), sample).toEqual([1]);
    expect(
      handTypedTenantFilters(["const a = 1;", "", "  where s.municipality_id = ${m}"].join("\n")),
    ).toEqual([3]);

    const passed = [
      "sql`select s.citizen_id from screenings s where ${inTenant(alias(screenings, \"s\"), w.municipalityId)} and s.purpose = 'detection'`",
      "tx.select().from(citizens).where(and(inTenant(citizens, ctx), eq(citizens.id, id)))",
      "`from screenings s join scale_m sm on sm.mid = s.municipality_id`",
      "`(select id from questionnaire_definitions q where q.municipality_id = sm.mid and q.key = 't-ils')`",
      "`insert into screenings (id, municipality_id, citizen_id) select x.id, x.municipality_id, x.citizen_id`",
      ".innerJoin(municipalities, eq(municipalities.id, users.municipalityId))",
      "tx.insert(citizens).values({ municipalityId: ctx.actor.municipalityId })",
    ];
    for (const sample of passed) expect(handTypedTenantFilters(sample), sample).toEqual([]);
  });

  it("finds no filter typed by hand in the server's code", () => {
    const files = scannedFiles();
    // Not vacuous: the scan reads the server's modules, raw SQL reports included.
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain("modules/reports/status.ts");
    expect(files).toContain("seed/scale-history.ts");
    const found = files.flatMap((f) => {
      const source = readFileSync(join(SERVER, f), "utf8");
      const lines = source.split("\n");
      return handTypedTenantFilters(source).map((n) => `src/server/${f}:${n}: ${lines[n - 1]!.trim()}`);
    });
    expect(
      found,
      `use inTenant() from ${relative(process.cwd(), join(SERVER, "platform/tenancy.ts"))}`,
    ).toEqual([]);
  });
});
