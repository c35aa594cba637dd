/**
 * The way out of the row-level security (acrossMunicipalities, decision 0106) is used only where a
 * decision says why: a new call site fails here until it is added to the list and to the decision.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const SERVER = fileURLToPath(new URL("..", import.meta.url));

/** file → why it looks beyond the caller's municipality (never at another municipality's citizen). */
const ALLOWED: Record<string, string> = {
  "modules/auth/municipalities.ts": "the municipalities one person works in, and the switch between them",
  "modules/care-record/import-queries.ts": "that a provider's SOR code is another municipality's",
  "modules/catalog/hsds-io.ts": "that an imported catalog id is already another municipality's",
  "modules/catalog/page.ts":
    "the catalog search's ids through its indexes (no leakproof operator; the statement names its municipality)",
  "modules/privacy/retention-candidates.ts": "the installation's security-log lines of no municipality",
};

it("steps out of the municipality's row-level security only where decision 0106 says why", () => {
  const callers = readdirSync(SERVER, { recursive: true, encoding: "utf8" })
    .map((f) => f.split(sep).join("/"))
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "platform/tenant-isolation.ts")
    .filter((f) => /\bacrossMunicipalities\(/.test(readFileSync(join(SERVER, f), "utf8")))
    .sort();
  expect(callers).toEqual(Object.keys(ALLOWED).sort());
});
