// Builds the web app into dist/web. With --if-stale, only when its sources changed since the last
// build (scripts/build-stamp.mjs), so `npm start` builds on a fresh clone and starts in seconds afterwards.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { constants, brotliCompressSync, gzipSync } from "node:zlib";
import { fingerprint, isFresh, writeStamp } from "./build-stamp.mjs";

const STAMP = "dist/web/.build-stamp";
const SOURCES = [
  "src/web",
  "src/shared",
  "src/domain",
  "index.html",
  "public",
  "vite.config.ts",
  "tsconfig.json",
  "package-lock.json",
  "scripts/build-web.mjs",
  "scripts/build-stamp.mjs",
];

// Taken before building: a file saved during the build makes the next start build again.
const print = fingerprint(SOURCES);
if (process.argv.includes("--if-stale") && isFresh(STAMP, print, ["dist/web/index.html"])) process.exit(0);
// Loaded only to build: importing vite alone costs a start about a second.
const { build } = await import("vite");
process.stdout.write("Bygger webappen (dist/web) …\n");
await build({ logLevel: "warn" });

// Brotli and gzip copies next to each hashed asset, and next to index.html and the other files at
// the top (the service worker, the manifest), made once at the best level: the server (@fastify/static
// preCompressed) sends them as they are instead of compressing per request — the SPA fallback's
// index.html too, which @fastify/compress does not see (issue 17 point 2).
const COMPRESSIBLE = /\.(js|css|svg|json|txt|ttf|otf|eot|html|webmanifest)$/;
const files = ["dist/web", "dist/web/assets"].flatMap((dir) =>
  existsSync(dir) ? readdirSync(dir).map((name) => join(dir, name)) : [],
);
for (const file of files) {
  if (!COMPRESSIBLE.test(file) || !statSync(file).isFile() || statSync(file).size < 1024) continue;
  const content = readFileSync(file);
  writeFileSync(
    `${file}.br`,
    brotliCompressSync(content, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
    }),
  );
  writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
}
writeStamp(STAMP, print);
