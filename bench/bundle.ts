/**
 * `npm run bench:bundle` — the JavaScript each form route loads beyond the shell, gzip, against the
 * budget in docs/DESIGN.md ("A form route's JavaScript < 100 KB gzip beyond the shell", issue 17
 * point 2). Read from the built web app (dist/web, built here when stale): the shell is index.html's
 * entry script and every chunk it imports statically; a route's JavaScript is its page chunk and
 * every chunk that imports statically, less what the shell already has. Printed, never asserted.
 *
 *   npm run bench:bundle
 */
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const WEB = "dist/web";
const ASSETS = join(WEB, "assets");
const BUDGET_KB = 100;

/** Form routes and the page module each one loads (its chunk is named after the module). */
const FORM_ROUTES: Array<[route: string, page: string]> = [
  ["/forloeb/:id/registrer-klip", "RegisterClipPage"],
  ["/borgere/:id/opsporing", "ScreeningFormPage"],
  ["/borgere/ny", "CreateCitizenPage"],
  ["/borgere/:id/rediger", "EditCitizenPage"],
  ["/henvisninger/ny", "RegisterReferralPage"],
  ["/henvisning", "PublicReferralPage"],
  ["/katalog/aktiviteter/ny", "ActivityFormPage"],
  ["/katalog/foreninger/ny", "OrganisationFormPage"],
  ["/skift-adgangskode", "ChangePasswordPage"],
];

execFileSync(process.execPath, ["scripts/build-web.mjs", "--if-stale"], { stdio: "inherit" });

const chunks = readdirSync(ASSETS).filter((f) => f.endsWith(".js"));
const gzipKb = new Map(
  chunks.map((f) => [f, gzipSync(readFileSync(join(ASSETS, f)), { level: 9 }).length / 1024]),
);

/** The chunks a chunk imports statically (`import … from "./x.js"`, `import "./x.js"`, re-exports). */
function staticImports(file: string): string[] {
  const code = readFileSync(join(ASSETS, file), "utf8");
  const found = code.matchAll(/(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']\.\/([^"']+\.js)["']/g);
  return [...new Set([...found].map((m) => m[1]!))];
}

function closure(start: string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [...start];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    todo.push(...staticImports(file));
  }
  return seen;
}

const sum = (files: Iterable<string>) => [...files].reduce((kb, f) => kb + (gzipKb.get(f) ?? 0), 0);

const html = readFileSync(join(WEB, "index.html"), "utf8");
const entry = [...html.matchAll(/<script[^>]+src="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!);
if (entry.length === 0) throw new Error("no entry script in dist/web/index.html");
const shell = closure(entry);
console.log(`Shell: ${shell.size} chunks, ${sum(shell).toFixed(1)} KB gzip (JavaScript of the first load)`);
console.log(`Budget: a form route's JavaScript < ${BUDGET_KB} KB gzip beyond the shell (docs/DESIGN.md)\n`);

let over = 0;
for (const [route, page] of FORM_ROUTES) {
  const pageChunk = chunks.find((f) => f.startsWith(`${page}-`));
  if (!pageChunk) {
    console.log(`${route.padEnd(30)} ${page}: no chunk of its own (in the shell)`);
    continue;
  }
  const beyond = [...closure([pageChunk])].filter((f) => !shell.has(f));
  const kb = sum(beyond);
  if (kb >= BUDGET_KB) over += 1;
  const biggest = beyond
    .sort((a, b) => gzipKb.get(b)! - gzipKb.get(a)!)
    .slice(0, 3)
    .map((f) => `${f.replace(/-[\w-]{8}\.js$/, "")} ${gzipKb.get(f)!.toFixed(1)}`)
    .join(", ");
  console.log(
    `${route.padEnd(30)} ${kb.toFixed(1).padStart(6)} KB  ${kb < BUDGET_KB ? "OK  " : "OVER"}  ${beyond.length} chunks (largest: ${biggest})`,
  );
}
console.log(
  over === 0 ? "\nEvery form route within the budget." : `\n${over} form route(s) over the budget.`,
);
