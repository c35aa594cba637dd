/**
 * Issue 14 budget: the home-care population of the largest municipality — 130,000 citizens —
 * imported (preview + apply) in under 5 minutes on 2 cores, on PGlite and PostgreSQL.
 *
 * Through the app in-process (app.inject as the administrator: session, validation, one
 * transaction, audit), with a generated CSV of fictitious citizens (decision 0019's CPR range:
 * pre-1953 birth dates failing modulus 11), in three rounds:
 *   1. first import: every citizen new (created, target-group history, audit per citizen);
 *   2. the same file again: every citizen unchanged (a re-import changes nothing);
 *   3. a complete file with 5 % changed addresses and 1 % left out (home care ended).
 * The raw baseline is the register's own bulk insert of the same 130,000 citizens (one
 * INSERT … SELECT FROM jsonb_array_elements per 5,000, rolled back): the ratio says what the
 * import's parsing, diff, preview rows, history and audit cost on top of writing the rows.
 *
 *   npx tsx bench/care-record-import.ts [citizens]        (a fresh PGlite)
 *   DATABASE_URL=postgres://… npx tsx bench/care-record-import.ts
 */
import { eq, sql } from "drizzle-orm";
import { centuryYear, passesModulus11 } from "../src/domain/cpr.js";
import { danishSortKey, searchText } from "../src/domain/danish-text.js";
import { municipalities, organisations } from "../src/server/db/schema/index.js";
import { DEMO_MUNICIPALITY } from "../src/server/seed/demo.js";
import { openBench, time } from "./support.js";

const N = Number(process.argv[2] ?? 130_000);
const BUDGET_S = 300;
const { app, database, session, close } = await openBench();
const db = database.db;
const headers = await session("admin");

const [m] = await db
  .select({ id: municipalities.id })
  .from(municipalities)
  .where(eq(municipalities.code, DEMO_MUNICIPALITY.code));
const municipalityId = m!.id;
// The demo providers' SOR codes (the seed sets them; a database seeded before issue 14 gets them here).
const providers = await db
  .select({ id: organisations.id, sor: organisations.sorCode, kind: organisations.kind })
  .from(organisations)
  .where(eq(organisations.municipalityId, municipalityId));
const sors: string[] = [];
for (const [i, p] of providers.filter((o) => o.kind.endsWith("_provider")).entries()) {
  const sor = p.sor ?? `9991000000000${i + 1}${i + 1}`;
  if (!p.sor) await db.update(organisations).set({ sorCode: sor }).where(eq(organisations.id, p.id));
  sors.push(sor);
}

/** N distinct fictitious CPRs: 1926–1952, seventh digit 0–3, failing modulus 11. */
function cprs(n: number): string[] {
  const out: string[] = [];
  for (let serial = 0; out.length < n; serial++) {
    for (let day = 0; day < 27 * 365 && out.length < n; day += 1) {
      const d = new Date(Date.UTC(1926, 0, 1 + day));
      const yy = d.getUTCFullYear() % 100;
      // Serials 7xx–9xx of each century digit: apart from the demo seed's fictitious citizens.
      const s = `${serial % 4}${String(700 + Math.floor(serial / 4)).padStart(3, "0")}`;
      const cpr = `${String(d.getUTCDate()).padStart(2, "0")}${String(d.getUTCMonth() + 1).padStart(2, "0")}${String(yy).padStart(2, "0")}-${s}`;
      if (centuryYear(yy, Number(s[0])) === d.getUTCFullYear() && !passesModulus11(cpr)) out.push(cpr);
    }
  }
  return out;
}

const all = cprs(N);
const HEADER = "cpr;first_name;last_name;address;postal_code;city;provider_sor;district;home_care_since";
const row = (cpr: string, i: number, street = "Benchvej") =>
  `${cpr};Borger;Nr${i};${street} ${1 + (i % 200)};9901;Fjordby;${sors[i % sors.length]};Distrikt ${i % 2 ? "Nord" : "Syd"};2024-0${1 + (i % 9)}-1${i % 10}`;
const first = [HEADER, ...all.map((c, i) => row(c, i))].join("\n");
const third = [
  HEADER,
  ...all.flatMap((c, i) => (i % 100 === 7 ? [] : [row(c, i, i % 20 === 3 ? "Flyttevej" : "Benchvej")])),
].join("\n");

async function round(name: string, content: string, scope: "complete" | "changes") {
  let run: { id: string; version: number; counts: unknown } | undefined;
  const previewMs = await time(async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/care-record/imports",
      headers,
      payload: { format: "csv", scope, content },
    });
    if (res.statusCode !== 201)
      throw new Error(`${name} preview: ${res.statusCode} ${res.body.slice(0, 300)}`);
    run = res.json();
  });
  let result: unknown;
  const applyMs = await time(async () => {
    const res = await app.inject({
      method: "POST",
      url: `/api/care-record/imports/${run!.id}/apply`,
      headers,
      payload: { version: run!.version },
    });
    if (res.statusCode !== 200) throw new Error(`${name} apply: ${res.statusCode} ${res.body.slice(0, 300)}`);
    result = (res.json() as { result: unknown }).result;
  });
  const total = (previewMs + applyMs) / 1000;
  console.log(
    `${name.padEnd(34)} preview ${(previewMs / 1000).toFixed(1).padStart(6)} s  apply ${(applyMs / 1000).toFixed(1).padStart(6)} s  ` +
      `total ${total.toFixed(1).padStart(6)} s  ${total < BUDGET_S ? "within" : "OVER"} ${BUDGET_S} s  ${JSON.stringify(result)}`,
  );
  return total;
}

/** The baseline: the same citizens inserted straight, in a transaction rolled back. */
async function rawInsert(): Promise<number> {
  return time(() =>
    db
      .transaction(async (tx) => {
        for (let i = 0; i < all.length; i += 5000) {
          const batch = all.slice(i, i + 5000).map((cpr, j) => {
            const n = i + j;
            return {
              cpr,
              l4: cpr.slice(-4),
              b: `19${cpr.slice(4, 6)}-${cpr.slice(2, 4)}-${cpr.slice(0, 2)}`,
              ln: `NrRaw${n}`,
              s: searchText("Borger", `NrRaw${n}`, "Benchvej 1", "9901", "Fjordby"),
              k: danishSortKey(`NrRaw${n} Borger`),
            };
          });
          await tx.execute(sql`insert into citizens (municipality_id, cpr, cpr_last4, birth_date, first_name, last_name,
              address_line, postal_code, city, home_care_since, search_text, sort_name)
            select ${municipalityId}::uuid, v->>'cpr', v->>'l4', (v->>'b')::date, 'Borger', v->>'ln', 'Benchvej 1', '9901',
              'Fjordby', '2024-01-01', v->>'s', v->>'k'
            from jsonb_array_elements(${JSON.stringify(batch)}::jsonb) as t(v)
            on conflict do nothing`);
        }
        throw new Rollback();
      })
      .catch((err: unknown) => {
        if (!(err instanceof Rollback)) throw err;
      }),
  );
}
class Rollback extends Error {}

console.log(`care-record import of ${N} citizens on ${database.kind} (budget ${BUDGET_S} s preview + apply)`);
const raw = await rawInsert();
console.log(`raw bulk insert of the same citizens (rolled back): ${(raw / 1000).toFixed(1)} s`);
const t1 = await round("1. first import (all new)", first, "complete");
await round("2. same file again (all unchanged)", first, "complete");
await round("3. 5 % moved, 1 % left out", third, "complete");
console.log(`ratio first import ÷ raw insert: ${(t1 / (raw / 1000)).toFixed(1)}×`);
await close();
