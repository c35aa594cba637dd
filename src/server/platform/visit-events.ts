/**
 * "A visit changed" (issue 16): the courses and punch-card services say, inside their transaction,
 * that a clip, a conversation or a whole course was planned, moved, cancelled, registered, held or
 * closed; the messaging module listens and brings the visit's reminders in line.
 *
 * Why a listener here and not a call into messaging's front door: messaging reads courses, the
 * punch card, detection and referrals (the letter, the digest), so courses → messaging would close
 * an import cycle. The platform owns the signal; the modules on either side import only it.
 */
import type { DbOrTx } from "../db/client.js";

export type VisitChange = { clipId: string } | { conversationId: string } | { courseId: string };
export type VisitListener = (tx: DbOrTx, municipalityId: string, change: VisitChange) => Promise<void>;

const listeners = new Set<VisitListener>();

/** Registered once by a module's front door when it is loaded (messaging/index.ts). */
export function onVisitChanged(listener: VisitListener): void {
  listeners.add(listener);
}

/** Called by the service that changed the visit, in its transaction: a listener's failure rolls the change back. */
export async function visitChanged(tx: DbOrTx, municipalityId: string, change: VisitChange): Promise<void> {
  for (const listener of listeners) await listener(tx, municipalityId, change);
}
