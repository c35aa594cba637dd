/**
 * The citizen's profile — interests, barriers, wishes — accumulates over conversations (issue 11
 * point 8). Each held conversation stores the whole profile as it stood after it: it starts from
 * the profile of the conversation recorded before it (in any of the citizen's courses) and edits
 * it. So the current profile is simply the held conversation recorded last, and each earlier
 * conversation is the profile's history. Matching, small communities and the volunteer referral
 * read it from here; a later conversation that gathers nothing new no longer wipes what they knew.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { builtOnce } from "../../db/built-once.js";
import type { DbOrTx } from "../../db/client.js";
import { conversations } from "../../db/schema/index.js";

export async function currentProfile(tx: DbOrTx, citizenId: string) {
  const [row] = await profileRow(tx, { citizenId, limit: 1 });
  return row ?? null;
}

// Matching and the course page read it on every request: built once (built-once.ts, issue 19).
const profileRow = builtOnce((tx) =>
  tx
    .select({
      id: conversations.id,
      heldAt: conversations.heldAt,
      recordedAt: conversations.recordedAt,
      interests: conversations.interests,
      barriers: conversations.barriers,
      wishes: conversations.wishes,
      barrierDefinitionId: conversations.barrierDefinitionId,
      interestDefinitionId: conversations.interestDefinitionId,
    })
    .from(conversations)
    .where(
      and(eq(conversations.citizenId, sql.placeholder("citizenId")), sql`${conversations.status} = 'held'`),
    )
    // Recorded last, not held last: a conversation entered afterwards started from the newer profile.
    .orderBy(
      sql`${conversations.recordedAt} desc nulls last`,
      desc(conversations.heldAt),
      desc(conversations.createdAt),
    )
    .limit(sql.placeholder("limit")),
);
export type CurrentProfile = NonNullable<Awaited<ReturnType<typeof currentProfile>>>;

export function presentProfile(p: CurrentProfile | null) {
  return p
    ? {
        conversationId: p.id,
        interests: p.interests,
        barriers: p.barriers,
        wishes: p.wishes,
        recordedAt: (p.recordedAt ?? p.heldAt)?.toISOString() ?? null,
      }
    : null;
}
