import { keptDayUsable } from "../../domain/offline";
import type { Me } from "../../shared/api/auth";
import { readDay } from "./store";

/**
 * The user the kept day belongs to, when it may open the app without a signal: not after any
 * logout, on its own day, within its hours (domain/offline.ts). Otherwise the login page, which
 * needs a connection.
 */
export async function keptUser(): Promise<Me | null> {
  const day = await readDay().catch(() => undefined);
  return day && keptDayUsable(day, Date.now()) ? day.me : null;
}
