/**
 * PGlite keeps no lock on its data folder: two processes on one folder
 * silently lose writes. Broen holds an exclusive lock while it runs and
 * refuses to start when another process holds it.
 *
 * The lock (proper-lockfile, a directory whose mtime the owner refreshes) names its owner in
 * `.broen.lock.owner` beside it: PID and host name. A lock whose owner is on this host and no
 * longer running (kill -9) is taken over at once instead of refusing until it goes stale (10 s);
 * a lock of a live process, or of another host (a shared folder), is respected. Checking and
 * taking over happen under a short second lock, so two starters cannot both take it over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import lockfile from "proper-lockfile";

export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `en anden Broen-proces bruger allerede ${dataDir}. Stop den først (kun én proces må åbne den indbyggede database ad gangen).`,
    );
  }
}

interface Owner {
  pid: number;
  hostname: string;
}

const lockPathOf = (dataDir: string) => `${dataDir}/.broen.lock`;
const ownerPathOf = (dataDir: string) => `${dataDir}/.broen.lock.owner`;

function readOwner(dataDir: string): Owner | null {
  try {
    const o = JSON.parse(readFileSync(ownerPathOf(dataDir), "utf8")) as Partial<Owner>;
    return typeof o.pid === "number" && typeof o.hostname === "string"
      ? { pid: o.pid, hostname: o.hostname }
      : null;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user — still alive.
    return (err as { code?: string }).code === "EPERM";
  }
}

/** Removes the lock when its owner is a process of this host that has gone. */
function takeOverFromDeadOwner(dataDir: string): void {
  const owner = readOwner(dataDir);
  if (!owner || owner.hostname !== hostname() || owner.pid === process.pid || isRunning(owner.pid)) return;
  rmSync(lockPathOf(dataDir), { recursive: true, force: true });
}

export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  mkdirSync(dataDir, { recursive: true });
  // Held for milliseconds: only while checking the owner, locking and naming the new owner.
  // proper-lockfile keeps one lock per file path, so this one locks a path of its own, not dataDir.
  const releaseTakeover = await lockfile.lock(`${dataDir}/.broen.takeover`, {
    realpath: false,
    stale: 10_000,
    retries: { retries: 40, minTimeout: 25, maxTimeout: 250 },
  });
  try {
    takeOverFromDeadOwner(dataDir);
    let release: () => Promise<void>;
    try {
      // proper-lockfile refreshes the lock's mtime; a lock of another host goes stale after 10 s.
      release = await lockfile.lock(dataDir, {
        lockfilePath: lockPathOf(dataDir),
        stale: 10_000,
        update: 2_000,
      });
    } catch (err) {
      if ((err as { code?: string }).code === "ELOCKED") throw new DataDirLockedError(dataDir);
      throw err;
    }
    writeFileSync(
      ownerPathOf(dataDir),
      JSON.stringify({ pid: process.pid, hostname: hostname() } satisfies Owner),
    );
    return async () => {
      rmSync(ownerPathOf(dataDir), { force: true });
      await release();
    };
  } finally {
    await releaseTakeover();
  }
}
