// When a build (dist/web, dist/server) is out of date, for `npm start`'s --if-stale builds.
// A build writes a fingerprint of its sources — SHA-256 over the path and content of every file —
// into a stamp next to its output; the build is fresh while the sources give the same fingerprint.
// Content rather than modification times: a deploy that copies an older release over the tree with
// its own times (rsync -a, tar, cp -p) would otherwise leave the newer build in place. Hashing the
// ~7 MB of sources takes well under 100 ms.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

function addTree(hash, path) {
  if (!existsSync(path)) {
    hash.update(`missing ${path}\0`);
    return;
  }
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) addTree(hash, join(path, name));
    return;
  }
  hash.update(`file ${path}\0`);
  hash.update(readFileSync(path));
  hash.update("\0");
}

/** The fingerprint of the given files and folders (paths relative to the project root). */
export function fingerprint(sources) {
  const hash = createHash("sha256");
  for (const source of sources) addTree(hash, source);
  return hash.digest("hex");
}

/** Whether the stamp exists, says this fingerprint, and every expected output exists. */
export function isFresh(stamp, print, outputs = []) {
  return (
    existsSync(stamp) && readFileSync(stamp, "utf8").trim() === print && outputs.every((o) => existsSync(o))
  );
}

export function writeStamp(stamp, print) {
  writeFileSync(stamp, `${print}\n`);
}
