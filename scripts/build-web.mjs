// Builds the web app into dist/web. With --if-stale, only when a source file is newer than
// the last build, so `npm start` builds on a fresh clone and starts in seconds afterwards.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { constants, brotliCompressSync, gzipSync } from "node:zlib";
import { build } from "vite";

const STAMP = "dist/web/.build-stamp";
const SOURCES = ["src/web", "src/shared", "src/domain", "index.html", "vite.config.ts", "package-lock.json"];

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), st.mtimeMs);
}

const ifStale = process.argv.includes("--if-stale");
if (ifStale && existsSync(STAMP) && statSync(STAMP).mtimeMs >= Math.max(...SOURCES.map(newest))) {
  process.exit(0);
}
process.stdout.write("Bygger webappen (dist/web) …\n");
await build({ logLevel: "warn" });

// Brotli and gzip copies next to each hashed asset, made once at the best level: the server
// (@fastify/static preCompressed) sends them as they are instead of compressing per request.
const ASSETS = "dist/web/assets";
const COMPRESSIBLE = /\.(js|css|svg|json|txt|ttf|otf|eot)$/;
for (const name of existsSync(ASSETS) ? readdirSync(ASSETS) : []) {
  const file = join(ASSETS, name);
  if (!COMPRESSIBLE.test(name) || statSync(file).size < 1024) continue;
  const content = readFileSync(file);
  writeFileSync(
    `${file}.br`,
    brotliCompressSync(content, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
    }),
  );
  writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
}
writeFileSync(STAMP, new Date().toISOString());
