// Builds the server into dist/server: plain JavaScript that `npm start` runs with node, so no
// TypeScript compiler runs at start (decision 0087). With --if-stale, only when its sources changed
// since the last build (scripts/build-stamp.mjs). --outdir <dir> builds elsewhere (the process test).
//
// esbuild bundles Broen's own code (src/server, src/shared, src/domain, JSON included) into one file
// per entry point plus shared chunks; packages stay in node_modules and load as they do under tsx
// (argon2's native binary, PGlite's WebAssembly, swagger-ui's files). One exception: date-fns,
// plain functions whose index loads some 250 files (about 0.2 s of a start) for the 8 Broen uses.
//
// Files Broen reads at run time are found through import.meta.url. The output sits two folders below
// the project root, like src/server/*.ts, so "../../dist/web" (app.ts) still names the web build;
// the migrations (db/client.ts: "./migrations") are copied next to the output.
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fingerprint, isFresh, writeStamp } from "./build-stamp.mjs";

const args = process.argv.slice(2);
const outdirAt = args.indexOf("--outdir");
const OUT = outdirAt >= 0 ? args[outdirAt + 1] : "dist/server";
const STAMP = join(OUT, ".build-stamp");
const ENTRY_POINTS = {
  main: "src/server/main.ts",
  "create-admin": "scripts/create-admin.ts",
  "create-platform-admin": "scripts/create-platform-admin.ts",
};
// Everything the bundle is made of, and what decides how: src/web is never imported by the server.
const SOURCES = [
  "src/server",
  "src/shared",
  "src/domain",
  "scripts/create-admin.ts",
  "scripts/create-platform-admin.ts",
  "scripts/command-support.ts",
  "tsconfig.json",
  "package-lock.json",
  "scripts/build-server.mjs",
  "scripts/build-stamp.mjs",
];

// Taken before building: a file saved during the build makes the next start build again.
const print = fingerprint(SOURCES);
const BUNDLED_PACKAGES = /^date-fns(\/|$)/;
/** Every package import stays an import, except those matching BUNDLED_PACKAGES. */
const packagesExternal = {
  name: "packages-external",
  setup(b) {
    // Bare specifiers ("fastify", "node:fs", "@fastify/static"); Broen's own imports are relative.
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      BUNDLED_PACKAGES.test(args.path) ? undefined : { path: args.path, external: true },
    );
  },
};
const outputs = Object.keys(ENTRY_POINTS).map((name) => join(OUT, `${name}.js`));
if (args.includes("--if-stale") && isFresh(STAMP, print, outputs)) process.exit(0);

process.stdout.write(`Bygger serveren (${OUT}) …\n`);
// Loaded only to build, like vite in build-web.mjs.
const { build } = await import("esbuild");
// Built beside the old output and swapped in at the end: an interrupted build leaves the last
// good one (and its stamp) alone, and a failed one leaves no stamp.
const tmp = `${OUT}.tmp-${process.pid}`;
rmSync(tmp, { recursive: true, force: true });
try {
  await build({
    entryPoints: ENTRY_POINTS,
    outdir: tmp,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20.19",
    plugins: [packagesExternal],
    // Stack traces name the TypeScript files and lines (`node --enable-source-maps`); the sources
    // themselves stay in src/, which keeps the map small enough to load in a few milliseconds.
    sourcemap: "linked",
    sourcesContent: false,
    // Error types and functions keep their names in logs (pino's err.type) and stack traces.
    keepNames: true,
    logLevel: "warning",
  });
  cpSync("src/server/db/migrations", join(tmp, "migrations"), { recursive: true });
  writeStamp(join(tmp, ".build-stamp"), print);
  mkdirSync(dirname(OUT), { recursive: true });
  if (existsSync(OUT)) rmSync(OUT, { recursive: true, force: true });
  renameSync(tmp, OUT);
} catch (err) {
  rmSync(tmp, { recursive: true, force: true });
  // esbuild has printed the errors with their files and lines.
  process.stderr.write(
    `Serveren kunne ikke bygges: ${err instanceof Error ? err.message.split("\n")[0] : err}\n`,
  );
  process.exit(1);
}
