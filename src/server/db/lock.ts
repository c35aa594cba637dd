/**
 * PGlite keeps no lock on its data folder: two processes on one folder
 * silently lose writes. Broen holds an exclusive lock while it runs and
 * refuses to start when another process holds it.
 */
import { mkdirSync } from "node:fs";
import lockfile from "proper-lockfile";

export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string) {
    super(`en anden Broen-proces bruger allerede ${dataDir}. Stop den først (kun én proces må åbne den indbyggede database ad gangen).`);
  }
}

export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  mkdirSync(dataDir, { recursive: true });
  try {
    // proper-lockfile refreshes the lock's mtime; a crashed process's lock goes stale after 10 s.
    return await lockfile.lock(dataDir, { lockfilePath: `${dataDir}/.broen.lock`, stale: 10_000, update: 2_000 });
  } catch (err) {
    if ((err as { code?: string }).code === "ELOCKED") throw new DataDirLockedError(dataDir);
    throw err;
  }
}
