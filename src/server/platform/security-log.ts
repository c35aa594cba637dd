/**
 * The security log (issue 18.9): sign-ins and account events an administrator can read.
 * Call recordSecurityEvent() in the transaction that does the work — except for a failed login,
 * whose transaction may roll back: record it on the database handle itself so it stays.
 * Never pass a password; `username` is what was typed (bounded), `userId` the user when known.
 */
import type { SecurityEventKind } from "../../domain/vocabulary/security.js";
import type { DbOrTx } from "../db/client.js";
import { securityEvents } from "../db/schema/index.js";

// The kinds are shared with the web app (its filter and labels): domain/vocabulary/security.ts.
export type { SecurityEventKind };

export interface SecurityEvent {
  kind: SecurityEventKind;
  /** Null for a username no municipality knows. */
  municipalityId: string | null;
  username?: string | null;
  userId?: string | null;
  /** Who did it when it is someone else (an administrator's reset or unlock). */
  actorUserId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

export async function recordSecurityEvent(tx: DbOrTx, e: SecurityEvent): Promise<void> {
  await tx.insert(securityEvents).values({
    kind: e.kind,
    municipalityId: e.municipalityId,
    username: e.username?.slice(0, 200) ?? null,
    userId: e.userId ?? null,
    actorUserId: e.actorUserId ?? null,
    ip: e.ip ?? null,
    userAgent: e.userAgent?.slice(0, 300) ?? null,
  });
}
