// Builds the web app into dist/web. With --if-stale, only when a source file is newer than
// the last build, so `npm start` builds on a fresh clone and starts in seconds afterwards.
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
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
writeFileSync(STAMP, new Date().toISOString());
